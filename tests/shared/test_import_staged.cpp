// An import writes in short transactions and swaps the new list in at once:
// a failed import leaves the attendee table as it was, and an import killed
// at any moment leaves either the old list or the new one, never a mix.
#include <catch2/catch.hpp>

#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <atomic>
#include <chrono>
#include <random>
#include <thread>

#include "fixtures.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/ticket.hpp"
#include "shared/intake/import.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

bool has_table(Store& store, std::string_view name) {
  auto stmt = store.database().prepare("SELECT count(*) FROM sqlite_master WHERE name = ?1");
  REQUIRE(stmt);
  auto found = stmt->bind(1, name).first_row([](const sql::Statement& s) { return s.integer(0); });
  REQUIRE(found);
  return found->value_or(0) > 0;
}

}  // namespace

TEST_CASE("a failed import leaves the attendee table unchanged", "[import][staged]") {
  TempDir dir;
  const auto db = dir.path / "store.db";
  Store store = Store::open(db).value();
  const Event event = sample_event();
  REQUIRE(store.save_event(event));
  auto people = generate_demo_attendees(event, {6000, 3});
  const std::vector<Attendee> first(people.begin(), people.begin() + 3000);
  REQUIRE(import_registrations(store, event, demo_export_csv(first, event), "first.csv"));
  const auto before = store.attendees().value();

  // While the rest of the list is being written, a kiosk creates a record
  // (from a signed ticket) holding the ticket code of one of the new rows: the
  // swap cannot take both, and the import fails as a whole.
  const std::string taken = people[5999].ticket_code;
  Attendee from_ticket = make_attendee(ticket_ref(taken), "Zoé", "Roux");
  from_ticket.ticket_code = taken;
  std::atomic<bool> inserted{false};
  std::thread kiosk([&] {
    Store other = Store::open(db).value();
    auto deadline = std::chrono::steady_clock::now() + std::chrono::seconds(30);
    while (!has_table(other, "attendees_next") && std::chrono::steady_clock::now() < deadline)
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    inserted = other.insert_attendee(from_ticket, AttendeeSource::token).has_value();
  });
  for (Attendee& a : people) a.function += " (mise à jour)";
  auto r = import_registrations(store, event, demo_export_csv(people, event), "all.csv");
  kiosk.join();
  REQUIRE(inserted);
  REQUIRE_FALSE(r);
  CHECK_THAT(r.error().message, Catch::Contains("import the file again"));
  auto after = store.attendees().value();
  REQUIRE(after.size() == before.size() + 1);
  CHECK(after.back() == from_ticket);
  after.pop_back();
  CHECK(after == before);
  CHECK_FALSE(has_table(store, "attendees_next"));
  CHECK_FALSE(has_table(store, "attendees_old"));

  // Imported again, the file completes the kiosk's record, as any import does.
  auto again = import_registrations(store, event, demo_export_csv(people, event), "all.csv");
  REQUIRE(again);
  CHECK(again->updated == 3001);
  CHECK(again->inserted == 2999);
  CHECK(store.attendee_count().value() == 6000);
  CHECK(store.attendee_by_ticket(taken).value()->id == from_ticket.id);
}

TEST_CASE("an import killed at any moment leaves the old list or the new one", "[import][staged]") {
  TempDir dir;
  const auto db = dir.path / "store.db";
  const Event event = sample_event();
  auto people = generate_demo_attendees(event, {4000, 11});
  const std::string list_a = demo_export_csv(people, event);
  for (Attendee& a : people) a.organisation += " (B)";
  const std::string list_b = demo_export_csv(people, event);
  std::vector<Attendee> a, b;
  {
    Store store = Store::open(db).value();
    REQUIRE(store.save_event(event));
    REQUIRE(import_registrations(store, event, list_b, "b.csv"));
    b = store.attendees().value();
    REQUIRE(import_registrations(store, event, list_a, "a.csv"));
    a = store.attendees().value();
  }
  std::mt19937 rng(15);
  int killed_mid_import = 0;
  bool now_a = true;
  for (int round = 0; round < 8; ++round) {
    pid_t child = fork();
    REQUIRE(child >= 0);
    if (child == 0) {
      auto store = Store::open(db);
      if (!store) _exit(2);
      auto r = import_registrations(*store, event, now_a ? list_b : list_a, "x.csv");
      _exit(r ? 0 : 3);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(std::uniform_int_distribution<int>(100, 1500)(rng)));
    kill(child, SIGKILL);
    int status = 0;
    waitpid(child, &status, 0);
    if (WIFEXITED(status)) CHECK(WEXITSTATUS(status) == 0);
    else ++killed_mid_import;

    Store store = Store::open(db).value();
    auto seen = store.attendees().value();
    INFO("round " << round);
    REQUIRE((seen == a || seen == b));
    now_a = seen == a;
  }
  CHECK(killed_mid_import > 0);
}
