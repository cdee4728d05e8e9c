#include "shared/domain/clock.hpp"

#include <unicode/strenum.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cctype>
#include <charconv>
#include <chrono>
#include <cstdlib>
#include <cstring>
#include <memory>
#include <numeric>
#include <vector>

#include <fmt/core.h>

namespace accueil {

std::int64_t now_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(system_clock::now().time_since_epoch()).count();
}

std::int64_t SystemClock::now_ms() const { return accueil::now_ms(); }

std::int64_t OffsetClock::now_ms() const { return accueil::now_ms() + m_offset_ms; }

Result<std::int64_t> clock_offset_from_environment() {
  const char* text = std::getenv("ACCUEIL_CLOCK_OFFSET_MS");
  if (!text || !*text) return 0;
  std::int64_t offset = 0;
  const char* end = text + std::strlen(text);
  auto [at, ec] = std::from_chars(text, end, offset);
  if (ec != std::errc() || at != end)
    return fail(fmt::format("ACCUEIL_CLOCK_OFFSET_MS=\"{}\": expected a whole number of milliseconds to add to the "
                            "clock (tests only), such as -3600000",
                            text));
  return offset;
}

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

std::int64_t next_local_midnight_ms(std::int64_t ms, std::string_view timezone) {
  // The local day lasts 22 to 26 hours around a daylight-saving change (23 or
  // 25 in practice): search, to the millisecond, for the first instant whose
  // local date is later than today's.
  const std::string today = local_date(ms, timezone);
  const LocalParts now = local_parts(ms, timezone);
  std::int64_t low = ms;  // local date is today
  std::int64_t high = ms + (26LL * 3600 - (now.time.hours().count() * 3600LL)) * 1000;  // past midnight
  if (high <= low) high = low + 1;
  while (local_date(high, timezone) <= today) high += 3600 * 1000;
  while (high - low > 1) {
    const std::int64_t mid = low + (high - low) / 2;
    (local_date(mid, timezone) > today ? high : low) = mid;
  }
  return high;
}

EventToday event_today(std::span<const std::string> dates, std::string_view timezone, std::int64_t ms) {
  EventToday today;
  const std::string date = local_date(ms, timezone);
  for (std::size_t i = 0; i < dates.size(); ++i) {
    if (dates[i] == date) today.day = static_cast<int>(i) + 1;
    if (dates[i] > date && !today.next_day) today.next_day = static_cast<int>(i) + 1;
  }
  if (today.day) today.next_day.reset();
  today.until_ms = next_local_midnight_ms(ms, timezone);
  return today;
}

EventToday event_today(const Event& event, std::int64_t ms) {
  std::vector<std::string> dates;
  for (const EventDay& d : event.days) dates.push_back(d.date);
  return event_today(dates, event.timezone, ms);
}

bool is_known_timezone(std::string_view timezone) {
  if (timezone.empty()) return false;
  std::unique_ptr<icu::TimeZone> zone(icu::TimeZone::createTimeZone(
      icu::UnicodeString::fromUTF8(icu::StringPiece(timezone.data(), static_cast<std::int32_t>(timezone.size())))));
  // ICU answers an unknown name with its "Etc/Unknown" zone, which is UTC.
  return zone && *zone != icu::TimeZone::getUnknown();
}

std::string closest_timezone(std::string_view timezone) {
  auto lower = [](std::string_view s) {
    std::string out(s);
    std::ranges::transform(out, out.begin(), [](char c) { return static_cast<char>(std::tolower(static_cast<unsigned char>(c))); });
    return out;
  };
  // Levenshtein distance, one row at a time.
  auto distance = [](const std::string& a, const std::string& b) {
    std::vector<std::size_t> row(b.size() + 1);
    std::iota(row.begin(), row.end(), std::size_t{0});
    for (std::size_t i = 1; i <= a.size(); ++i) {
      std::size_t diagonal = row[0];
      row[0] = i;
      for (std::size_t j = 1; j <= b.size(); ++j) {
        std::size_t above = row[j];
        row[j] = std::min({row[j] + 1, row[j - 1] + 1, diagonal + (a[i - 1] == b[j - 1] ? 0 : 1)});
        diagonal = above;
      }
    }
    return row[b.size()];
  };
  const std::string wanted = lower(timezone);
  std::string best;
  std::size_t best_distance = std::string::npos;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::StringEnumeration> zones(icu::TimeZone::createEnumeration(status));
  if (U_FAILURE(status) || !zones) return best;
  while (const icu::UnicodeString* id = zones->snext(status)) {
    if (U_FAILURE(status)) break;
    std::string name;
    id->toUTF8String(name);
    if (std::size_t d = distance(wanted, lower(name)); d < best_distance) {
      best_distance = d;
      best = std::move(name);
    }
  }
  return best;
}

}  // namespace accueil
