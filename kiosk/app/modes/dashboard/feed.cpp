#include "kiosk/app/modes/dashboard/feed.hpp"

#include <chrono>

#include <fmt/core.h>
#include <fmt/std.h>

#include "shared/domain/clock.hpp"
#include "shared/domain/live_figures.hpp"
#include "shared/store/store.hpp"

namespace accueil::kiosk {

namespace {

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

class LocalFeed final : public DashboardFeed {
public:
  LocalFeed(Store store, Event event, std::filesystem::path path, std::optional<int> day)
      : m_store(std::move(store)), m_event(std::move(event)), m_path(std::move(path)), m_day(day), m_live(m_event) {}

  Result<std::optional<DashboardData>> refresh(std::int64_t now_ms, std::string_view language, bool recompute) override {
    const auto began = std::chrono::steady_clock::now();
    // 1. What changed: the attendee list's version (one row), the log's new
    //    entries (a range of its primary key), the small station tables.
    auto version = m_store.attendees_version();
    if (!version) return std::unexpected(version.error());
    const bool list_changed = !m_version || *version != *m_version;
    if (list_changed) {
      // Any change to the list (a walk-in too) is counted again from the
      // whole list: the store does not say which rows changed.
      auto attendees = m_store.attendees();
      if (!attendees) return std::unexpected(attendees.error());
      m_live.set_attendees(std::move(*attendees));
      m_version = *version;
    }
    const std::int64_t read_up_to = m_live.log().last_seq();
    auto tail = read_log(m_store, read_up_to);
    if (!tail) return std::unexpected(tail.error());
    for (const LogEntry& e : *tail) m_live.add(e);
    bool duplicates_changed = false, reread = !m_duplicates;
    if (!reread && !tail->empty()) {  // they change only with the log, and seldom
      auto may = duplicates_may_change(m_store, read_up_to);
      if (!may) return std::unexpected(may.error());
      reread = *may;
    }
    if (reread) {
      auto duplicates = read_local_duplicates(m_store);
      if (!duplicates) return std::unexpected(duplicates.error());
      duplicates_changed = !m_duplicates || *duplicates != *m_duplicates;
      m_duplicates = std::move(*duplicates);
    }
    auto stations = read_stations(m_store);
    if (!stations) return std::unexpected(stations.error());
    m_last_read_ms = ms_since(began);

    const bool figures_changed = list_changed || !tail->empty() || language != m_language || recompute || !m_last;
    if (!figures_changed && !duplicates_changed && m_last && *stations == m_last->stations)
      return std::optional<DashboardData>();
    if (!figures_changed) {
      m_last->stations = std::move(*stations);
      m_last->duplicates = *m_duplicates;
      m_last->read_ms = m_last_read_ms;
      m_last->compute_ms = 0;
      return std::optional<DashboardData>(*m_last);
    }
    // 2. The figures, kept up to date entry by entry (LiveFigures): only
    //    what is shown is copied out.
    const auto computing = std::chrono::steady_clock::now();
    m_language = std::string(language);
    const int day = m_day.value_or(dashboard_day(m_event, now_ms));
    DashboardData d;
    d.event = m_event;
    d.day = day;
    d.now_ms = now_ms;
    d.language = m_language;
    d.report = m_live.report(m_language);
    d.timeline = m_live.timeline(day, now_ms, m_language);
    d.protocol = m_live.protocol(day);
    d.kiosks = m_live.log().kiosks();
    d.log_entries = m_live.log().entries();
    d.source = fmt::format("{}", m_path);
    d.stations = std::move(*stations);
    d.duplicates = *m_duplicates;
    d.read_ms = m_last_read_ms;
    d.compute_ms = ms_since(computing);
    m_last = d;
    return std::optional<DashboardData>(std::move(d));
  }

  const Event& event() const override { return m_event; }
  double last_read_ms() const override { return m_last_read_ms; }

private:
  Store m_store;
  Event m_event;
  std::filesystem::path m_path;
  std::optional<int> m_day;
  std::optional<std::int64_t> m_version;
  LiveFigures m_live;
  std::optional<std::vector<DuplicateCheckin>> m_duplicates;  // none before the first read
  std::string m_language;
  std::optional<DashboardData> m_last;
  double m_last_read_ms = 0;
};

}  // namespace

DashboardData dashboard_data(const Event& event, const std::vector<Attendee>& attendees, const ArrivalLog& log, int day,
                             std::int64_t now_ms, const std::string& language) {
  DashboardData d;
  d.event = event;
  d.day = day;
  d.now_ms = now_ms;
  d.language = language;
  const std::vector<Arrival> arrivals = log.arrivals();
  Presence present;
  for (const Arrival& a : arrivals) present.days_by_attendee[a.attendee_id] |= 1u << (a.day - 1);
  d.report = figures_of(event, attendees, present, language);
  d.timeline = timeline_of(event, attendees, arrivals, day, now_ms, language);
  d.protocol = protocol_of(event, attendees, arrivals, day);
  d.kiosks = log.kiosks();
  d.log_entries = log.entries();
  return d;
}

int dashboard_day(const Event& event, std::int64_t now_ms) {
  if (auto day = event_day_at(event, now_ms)) return *day;
  const std::string today = local_date(now_ms, event.timezone);
  for (int d = 1; d <= event.day_count(); ++d)
    if (event.days[static_cast<std::size_t>(d - 1)].date > today) return d;
  return std::max(event.day_count(), 1);
}

Result<std::unique_ptr<DashboardFeed>> open_local_feed(const std::filesystem::path& path, std::optional<int> day) {
  std::error_code ec;
  if (!std::filesystem::exists(path, ec))
    return fail(fmt::format("the store {} does not exist: the dashboard reads an event's store, it makes none", path));
  auto store = Store::open_read_only(path);  // a dashboard never writes the store, nor upgrades it
  if (!store) return std::unexpected(store.error());
  auto event = store->event();
  if (!event) return std::unexpected(event.error());
  if (!*event) return fail(fmt::format("the store {} has no event yet (accueilctl init --event FILE)", path));
  if (day && (*day < 1 || *day > (*event)->day_count()))
    return fail(fmt::format("day {} is not a day of the event (it has {})", *day, (*event)->day_count()));
  return std::unique_ptr<DashboardFeed>(new LocalFeed(std::move(*store), std::move(**event), path, day));
}

}  // namespace accueil::kiosk
