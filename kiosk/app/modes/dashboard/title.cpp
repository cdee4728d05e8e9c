#include "kiosk/app/modes/dashboard/title.hpp"

#include <fmt/core.h>

#include "kiosk/app/modes/dashboard/words.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

TitleLines dashboard_title(const TitleState& state, const Catalogs& catalogs) {
  const std::string timezone = state.data ? state.data->event.timezone : Event{}.timezone;
  auto tr = [&](std::string_view english) { return std::string(catalogs.translate(state.language, english)); };
  TitleLines lines;
  if (const DashboardData* d = state.data) {
    const EventDay* day =
        d->day >= 1 && d->day <= d->event.day_count() ? &d->event.days[static_cast<std::size_t>(d->day - 1)] : nullptr;
    lines.clock = fmt::format("{} {} · {} · {}", words(state.language).day, d->day, day ? day->date : "",
                              local_time(state.now_ms, timezone));
  }
  if (state.error.empty() && !state.unreachable_since_ms) return lines;
  lines.status = state.unreachable_since_ms
                     ? fill(tr("Central list unreachable since {time}"),
                            {{"time", local_time(*state.unreachable_since_ms, timezone)}})
                     : std::string(state.error);
  // The figures stay on screen as they were last known: said so, with their time.
  if (state.data)
    lines.status += " · " + fill(tr("figures as of {time}"), {{"time", local_time(state.data->now_ms, timezone)}});
  return lines;
}

std::string queue_clears_text(const Words& w, const Timeline& t, std::int64_t now_ms, std::string_view timezone) {
  if (t.cleared()) return w.cleared;
  if (!t.clears_at_ms) return w.not_clearing;
  if (local_date(*t.clears_at_ms, timezone) != local_date(now_ms, timezone)) return w.not_today;
  return fmt::format("{} {}", w.clears, local_time(*t.clears_at_ms, timezone));
}

}  // namespace accueil::kiosk
