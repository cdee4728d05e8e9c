#include "shared/sync/local.hpp"

#include <charconv>
#include <string_view>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "shared/domain/clock.hpp"
#include "shared/domain/event_file.hpp"

namespace accueil::sync {

namespace {

using json = nlohmann::json;

struct Cursor {
  std::string txid = "0";  // xid8, as text
  std::int64_t seq = 0;
  std::string to_string() const { return fmt::format("{} {}", txid, seq); }
};

Result<Cursor> read_cursor(Store& store, const char* key) {
  auto text = store.setting(key);
  if (!text) return std::unexpected(text.error());
  Cursor c;
  if (!*text) return c;
  const std::string& t = **text;
  const auto space = t.find(' ');
  if (space == std::string::npos) return fail(fmt::format("the store's {} is not \"txid seq\": \"{}\"", key, t));
  c.txid = t.substr(0, space);
  std::from_chars(t.data() + space + 1, t.data() + t.size(), c.seq);
  return c;
}

// An attendee this kiosk created, read from the local store for the push.
Result<json> attendee_json(Store& store, const std::string& id) {
  auto stmt = store.database().prepare(
      "SELECT id, external_ref, ticket_code, civility, first_name, last_name, first_name_latin, last_name_latin, "
      "organisation, function, country, category, language, days, delegation, vip, staff_note, email, status, "
      "source, ticket_token FROM attendees WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->bind(1, id).first_row([](const sql::Statement& s) {
    json j;
    const char* names[] = {"id", "external_ref", "ticket_code", "civility", "first_name", "last_name",
                           "first_name_latin", "last_name_latin", "organisation", "function", "country",
                           "category", "language"};
    for (int i = 0; i < 13; ++i) j[names[i]] = s.text(i);
    j["days"] = s.integer(13);
    j["delegation"] = s.text(14);
    j["vip"] = s.integer(15) != 0;
    j["staff_note"] = s.text(16);
    j["email"] = s.text(17);
    j["status"] = s.text(18);
    j["source"] = s.text(19);
    j["ticket_token"] = s.text(20);
    return j;
  });
  if (!row) return std::unexpected(row.error());
  if (!*row) return fail(fmt::format("the outbox names the attendee {}, whom the store does not have", id));
  return std::move(**row);
}

// The next batch past `cursor` of rows no running transaction can still
// precede (see local.hpp).
std::string past_cursor(std::string_view columns, std::string_view view) {
  return fmt::format("SELECT {}, txid, seq FROM accueil.{} WHERE (txid, seq) > ($1::xid8, $2::bigint) "
                     "AND txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY txid, seq LIMIT $3::integer",
                     columns, view);
}

Result<bool> anything_past(pg::Connection& conn, std::string_view view, const Cursor& c) {
  auto rows = conn.exec(
      fmt::format("SELECT 1 FROM accueil.{} WHERE (txid, seq) > ($1::xid8, $2::bigint) LIMIT 1", view),
      {c.txid, std::to_string(c.seq)});
  if (!rows) return std::unexpected(rows.error());
  return rows->size() > 0;
}


// The id this store knows a central record by: its own, when it made the
// record from a signed ticket before it pulled central's (attendee_aliases).
Result<std::string> local_id(Store& store, std::string_view central_id) {
  auto stmt = store.database().kept("SELECT attendee_id FROM attendee_aliases WHERE alias = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = (*stmt)->bind(1, central_id).first_row([](const sql::Statement& s) { return s.text(0); });
  if (!row) return std::unexpected(row.error());
  return row->value_or(std::string(central_id));
}

Status add_alias(Store& store, std::string_view central_id, std::string_view mine) {
  auto stmt = store.database().prepare("INSERT OR IGNORE INTO attendee_aliases (alias, attendee_id) VALUES (?1, ?2)");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, central_id).bind(2, mine).run();
}

}  // namespace

Attendee attendee_of_row(const pg::Rows& rows, int r) {
  Attendee a;
  auto t = [&](int c) { return std::string(rows.text(r, c)); };
  a.id = t(0);
  a.external_ref = t(1);
  a.ticket_code = t(2);
  a.civility = t(3);
  a.first_name = t(4);
  a.last_name = t(5);
  a.first_name_latin = t(6);
  a.last_name_latin = t(7);
  a.organisation = t(8);
  a.function = t(9);
  a.country = t(10);
  a.category = t(11);
  a.language = t(12);
  a.days = DaySet::from_bits(static_cast<std::uint32_t>(rows.integer(r, 13)));
  a.delegation = t(14);
  a.vip = rows.text(r, 15) == "t";
  a.staff_note = t(16);
  a.email = t(17);  // at a kiosk: the first letters its name search checks, no more
  a.status = rows.text(r, 18) == "cancelled" ? AttendeeStatus::cancelled : AttendeeStatus::active;
  return a;
}

Status apply_attendee_row(Store& store, const pg::Rows& rows, int r, bool fresh) {
  Attendee a = attendee_of_row(rows, r);
  if (fresh) {  // an empty store: nothing to look up
    if (auto s = store.insert_attendee(a, AttendeeSource::import); !s) return s;
    if (const std::string_view token = rows.text(r, 19); !token.empty())
      if (auto t = store.set_ticket_token(a.id, token); !t) return t;
    return {};
  }
  auto mine = local_id(store, a.id);
  if (!mine) return std::unexpected(mine.error());
  a.id = *mine;
  auto current = store.attendee_by_id(a.id);
  if (!current) return std::unexpected(current.error());
  if (!*current) {
    // Someone this store checked in from a signed ticket before it had
    // the list: the same person, under this store's id from now on.
    auto same = store.attendee_by_ref(a.external_ref);
    if (same && !*same && !a.ticket_code.empty()) same = store.attendee_by_ticket(a.ticket_code);
    if (!same) return std::unexpected(same.error());
    if (*same) {
      if (auto s = add_alias(store, a.id, (*same)->id); !s) return s;
      a.id = (*same)->id;
      current = std::move(same);
    }
  }
  Status s = !*current ? store.insert_attendee(a, AttendeeSource::import)
             : (**current == a) ? Status{}
                                : store.update_attendee(a);
  if (!s) return s;
  const std::string_view token = rows.text(r, 19);
  if (!token.empty())
    if (auto t = store.set_ticket_token(a.id, token); !t) return t;
  return {};
}

Status prepare_connection(pg::Connection& conn, Store& store) {
  auto event = store.event();
  if (!event) return std::unexpected(event.error());
  if (*event)
    if (auto s = conn.exec("SELECT set_config('accueil.event', $1, false)", {(*event)->id}); !s)
      return std::unexpected(s.error());
  auto central = conn.exec("SELECT accueil.my_event(), accueil.my_event_definition()");
  if (!central) return std::unexpected(central.error());
  if (central->is_null(0, 0) || central->is_null(0, 1))
    return fail(*event ? fmt::format("the central list has no event \"{}\" for this login", (*event)->id)
                       : std::string("this login is no kiosk of any event of the central list "
                                     "(accueilctl central init --kiosk LOGIN), and the store has no event"));
  const std::string central_id(central->text(0, 0));
  if (*event && (*event)->id != central_id)
    return fail(fmt::format("the store is for the event \"{}\" but this login serves \"{}\" at the central list",
                            (*event)->id, central_id));
  if (!*event) {
    auto parsed = parse_event(central->text(0, 1), "the central list's event");
    if (!parsed) return std::unexpected(parsed.error());
    if (auto s = store.save_event(*parsed); !s) return s;
  }
  return conn.run("LISTEN accueil_changes");
}

Result<std::int64_t> outbox_length(Store& store) {
  auto stmt = store.database().prepare("SELECT count(*) FROM outbox WHERE sent_ms IS NULL");
  if (!stmt) return std::unexpected(stmt.error());
  auto n = stmt->first_row([](const sql::Statement& s) { return s.integer(0); });
  if (!n) return std::unexpected(n.error());
  return n->value_or(0);
}

namespace {

struct OutboxEntry {
  std::int64_t seq = 0;
  std::string topic, ref;
  json checkin;
};

// Whether central refused the data it was sent (a stranger attendee, a value
// its checks reject), as opposed to not answering, a schema it lacks or a
// login that lost its grants: only data refusals set an entry aside, anything
// else leaves the outbox as it is. push_checkins raises 42501 for a stranger
// attendee, which is also PostgreSQL's own "permission denied": told apart by
// the message.
bool refused_data(const pg::Connection& conn, std::string_view message) {
  if (!conn.is_ok()) return false;
  const std::string& state = conn.sqlstate();
  if (state == "42501") return !message.starts_with("permission denied");
  return state == "P0001" || state.starts_with("22") || state.starts_with("23");
}

// Sends these entries: attendees first (the log events of the same group may
// name them), then the log events. `refused` says whether a failure was
// central refusing the data (not the store, not the connection).
Status send(pg::Connection& conn, Store& store, const std::vector<OutboxEntry>& entries, PassReport& report,
            bool& refused) {
  refused = false;
  json attendees = json::array(), checkins = json::array();
  for (const OutboxEntry& e : entries) {
    if (e.topic == "attendee") {
      auto item = attendee_json(store, e.ref);
      if (!item) return std::unexpected(item.error());
      attendees.push_back(std::move(*item));
    } else if (e.checkin.is_null()) {
      return fail(fmt::format("the outbox names the check-in {}, which the log does not have", e.ref));
    } else {
      checkins.push_back(e.checkin);
    }
  }
  if (!attendees.empty()) {
    auto added = conn.exec("SELECT accueil.push_attendees($1::jsonb)", {attendees.dump()});
    if (!added) {
      refused = refused_data(conn, added.error().message);
      return fail(fmt::format("central refused attendees of the outbox: {}", added.error().message));
    }
    report.pushed_attendees += added->integer(0, 0);
  }
  if (!checkins.empty()) {
    auto added = conn.exec("SELECT accueil.push_checkins($1::jsonb)", {checkins.dump()});
    if (!added) {
      refused = refused_data(conn, added.error().message);
      return fail(fmt::format("central refused check-ins of the outbox: {}", added.error().message));
    }
    report.pushed_checkins += added->integer(0, 0);
  }
  return {};
}

Status mark_sent(Store& store, std::int64_t first_seq, std::int64_t last_seq) {
  auto mark = store.database().prepare("UPDATE outbox SET sent_ms = ?1 WHERE seq BETWEEN ?2 AND ?3 AND sent_ms IS NULL");
  if (!mark) return std::unexpected(mark.error());
  return mark->bind(1, now_ms()).bind(2, first_seq).bind(3, last_seq).run();
}

// Out of the queue, kept with central's reason (accueilctl sync says how many).
Status set_aside(Store& store, const OutboxEntry& e, std::string_view why) {
  auto keep = store.database().prepare(
      "INSERT OR REPLACE INTO outbox_refused (seq, refused_ms, message) VALUES (?1, ?2, ?3)");
  if (!keep) return std::unexpected(keep.error());
  if (auto s = keep->bind(1, e.seq).bind(2, now_ms()).bind_view(3, why).run(); !s) return s;
  return mark_sent(store, e.seq, e.seq);
}

}  // namespace

Status push(pg::Connection& conn, Store& store, int batch, PassReport& report) {
  for (;;) {
    // The oldest entries with their log events, in one read.
    auto read = store.database().prepare(
        "SELECT o.seq, o.topic, o.ref, c.uuid, c.attendee_id, c.day, c.kiosk, c.at_ms, c.kind, c.operator, "
        "c.undoes, c.reason FROM outbox AS o LEFT JOIN checkins AS c ON o.topic = 'checkin' AND c.uuid = o.ref "
        "WHERE o.sent_ms IS NULL ORDER BY o.seq LIMIT ?1");
    if (!read) return std::unexpected(read.error());
    auto pending = read->bind(1, batch).rows([](const sql::Statement& s) {
      OutboxEntry e{s.integer(0), s.text(1), s.text(2), json()};
      if (e.topic == "checkin" && !s.text(3).empty())
        e.checkin = {{"uuid", s.text(3)},     {"attendee_id", s.text(4)}, {"day", s.integer(5)},
                     {"kiosk", s.text(6)},    {"at_ms", s.integer(7)},    {"kind", s.text(8)},
                     {"operator", s.text(9)}, {"undoes", s.text(10)},     {"reason", s.text(11)}};
      return e;
    });
    if (!pending) return std::unexpected(pending.error());
    if (pending->empty()) return {};
    bool refused = false;
    if (Status sent = send(conn, store, *pending, report, refused); sent) {
      // Central has them now; a crash before this mark sends them again, to no effect.
      if (auto s = mark_sent(store, pending->front().seq, pending->back().seq); !s) return s;
    } else {
      if (!refused) return sent;
      // One entry central will not take (a person imported only here, say)
      // must not hold back the others: each goes alone, and what central
      // still refuses alone is set aside with its reason.
      for (const OutboxEntry& e : *pending) {
        Status alone = send(conn, store, {e}, report, refused);
        if (!alone && !refused) return alone;
        if (auto s = alone ? mark_sent(store, e.seq, e.seq) : set_aside(store, e, alone.error().message); !s) return s;
        if (!alone) ++report.refused;
      }
    }
    report.sent += static_cast<std::int64_t>(pending->size());
    if (static_cast<int>(pending->size()) < batch) return {};
  }
}

Status pull(pg::Connection& conn, Store& store, int batch, PassReport& report,
            const std::function<void(std::int64_t)>& progress, int first_pull_batch) {
  // Attendees first: the check-ins pulled next name them.
  auto cursor = read_cursor(store, k_attendee_cursor);
  if (!cursor) return std::unexpected(cursor.error());
  const std::string attendee_sql = past_cursor(
      "id, external_ref, ticket_code, civility, first_name, last_name, first_name_latin, last_name_latin, "
      "organisation, function, country, category, language, days, delegation, vip, staff_note, email_start, "
      "status, ticket_token",
      "kiosk_attendees");
  // First start: a store with no attendee takes the list in big batches
  // (fewer round trips and commits) and inserts each row without looking
  // for it first (there is nothing to find).
  bool fresh = false;
  if (first_pull_batch > batch && cursor->txid == "0") {
    auto any = store.database().prepare("SELECT 1 FROM attendees LIMIT 1");
    if (!any) return std::unexpected(any.error());
    auto found = any->first_row([](const sql::Statement&) { return true; });
    if (!found) return std::unexpected(found.error());
    fresh = !*found;
  }
  const int attendee_batch = fresh ? first_pull_batch : batch;
  for (;;) {
    auto rows = conn.exec(attendee_sql, {cursor->txid, std::to_string(cursor->seq), std::to_string(attendee_batch)});
    if (!rows) return std::unexpected(rows.error());
    if (rows->size() == 0) break;
    auto applied = store.write([&]() -> Status {
      for (int r = 0; r < rows->size(); ++r)
        if (auto s = apply_attendee_row(store, *rows, r, fresh); !s) return s;
      cursor->txid = std::string(rows->text(rows->size() - 1, 20));
      cursor->seq = rows->integer(rows->size() - 1, 21);
      return store.set_setting(k_attendee_cursor, cursor->to_string());
    });
    if (!applied) return fail(fmt::format("cannot write the attendees pulled from central: {}", applied.error().message));
    report.pulled_attendees += rows->size();
    if (progress) progress(report.pulled_attendees);
    if (rows->size() < attendee_batch) break;
  }
  auto held = anything_past(conn, "kiosk_attendees", *cursor);
  if (!held) return std::unexpected(held.error());
  report.held_back = *held;

  auto checkin_cursor = read_cursor(store, k_checkin_cursor);
  if (!checkin_cursor) return std::unexpected(checkin_cursor.error());
  const std::string checkin_sql =
      past_cursor("uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason", "kiosk_checkins");
  auto insert = store.database().prepare(
      "INSERT INTO checkins (uuid, attendee_id, day, kiosk, at_ms, kind, operator, undoes, reason) "
      "VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9) ON CONFLICT (uuid) DO NOTHING");
  if (!insert) return std::unexpected(insert.error());
  auto known = store.database().prepare("SELECT 1 FROM attendees WHERE id = ?1");
  if (!known) return std::unexpected(known.error());
  for (bool more = true; more;) {
    auto rows = conn.exec(checkin_sql, {checkin_cursor->txid, std::to_string(checkin_cursor->seq),
                                        std::to_string(batch)});
    if (!rows) return std::unexpected(rows.error());
    if (rows->size() == 0) break;
    more = rows->size() == batch;
    std::int64_t added = 0;
    auto applied = store.write([&]() -> Status {
      for (int r = 0; r < rows->size(); ++r) {
        // An attendee this store has not pulled yet (their transaction still
        // running at central): stop here, the next pull goes on from it.
        auto attendee = local_id(store, rows->text(r, 1));
        if (!attendee) return std::unexpected(attendee.error());
        auto has = known->bind(1, *attendee).first_row([](const sql::Statement&) { return true; });
        if (!has) return std::unexpected(has.error());
        if (!*has) {
          more = false;
          report.held_back = true;
          break;
        }
        auto& s = insert->bind(1, rows->text(r, 0)).bind(2, *attendee).bind(3, rows->integer(r, 2));
        s.bind(4, rows->text(r, 3)).bind(5, rows->integer(r, 4)).bind(6, rows->text(r, 5));
        s.bind(7, rows->text(r, 6)).bind(8, rows->text(r, 7)).bind(9, rows->text(r, 8));
        if (auto done = s.run(); !done) return done;
        added += sqlite3_changes(store.database().handle());
        checkin_cursor->txid = std::string(rows->text(r, 9));
        checkin_cursor->seq = rows->integer(r, 10);
      }
      return store.set_setting(k_checkin_cursor, checkin_cursor->to_string());
    });
    if (!applied) return fail(fmt::format("cannot write the check-ins pulled from central: {}", applied.error().message));
    report.pulled_checkins += added;
  }
  if (!report.held_back) {
    auto held_checkins = anything_past(conn, "kiosk_checkins", *checkin_cursor);
    if (!held_checkins) return std::unexpected(held_checkins.error());
    report.held_back = *held_checkins;
  }
  return {};
}

}  // namespace accueil::sync
