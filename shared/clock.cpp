#include "shared/clock.hpp"

#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <chrono>
#include <memory>

#include <fmt/core.h>

namespace accueil {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::now_ms() const { return accueil::now_ms(); }

namespace {

// Milliseconds to add to UTC to get local time in `timezone` at `ms`.
std::int64_t offset_ms(std::int64_t ms, std::string_view timezone) {
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(timezone.data(), static_cast<std::int32_t>(timezone.size())))));
  std::int32_t raw = 0, dst = 0;
  UErrorCode status = U_ZERO_ERROR;
  zone->getOffset(static_cast<UDate>(ms), false, raw, dst, status);
  if (U_FAILURE(status)) return 0;
  return std::int64_t{raw} + dst;
}

struct LocalParts {
  std::chrono::year_month_day date;
  std::chrono::hh_mm_ss<std::chrono::milliseconds> time;
};

LocalParts local_parts(std::int64_t ms, std::string_view timezone) {
  using namespace std::chrono;
  sys_time<milliseconds> local{milliseconds(ms + offset_ms(ms, timezone))};
  auto day = floor<days>(local);
  return {year_month_day(day), hh_mm_ss(local - day)};
}

}  // namespace

std::string local_date(std::int64_t ms, std::string_view timezone) {
  auto p = local_parts(ms, timezone);
  return fmt::format("{:04}-{:02}-{:02}", static_cast<int>(p.date.year()), static_cast<unsigned>(p.date.month()),
                     static_cast<unsigned>(p.date.day()));
}

std::string local_time(std::int64_t ms, std::string_view timezone) {
  auto p = local_parts(ms, timezone);
  return fmt::format("{:02}:{:02}", p.time.hours().count(), p.time.minutes().count());
}

std::string local_date_time(std::int64_t ms, std::string_view timezone) {
  return local_date(ms, timezone) + " " + local_time(ms, timezone);
}

std::optional<int> event_day_at(const Event& event, std::int64_t ms) {
  return event.day_of(local_date(ms, event.timezone));
}

}  // namespace accueil
