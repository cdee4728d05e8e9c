// Time: a clock interface (faked in tests) and local dates and times in the
// event's time zone, which decide what "today" is.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

// Unix time now, in milliseconds: the system clock, where no Clock is passed.
std::int64_t now_ms();

class Clock {
public:
  virtual ~Clock() = default;
  virtual std::int64_t now_ms() const = 0;  // Unix time, milliseconds
};

class SystemClock final : public Clock {
public:
  std::int64_t now_ms() const override;
};

// The system clock moved by a fixed offset. For tests that drive a real
// program at another time of day (the kiosk past midnight): the kiosk reads
// the offset from ACCUEIL_CLOCK_OFFSET_MS (see clock_offset_from_environment).
class OffsetClock final : public Clock {
public:
  explicit OffsetClock(std::int64_t offset_ms) : m_offset_ms(offset_ms) {}
  std::int64_t now_ms() const override;
  std::int64_t offset_ms() const { return m_offset_ms; }

private:
  std::int64_t m_offset_ms;
};

// ACCUEIL_CLOCK_OFFSET_MS: milliseconds added to the system clock (tests only;
// a program that honours it says so on stderr). 0 when unset; an error when
// it is not a whole number.
Result<std::int64_t> clock_offset_from_environment();

// "2026-12-03" for Unix time `ms` in the IANA zone `timezone` (UTC if unknown).
std::string local_date(std::int64_t ms, std::string_view timezone);
// "08:57" for Unix time `ms` in `timezone`.
std::string local_time(std::int64_t ms, std::string_view timezone);
// "2026-12-03 08:57"
std::string local_date_time(std::int64_t ms, std::string_view timezone);

// The event day that Unix time `ms` falls on, in the event's time zone.
std::optional<int> event_day_at(const Event& event, std::int64_t ms);

// Unix time of the first instant of the local day after the one `ms` falls
// on, in `timezone`: local midnight, or the first instant after it when a
// daylight-saving change skips midnight (America/Santiago, Asia/Beirut).
std::int64_t next_local_midnight_ms(std::int64_t ms, std::string_view timezone);

// Where Unix time `ms` falls in the event's calendar, in its time zone.
struct EventToday {
  std::optional<int> day;       // the event day it is, when the event runs today
  std::optional<int> next_day;  // no check-in today: the day to come (none: the event is over)
  std::int64_t until_ms = 0;    // the next local midnight, when this may change
};
// `dates` are the event's days as ISO local dates, day 1 first, in order.
EventToday event_today(std::span<const std::string> dates, std::string_view timezone, std::int64_t ms);
EventToday event_today(const Event& event, std::int64_t ms);

// Whether the functions above know the zone `timezone` (ICU's copy of the tz
// database, IANA names and their aliases). They take an unknown one for UTC.
bool is_known_timezone(std::string_view timezone);
// The known zone name nearest to `timezone` (fewest letters to change, case
// ignored), to suggest for a misspelt one.
std::string closest_timezone(std::string_view timezone);

}  // namespace accueil
