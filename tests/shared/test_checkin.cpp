#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

// 2026-12-03 08:57 in Paris (UTC+1).
constexpr std::int64_t k_day1_0857 = 1'796'284'620'000;

struct Fixture {
  Event event = sample_event();
  Store store = memory_store();
  SecretKey key = generate_secret_key();
  Attendee helene = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");

  Fixture() {
    event.public_key = public_key_to_text(key.public_key());
    REQUIRE(store.save_event(event));
    REQUIRE(store.insert_attendee(helene, AttendeeSource::import));
  }
  CheckinContext at(int day, std::string kiosk = "kiosk-1", std::int64_t ms = k_day1_0857) const {
    return CheckinContext{day, std::move(kiosk), "", ms};
  }
  std::string ticket_for(const Attendee& a, const Event& for_event) const {
    return sign_ticket(claims_for(a, for_event), key).value();
  }
};

}  // namespace

TEST_CASE("the rule: cancelled, then the day, then presence", "[checkin]") {
  Attendee a = make_attendee("R", "A", "B", "", DaySet::from_bits(0b01));
  CheckinEvent earlier{"u", a.id, 1, "k", 0, CheckinKind::checkin, "", "", ""};
  CHECK(decide(a, 1, std::nullopt) == Outcome::ok);
  CHECK(decide(a, 1, earlier) == Outcome::already_checked_in);
  CHECK(decide(a, 2, std::nullopt) == Outcome::not_registered_today);
  a.status = AttendeeStatus::cancelled;
  CHECK(decide(a, 1, std::nullopt) == Outcome::cancelled);
  CHECK(decide(a, 2, earlier) == Outcome::cancelled);
}

TEST_CASE("local dates follow the event's time zone", "[checkin]") {
  CHECK(local_date(k_day1_0857, "Europe/Paris") == "2026-12-03");
  CHECK(local_time(k_day1_0857, "Europe/Paris") == "08:57");
  CHECK(local_time(k_day1_0857, "UTC") == "07:57");
  CHECK(local_date(k_day1_0857 - 9 * 3600'000, "Europe/Paris") == "2026-12-02");  // 23:57 the day before
  Event e = sample_event();
  CHECK(event_day_at(e, k_day1_0857) == 1);
  CHECK(event_day_at(e, k_day1_0857 + 24 * 3600'000) == 2);
  CHECK_FALSE(event_day_at(e, k_day1_0857 + 48 * 3600'000).has_value());
}

TEST_CASE("a plain ticket code checks in once per day", "[checkin]") {
  Fixture f;
  auto first = check_in_scan(f.store, f.event, "T-R1\r\n", f.at(1));
  REQUIRE(first);
  CHECK(first->outcome == Outcome::ok);
  REQUIRE(first->recorded);
  CHECK(first->attendee->id == f.helene.id);
  CHECK(f.store.effective_checkin(f.helene.id, 1).value() == first->recorded);

  auto second = check_in_scan(f.store, f.event, "T-R1", f.at(1, "kiosk-2", k_day1_0857 + 60'000));
  REQUIRE(second);
  CHECK(second->outcome == Outcome::already_checked_in);
  REQUIRE(second->previous);
  CHECK(second->previous->kiosk == "kiosk-1");  // where
  CHECK(second->previous->at_ms == k_day1_0857);  // when
  CHECK_THAT(second->detail, Catch::Contains("08:57") && Catch::Contains("kiosk-1"));
  CHECK(f.store.log_size().value() == 1);

  auto next_day = check_in_scan(f.store, f.event, "T-R1", f.at(2));
  REQUIRE(next_day);
  CHECK(next_day->outcome == Outcome::ok);
}

TEST_CASE("each refusal is its own outcome and writes nothing", "[checkin]") {
  Fixture f;
  Attendee day2 = make_attendee("R2", "Jean", "Dupont", "", DaySet::from_bits(0b10));
  Attendee gone = make_attendee("R3", "Ana", "García");
  gone.status = AttendeeStatus::cancelled;
  REQUIRE(f.store.insert_attendee(day2, AttendeeSource::import));
  REQUIRE(f.store.insert_attendee(gone, AttendeeSource::import));

  CHECK(check_in_scan(f.store, f.event, "T-R2", f.at(1))->outcome == Outcome::not_registered_today);
  CHECK(check_in_scan(f.store, f.event, "T-R3", f.at(1))->outcome == Outcome::cancelled);
  CHECK(check_in_scan(f.store, f.event, "T-NOBODY", f.at(1))->outcome == Outcome::unknown);
  CHECK(check_in_scan(f.store, f.event, "   ", f.at(1))->outcome == Outcome::unknown);
  CHECK(f.store.log_size().value() == 0);
}

TEST_CASE("signed tickets: valid, altered, other key, other event", "[checkin]") {
  Fixture f;
  std::string token = f.ticket_for(f.helene, f.event);

  SECTION("valid") {
    auto d = check_in_scan(f.store, f.event, token + "\n", f.at(1));
    REQUIRE(d);
    CHECK(d->outcome == Outcome::ok);
    CHECK(d->attendee->id == f.helene.id);
    CHECK_FALSE(d->attendee_created);
    CHECK(f.store.log_size().value() == 1);
  }
  SECTION("altered") {
    std::string altered = token;
    altered[20] = altered[20] == 'A' ? 'B' : 'A';
    CHECK(check_in_scan(f.store, f.event, altered, f.at(1))->outcome == Outcome::invalid_signature);
    CHECK(f.store.log_size().value() == 0);
  }
  SECTION("signed by another key") {
    std::string forged = sign_ticket(claims_for(f.helene, f.event), generate_secret_key()).value();
    CHECK(check_in_scan(f.store, f.event, forged, f.at(1))->outcome == Outcome::invalid_signature);
    CHECK(f.store.log_size().value() == 0);
  }
  SECTION("for another event") {
    Event other = f.event;
    other.id = "salon-2027";
    CHECK(check_in_scan(f.store, f.event, f.ticket_for(f.helene, other), f.at(1))->outcome == Outcome::other_event);
    std::string elsewhere = sign_ticket(claims_for(f.helene, other), generate_secret_key()).value();
    CHECK(check_in_scan(f.store, f.event, elsewhere, f.at(1))->outcome == Outcome::other_event);
    CHECK(f.store.log_size().value() == 0);
  }
  SECTION("no public key configured") {
    Event keyless = f.event;
    keyless.public_key.clear();
    auto d = check_in_scan(f.store, keyless, token, f.at(1));
    CHECK(d->outcome == Outcome::invalid_signature);
    CHECK_THAT(d->detail, Catch::Contains("public key"));
    CHECK(f.store.log_size().value() == 0);
  }
}

TEST_CASE("a signed ticket for someone not in the list checks them in from its claims", "[checkin]") {
  Fixture f;
  Attendee late = make_attendee("LATE", "Aram", "Petrosyan", "Mairie d'Erevan");
  late.first_name = "Արամ";
  late.first_name_latin = "Aram";
  late.country = "AM";
  late.category = "delegation";
  std::string token = f.ticket_for(late, f.event);  // never imported on this kiosk

  auto d = check_in_scan(f.store, f.event, token, f.at(1));
  REQUIRE(d);
  CHECK(d->outcome == Outcome::ok);
  CHECK(d->attendee_created);
  CHECK(d->attendee->first_name == "Արամ");
  CHECK(d->attendee->organisation == "Mairie d'Erevan");
  CHECK(d->attendee->category == "delegation");
  // The new record goes to the outbox with the check-in, and a second scan is "already".
  auto pending = f.store.outbox_pending(10).value();
  REQUIRE(pending.size() == 2);
  CHECK(pending[0].topic == "attendee");
  CHECK(check_in_scan(f.store, f.event, token, f.at(1))->outcome == Outcome::already_checked_in);
}

TEST_CASE("a cancelled attendee's valid ticket is still refused", "[checkin]") {
  Fixture f;
  f.helene.status = AttendeeStatus::cancelled;
  REQUIRE(f.store.update_attendee(f.helene));
  CHECK(check_in_scan(f.store, f.event, f.ticket_for(f.helene, f.event), f.at(1))->outcome == Outcome::cancelled);
}

TEST_CASE("undo and reprint are events in the log", "[checkin]") {
  Fixture f;
  auto first = check_in_attendee(f.store, f.event, f.helene.id, f.at(1));
  REQUIRE(first->outcome == Outcome::ok);

  auto reprint = record_reprint(f.store, f.helene.id, f.at(1, "desk"), "badge torn");
  REQUIRE(reprint);
  CHECK(reprint->kind == CheckinKind::reprint);
  CHECK(f.store.effective_checkin(f.helene.id, 1).value() == first->recorded);

  auto undo = undo_checkin(f.store, f.helene.id, f.at(1, "desk"), "checked in the wrong person");
  REQUIRE(undo);
  CHECK(undo->undoes == first->recorded->uuid);
  CHECK_FALSE(f.store.effective_checkin(f.helene.id, 1).value().has_value());
  auto nothing = undo_checkin(f.store, f.helene.id, f.at(1, "desk"), "twice");
  REQUIRE_FALSE(nothing);
  CHECK_THAT(nothing.error().message, Catch::Contains("no check-in to undo"));

  CHECK(check_in_attendee(f.store, f.event, f.helene.id, f.at(1))->outcome == Outcome::ok);
  auto log = f.store.log_of(f.helene.id).value();
  REQUIRE(log.size() == 4);
  CHECK(log[0].kind == CheckinKind::checkin);
  CHECK(log[1].kind == CheckinKind::reprint);
  CHECK(log[2].kind == CheckinKind::undo);
  CHECK(log[3].kind == CheckinKind::checkin);
}
