// The desk's transactions on a real SQLite store: each action appends exactly
// one event per person with the operator's name, queued for sync, or writes
// nothing and says why.
#include <catch2/catch.hpp>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "fixtures.hpp"
#include "shared/flow/desk_flow.hpp"
#include "shared/domain/ticket.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/desk.hpp"
#include "shared/store/staff.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

constexpr std::int64_t k_day1_0857 = 1'796'284'620'000;

struct Desk {
  TempDir dir;
  Store store = open();
  Event event = sample_event();
  Attendee helene = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");
  Attendee marie = make_attendee("R2", "Marie", "Dupont", "Mairie de Lyon", DaySet::from_bits(0b01));
  std::int64_t now = k_day1_0857;

  Store open() {
    auto s = Store::open(dir.path / "accueil.db");
    REQUIRE(s);
    return std::move(*s);
  }
  Desk() {
    REQUIRE(store.save_event(event));
    marie.email = "marie.dupont@lyon.fr";
    REQUIRE(store.insert_attendee(helene, AttendeeSource::import));
    REQUIRE(store.insert_attendee(marie, AttendeeSource::import));
  }
  CheckinContext by(std::string operator_name = "Camille", int day = 1) {
    now += 1000;
    return CheckinContext{day, "desk-1", std::move(operator_name), now};
  }
  std::int64_t log_size() { return store.log_size().value(); }
  std::vector<CheckinEvent> log(const Attendee& a) { return store.log_of(a.id).value(); }
  std::vector<OutboxEntry> outbox() { return store.outbox_pending(1000).value(); }
};

}  // namespace

TEST_CASE("desk check-in: any day, by the operator, one event", "[desk]") {
  Desk d;
  auto day2 = desk_check_in(d.store, d.event, d.helene.id, d.by("Camille", 2));
  REQUIRE(day2);
  CHECK(day2->outcome == Outcome::ok);
  REQUIRE(d.log_size() == 1);
  CheckinEvent e = d.log(d.helene).at(0);
  CHECK(e.kind == CheckinKind::checkin);
  CHECK(e.day == 2);
  CHECK(e.operator_name == "Camille");
  CHECK(e.kiosk == "desk-1");
  CHECK(d.outbox().back().ref == e.uuid);
  // Again: already, nothing written.
  CHECK(desk_check_in(d.store, d.event, d.helene.id, d.by("Camille", 2))->outcome == Outcome::already_checked_in);
  CHECK(d.log_size() == 1);
  // Marie is registered for day 1 only: refused for day 2 unless staff say so.
  CHECK(desk_check_in(d.store, d.event, d.marie.id, d.by("Camille", 2))->outcome == Outcome::not_registered_today);
  CHECK(d.log_size() == 1);
  auto forced = desk_check_in(d.store, d.event, d.marie.id, d.by("Camille", 2), true);
  REQUIRE(forced);
  CHECK(forced->outcome == Outcome::ok);
  CHECK(d.log(d.marie).at(0).reason == "not registered for day 2: checked in by the desk");
  CHECK(d.store.effective_checkin(d.marie.id, 2).value());
  // Bad input: no operator, a day the event does not have.
  auto nobody = desk_check_in(d.store, d.event, d.marie.id, d.by(""));
  REQUIRE_FALSE(nobody);
  CHECK(nobody.error().message == "a desk action needs the operator's name");
  auto day3 = desk_check_in(d.store, d.event, d.marie.id, d.by("Camille", 3));
  REQUIRE_FALSE(day3);
  CHECK(day3.error().message == "day 3 is not a day of the event (it has 2 days)");
  CHECK(d.log_size() == 2);
}

TEST_CASE("desk undo needs a reason and cancels the check-in that counts", "[desk]") {
  Desk d;
  REQUIRE(desk_check_in(d.store, d.event, d.helene.id, d.by()));
  auto no_reason = desk_undo(d.store, d.helene.id, d.by(), "  ");
  REQUIRE_FALSE(no_reason);
  CHECK(no_reason.error().message == "undoing a check-in needs a reason");
  CHECK(d.log_size() == 1);
  auto undone = desk_undo(d.store, d.helene.id, d.by("Léa"), "checked in the wrong person");
  REQUIRE(undone);
  CHECK(d.log_size() == 2);
  CHECK(undone->kind == CheckinKind::undo);
  CHECK(undone->operator_name == "Léa");
  CHECK(undone->undoes == d.log(d.helene).at(0).uuid);
  CHECK_FALSE(d.store.effective_checkin(d.helene.id, 1).value());
}

TEST_CASE("reprints record their reason, and each one numbers the badge", "[desk]") {
  Desk d;
  CHECK(badge_number(d.store, d.helene.id).value() == 1);
  auto lost = desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::lost);
  REQUIRE(lost);
  CHECK(lost->kind == CheckinKind::reprint);
  CHECK(lost->reason == "lost");
  CHECK(lost->operator_name == "Camille");
  CHECK(badge_number(d.store, d.helene.id).value() == 2);
  auto bare_other = desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::other, " ");
  REQUIRE_FALSE(bare_other);
  CHECK(bare_other.error().message == "a reprint for another reason needs a few words saying which");
  auto other = desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::other, "coffee on it");
  REQUIRE(other);
  CHECK(other->reason == "other: coffee on it");
  CHECK(badge_number(d.store, d.helene.id).value() == 3);
  CHECK(d.log_size() == 2);
  CHECK_FALSE(desk_reprint(d.store, "no-such-id", d.by(), ReprintReason::lost));
  for (auto r : {ReprintReason::lost, ReprintReason::damaged, ReprintReason::misprint, ReprintReason::name_corrected,
                 ReprintReason::other})
    CHECK(reprint_reason_from_string(to_string(r)) == r);
}

TEST_CASE("a correction changes the record, queues it for sync and logs what changed", "[desk]") {
  Desk d;
  const auto outbox_before = d.outbox().size();
  AttendeeChanges c;
  c.last_name = "Moncond'huy-Leroy";
  c.function = "Maire de Poitiers";
  c.country = "FR";  // unchanged: not listed
  auto e = desk_correct(d.store, d.event, d.helene.id, c, d.by("Camille"));
  REQUIRE(e);
  REQUIRE(*e);
  CHECK((*e)->kind == CheckinKind::correction);
  CHECK((*e)->operator_name == "Camille");
  auto what = nlohmann::json::parse((*e)->reason);
  CHECK(what.size() == 2);
  CHECK(what["last_name"] == nlohmann::json::array({"Moncond'huy", "Moncond'huy-Leroy"}));
  CHECK(what["function"] == nlohmann::json::array({"", "Maire de Poitiers"}));
  Attendee now = d.store.attendee_by_id(d.helene.id).value().value();
  CHECK(now.last_name == "Moncond'huy-Leroy");
  CHECK(now.function == "Maire de Poitiers");
  auto outbox = d.outbox();
  REQUIRE(outbox.size() == outbox_before + 2);  // the record, and the event
  CHECK(outbox[outbox.size() - 2].topic == "attendee");
  CHECK(outbox[outbox.size() - 2].ref == d.helene.id);
  CHECK(outbox.back().ref == (*e)->uuid);
  // The same again: nothing to change, no event.
  auto same = desk_correct(d.store, d.event, d.helene.id, c, d.by());
  REQUIRE(same);
  CHECK_FALSE(*same);
  CHECK(d.log_size() == 1);
}

TEST_CASE("a correction with a bad field says which and writes nothing", "[desk]") {
  Desk d;
  auto try_change = [&](AttendeeChanges c) {
    auto r = desk_correct(d.store, d.event, d.helene.id, c, d.by());
    REQUIRE_FALSE(r);
    return r.error().message;
  };
  AttendeeChanges country;
  country.country = "France";
  CHECK(try_change(country) == "\"France\" is not an ISO 3166-1 country code (such as FR, DE, SN): did you mean FR?");
  AttendeeChanges category;
  category.category = "astronaut";
  CHECK(try_change(category) == "\"astronaut\" is not one of the event's categories");
  AttendeeChanges names;
  names.first_name = "";
  names.last_name = " ";
  CHECK(try_change(names) == "a record needs a first or a last name");
  AttendeeChanges email;
  email.email = "helene.example.org";
  CHECK(try_change(email) == "\"helene.example.org\" is not an e-mail address (no @)");
  CHECK(d.log_size() == 0);
  CHECK(d.store.attendee_by_id(d.helene.id).value().value() == d.helene);
}

TEST_CASE("VIP, staff note and 'see reception' are corrections; the kiosk reads 'see reception' from the log",
          "[desk]") {
  Desk d;
  CHECK(see_reception_of(d.store, d.helene.id).value().empty());
  AttendeeChanges c;
  c.vip = true;
  c.staff_note = "protocole : accueillir à l'entrée";
  REQUIRE(desk_correct(d.store, d.event, d.helene.id, c, d.by())->has_value());
  AttendeeChanges see;
  see.see_reception = "unpaid: invoice 2026-118";
  auto flagged = desk_correct(d.store, d.event, d.helene.id, see, d.by("Léa"));
  REQUIRE(flagged);
  REQUIRE(*flagged);
  CHECK(nlohmann::json::parse((*flagged)->reason)["see_reception"] ==
        nlohmann::json::array({"", "unpaid: invoice 2026-118"}));
  CHECK(see_reception_of(d.store, d.helene.id).value() == "unpaid: invoice 2026-118");
  Attendee now = d.store.attendee_by_id(d.helene.id).value().value();
  CHECK(now.vip);
  CHECK(now.staff_note == "protocole : accueillir à l'entrée");
  AttendeeChanges clear;
  clear.see_reception = "";
  REQUIRE(desk_correct(d.store, d.event, d.helene.id, clear, d.by())->has_value());
  CHECK(see_reception_of(d.store, d.helene.id).value().empty());
  CHECK(d.log_size() == 3);
  // A correction does not make anyone present.
  CHECK_FALSE(d.store.effective_checkin(d.helene.id, 1).value());
}

TEST_CASE("walk-in duplicates ignore case, accents and punctuation in both names", "[desk]") {
  Desk d;
  Attendee elodie = make_attendee("R3", "Élodie", "Lefèvre-Dœuf", "Mairie d'Évian");
  REQUIRE(d.store.insert_attendee(elodie, AttendeeSource::import));
  // Typed at the desk on a keyboard without accents, in capitals, the names swapped.
  for (auto [first, last] : {std::pair{"ELODIE", "LEFEVRE-DOEUF"}, std::pair{"elodie", "Lefevre Doeuf"},
                             std::pair{"LEFÈVRE-DŒUF", "Élodie"}, std::pair{"Helene", "MONCONDHUY"}}) {
    WalkIn w;
    w.first_name = first;
    w.last_name = last;
    INFO(first << " " << last);
    auto dups = possible_duplicates(d.store, w);
    REQUIRE(dups);
    REQUIRE(dups->size() == 1);
  }
  WalkIn other;
  other.first_name = "Elodie";
  other.last_name = "Lefebvre";
  CHECK(possible_duplicates(d.store, other)->empty());
  CHECK(duplicate_warning(elodie) == "Élodie Lefèvre-Dœuf, Mairie d'Évian, is already registered.");
}

TEST_CASE("walk-in: duplicates are warned, a new person is registered and checked in at once", "[desk]") {
  Desk d;
  WalkIn w;
  w.first_name = "MARIE";
  w.last_name = "Dupont";
  w.organisation = "Mairie de Lyon";
  w.country = "FR";
  w.category = "elu";
  auto dups = possible_duplicates(d.store, w).value();
  REQUIRE(dups.size() == 1);
  CHECK(duplicate_warning(dups[0]) == "Marie Dupont, Mairie de Lyon, is already registered.");
  WalkIn by_mail;
  by_mail.first_name = "M.";
  by_mail.last_name = "D.";
  by_mail.email = "Marie.Dupont@Lyon.fr";
  CHECK(possible_duplicates(d.store, by_mail)->size() == 1);

  WalkIn jo;
  jo.first_name = "Jo";
  jo.last_name = "Nakamura";
  jo.organisation = "Asahi Shimbun";
  jo.function = "Journaliste";
  jo.country = "JP";
  jo.category = "presse";
  jo.language = "en";
  CHECK(possible_duplicates(d.store, jo)->empty());
  const auto before = d.store.attendee_count().value();
  auto r = register_walkin(d.store, d.event, jo, d.by("Camille"));
  REQUIRE(r);
  CHECK(r->outcome == Outcome::ok);
  REQUIRE(r->attendee);
  CHECK(d.store.attendee_count().value() == before + 1);
  Attendee saved = d.store.attendee_by_id(r->attendee->id).value().value();
  CHECK(saved.last_name == "Nakamura");
  CHECK(saved.days == DaySet::from_bits(0b01));
  CHECK(saved.ticket_code.starts_with("W-"));
  CHECK(d.store.attendee_by_ticket(saved.ticket_code).value());
  auto log = d.log(saved);
  REQUIRE(log.size() == 1);
  CHECK(log[0].kind == CheckinKind::walkin);
  CHECK(log[0].operator_name == "Camille");
  CHECK(d.store.effective_checkin(saved.id, 1).value());
  auto outbox = d.outbox();
  CHECK(std::ranges::count_if(outbox, [&](const OutboxEntry& o) { return o.ref == saved.id && o.topic == "attendee"; }) == 1);
  // Found afterwards by name, as at a kiosk.
  auto everyone = d.store.attendees().value();
  SearchIndex kiosk_index(everyone);
  auto hits = kiosk_index.search("nakamura", 5);
  REQUIRE(hits.size() == 1);
  CHECK(kiosk_index.id(hits[0].index) == saved.id);

  WalkIn bad = jo;
  bad.country = "Japon";
  CHECK_FALSE(register_walkin(d.store, d.event, bad, d.by()));
  bad = jo;
  bad.first_name = bad.last_name = "";
  CHECK_FALSE(register_walkin(d.store, d.event, bad, d.by()));
  CHECK(d.store.attendee_count().value() == before + 1);
}

TEST_CASE("a delegation is found by name, country or member and checked in as one batch, head first", "[desk]") {
  Desk d;
  std::vector<Attendee> members;
  for (int i = 0; i < 8; ++i) {
    Attendee mayor = make_attendee(fmt::format("SN{}", i), fmt::format("Maire{}", i), "Diop", fmt::format("Commune {}", i));
    mayor.country = "SN";
    mayor.category = "delegation";
    mayor.delegation = "Délégation du Sénégal";
    members.push_back(mayor);
  }
  Attendee interpreter = make_attendee("SN8", "Awa", "Ndiaye", "", DaySet::from_bits(0b10));
  interpreter.function = "Interprète";
  interpreter.delegation = "Délégation du Sénégal";
  Attendee ambassador = make_attendee("SN9", "Cheikh", "Fall", "Ambassade du Sénégal");
  ambassador.function = "Ambassadeur du Sénégal en France";
  ambassador.delegation = "Délégation du Sénégal";
  members.push_back(interpreter);
  members.push_back(ambassador);
  for (const auto& m : members) REQUIRE(d.store.insert_attendee(m, AttendeeSource::import));

  CHECK(find_delegations(d.store, "senegal").value() == std::vector<std::string>{"Délégation du Sénégal"});
  CHECK(find_delegations(d.store, "ndiaye").value() == std::vector<std::string>{"Délégation du Sénégal"});
  CHECK(find_delegations(d.store, "sene deleg").value() == std::vector<std::string>{"Délégation du Sénégal"});
  CHECK(find_delegations(d.store, "allemagne").value().empty());
  auto found = delegation_members(d.store, "Délégation du Sénégal").value();
  REQUIRE(found.size() == 10);
  auto head = delegation_head(found);
  REQUIRE(head);
  CHECK(found[*head].id == ambassador.id);

  // One mayor is already in; one is not here yet.
  REQUIRE(check_in_attendee(d.store, d.event, members[3].id, CheckinContext{1, "kiosk-2", "", d.now}));
  const auto before = d.log_size();
  std::vector<std::string> ticked;
  for (std::size_t i = 0; i < members.size(); ++i)
    if (i != 5) ticked.push_back(members[i].id);
  auto r = check_in_group(d.store, d.event, ticked, ambassador.id, d.by("Camille"));
  REQUIRE(r);
  REQUIRE(r->size() == 9);
  CHECK((*r)[0].attendee->id == ambassador.id);
  CHECK((*r)[0].outcome == Outcome::ok);
  int ok = 0;
  for (const auto& dec : *r) ok += dec.outcome == Outcome::ok;
  CHECK(ok == 8);  // the mayor already in is not checked in twice
  CHECK(d.log_size() == before + 8);
  CHECK(std::ranges::count_if(*r, [](const Decision& x) { return x.outcome == Outcome::already_checked_in; }) == 1);
  // The interpreter registered for day 2 only came with them on day 1.
  CHECK(d.log(interpreter).at(0).reason == "not registered for day 1: checked in with the delegation");
  for (const auto& dec : *r)
    if (dec.recorded) CHECK(dec.recorded->operator_name == "Camille");
  CHECK_FALSE(check_in_group(d.store, d.event, {}, "", d.by()));
}

TEST_CASE("the audit lists desk actions with their operator, newest last", "[desk]") {
  Desk d;
  REQUIRE(check_in_attendee(d.store, d.event, d.marie.id, CheckinContext{1, "kiosk-2", "", d.now}));
  REQUIRE(desk_check_in(d.store, d.event, d.helene.id, d.by("Camille")));
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by("Léa"), ReprintReason::damaged));
  auto all = audit_log(d.store, {}).value();
  REQUIRE(all.size() == 3);
  CHECK(all[0].event.kiosk == "kiosk-2");
  CHECK(all[2].event.kind == CheckinKind::reprint);
  CHECK(all[2].attendee_name == "Hélène Moncond'huy");
  AuditFilter staff;
  staff.staff_only = true;
  CHECK(audit_log(d.store, staff)->size() == 2);
  AuditFilter lea;
  lea.operator_name = "Léa";
  auto leas = audit_log(d.store, lea).value();
  REQUIRE(leas.size() == 1);
  CHECK(leas[0].event.reason == "damaged");
}

TEST_CASE("every desk action through perform_desk_action appends one event per person with the operator",
          "[desk]") {
  Desk d;
  auto run = [&](DeskAction a, std::string op = "Camille") {
    auto before = d.log_size();
    auto out = perform_desk_action(d.store, d.event, a, d.by(op));
    REQUIRE(out);
    INFO(to_string(a.kind) << ": " << english(out->notice));
    CHECK(out->done);
    CHECK(d.log_size() == before + static_cast<std::int64_t>(out->events.size()));
    for (const auto& e : out->events) CHECK(e.operator_name == op);
    return *out;
  };
  DeskAction check_in{.kind = DeskActionKind::check_in, .attendee_id = d.helene.id};
  auto out = run(check_in);
  CHECK(out.events.size() == 1);
  CHECK(out.to_print == std::vector<std::string>{d.helene.id});
  DeskAction reprint{.kind = DeskActionKind::reprint, .attendee_id = d.helene.id,
                     .reprint_reason = ReprintReason::misprint, .printer = "desk-ql"};
  out = run(reprint);
  CHECK(out.events.size() == 1);
  CHECK(out.printer == "desk-ql");
  CHECK(out.print_reason == "misprint");
  DeskAction correct{.kind = DeskActionKind::correct, .attendee_id = d.helene.id, .print = true};
  correct.changes.first_name = "Hélèna";
  out = run(correct);
  REQUIRE(out.events.size() == 2);  // the correction, and the reprint of the corrected badge
  CHECK(out.events[0].kind == CheckinKind::correction);
  CHECK(out.events[1].kind == CheckinKind::reprint);
  CHECK(out.events[1].reason == "name-corrected");
  CHECK(out.to_print == std::vector<std::string>{d.helene.id});
  DeskAction undo{.kind = DeskActionKind::undo, .attendee_id = d.helene.id, .undo_reason = UndoReason::wrong_person};
  CHECK(run(undo, "Léa").events.size() == 1);

  DeskAction walkin{.kind = DeskActionKind::walk_in};
  walkin.walkin.first_name = "Marie";
  walkin.walkin.last_name = "DUPONT";
  walkin.walkin.category = "elu";
  auto warned = perform_desk_action(d.store, d.event, walkin, d.by());
  REQUIRE(warned);
  CHECK_FALSE(warned->done);
  CHECK(english(warned->notice) == "Marie Dupont, Mairie de Lyon, is already registered.");
  CHECK(warned->events.empty());
  walkin.despite_duplicates = true;
  out = run(walkin);
  CHECK(out.events.size() == 1);
  CHECK(out.events[0].kind == CheckinKind::walkin);
}

TEST_CASE("a store of schema 4 is migrated to the desk's schema, keeping its log append-only", "[desk][store]") {
  TempDir dir;
  Attendee a = make_attendee("R1", "Hélène", "Moncond'huy");
  {
    auto store = Store::open(dir.path / "old.db");
    REQUIRE(store);
    REQUIRE(store->insert_attendee(a, AttendeeSource::import));
    // The log as schema 4 had it (the kinds of then), with two events in it.
    REQUIRE(store->database().exec(R"sql(
DROP TABLE staff; DROP TABLE staff_attempts; DROP TABLE checkins;
ALTER TABLE print_requests DROP COLUMN move_to;
CREATE TABLE checkins (
  seq INTEGER PRIMARY KEY AUTOINCREMENT, uuid TEXT NOT NULL UNIQUE, attendee_id TEXT NOT NULL REFERENCES attendees (id),
  day INTEGER NOT NULL CHECK (day BETWEEN 1 AND 32), kiosk TEXT NOT NULL, at_ms INTEGER NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('checkin', 'undo', 'reprint', 'walkin')),
  operator TEXT NOT NULL DEFAULT '', undoes TEXT NOT NULL DEFAULT '', reason TEXT NOT NULL DEFAULT '');
CREATE INDEX checkins_attendee_day ON checkins (attendee_id, day);
CREATE INDEX checkins_undoes ON checkins (undoes) WHERE kind = 'undo';
CREATE TRIGGER checkins_no_update BEFORE UPDATE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
CREATE TRIGGER checkins_no_delete BEFORE DELETE ON checkins
  BEGIN SELECT RAISE(ABORT, 'the check-in log is append-only'); END;
PRAGMA user_version = 4;
)sql"));
    REQUIRE(store->append(CheckinEvent{"u1", a.id, 1, "kiosk-1", 100, CheckinKind::checkin, "", "", ""}));
    REQUIRE(store->append(CheckinEvent{"u2", a.id, 1, "desk", 200, CheckinKind::reprint, "Léa", "", "lost"}));
    CHECK_FALSE(store->append(CheckinEvent{"u3", a.id, 1, "desk", 300, CheckinKind::correction, "Léa", "", "{}"}));
  }
  auto store = Store::open(dir.path / "old.db");
  REQUIRE(store);
  CHECK(store->schema_version().value() == Store::current_schema_version());
  auto log = store->log_of(a.id).value();
  REQUIRE(log.size() == 2);
  CHECK(log[1] == CheckinEvent{"u2", a.id, 1, "desk", 200, CheckinKind::reprint, "Léa", "", "lost"});
  CHECK(store->effective_checkin(a.id, 1).value()->uuid == "u1");
  REQUIRE(store->append(CheckinEvent{"u3", a.id, 1, "desk", 300, CheckinKind::correction, "Léa", "", "{}"}));
  auto changed = store->database().exec("UPDATE checkins SET operator = 'x'");
  REQUIRE_FALSE(changed);
  CHECK(changed.error().message.find("append-only") != std::string::npos);
  CHECK_FALSE(store->database().exec("DELETE FROM checkins"));
  CHECK(store->log_size().value() == 3);
  REQUIRE(add_staff(*store, "Léa", StaffRole::desk, "1234", false, PinCost::minimal()));
}

TEST_CASE("a reprint numbers the badge's QR code; an older badge scanned at a kiosk is refused and logged",
          "[desk][checkin]") {
  Desk d;
  CHECK(d.store.badge_code(d.helene.id).value() == "T-R1#1");  // the first badge is numbered too
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::lost));
  CHECK(d.store.badge_code(d.helene.id).value() == "T-R1#2");
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::damaged));
  CHECK(d.store.badge_code(d.helene.id).value() == "T-R1#3");
  const auto before = d.log_size();
  auto old = check_in_scan(d.store, d.event, "T-R1#2\r", CheckinContext{1, "kiosk-3", "", d.now + 10});
  REQUIRE(old);
  CHECK(old->outcome == Outcome::superseded);
  CHECK(old->detail == "Badge 2 of Hélène Moncond'huy was replaced by badge 3.");
  REQUIRE(d.log_size() == before + 1);
  CheckinEvent logged = d.log(d.helene).back();
  CHECK(logged.kind == CheckinKind::superseded);
  CHECK(logged.kiosk == "kiosk-3");
  CHECK(logged.reason == "badge 2 scanned; badge 3 replaced it");
  CHECK_FALSE(d.store.effective_checkin(d.helene.id, 1).value());  // it did not pass
  // The newest badge passes; so does the confirmation (no number).
  auto newest = check_in_scan(d.store, d.event, "T-R1#3", CheckinContext{1, "kiosk-3", "", d.now + 20});
  REQUIRE(newest);
  CHECK(newest->outcome == Outcome::ok);
  CHECK(check_in_scan(d.store, d.event, "T-R1", CheckinContext{2, "kiosk-3", "", d.now + 30})->outcome == Outcome::ok);
  // A code that merely contains '#' is looked up as it is.
  CHECK(check_in_scan(d.store, d.event, "T-R1#x", CheckinContext{2, "kiosk-3", "", d.now})->outcome == Outcome::unknown);
}

TEST_CASE("a lost first badge scanned at a kiosk after a reprint is superseded and logged", "[desk][checkin]") {
  Desk d;
  const std::string original = d.store.badge_code(d.helene.id).value();  // what the first badge's QR holds
  REQUIRE(check_in_scan(d.store, d.event, original, CheckinContext{1, "kiosk-1", "", d.now})->outcome == Outcome::ok);
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::lost));
  const auto before = d.log_size();
  auto found = check_in_scan(d.store, d.event, original, CheckinContext{2, "kiosk-2", "", d.now + 10});
  REQUIRE(found);
  CHECK(found->outcome == Outcome::superseded);
  CHECK(found->detail == "Badge 1 of Hélène Moncond'huy was replaced by badge 2.");
  REQUIRE(d.log_size() == before + 1);
  CHECK(d.log(d.helene).back().kind == CheckinKind::superseded);
  CHECK(d.log(d.helene).back().kiosk == "kiosk-2");
  CHECK_FALSE(d.store.effective_checkin(d.helene.id, 2).value());
  // The confirmation (the code alone) still checks its holder in.
  CHECK(check_in_scan(d.store, d.event, "T-R1", CheckinContext{2, "kiosk-2", "", d.now + 20})->outcome == Outcome::ok);
}

TEST_CASE("signed tickets carry badge numbers too", "[desk][checkin]") {
  Desk d;
  SecretKey key = generate_secret_key();
  d.event.public_key = public_key_to_text(key.public_key());
  const std::string token = sign_ticket(claims_for(d.helene, d.event), key).value();
  REQUIRE(d.store.set_ticket_token(d.helene.id, token));
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::lost));
  CHECK(d.store.badge_code(d.helene.id).value() == token + "#2");
  CHECK(check_in_scan(d.store, d.event, token, CheckinContext{1, "k", "", d.now})->outcome == Outcome::ok);
  CHECK(check_in_scan(d.store, d.event, token + "#1", CheckinContext{2, "k", "", d.now})->outcome ==
        Outcome::superseded);
  REQUIRE(desk_reprint(d.store, d.helene.id, d.by(), ReprintReason::lost));
  CHECK(check_in_scan(d.store, d.event, token + "#2", CheckinContext{2, "k", "", d.now})->outcome ==
        Outcome::superseded);
  CHECK(check_in_scan(d.store, d.event, token + "#3", CheckinContext{2, "k", "", d.now})->outcome == Outcome::ok);
}

TEST_CASE("'see reception': the kiosk checks the person in and learns why the desk wants them", "[desk][checkin]") {
  Desk d;
  AttendeeChanges see;
  see.see_reception = "lettre du préfet à remettre";
  REQUIRE(desk_correct(d.store, d.event, d.helene.id, see, d.by()));
  auto scanned = check_in_scan(d.store, d.event, "T-R1", CheckinContext{1, "kiosk-1", "", d.now + 10});
  REQUIRE(scanned);
  CHECK(scanned->outcome == Outcome::ok);
  CHECK(scanned->see_reception == "lettre du préfet à remettre");
  CHECK(d.store.effective_checkin(d.helene.id, 1).value());
  auto marie = check_in_scan(d.store, d.event, "T-R2", CheckinContext{1, "kiosk-1", "", d.now + 10});
  CHECK(marie->see_reception.empty());
}
