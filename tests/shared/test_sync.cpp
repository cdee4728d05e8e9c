// shared/sync without a server: what never needs PostgreSQL to be checked.
// The central list itself is tested against a real PostgreSQL in
// tests/integration/central_test.sh.
#include <catch2/catch.hpp>

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
