// The dashboard's title bar with central down: the clock keeps time by the
// shell's clock, the figures are said to be the last known ones, and the
// clock asks for a frame once a minute, not per poll.
#include <catch2/catch.hpp>

#include "../shared/fixtures.hpp"
#include "kiosk/app/modes/dashboard/title.hpp"
#include "kiosk/app/modes/dashboard/words.hpp"

using namespace accueil;
using namespace accueil::kiosk;

namespace {

constexpr std::int64_t k_nine = 1'796'284'800'000;  // 2026-12-03 09:00 in Paris (day 1 of the sample event)
constexpr std::int64_t k_minute = 60'000;

const Catalogs& catalogs() {
  static const Catalogs loaded = [] {
    auto c = Catalogs::load(ACCUEIL_SOURCE_DIR "/assets/i18n", {"fr", "es"});
    REQUIRE(c);
    return std::move(*c);
  }();
  return loaded;
}

DashboardData figures_at(std::int64_t ms) {
  DashboardData data;
  data.event = testing::sample_event();
  data.day = 1;
  data.now_ms = ms;
  data.language = "fr";
  return data;
}

}  // namespace

TEST_CASE("central down: the clock keeps time, the figures are marked as the last known", "[dashboard]") {
  const DashboardData data = figures_at(k_nine);
  const std::string date = data.event.days[0].date;
  TitleState state{&data, "fr", k_nine + 30'000, "", std::nullopt};
  TitleLines lines = dashboard_title(state, catalogs());
  CHECK(lines.clock == "Jour 1 · " + date + " · 09:00");
  CHECK(lines.status.empty());

  // Central goes down at 09:01; at 09:47 the figures are still those of 09:00.
  state.error = "central unreachable since 09:01";
  state.unreachable_since_ms = k_nine + k_minute;
  state.now_ms = k_nine + 47 * k_minute + 5'000;
  lines = dashboard_title(state, catalogs());
  CHECK(lines.clock == "Jour 1 · " + date + " · 09:47");
  CHECK(lines.status == "Liste centrale injoignable depuis 09:01 · chiffres de 09:00");
  state.language = "en";
  CHECK(dashboard_title(state, catalogs()).status == "Central list unreachable since 09:01 · figures as of 09:00");
  CHECK(dashboard_title(state, catalogs()).clock == "Day 1 · " + date + " · 09:47");

  // The local store failing (no "since"): its message, and the figures' age.
  state.unreachable_since_ms.reset();
  state.error = "database is locked";
  CHECK(dashboard_title(state, catalogs()).status == "database is locked · figures as of 09:00");

  // No figures yet: no clock, the failure alone.
  state.data = nullptr;
  state.language = "fr";
  state.unreachable_since_ms = k_nine;
  lines = dashboard_title(state, catalogs());
  CHECK(lines.clock.empty());
  CHECK(lines.status == "Liste centrale injoignable depuis 09:00");
}

TEST_CASE("the clock asks for a frame when its minute turns, and not before", "[dashboard]") {
  MinuteTicker clock;
  CHECK(clock.due(k_nine));  // nothing drawn yet
  clock.drawn(k_nine + 30'000);
  CHECK_FALSE(clock.due(k_nine + 30'500));  // the polls of an outage: no frame
  CHECK_FALSE(clock.due(k_nine + 59'999));
  CHECK(clock.due(k_nine + k_minute));
  CHECK(MinuteTicker::ms_to_next_minute(k_nine + 30'000) == 30'000);
  CHECK(MinuteTicker::ms_to_next_minute(k_nine) == k_minute);
  CHECK(MinuteTicker::ms_to_next_minute(k_nine + 59'999) == 1);
}

TEST_CASE("the queue's end is said with its time only when it falls today", "[dashboard]") {
  const std::string zone = testing::sample_event().timezone;
  Timeline t;
  t.remaining = 224;
  t.clears_at_ms = k_nine + 3 * 60 * k_minute;  // 12:00 the same day
  CHECK(queue_clears_text(words("fr"), t, k_nine, zone) == "File résorbée vers 12:00");
  // At 12 an hour late in the day, the end falls tomorrow morning: "08:03"
  // alone would read as this morning.
  t.clears_at_ms = k_nine + 23 * 60 * k_minute + 3 * k_minute;  // tomorrow 08:03
  CHECK(queue_clears_text(words("fr"), t, k_nine + 13 * 60 * k_minute, zone) ==
        "File non résorbée aujourd'hui à ce rythme");
  CHECK(queue_clears_text(words("en"), t, k_nine + 13 * 60 * k_minute, zone) == "Queue will not clear today at this rate");
  t.clears_at_ms.reset();
  CHECK(queue_clears_text(words("fr"), t, k_nine, zone) == "Personne n'arrive en ce moment");
  t.remaining = 0;
  CHECK(queue_clears_text(words("fr"), t, k_nine, zone) == "Tout le monde est arrivé");
}

TEST_CASE("a print queue is online by the app's clock, not by the figures' time", "[dashboard]") {
  const std::int64_t beat = k_nine;
  CHECK(queue_online(beat, beat + 9'999));
  CHECK_FALSE(queue_online(beat, beat + k_queue_alive_ms));
}
