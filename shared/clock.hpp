// Time: a clock interface (faked in tests) and local dates and times in the
// event's time zone, which decide what "today" is.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/model.hpp"

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

// "2026-12-03" for Unix time `ms` in the IANA zone `timezone` (UTC if unknown).
std::string local_date(std::int64_t ms, std::string_view timezone);
// "08:57" for Unix time `ms` in `timezone`.
std::string local_time(std::int64_t ms, std::string_view timezone);
// "2026-12-03 08:57"
std::string local_date_time(std::int64_t ms, std::string_view timezone);

// The event day that Unix time `ms` falls on, in the event's time zone.
std::optional<int> event_day_at(const Event& event, std::int64_t ms);

// Whether the functions above know the zone `timezone` (ICU's copy of the tz
// database, IANA names and their aliases). They take an unknown one for UTC.
bool is_known_timezone(std::string_view timezone);
// The known zone name nearest to `timezone` (fewest letters to change, case
// ignored), to suggest for a misspelt one.
std::string closest_timezone(std::string_view timezone);

}  // namespace accueil
