#include <catch2/catch.hpp>

#include <chrono>
#include <cstdlib>

#include "fixtures.hpp"
#include "shared/domain/clock.hpp"

using namespace accueil;

namespace {

// Unix milliseconds of a UTC date and time.
std::int64_t utc_ms(int y, unsigned m, unsigned d, int hh, int mm = 0, int ss = 0) {
  using namespace std::chrono;
  const sys_days day = year_month_day{year{y}, month{m}, std::chrono::day{d}};
  return duration_cast<milliseconds>(day.time_since_epoch() + hours{hh} + minutes{mm} + seconds{ss}).count();
}

const std::vector<std::string> k_days = {"2026-12-03", "2026-12-04"};

}  // namespace

TEST_CASE("the next local midnight, on an ordinary day", "[clock]") {
  // Paris is UTC+1 in December: midnight is 23:00 UTC.
  CHECK(next_local_midnight_ms(utc_ms(2026, 12, 3, 9), "Europe/Paris") == utc_ms(2026, 12, 3, 23));
  CHECK(next_local_midnight_ms(utc_ms(2026, 12, 3, 22, 59, 59), "Europe/Paris") == utc_ms(2026, 12, 3, 23));
  // At midnight itself, the next one is a day later.
  CHECK(next_local_midnight_ms(utc_ms(2026, 12, 3, 23), "Europe/Paris") == utc_ms(2026, 12, 4, 23));
  // Auckland is UTC+13 in December: its midnight is 11:00 UTC the day before.
  CHECK(next_local_midnight_ms(utc_ms(2026, 12, 2, 10), "Pacific/Auckland") == utc_ms(2026, 12, 2, 11));
}

TEST_CASE("the next local midnight across daylight-saving changes", "[clock]") {
  // Paris springs forward on 29 March 2026 (02:00 -> 03:00): a 23-hour day.
  CHECK(next_local_midnight_ms(utc_ms(2026, 3, 28, 12), "Europe/Paris") == utc_ms(2026, 3, 28, 23));
  CHECK(next_local_midnight_ms(utc_ms(2026, 3, 29, 10), "Europe/Paris") == utc_ms(2026, 3, 29, 22));
  // Falls back on 25 October 2026 (03:00 -> 02:00): a 25-hour day.
  CHECK(next_local_midnight_ms(utc_ms(2026, 10, 24, 12), "Europe/Paris") == utc_ms(2026, 10, 24, 22));
  CHECK(next_local_midnight_ms(utc_ms(2026, 10, 25, 1, 30), "Europe/Paris") == utc_ms(2026, 10, 25, 23));
  // Santiago springs forward at midnight (00:00 -> 01:00 on 6 September
  // 2026): the day begins at 01:00 local, 04:00 UTC.
  const std::int64_t santiago = next_local_midnight_ms(utc_ms(2026, 9, 5, 16), "America/Santiago");
  CHECK(santiago == utc_ms(2026, 9, 6, 4));
  CHECK(local_date_time(santiago, "America/Santiago") == "2026-09-06 01:00");
  CHECK(local_date(santiago - 1, "America/Santiago") == "2026-09-05");
}

TEST_CASE("the event day follows the event's time zone and changes at local midnight", "[clock]") {
  // The eve: no check-in, day 1 comes next.
  EventToday eve = event_today(k_days, "Europe/Paris", utc_ms(2026, 12, 2, 22, 59, 59));
  CHECK_FALSE(eve.day.has_value());
  CHECK(eve.next_day == 1);
  CHECK(eve.until_ms == utc_ms(2026, 12, 2, 23));
  // Midnight in Paris is 23:00 UTC: day 1 until 23:00 UTC the next day.
  EventToday first = event_today(k_days, "Europe/Paris", utc_ms(2026, 12, 2, 23));
  CHECK(first.day == 1);
  CHECK_FALSE(first.next_day.has_value());
  CHECK(first.until_ms == utc_ms(2026, 12, 3, 23));
  CHECK(event_today(k_days, "Europe/Paris", utc_ms(2026, 12, 3, 22, 59, 59)).day == 1);
  CHECK(event_today(k_days, "Europe/Paris", utc_ms(2026, 12, 3, 23)).day == 2);
  // The same instants in New York are still the day before.
  CHECK(event_today(k_days, "America/New_York", utc_ms(2026, 12, 3, 23)).day == 1);
  // After the last day: closed, nothing to come.
  EventToday after = event_today(k_days, "Europe/Paris", utc_ms(2026, 12, 4, 23));
  CHECK_FALSE(after.day.has_value());
  CHECK_FALSE(after.next_day.has_value());
  // Between two days that are not consecutive: the next one is said.
  const std::vector<std::string> gap = {"2026-12-03", "2026-12-05"};
  EventToday between = event_today(gap, "Europe/Paris", utc_ms(2026, 12, 4, 12));
  CHECK_FALSE(between.day.has_value());
  CHECK(between.next_day == 2);
}

TEST_CASE("event days across a daylight-saving change", "[clock]") {
  const std::vector<std::string> spring = {"2026-03-28", "2026-03-29", "2026-03-30"};
  CHECK(event_today(spring, "Europe/Paris", utc_ms(2026, 3, 28, 22, 59, 59)).day == 1);
  EventToday second = event_today(spring, "Europe/Paris", utc_ms(2026, 3, 28, 23));
  CHECK(second.day == 2);
  CHECK(second.until_ms - utc_ms(2026, 3, 28, 23) == 23 * 3600 * 1000LL);  // the short day
  CHECK(event_today(spring, "Europe/Paris", utc_ms(2026, 3, 29, 22)).day == 3);  // CEST now: 22:00 UTC

  const std::vector<std::string> autumn = {"2026-10-25", "2026-10-26"};
  EventToday long_day = event_today(autumn, "Europe/Paris", utc_ms(2026, 10, 24, 22));
  CHECK(long_day.day == 1);
  CHECK(long_day.until_ms - utc_ms(2026, 10, 24, 22) == 25 * 3600 * 1000LL);  // the long day
  CHECK(event_today(autumn, "Europe/Paris", utc_ms(2026, 10, 25, 22, 59, 59)).day == 1);
  CHECK(event_today(autumn, "Europe/Paris", utc_ms(2026, 10, 25, 23)).day == 2);
}

TEST_CASE("the sample event's calendar", "[clock]") {
  const Event event = testing::sample_event();
  const EventToday today = event_today(event, utc_ms(2026, 12, 3, 9));
  CHECK(today.day == event.day_of("2026-12-03"));
}

TEST_CASE("a test clock offset comes from the environment, and a bad one is refused", "[clock]") {
  ::unsetenv("ACCUEIL_CLOCK_OFFSET_MS");
  REQUIRE(clock_offset_from_environment());
  CHECK(*clock_offset_from_environment() == 0);
  ::setenv("ACCUEIL_CLOCK_OFFSET_MS", "-3600000", 1);
  REQUIRE(clock_offset_from_environment());
  CHECK(*clock_offset_from_environment() == -3'600'000);
  const OffsetClock clock(*clock_offset_from_environment());
  CHECK(std::llabs(clock.now_ms() + 3'600'000 - now_ms()) < 5'000);
  ::setenv("ACCUEIL_CLOCK_OFFSET_MS", "1h", 1);
  auto bad = clock_offset_from_environment();
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("ACCUEIL_CLOCK_OFFSET_MS") && Catch::Contains("milliseconds"));
  ::unsetenv("ACCUEIL_CLOCK_OFFSET_MS");
}
