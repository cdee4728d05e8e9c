// shared/sync without a server: what never needs PostgreSQL to be checked.
// The central list itself is tested against a real PostgreSQL in
// tests/integration/central_test.sh.
#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <chrono>
#include <thread>

#include "fixtures.hpp"
#include "shared/base/uuid.hpp"
#include "shared/domain/clock.hpp"
#include "shared/sync/pg.hpp"
#include "shared/sync/sync_worker.hpp"

using namespace accueil;
using namespace accueil::testing;

TEST_CASE("credentials never reach a message", "[sync]") {
  CHECK(pg::redact("postgresql://kiosk1:s3cret@db.example:5432/accueil") ==
        "postgresql://kiosk1:***@db.example:5432/accueil");
  CHECK(pg::redact("postgresql://kiosk1@db.example/accueil") == "postgresql://kiosk1@db.example/accueil");
  CHECK(pg::redact("host=db user=kiosk1 password=s3cret dbname=accueil") ==
        "host=db user=kiosk1 password=*** dbname=accueil");
  CHECK(pg::redact("postgresql://db/accueil?user=k&password=s3cret&sslmode=require") ==
        "postgresql://db/accueil?user=k&password=***&sslmode=require");
}

TEST_CASE("a connection that fails says where, without the password", "[sync]") {
  auto conn = pg::Connection::open("postgresql://kiosk1:s3cret@127.0.0.1:1/accueil", 2);
  REQUIRE_FALSE(conn);
  CHECK(conn.error().message.find("cannot connect to the central list postgresql://kiosk1:***@127.0.0.1:1") !=
        std::string::npos);
  CHECK(conn.error().message.find("s3cret") == std::string::npos);
}

TEST_CASE("with central unreachable the kiosk goes on and the worker says what waits", "[sync]") {
  TempDir dir;
  const auto path = dir.path / "kiosk.db";
  auto store = Store::open(path);
  REQUIRE(store);
  Attendee a;
  a.id = new_uuid();
  a.external_ref = "R1";
  a.last_name = "Diop";
  REQUIRE(store->insert_attendee(a, AttendeeSource::import));

  sync::SyncOptions options;
  options.store = path;
  options.central_url = "postgresql://kiosk1:s3cret@127.0.0.1:1/accueil";
  options.kiosk = "k1";
  options.outbox_poll = std::chrono::milliseconds(20);
  sync::SyncWorker worker(options);
  worker.start();
  // Check-ins are written while the worker cannot reach central: nothing waits for it.
  const auto before = std::chrono::steady_clock::now();
  for (int day = 1; day <= 3; ++day)
    REQUIRE(store->write([&] {
      return store->append({new_uuid(), a.id, day, "k1", now_ms(), CheckinKind::checkin, "", "", ""});
    }));
  CHECK(std::chrono::steady_clock::now() - before < std::chrono::seconds(1));
  sync::SyncStatus status;
  for (int i = 0; i < 300; ++i) {
    status = worker.status();
    if (!status.connected && status.offline_since_ms > 0 && status.outbox == 3) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK_FALSE(status.connected);
  CHECK(status.offline_since_ms > 0);
  CHECK(status.outbox == 3);
  CHECK(status.summary().starts_with("offline since "));
  CHECK(status.summary().ends_with(", 3 check-ins waiting"));
  CHECK(status.last_error.find("s3cret") == std::string::npos);
  worker.stop();
  CHECK_FALSE(worker.status().running);
}

TEST_CASE("a heartbeat's printers: every printer of the queue, its trouble and its queue", "[sync]") {
  StationsState stations;
  CHECK(sync::printer_states(stations) == "[]");  // accueilctl sync: no printers
  stations.holders.push_back({"host:1", "accueil kiosk entree-1", {"desk", "hall"}, 0, 0});
  stations.printers.push_back({"hall", 3, "media_empty", "no labels"});
  stations.printers.push_back({"usb", 1, "something new", ""});
  CHECK(nlohmann::json::parse(sync::printer_states(stations)) ==
        nlohmann::json::parse(R"([{"name": "desk", "state": "none", "queue": 0},
                                  {"name": "hall", "state": "media_empty", "queue": 3},
                                  {"name": "usb", "state": "other", "queue": 1}])"));
}

TEST_CASE("the worker's status and the stations say what central refused", "[sync]") {
  TempDir dir;
  const auto path = dir.path / "kiosk.db";
  auto store = Store::open(path);
  REQUIRE(store);
  Attendee a;
  a.id = new_uuid();
  a.external_ref = "R1";
  a.last_name = "Kowalska";
  REQUIRE(store->insert_attendee(a, AttendeeSource::import));
  for (int day = 1; day <= 2; ++day)
    REQUIRE(store->write([&] {
      return store->append({new_uuid(), a.id, day, "k1", now_ms(), CheckinKind::checkin, "", "", ""});
    }));
  // What sync's push does with entries central refuses on their own (shared/sync/local.cpp).
  REQUIRE(store->database().exec("INSERT INTO outbox_refused (seq, refused_ms, message) SELECT seq, 1000 + seq, "
                                "'attendee ' || seq || ' is not an attendee of the event' FROM outbox; "
                                "UPDATE outbox SET sent_ms = 1"));
  auto stations = read_stations(*store);
  REQUIRE(stations);
  CHECK(stations->outbox_refused == 2);
  CHECK(stations->outbox_pending == 0);
  CHECK(stations->last_refusal == "attendee 2 is not an attendee of the event");

  sync::SyncOptions options;
  options.store = path;
  options.central_url = "postgresql://kiosk1@127.0.0.1:1/accueil";
  options.kiosk = "k1";
  options.outbox_poll = std::chrono::milliseconds(20);
  sync::SyncWorker worker(options);
  worker.start();
  sync::SyncStatus status;
  for (int i = 0; i < 300 && status.refused == 0; ++i) {
    status = worker.status();
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  CHECK(status.refused == 2);
  CHECK(status.last_refusal == "attendee 2 is not an attendee of the event");
  CHECK(status.summary().ends_with("nothing waiting; 2 refused by central (latest: attendee 2 is not an attendee of "
                                   "the event)"));
  worker.stop();
}
