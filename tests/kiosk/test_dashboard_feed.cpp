// The dashboard's feed on a real SQLite store: the log read in pieces, the
// stations, and a check-in by another connection (as accueilctl or a kiosk
// would make it) seen at the next refresh.
#include <catch2/catch.hpp>

#include "../shared/fixtures.hpp"
#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/report.hpp"

using namespace accueil;
using namespace accueil::kiosk;
using namespace accueil::testing;

namespace {

constexpr std::int64_t k_now = 1'796'284'800'000;  // 2026-12-03 09:00 in Paris (day 1 of the sample event)

Store store_with_people(const std::filesystem::path& path, const Event& event, int count) {
  auto store = Store::open(path);
  REQUIRE(store);
  REQUIRE(store->save_event(event));
  for (int i = 0; i < count; ++i) {
    Attendee a = make_attendee("r" + std::to_string(i), "P", "N" + std::to_string(i), "Ville de Dijon");
    if (i % 3 == 0) a.country = "JP";
    if (i == 0) a.vip = true;
    REQUIRE(store->insert_attendee(a, AttendeeSource::import));
  }
  return std::move(*store);
}

}  // namespace

TEST_CASE("the log is read after a sequence number: only what is new", "[dashboard]") {
  TempDir dir;
  Event event = sample_event();
  Store store = store_with_people(dir.path / "s.db", event, 4);
  auto people = store.attendees().value();
  REQUIRE(check_in_attendee(store, event, people[0].id, {1, "k1", "", k_now})->outcome == Outcome::ok);
  REQUIRE(check_in_attendee(store, event, people[1].id, {1, "k2", "", k_now + 1000})->outcome == Outcome::ok);
  REQUIRE(undo_checkin(store, people[1].id, {1, "desk", "Anne", k_now + 2000}, "wrong person"));

  auto all = read_log(store, 0);
  REQUIRE(all);
  REQUIRE(all->size() == 3);
  CHECK((*all)[0].kiosk == "k1");
  CHECK((*all)[2].kind == CheckinKind::undo);
  CHECK((*all)[2].undoes == (*all)[1].uuid);
  auto tail = read_log(store, (*all)[1].seq);
  REQUIRE(tail);
  REQUIRE(tail->size() == 1);
  CHECK((*tail)[0].kind == CheckinKind::undo);
  CHECK(read_log(store, (*all)[2].seq)->empty());

  ArrivalLog log;
  for (const LogEntry& e : *all) log.add(e);
  REQUIRE(log.arrivals().size() == 1);
  CHECK(log.arrivals()[0].attendee_id == people[0].id);
}

TEST_CASE("the stations: print queue holders, printers with badges waiting, reception, outbox", "[dashboard]") {
  TempDir dir;
  Event event = sample_event();
  Store store = store_with_people(dir.path / "s.db", event, 3);
  auto people = store.attendees().value();
  auto& db = store.database();
  REQUIRE(db.exec("INSERT INTO print_queue_holders VALUES ('host:42', 'accueil kiosk entree-1', 'hall\nannex', 1000, 5000)"));
  for (const auto& [who, printer, state, problem] :
       std::vector<std::tuple<int, const char*, const char*, const char*>>{{0, "hall", "queued", "cover_open"},
                                                                           {1, "hall", "sending", "none"},
                                                                           {2, "annex", "printed", "none"},
                                                                           {2, "annex", "reception", "media_empty"}}) {
    auto stmt = db.prepare(
        "INSERT INTO print_requests (attendee_id, printer, requested_printer, state, problem, detail, created_ms, "
        "updated_ms) "
        "VALUES (?1, ?2, ?2, ?3, ?4, 'why', 1000, 1000)");
    REQUIRE(stmt);
    REQUIRE(stmt->bind(1, people[static_cast<std::size_t>(who)].id).bind(2, printer).bind(3, state).bind(4, problem).run());
  }
  auto s = read_stations(store);
  REQUIRE(s);
  REQUIRE(s->holders.size() == 1);
  CHECK(s->holders[0].program == "accueil kiosk entree-1");
  CHECK(s->holders[0].printers == std::vector<std::string>{"hall", "annex"});
  CHECK(s->holders[0].heartbeat_ms == 5000);
  REQUIRE(s->printers.size() == 1);  // annex has nothing waiting
  CHECK(s->printers[0].printer == "hall");
  CHECK(s->printers[0].waiting == 2);
  CHECK(s->printers[0].problem == "cover_open");  // its oldest waiting badge's trouble
  CHECK(s->reception_waiting == 1);
  CHECK(s->outbox_pending == 0);  // imported attendees are not shipped; check-ins are
  REQUIRE(check_in_attendee(store, event, people[0].id, {1, "k1", "", k_now})->outcome == Outcome::ok);
  CHECK(read_stations(store)->outbox_pending == 1);
}

TEST_CASE("the local feed: figures at once, nothing when nothing moved, a check-in from another connection",
          "[dashboard]") {
  TempDir dir;
  Event event = sample_event();
  const auto path = dir.path / "s.db";
  Store writer = store_with_people(path, event, 6);
  auto people = writer.attendees().value();
  REQUIRE(check_in_attendee(writer, event, people[1].id, {1, "k1", "", k_now - 600'000})->outcome == Outcome::ok);

  CHECK_FALSE(open_local_feed(dir.path / "none.db", std::nullopt));
  CHECK_FALSE(open_local_feed(path, 3));  // the event has two days
  auto feed = open_local_feed(path, std::nullopt);
  REQUIRE(feed);
  auto first = (*feed)->refresh(k_now, "en", false);
  REQUIRE(first);
  REQUIRE(*first);
  const DashboardData& d = **first;
  CHECK(d.day == 1);
  CHECK(d.report.days[0].checked_in.people == 1);
  CHECK(d.report.days[0].registered.people == 6);
  CHECK(d.timeline.arrived == 1);
  CHECK(d.timeline.remaining == 5);
  CHECK(d.protocol.expected.size() == 1);  // r0, the VIP
  CHECK(d.stations.holders.empty());

  auto same = (*feed)->refresh(k_now + 500, "en", false);
  REQUIRE(same);
  CHECK_FALSE(*same);

  // Another connection checks the VIP in (as accueilctl checkin does).
  {
    auto other = Store::open(path);
    REQUIRE(other);
    REQUIRE(check_in_attendee(*other, event, people[0].id, {1, "desk", "Anne", k_now + 700})->outcome == Outcome::ok);
  }
  auto moved = (*feed)->refresh(k_now + 1000, "en", false);
  REQUIRE(moved);
  REQUIRE(*moved);
  CHECK((*moved)->report.days[0].checked_in.people == 2);
  CHECK((*moved)->report.total.checked_in.people == 2);
  REQUIRE((*moved)->protocol.arrived.size() == 1);
  CHECK((*moved)->protocol.arrived[0].kiosk == "desk");
  CHECK((*moved)->protocol.expected.empty());
  CHECK((*moved)->stations.outbox_pending == 2);

  // The language alone changes the labels.
  auto french = (*feed)->refresh(k_now + 1500, "fr", false);
  REQUIRE(french);
  REQUIRE(*french);
  CHECK((*french)->timeline.categories[0].label == "Élu·e");
}
