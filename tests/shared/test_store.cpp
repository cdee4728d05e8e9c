#include <catch2/catch.hpp>

#include <chrono>
#include <fstream>

#include <fmt/core.h>

#include "fixtures.hpp"
#include "shared/store/store.hpp"

using namespace accueil;
using namespace accueil::testing;

TEST_CASE("a new store is migrated to the current schema", "[store]") {
  TempDir dir;
  auto store = Store::open(dir.path / "a.db");
  REQUIRE(store);
  CHECK(store->schema_version() == Store::current_schema_version());

  auto mode = store->database().prepare("PRAGMA journal_mode");
  REQUIRE(mode);
  REQUIRE(mode->step().value());
  CHECK(mode->text(0) == "wal");
  auto sync = store->database().prepare("PRAGMA synchronous");
  REQUIRE(sync);
  REQUIRE(sync->step().value());
  CHECK(sync->integer(0) == 2);  // FULL
}

TEST_CASE("a store from a newer build is refused", "[store]") {
  TempDir dir;
  {
    auto store = Store::open(dir.path / "a.db");
    REQUIRE(store);
    REQUIRE(store->database().exec("PRAGMA user_version = 999"));
  }
  auto again = Store::open(dir.path / "a.db");
  REQUIRE_FALSE(again);
  CHECK_THAT(again.error().message, Catch::Contains("schema version 999"));
}

TEST_CASE("a file that is not a database is refused with its name", "[store]") {
  TempDir dir;
  auto path = dir.path / "notes.db";
  { std::ofstream(path) << "these are not the rows you are looking for, padded to more than a page........"; }
  auto store = Store::open(path);
  REQUIRE_FALSE(store);
  CHECK_THAT(store.error().message, Catch::Contains("notes.db"));
}

TEST_CASE("the event round-trips through the store", "[store]") {
  Store store = memory_store();
  CHECK_FALSE(store.event().value().has_value());
  Event event = sample_event();
  REQUIRE(store.save_event(event));
  auto loaded = store.event();
  REQUIRE(loaded);
  REQUIRE(loaded->has_value());
  CHECK((*loaded)->id == event.id);
  CHECK((*loaded)->categories.size() == event.categories.size());
}

TEST_CASE("an event that names no public key takes the store's: its saved event's, else keygen's", "[store]") {
  Store store = memory_store();
  Event from_file = sample_event();
  from_file.public_key.clear();
  REQUIRE(store.complete_public_key(from_file));
  CHECK(from_file.public_key.empty());  // no saved event: nothing to take

  Event saved = sample_event();
  saved.public_key.clear();
  REQUIRE(store.save_event(saved));
  REQUIRE(store.set_setting("public_key", "KEYGEN"));
  CHECK(store.event().value()->public_key == "KEYGEN");
  REQUIRE(store.complete_public_key(from_file));
  CHECK(from_file.public_key == "KEYGEN");

  saved.public_key = "SAVED";
  REQUIRE(store.save_event(saved));
  CHECK(store.event().value()->public_key == "SAVED");
  from_file.public_key.clear();
  REQUIRE(store.complete_public_key(from_file));
  CHECK(from_file.public_key == "SAVED");

  from_file.public_key = "OWN";
  REQUIRE(store.complete_public_key(from_file));
  CHECK(from_file.public_key == "OWN");
}

TEST_CASE("attendees are found by id, ticket code and reference", "[store]") {
  Store store = memory_store();
  Attendee a = make_attendee("R1", "Hélène", "Moncond'huy", "Ville de Poitiers");
  a.vip = true;
  a.days = DaySet::from_bits(0b10);
  a.staff_note = "arrive par le train de 8h";
  REQUIRE(store.insert_attendee(a, AttendeeSource::import));

  CHECK(store.attendee_by_id(a.id).value() == a);
  CHECK(store.attendee_by_ticket("T-R1").value() == a);
  CHECK(store.attendee_by_ref("R1").value() == a);
  CHECK(store.find_attendee("T-R1").value() == a);
  CHECK_FALSE(store.find_attendee("nobody").value().has_value());
  CHECK_FALSE(store.attendee_by_ticket("").value().has_value());

  a.organisation = "Grand Poitiers";
  REQUIRE(store.update_attendee(a));
  CHECK(store.attendee_by_id(a.id).value()->organisation == "Grand Poitiers");
}

TEST_CASE("two attendees cannot share a ticket code or a reference", "[store]") {
  Store store = memory_store();
  REQUIRE(store.insert_attendee(make_attendee("R1", "A", "B"), AttendeeSource::import));
  Attendee same_ref = make_attendee("R1", "C", "D");
  auto s = store.insert_attendee(same_ref, AttendeeSource::import);
  REQUIRE_FALSE(s);
  CHECK_THAT(s.error().message, Catch::Contains("R1"));
  Attendee same_code = make_attendee("R2", "C", "D");
  same_code.ticket_code = "T-R1";
  CHECK_FALSE(store.insert_attendee(same_code, AttendeeSource::import));
}

TEST_CASE("the check-in log is append-only and feeds the outbox", "[store]") {
  Store store = memory_store();
  Attendee a = make_attendee("R1", "A", "B");
  REQUIRE(store.insert_attendee(a, AttendeeSource::import));
  CheckinEvent e{new_uuid(), a.id, 1, "kiosk-1", 1000, CheckinKind::checkin, "", "", ""};
  REQUIRE(store.append(e));
  CHECK(store.log_of(a.id).value() == std::vector{e});

  CHECK_FALSE(store.database().exec("UPDATE checkins SET day = 2"));
  CHECK_FALSE(store.database().exec("DELETE FROM checkins"));
  CHECK(store.log_size().value() == 1);

  auto pending = store.outbox_pending(10);
  REQUIRE(pending);
  REQUIRE(pending->size() == 1);
  CHECK((*pending)[0].topic == "checkin");
  CHECK((*pending)[0].ref == e.uuid);

  // The same event twice (a replayed sync) is refused by its UUID.
  CHECK_FALSE(store.append(e));
}

TEST_CASE("presence is derived from the log: first check-in of the day not undone", "[store]") {
  Store store = memory_store();
  Attendee a = make_attendee("R1", "A", "B");
  REQUIRE(store.insert_attendee(a, AttendeeSource::import));
  CHECK_FALSE(store.effective_checkin(a.id, 1).value().has_value());

  CheckinEvent first{new_uuid(), a.id, 1, "k1", 1000, CheckinKind::checkin, "", "", ""};
  CheckinEvent reprint{new_uuid(), a.id, 1, "desk", 2000, CheckinKind::reprint, "marie", "", "badge lost"};
  REQUIRE(store.append(first));
  REQUIRE(store.append(reprint));
  CHECK(store.effective_checkin(a.id, 1).value() == first);
  CHECK_FALSE(store.effective_checkin(a.id, 2).value().has_value());  // days count separately

  CheckinEvent undo{new_uuid(), a.id, 1, "desk", 3000, CheckinKind::undo, "marie", first.uuid, "wrong person"};
  REQUIRE(store.append(undo));
  CHECK_FALSE(store.effective_checkin(a.id, 1).value().has_value());

  CheckinEvent again{new_uuid(), a.id, 1, "k2", 4000, CheckinKind::checkin, "", "", ""};
  REQUIRE(store.append(again));
  CHECK(store.effective_checkin(a.id, 1).value() == again);
}

TEST_CASE("a failed write transaction leaves nothing behind", "[store]") {
  Store store = memory_store();
  auto result = store.write([&]() -> Status {
    REQUIRE(store.insert_attendee(make_attendee("R1", "A", "B"), AttendeeSource::import));
    return fail("something went wrong after the insert");
  });
  REQUIRE_FALSE(result);
  CHECK(store.attendee_count().value() == 0);
}

TEST_CASE("the badge carries the issued ticket, else the plain code, and its number", "[store]") {
  Store store = memory_store();
  Attendee a = make_attendee("R1", "A", "B");
  REQUIRE(store.insert_attendee(a, AttendeeSource::import));
  CHECK(store.badge_code(a.id).value() == "T-R1#1");
  REQUIRE(store.set_ticket_token(a.id, "AC1:SIGNED"));
  CHECK(store.badge_code(a.id).value() == "AC1:SIGNED#1");
  a.organisation = "changed by an import";
  REQUIRE(store.update_attendee(a));
  CHECK(store.badge_code(a.id).value() == "AC1:SIGNED#1");
  CHECK_FALSE(store.badge_code("nobody"));
}

TEST_CASE("a store of schema 1 is migrated forward, keeping its data", "[store]") {
  TempDir dir;
  Attendee a = make_attendee("R1", "Hélène", "Moncond'huy");
  {
    auto store = Store::open(dir.path / "old.db");
    REQUIRE(store);
    REQUIRE(store->insert_attendee(a, AttendeeSource::import));
    // Take it back to schema 1 as it shipped: without the ticket_token column.
    // Later migrations' tables go too.
    REQUIRE(store->database().exec("DROP TABLE print_requests; DROP TABLE print_queue_holders; "
                                   "DROP TABLE staff; DROP TABLE staff_attempts; "
                                   "ALTER TABLE attendees DROP COLUMN ticket_token; PRAGMA user_version = 1;"));
  }
  auto store = Store::open(dir.path / "old.db");
  REQUIRE(store);
  CHECK(store->schema_version().value() == Store::current_schema_version());
  CHECK(store->attendee_by_ref("R1").value() == a);
  CHECK(store->badge_code(a.id).value() == "T-R1#1");
}

TEST_CASE("a store of schema 3 is migrated to the reception list, keeping its print requests", "[store]") {
  TempDir dir;
  Attendee a = make_attendee("R1", "Hélène", "Moncond'huy");
  {
    auto store = Store::open(dir.path / "old.db");
    REQUIRE(store);
    REQUIRE(store->insert_attendee(a, AttendeeSource::import));
    // print_requests as schema 3 shipped it, with a reprint of a printed badge.
    REQUIRE(store->database().exec(R"sql(
DROP TABLE print_requests; DROP TABLE print_queue_holders; DROP TABLE staff; DROP TABLE staff_attempts;
CREATE TABLE print_requests (
  id INTEGER PRIMARY KEY AUTOINCREMENT, attendee_id TEXT NOT NULL REFERENCES attendees (id),
  printer TEXT NOT NULL, requested_printer TEXT NOT NULL, template TEXT NOT NULL DEFAULT '',
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued', 'sending', 'printed', 'failed', 'cancelled')),
  problem TEXT NOT NULL DEFAULT 'none', detail TEXT NOT NULL DEFAULT '', attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_ms INTEGER NOT NULL DEFAULT 0, job_id INTEGER, job_queue TEXT NOT NULL DEFAULT '',
  cancel_requested INTEGER NOT NULL DEFAULT 0, reprint_of INTEGER REFERENCES print_requests (id),
  reason TEXT NOT NULL DEFAULT '', checkin_uuid TEXT NOT NULL DEFAULT '', created_ms INTEGER NOT NULL,
  updated_ms INTEGER NOT NULL, finished_ms INTEGER);
CREATE INDEX print_requests_open ON print_requests (printer, next_attempt_ms) WHERE state IN ('queued', 'sending');
CREATE INDEX print_requests_attendee ON print_requests (attendee_id);
PRAGMA user_version = 3;
)sql"));
    REQUIRE(store->database().exec(fmt::format(
        "INSERT INTO print_requests (attendee_id, printer, requested_printer, state, created_ms, updated_ms, "
        "finished_ms) VALUES ('{0}', 'desk', 'desk', 'printed', 100, 110, 110); "
        "INSERT INTO print_requests (attendee_id, printer, requested_printer, reprint_of, reason, created_ms, "
        "updated_ms) VALUES ('{0}', 'desk', 'desk', 1, 'lost', 200, 200);", a.id).c_str()));
  }
  auto store = Store::open(dir.path / "old.db");
  REQUIRE(store);
  CHECK(store->schema_version().value() == Store::current_schema_version());
  auto& db = store->database();
  auto rows = db.prepare("SELECT id, state, reprint_of, queued_ms, to_reception FROM print_requests ORDER BY id");
  REQUIRE(rows);
  auto read = rows->rows([](const sql::Statement& r) {
    return fmt::format("{} {} {} {} {}", r.integer(0), r.text(1), r.is_null(2) ? -1 : r.integer(2), r.integer(3),
                       r.integer(4));
  });
  REQUIRE(read);
  CHECK(*read == std::vector<std::string>{"1 printed -1 100 0", "2 queued 1 200 0"});
  // The new states are allowed, the self-reference still holds, ids go on.
  REQUIRE(db.exec("UPDATE print_requests SET state = 'reception' WHERE id = 2"));
  CHECK_FALSE(db.exec("UPDATE print_requests SET state = 'lost' WHERE id = 2"));
  CHECK_FALSE(db.exec("UPDATE print_requests SET reprint_of = 99 WHERE id = 2"));
  REQUIRE(db.exec(fmt::format("INSERT INTO print_requests (attendee_id, printer, requested_printer, created_ms, "
                              "updated_ms) VALUES ('{}', 'desk', 'desk', 300, 300)", a.id).c_str()));
  CHECK(sqlite3_last_insert_rowid(db.handle()) == 3);
}

TEST_CASE("looking people up and checking them in never scans a whole table", "[store]") {
  Store store = memory_store();
  for (int i = 0; i < 200; ++i)
    REQUIRE(store.insert_attendee(make_attendee("R" + std::to_string(i), "A", "B"), AttendeeSource::import));
  Attendee a = store.attendee_by_ref("R150").value().value();
  CHECK(store.attendee_by_ticket("T-R150").value() == a);
  CHECK(store.attendee_by_id(a.id).value() == a);
  CHECK(store.find_attendee("R150").value() == a);
  REQUIRE(store.append({new_uuid(), a.id, 1, "k", 0, CheckinKind::checkin, "", "", ""}));
  CHECK(store.effective_checkin(a.id, 1).value().has_value());
  CHECK(store.hot_path_full_scan_steps() == 0);
}

TEST_CASE("a reader never waits for the writer", "[store]") {
  TempDir dir;
  auto writer = Store::open(dir.path / "shared.db");
  REQUIRE(writer);
  Attendee a = make_attendee("R1", "A", "B");
  REQUIRE(writer->insert_attendee(a, AttendeeSource::import));
  auto reader = Store::open(dir.path / "shared.db");
  REQUIRE(reader);

  // The writer holds the write lock, mid-transaction, with an uncommitted row.
  auto held = writer->write([&]() -> Status {
    REQUIRE(writer->insert_attendee(make_attendee("R2", "C", "D"), AttendeeSource::import));
    auto start = std::chrono::steady_clock::now();
    auto seen = reader->attendee_count();  // would be SQLITE_BUSY without WAL
    auto waited = std::chrono::steady_clock::now() - start;
    REQUIRE(seen);
    CHECK(*seen == 1);  // the last committed state
    CHECK(waited < std::chrono::milliseconds(100));
    CHECK(reader->attendee_by_ref("R1").value() == a);
    return {};
  });
  REQUIRE(held);
  CHECK(reader->attendee_count().value() == 2);
}

TEST_CASE("the attendee list's version moves with every committed change, seen from another connection", "[store]") {
  TempDir dir;
  auto writer = Store::open(dir.path / "shared.db");
  auto kiosk = Store::open(dir.path / "shared.db");
  REQUIRE(writer);
  REQUIRE(kiosk);
  const std::int64_t fresh = kiosk->attendees_version().value();

  // One change outside a transaction: seen at once.
  Attendee a = make_attendee("R1", "A", "B");
  REQUIRE(writer->insert_attendee(a, AttendeeSource::import));
  const std::int64_t after_insert = kiosk->attendees_version().value();
  CHECK(after_insert > fresh);

  // A transaction of many changes: one bump, seen only once committed.
  REQUIRE(writer->write([&]() -> Status {
    for (int i = 2; i <= 50; ++i)
      REQUIRE(writer->insert_attendee(make_attendee("R" + std::to_string(i), "C", "D"), AttendeeSource::import));
    CHECK(kiosk->attendees_version().value() == after_insert);
    return {};
  }));
  const std::int64_t after_batch = kiosk->attendees_version().value();
  CHECK(after_batch == after_insert + 1);

  // A rolled-back change, a check-in and a new ticket token leave it alone.
  CHECK_FALSE(writer->write([&]() -> Status {
    REQUIRE(writer->update_attendee(a));
    return fail("changed our mind");
  }));
  REQUIRE(writer->set_ticket_token(a.id, "AC1:X"));
  CheckinEvent e;
  e.uuid = "u-1";
  e.attendee_id = a.id;
  e.day = 1;
  e.kiosk = "k";
  REQUIRE(writer->append(e));
  CHECK(kiosk->attendees_version().value() == after_batch);

  a.organisation = "Grand Poitiers";
  REQUIRE(writer->write([&]() -> Status { return writer->update_attendee(a); }));
  CHECK(kiosk->attendees_version().value() == after_batch + 1);
}

TEST_CASE("a read-only opener reads a current store, writes nothing, and refuses an older one untouched", "[store]") {
  TempDir dir;
  const auto path = dir.path / "a.db";
  Event event = sample_event();
  {
    auto store = Store::open(path);
    REQUIRE(store);
    REQUIRE(store->save_event(event));
  }
  {
    auto reader = Store::open_read_only(path);
    REQUIRE(reader);
    auto stored = reader->event();
    REQUIRE(stored);
    REQUIRE(stored->has_value());
    CHECK((*stored)->id == event.id);
    event.name = "Changed";
    CHECK_FALSE(reader->save_event(event));  // a write fails: the connection is read-only
  }
  // A store before schema 8 (set back to 6 here, older than this build) (before the print queue's state index):
  // the dashboard and the report must not upgrade it behind the kiosk's back.
  {
    auto store = Store::open(path);
    REQUIRE(store);
    REQUIRE(store->database().exec("DROP INDEX print_requests_state; "
                                   "CREATE INDEX print_requests_open ON print_requests (printer, next_attempt_ms) "
                                   "WHERE state IN ('queued', 'sending'); PRAGMA user_version = 6"));
  }
  auto old = Store::open_read_only(path);
  REQUIRE_FALSE(old);
  CHECK_THAT(old.error().message, Catch::Contains("schema version 6") && Catch::Contains("nothing was changed"));
  auto look = Store::open(dir.path / "look.db");  // another connection, to look at a.db as it is
  REQUIRE(look);
  REQUIRE(look->database().exec(fmt::format("ATTACH '{}' AS a", path.string()).c_str()));
  auto version = look->database().prepare("PRAGMA a.user_version");
  REQUIRE(version);
  REQUIRE(version->step().value());
  CHECK(version->integer(0) == 6);
  auto index = look->database().prepare("SELECT count(*) FROM a.sqlite_master WHERE name = 'print_requests_state'");
  REQUIRE(index);
  REQUIRE(index->step().value());
  CHECK(index->integer(0) == 0);
  CHECK_FALSE(Store::open_read_only(dir.path / "none.db"));  // never created either
  CHECK_FALSE(std::filesystem::exists(dir.path / "none.db"));
}
