// The dashboard's incremental figures (shared/domain/live_figures.hpp) against
// a full recompute (figures_of, timeline_of, protocol_of over the whole list
// and a log folded from scratch) after every step of a mixed sequence:
// check-ins on two days, duplicates at another kiosk, undos (some read before
// what they cancel), walk-ins, people the list learns of after they arrived,
// reprints.
#include <catch2/catch.hpp>

#include <random>

#include <fmt/core.h>

#include "fixtures.hpp"
#include "shared/domain/live_figures.hpp"
#include "shared/intake/demo_data.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

constexpr std::int64_t k_min = 60'000;
constexpr std::int64_t k_day1 = 1'796'280'000'000;  // 2026-12-03, early morning in Paris
constexpr std::int64_t k_day2 = k_day1 + 24 * 60 * k_min;

// The full recompute, as the dashboard did it before it kept its figures up to date.
struct Full {
  EventReport report;
  std::vector<Timeline> timelines;   // day 1, day 2
  std::vector<ProtocolFeed> protocol;
  std::vector<KioskActivity> kiosks;
};

Full full_of(const Event& event, const std::vector<Attendee>& list, const std::vector<LogEntry>& entries,
             std::int64_t now_ms, std::string_view language) {
  ArrivalLog log;
  for (const LogEntry& e : entries) log.add(e);
  Full f;
  f.report = figures_of(event, list, log.presence(), language);
  const std::vector<Arrival> arrivals = log.arrivals();
  for (int day = 1; day <= 2; ++day) {
    f.timelines.push_back(timeline_of(event, list, arrivals, day, now_ms, language));
    f.protocol.push_back(protocol_of(event, list, arrivals, day));
  }
  f.kiosks = log.kiosks();
  return f;
}

// Compared piece by piece, so that a failure says which.
void check_same(const LiveFigures& live, const Full& full, std::int64_t now_ms, std::string_view language,
                const std::string& step) {
  INFO("after " << step);
  const EventReport report = live.report(language);
  REQUIRE(report.days.size() == full.report.days.size());
  for (std::size_t d = 0; d < report.days.size(); ++d) {
    INFO("day " << d + 1);
    CHECK(report.days[d].registered == full.report.days[d].registered);
    CHECK(report.days[d].checked_in == full.report.days[d].checked_in);
    CHECK(report.days[d].by_category == full.report.days[d].by_category);
    CHECK(report.days[d].by_country == full.report.days[d].by_country);
    CHECK(report.days[d].represented == full.report.days[d].represented);
  }
  CHECK(report.total == full.report.total);
  CHECK(report == full.report);
  for (int day = 1; day <= 2; ++day) {
    INFO("day " << day);
    const Timeline t = live.timeline(day, now_ms, language);
    const Timeline& u = full.timelines[static_cast<std::size_t>(day - 1)];
    CHECK(t.categories == u.categories);
    CHECK(t.bins.size() == u.bins.size());
    CHECK(t.bins == u.bins);
    CHECK(t.arrived == u.arrived);
    CHECK(t.remaining == u.remaining);
    CHECK(t.peak == u.peak);
    CHECK(t.rate_per_hour == u.rate_per_hour);
    CHECK(t == u);
    const ProtocolFeed p = live.protocol(day);
    CHECK(p.arrived == full.protocol[static_cast<std::size_t>(day - 1)].arrived);
    CHECK(p.expected == full.protocol[static_cast<std::size_t>(day - 1)].expected);
  }
  CHECK(live.log().kiosks() == full.kiosks);
}

Attendee walk_in(const Event& event, int n, std::mt19937& rng) {
  Attendee a = make_attendee("walk-" + std::to_string(n), "Marcel", "Walk" + std::to_string(n),
                             n % 3 == 0 ? "Mairie de Dijon" : "Ville de Lyon", DaySet::all(2));
  a.category = event.categories[rng() % event.categories.size()].key;
  a.country = n % 4 == 0 ? "SN" : "FR";
  if (n % 5 == 0) {
    a.delegation = "Délégation du Sénégal";
    a.vip = n % 10 == 0;
  }
  if (n % 7 == 0) a.category = "invite-surprise";  // a category the event does not have
  return a;
}

}  // namespace

TEST_CASE("live figures: each step folded in alone gives what the whole list and log give", "[live_figures]") {
  const Event event = sample_event();
  std::vector<Attendee> list = generate_demo_attendees(event, {400, 7});
  for (std::size_t i = 0; i < list.size(); ++i) list[i].id = "a" + std::to_string(i);
  // Some people the figures must take care with.
  list[3].category = "ancien-nom";  // not among the event's categories
  list[4].country = "";
  list[5].vip = true;
  list[5].status = AttendeeStatus::cancelled;
  list[6].organisation = "  Ville de Dijon ";
  list[7].days = DaySet::from_bits(0b10);

  LiveFigures live(event);
  live.set_attendees(list);
  std::vector<LogEntry> entries;
  std::mt19937 rng(2026);
  std::int64_t seq = 0, walkins = 0;
  std::vector<std::string> checkin_uuids;
  std::vector<std::string> late_people;  // arrived before the list had them
  const std::vector<std::string> kiosks = {"entree-1", "entree-2", "desk"};

  auto feed = [&](LogEntry e) {
    entries.push_back(e);
    live.add(e);
  };
  auto checkin = [&](const std::string& who, int day, std::int64_t at, CheckinKind kind = CheckinKind::checkin) {
    LogEntry e{++seq, "c" + std::to_string(seq), who, day, kiosks[rng() % kiosks.size()], at, kind, ""};
    checkin_uuids.push_back(e.uuid);
    feed(e);
  };

  const std::int64_t now = k_day2 + 10 * 60 * k_min;
  check_same(live, full_of(event, list, entries, now, "fr"), now, "fr", "nothing yet");
  for (int step = 0; step < 600; ++step) {
    const int day = step < 300 ? 1 : 2;
    const std::int64_t at = (day == 1 ? k_day1 : k_day2) + 7 * 60 * k_min + static_cast<std::int64_t>(rng() % 240) * k_min;
    const unsigned roll = static_cast<unsigned>(rng() % 100);
    std::string what;
    if (roll < 60) {
      checkin(list[rng() % list.size()].id, day, at);
      what = "a check-in";
    } else if (roll < 68) {  // the same person again, at another kiosk, sooner or later
      const std::string who = list[rng() % list.size()].id;
      checkin(who, day, at);
      checkin(who, day, at - 3 * k_min);
      what = "a duplicate";
    } else if (roll < 82 && !checkin_uuids.empty()) {
      const std::string undone = checkin_uuids[rng() % checkin_uuids.size()];
      feed({++seq, "x" + std::to_string(seq), "", day, "desk", at, CheckinKind::undo, undone});
      what = "an undo";
    } else if (roll < 86) {  // an undo read before the check-in it cancels (from a central list)
      const std::string who = list[rng() % list.size()].id;
      const std::string uuid = "early" + std::to_string(step);
      feed({++seq, "x" + std::to_string(seq), who, day, "desk", at + k_min, CheckinKind::undo, uuid});
      feed({++seq, uuid, who, day, "entree-1", at, CheckinKind::checkin, ""});
      what = "an undo before its check-in";
    } else if (roll < 92) {
      Attendee a = walk_in(event, static_cast<int>(++walkins), rng);
      a.id = "w" + std::to_string(walkins);
      list.push_back(a);
      REQUIRE(live.add_attendee(a));
      checkin(a.id, day, at, CheckinKind::walkin);
      what = "a walk-in";
    } else if (roll < 96) {  // the log names someone the list does not have yet
      const std::string id = "late" + std::to_string(step);
      late_people.push_back(id);
      checkin(id, day, at);
      what = "an arrival of someone not in the list";
    } else if (!late_people.empty()) {
      Attendee a = walk_in(event, static_cast<int>(++walkins), rng);
      a.id = late_people.back();
      late_people.pop_back();
      list.push_back(a);
      REQUIRE(live.add_attendee(a));
      CHECK_FALSE(live.add_attendee(a));  // the list has them now
      what = "the list learning of someone who arrived";
    } else {
      feed({++seq, "r" + std::to_string(seq), list[0].id, day, "desk", at, CheckinKind::reprint, ""});
      what = "a reprint";
    }
    const std::string language = step % 50 == 49 ? "en" : "fr";
    const std::int64_t shown_now = step % 3 == 0 ? now : at + 20 * k_min;
    check_same(live, full_of(event, list, entries, shown_now, language), shown_now, language,
               fmt::format("step {}: {}", step, what));
  }
  // Much happened; a fresh count from the list gives the same again.
  LiveFigures again(event);
  for (const LogEntry& e : entries) again.add(e);
  again.set_attendees(list);
  check_same(again, full_of(event, list, entries, now, "fr"), now, "fr", "set_attendees after the log");
  CHECK(live.report("fr") == again.report("fr"));
}

TEST_CASE("live figures: an undo of the first check-in moves the arrival to the next one", "[live_figures]") {
  const Event event = sample_event();
  Attendee a = make_attendee("r1", "Anne", "Vip", "Ambassade du Japon");
  a.id = "a1";
  a.vip = true;
  a.country = "JP";
  LiveFigures live(event);
  live.set_attendees({a});
  live.add({1, "u1", "a1", 1, "entree-1", k_day1 + 8 * 60 * k_min, CheckinKind::checkin, ""});
  live.add({2, "u2", "a1", 1, "entree-2", k_day1 + 9 * 60 * k_min, CheckinKind::checkin, ""});
  REQUIRE(live.protocol(1).arrived.size() == 1);
  CHECK(live.protocol(1).arrived[0].kiosk == "entree-1");
  live.add({3, "u3", "", 1, "desk", k_day1 + 9 * 60 * k_min, CheckinKind::undo, "u1"});
  REQUIRE(live.protocol(1).arrived.size() == 1);
  CHECK(live.protocol(1).arrived[0].kiosk == "entree-2");
  CHECK(live.timeline(1, k_day1 + 10 * 60 * k_min, "fr").arrived == 1);
  live.add({4, "u4", "", 1, "desk", k_day1 + 9 * 60 * k_min, CheckinKind::undo, "u2"});
  CHECK(live.protocol(1).arrived.empty());
  CHECK(live.protocol(1).expected.size() == 1);
  CHECK(live.report("fr").days[0].checked_in.people == 0);
  CHECK(live.report("fr").total.checked_in.embassies == 0);
  CHECK(live.timeline(1, k_day1 + 10 * 60 * k_min, "fr").bins.empty());
}
