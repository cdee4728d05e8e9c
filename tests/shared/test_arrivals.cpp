// The dashboard's figures as pure functions: no store here.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/domain/arrivals.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

constexpr std::int64_t k_min = 60'000;
constexpr std::int64_t k_t0 = 1'796'280'000'000;  // a multiple of ten minutes

LogEntry entry(std::int64_t seq, const std::string& attendee, int day, std::int64_t at, std::string kiosk = "k1",
               CheckinKind kind = CheckinKind::checkin, std::string undoes = "") {
  return {seq, "u" + std::to_string(seq), attendee, day, std::move(kiosk), at, kind, std::move(undoes)};
}

Attendee person(std::string ref, std::string category, std::string country, DaySet days = DaySet::all(2)) {
  Attendee a = make_attendee(ref, "P", ref, "Org " + ref, days);
  a.id = ref;
  a.category = std::move(category);
  a.country = std::move(country);
  return a;
}

}  // namespace

TEST_CASE("the log folds into arrivals: undone check-ins go, duplicates count once, walk-ins count", "[arrivals]") {
  ArrivalLog log;
  log.add(entry(1, "a", 1, k_t0, "k1"));
  log.add(entry(2, "a", 1, k_t0 + 5 * k_min, "k2"));  // a second kiosk, the same person: one arrival, the first
  log.add(entry(3, "b", 1, k_t0 + k_min));
  log.add(entry(4, "b", 1, k_t0 + 2 * k_min, "k1", CheckinKind::undo, "u3"));
  log.add(entry(5, "c", 1, k_t0 + 3 * k_min, "desk", CheckinKind::walkin));
  log.add(entry(6, "a", 2, k_t0 + 24 * 60 * k_min));
  // An undo read before what it cancels (from a central list) still cancels it.
  log.add(entry(8, "d", 1, k_t0 + 4 * k_min, "k1", CheckinKind::undo, "u7"));
  log.add(entry(7, "d", 1, k_t0 + 3 * k_min));
  log.add(entry(9, "e", 1, k_t0 + 4 * k_min, "k1", CheckinKind::reprint));

  const auto arrivals = log.arrivals();
  REQUIRE(arrivals.size() == 3);
  CHECK(arrivals[0].attendee_id == "a");
  CHECK(arrivals[0].kiosk == "k1");
  CHECK(arrivals[0].at_ms == k_t0);
  CHECK(arrivals[1].attendee_id == "c");
  CHECK(arrivals[2].attendee_id == "a");
  CHECK(arrivals[2].day == 2);
  CHECK(log.last_seq() == 9);

  const Presence p = log.presence();
  CHECK(p.days_by_attendee.at("a") == 0b11);
  CHECK(p.days_by_attendee.at("c") == 0b01);
  CHECK_FALSE(p.days_by_attendee.contains("b"));
  CHECK_FALSE(p.days_by_attendee.contains("d"));

  // Present on both days: once in the event's total, once per day.
  Event event = sample_event();
  std::vector<Attendee> people = {person("a", "elu", "FR"), person("b", "elu", "FR"), person("c", "presse", "JP"),
                                  person("d", "elu", "FR"), person("e", "elu", "FR")};
  const EventReport r = figures_of(event, people, p);
  CHECK(r.total.checked_in.people == 2);
  CHECK(r.days[0].checked_in.people == 2);
  CHECK(r.days[1].checked_in.people == 1);
  CHECK(r.total.checked_in.foreign_people == 1);

  const auto kiosks = log.kiosks();
  REQUIRE(kiosks.size() == 3);  // desk, k1, k2, by name
  CHECK(kiosks[0].kiosk == "desk");
  CHECK(kiosks[1].kiosk == "k1");
  CHECK(kiosks[0].arrivals == 1);
  CHECK(kiosks[1].arrivals == 2);  // a on both days; b's and d's were undone
  CHECK(kiosks[1].last_ms == k_t0 + 24 * 60 * k_min);
  CHECK(kiosks[2].arrivals == 1);  // a's duplicate, as k2 recorded it
}

TEST_CASE("the timeline counts arrivals per ten minutes by category, with the peak and the projection", "[arrivals]") {
  Event event = sample_event();
  std::vector<Attendee> people;
  for (int i = 0; i < 10; ++i) people.push_back(person("elu" + std::to_string(i), "elu", "FR"));
  for (int i = 0; i < 10; ++i) people.push_back(person("pr" + std::to_string(i), "presse", "FR"));
  people.push_back(person("day2", "elu", "FR", DaySet::from_bits(0b10)));
  Attendee gone = person("gone", "elu", "FR");
  gone.status = AttendeeStatus::cancelled;
  people.push_back(gone);

  std::vector<Arrival> arrivals = {
      {"elu0", 1, k_t0 + 1 * k_min, "k1"},  {"elu1", 1, k_t0 + 9 * k_min, "k1"},
      {"pr0", 1, k_t0 + 10 * k_min, "k2"},  {"elu2", 1, k_t0 + 12 * k_min, "k1"},
      {"pr1", 1, k_t0 + 15 * k_min, "k2"},  {"elu3", 1, k_t0 + 19 * k_min, "k1"},
      {"pr2", 1, k_t0 + 41 * k_min, "k2"},  {"elu0", 2, k_t0 + 42 * k_min, "k1"},  // another day: not in day 1
  };
  const std::int64_t now = k_t0 + 45 * k_min;
  const Timeline t = timeline_of(event, people, arrivals, 1, now, "en");
  REQUIRE(t.bins.size() == 5);  // 0-10, 10-20, 20-30, 30-40, 40-50
  CHECK(t.bins[0].start_ms == k_t0);
  CHECK(t.bins[0].total == 2);
  CHECK(t.bins[1].total == 4);
  CHECK(t.bins[2].total == 0);
  CHECK(t.bins[4].total == 1);
  std::size_t elu = 0, presse = 0;
  for (std::size_t i = 0; i < t.categories.size(); ++i) {
    if (t.categories[i].key == "elu") elu = i;
    if (t.categories[i].key == "presse") presse = i;
  }
  CHECK(t.categories[elu].label == "Elected official");
  CHECK(t.bins[1].by_category[elu] == 2);
  CHECK(t.bins[1].by_category[presse] == 2);
  CHECK(t.categories[elu].registered == 10);  // the cancelled and the day-2-only one are not registered on day 1
  CHECK(t.registered == 20);
  CHECK(t.arrived == 7);
  CHECK(t.remaining == 13);
  CHECK(t.peak == 4);
  CHECK(t.peak_start_ms == k_t0 + 10 * k_min);
  // Over the last 30 minutes (15-45): pr1 is at 15, not after: elu3 and pr2, 2 arrivals, 4 an hour.
  CHECK(t.rate_per_hour == Approx(4.0));
  REQUIRE(t.clears_at_ms);
  CHECK(*t.clears_at_ms == now + 13 * 15 * k_min);  // 13 people at 4 an hour

  // Nobody arriving: no projection; everyone arrived: cleared.
  const Timeline later = timeline_of(event, people, arrivals, 1, now + 120 * k_min);
  CHECK(later.rate_per_hour == 0);
  CHECK_FALSE(later.clears_at_ms);
  CHECK_FALSE(later.cleared());
  CHECK(later.bins.size() == 17);
  const Timeline none = timeline_of(event, people, {}, 1, now);
  CHECK(none.bins.empty());
  CHECK(none.remaining == 20);
}

TEST_CASE("the protocol feed: VIPs and delegation heads, newest first, and those still expected", "[arrivals]") {
  Event event = sample_event();
  Attendee minister = person("min", "intervenant", "FR");
  minister.vip = true;
  Attendee ambassador = person("amb", "ambassade", "JP");
  ambassador.vip = true;
  Attendee head = person("head", "delegation", "MA");  // first of its delegation in the list
  head.delegation = "Délégation de Fès";
  Attendee member = person("member", "delegation", "MA");
  member.delegation = "Délégation de Fès";
  Attendee vip_member = person("vipm", "delegation", "SN");
  vip_member.delegation = "Délégation de Dakar";
  Attendee first_dakar = person("dk1", "delegation", "SN");
  first_dakar.delegation = "Délégation de Dakar";
  Attendee tomorrow = person("tmr", "intervenant", "FR", DaySet::from_bits(0b10));
  tomorrow.vip = true;
  vip_member.vip = true;
  std::vector<Attendee> people = {minister, ambassador, head, member, first_dakar, vip_member, tomorrow,
                                  person("plain", "elu", "FR")};
  std::vector<Arrival> arrivals = {{"head", 1, k_t0, "k1"},
                                   {"member", 1, k_t0 + k_min, "k1"},
                                   {"min", 1, k_t0 + 2 * k_min, "k2"},
                                   {"plain", 1, k_t0 + 3 * k_min, "k1"},
                                   {"dk1", 1, k_t0 + 4 * k_min, "k1"}};
  const ProtocolFeed feed = protocol_of(event, people, arrivals, 1);
  REQUIRE(feed.arrived.size() == 2);
  CHECK(feed.arrived[0].attendee_id == "min");  // newest first
  CHECK(feed.arrived[0].kiosk == "k2");
  CHECK(feed.arrived[0].vip);
  CHECK(feed.arrived[1].attendee_id == "head");
  CHECK(feed.arrived[1].delegation_head);
  REQUIRE(feed.expected.size() == 2);  // the ambassador, Dakar's VIP member (its head); not tomorrow's
  CHECK(feed.expected[0].attendee_id == "amb");
  CHECK(feed.expected[1].attendee_id == "vipm");
  CHECK(feed.expected[1].delegation_head);
}
