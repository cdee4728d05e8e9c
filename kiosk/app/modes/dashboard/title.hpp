// The dashboard's title bar as text, apart from drawing it: the clock, which
// keeps time whether or not the figures move, and the red status line, which
// says when the figures shown are the last known ones. Pure, so that a test
// with a fake clock reads what a frame would show.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/text/catalog.hpp"

namespace accueil::kiosk {

struct TitleState {
  const DashboardData* data = nullptr;  // the figures last received; none before the first
  std::string_view language;            // of the labels
  std::int64_t now_ms = 0;              // the shell's clock, Unix ms
  std::string_view error;               // the feed's last failure; empty while it answers
  std::optional<std::int64_t> unreachable_since_ms;  // while the feed's source is down
};

struct TitleLines {
  std::string clock;   // "Jour 1 · 2026-12-03 · 10:42": the day shown, the time now; empty without figures
  std::string status;  // empty while the feed answers; else what is wrong and, with figures, how old they are
};

// In the event's time zone (before any figures, an event's default zone).
TitleLines dashboard_title(const TitleState& state, const Catalogs& catalogs);

struct Words;

// The timeline's end of queue at the present rate: "File résorbée vers 19:51"
// when that falls today (by the event's zone), else that it will not clear
// today ("08:03" alone reads as this morning for tomorrow's 08:03); or that
// everyone came, or that nobody is arriving.
std::string queue_clears_text(const Words& w, const Timeline& t, std::int64_t now_ms, std::string_view timezone);

// A print queue whose heartbeat is older than this, by the app's clock, is
// shown as stopped (the figures' own time stands still while nothing changes).
inline constexpr std::int64_t k_queue_alive_ms = 10'000;
inline bool queue_online(std::int64_t heartbeat_ms, std::int64_t now_ms) {
  return now_ms - heartbeat_ms < k_queue_alive_ms;
}

// When the clock needs a frame: its minute turned since the one last drawn.
// The dashboard draws no frame per poll (an idle dashboard costs no CPU), so
// the clock asks for one a minute. Minutes are the Unix clock's, as are those
// of every time zone the tz database has today (whole-minute offsets).
class MinuteTicker {
public:
  bool due(std::int64_t now_ms) const { return minute_of(now_ms) != m_drawn_minute; }
  void drawn(std::int64_t now_ms) { m_drawn_minute = minute_of(now_ms); }
  // Milliseconds from `now_ms` to the next minute's start (1 to 60,000).
  static std::int64_t ms_to_next_minute(std::int64_t now_ms) { return (minute_of(now_ms) + 1) * 60'000 - now_ms; }

private:
  static std::int64_t minute_of(std::int64_t ms) { return ms >= 0 ? ms / 60'000 : (ms - 59'999) / 60'000; }
  std::optional<std::int64_t> m_drawn_minute;
};

}  // namespace accueil::kiosk
