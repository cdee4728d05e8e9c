// The dashboard's feed from the central list, read as a viewer (feed.hpp).
// Runs on the dashboard's worker thread: the network is never waited on by
// the UI. Refreshes when central notifies a change (LISTEN accueil_changes)
// or every k_poll_ms for the heartbeats, which notify nothing. Opening it
// connects to nothing: the first refresh does, so that the window opens at
// once even when central is down; until central answers, refreshes fail with
// "central unreachable since HH:MM" and try again after a back-off.
#include <algorithm>
#include <chrono>

#include <fmt/core.h>

#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/domain/clock.hpp"
#include "shared/sync/central.hpp"
#include "shared/sync/pg.hpp"

namespace accueil::kiosk {

namespace {

constexpr double k_poll_ms = 2000;  // heartbeats, and a safety net under LISTEN
constexpr int k_connect_timeout_s = 3;
// Between two connection attempts while central is down: doubling from 1 s,
// at most 8 s, so that the figures come back within seconds of central.
constexpr double k_first_retry_ms = 1000;
constexpr double k_last_retry_ms = 8000;

double ms_since(std::chrono::steady_clock::time_point t) {
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - t).count();
}

class CentralFeed final : public DashboardFeed {
public:
  CentralFeed(std::string url, std::optional<int> day) : m_url(std::move(url)), m_day(day) {}

  Result<std::optional<DashboardData>> refresh(std::int64_t now_ms, std::string_view language, bool recompute) override {
    const auto began = std::chrono::steady_clock::now();
    if (!m_refused.empty()) return fail(m_refused);
    if (auto up = connected(); !up) return unreachable(now_ms, up.error().message);
    // Read only when central said something changed, or the poll is due.
    bool notified = false;
    if (!m_conn.consume_input()) return unreachable(now_ms, "the connection was lost");
    while (m_conn.next_notification()) notified = true;
    const bool due = !m_read_once || notified || ms_since(m_last_read) >= k_poll_ms;
    bool list_changed = false, log_changed = false, stations_changed = false, duplicates_changed = false;
    if (due) {
      m_last_read = std::chrono::steady_clock::now();
      auto read = read_all(list_changed, log_changed, stations_changed);
      if (read && (log_changed || !m_duplicates_read)) read = read_duplicates(duplicates_changed);
      if (!read) {
        m_conn = pg::Connection();  // reconnect at the next refresh
        return unreachable(now_ms, read.error().message);
      }
      m_read_once = true;
      m_last_read_ms = ms_since(began);
    }
    m_down_since_ms.reset();
    m_retry_ms = 0;
    const bool figures_changed = list_changed || log_changed || language != m_language || recompute || !m_last;
    if (!figures_changed && !stations_changed && !duplicates_changed) return std::optional<DashboardData>();
    if (!figures_changed) {
      m_last->stations = m_stations;
      m_last->duplicates = m_duplicates;
      m_last->read_ms = m_last_read_ms;
      m_last->compute_ms = 0;
      return std::optional<DashboardData>(*m_last);
    }
    const auto computing = std::chrono::steady_clock::now();
    m_language = std::string(language);
    DashboardData d = dashboard_data(m_event, m_attendees, m_log, m_day.value_or(dashboard_day(m_event, now_ms)), now_ms,
                                     m_language);
    d.source = fmt::format("central list {}", pg::redact(m_url));
    d.stations = m_stations;
    d.duplicates = m_duplicates;
    d.read_ms = m_last_read_ms;
    d.compute_ms = ms_since(computing);
    m_last = d;
    return std::optional<DashboardData>(std::move(d));
  }

  const Event& event() const override { return m_event; }
  double last_read_ms() const override { return m_last_read_ms; }
  std::optional<std::int64_t> unreachable_since_ms() const override { return m_down_since_ms; }

private:
  // A connection, or why there is none. While central is down an attempt is
  // made only when the back-off allows; the others fail at once with the
  // last attempt's reason.
  Status connected() {
    if (m_conn.is_open() && m_conn.is_ok()) return {};
    if (m_retry_ms > 0 && ms_since(m_last_attempt) < m_retry_ms) return fail(m_last_failure);
    m_last_attempt = std::chrono::steady_clock::now();
    auto opened = open_connection();
    if (!opened) {
      m_retry_ms = m_retry_ms == 0 ? k_first_retry_ms : std::min(2 * m_retry_ms, k_last_retry_ms);
      m_last_failure = opened.error().message;
      return opened;
    }
    m_read_once = false;  // what changed while away: read it all again
    m_duplicates_read = false;
    return {};
  }

  Status open_connection() {
    auto conn = pg::Connection::open(m_url, k_connect_timeout_s);
    if (!conn) return std::unexpected(conn.error());
    if (!m_event_known) {  // the first time central answers: its event
      auto event = central::load_event(*conn, "");
      if (!event) return std::unexpected(event.error());
      if (m_day && (*m_day < 1 || *m_day > event->day_count())) {
        m_refused = fmt::format("day {} is not a day of the event (it has {})", *m_day, event->day_count());
        return fail(m_refused);
      }
      m_event = std::move(*event);
      m_event_known = true;
    }
    if (auto s = conn->run("LISTEN accueil_changes"); !s) return s;
    m_conn = std::move(*conn);
    return {};
  }

  Result<std::optional<DashboardData>> unreachable(std::int64_t now_ms, const std::string& why) {
    if (!m_refused.empty()) return fail(m_refused);
    if (!m_down_since_ms) m_down_since_ms = now_ms;
    // The event's time zone once known; before central ever answered, an
    // event's default one (Event::timezone).
    return fail(fmt::format("central unreachable since {} ({})", local_time(*m_down_since_ms, m_event.timezone),
                            pg::redact(why)));
  }

  // The pairs of check-ins of one person on one day by kiosks that did not
  // know of each other (central schema 10's dashboard_duplicates: day,
  // kiosks and times, no one's name). Read when the log moved.
  Status read_duplicates(bool& changed) {
    auto rows = m_conn.exec(
        "SELECT day, first_kiosk, first_at_ms, later_kiosk, later_at_ms FROM accueil.dashboard_duplicates "
        "WHERE event_id = $1 ORDER BY later_at_ms DESC, first_at_ms DESC",
        {std::optional<std::string>(m_event.id)});
    if (!rows) return fail(fmt::format("cannot read the central list's duplicates: {}", rows.error().message));
    std::vector<DuplicateCheckin> found;
    for (int r = 0; r < rows->size(); ++r)
      found.push_back(DuplicateCheckin{static_cast<int>(rows->integer(r, 0)), std::string(rows->text(r, 1)),
                                       rows->integer(r, 2), std::string(rows->text(r, 3)), rows->integer(r, 4)});
    changed = found != m_duplicates;
    m_duplicates = std::move(found);
    m_duplicates_read = true;
    return {};
  }

  Status read_all(bool& list_changed, bool& log_changed, bool& stations_changed) {
    const std::optional<std::string> ev = m_event.id;
    // The list: its version is its size and its latest change.
    auto version = m_conn.exec(
        "SELECT count(*) || ' ' || coalesce(max(seq), 0) FROM accueil.report_attendees WHERE event_id = $1", {ev});
    if (!version) return fail(fmt::format("cannot read the central list's attendees: {}", version.error().message));
    if (std::string(version->text(0, 0)) != m_version) {
      if (auto s = read_attendees(); !s) return s;
      m_version = std::string(version->text(0, 0));
      list_changed = true;
    }
    // The log: what committed after the cursor (txid, seq), as the kiosks pull.
    auto log = m_conn.exec(
        "SELECT uuid, attendee_id, day, kiosk, at_ms, kind, undoes, seq, txid FROM accueil.report_checkins "
        "WHERE event_id = $1 AND (txid, seq) > ($2::xid8, $3::bigint) "
        "AND txid < pg_snapshot_xmin(pg_current_snapshot()) ORDER BY txid, seq",
        {ev, m_txid, std::to_string(m_seq)});
    if (!log) return fail(fmt::format("cannot read the central list's check-ins: {}", log.error().message));
    for (int r = 0; r < log->size(); ++r) {
      m_txid = std::string(log->text(r, 8));
      m_seq = log->integer(r, 7);
      const auto kind = checkin_kind_from_string(log->text(r, 5));
      if (!kind || (*kind != CheckinKind::checkin && *kind != CheckinKind::walkin && *kind != CheckinKind::undo))
        continue;
      LogEntry e;
      e.seq = ++m_entries;  // the log's own order (central's seq is global)
      e.uuid = log->text(r, 0);
      e.attendee_id = log->text(r, 1);
      e.day = static_cast<int>(log->integer(r, 2));
      e.kiosk = log->text(r, 3);
      e.at_ms = log->integer(r, 4);
      e.kind = *kind;
      e.undoes = log->text(r, 6);
      m_log.add(e);
      log_changed = true;
    }
    // The kiosks, from their heartbeats: one holder per kiosk, its printers.
    auto beats = m_conn.exec(
        "SELECT kiosk, version, (extract(epoch FROM at) * 1000)::bigint, outbox, "
        "coalesce((SELECT string_agg(p->>'name', ',') FROM jsonb_array_elements(printers) p), ''), reception "
        "FROM accueil.dashboard_heartbeats WHERE event_id = $1 ORDER BY kiosk",
        {ev});
    if (!beats) return fail(fmt::format("cannot read the kiosks' heartbeats: {}", beats.error().message));
    auto printers = m_conn.exec(
        "SELECT h.kiosk || ' ' || (p->>'name'), coalesce((p->>'queue')::bigint, 0), coalesce(p->>'state', ''), "
        "coalesce(p->>'detail', '') FROM accueil.dashboard_heartbeats h, jsonb_array_elements(h.printers) p "
        "WHERE h.event_id = $1 ORDER BY 1",
        {ev});
    if (!printers) return fail(fmt::format("cannot read the kiosks' printers: {}", printers.error().message));
    StationsState st;
    for (int r = 0; r < beats->size(); ++r) {
      QueueHolderState h;
      h.holder = beats->text(r, 0);
      h.program = fmt::format("accueil kiosk {} {}", beats->text(r, 0), beats->text(r, 1));
      const std::string names(beats->text(r, 4));
      for (std::size_t at = 0; at < names.size();) {
        const std::size_t comma = std::min(names.find(',', at), names.size());
        h.printers.push_back(names.substr(at, comma - at));
        at = comma + 1;
      }
      h.heartbeat_ms = beats->integer(r, 2);
      h.started_ms = h.heartbeat_ms;
      st.holders.push_back(std::move(h));
      st.outbox_pending += beats->integer(r, 3);
      st.reception_waiting += beats->integer(r, 5);
    }
    for (int r = 0; r < printers->size(); ++r)
      st.printers.push_back(PrinterLoad{std::string(printers->text(r, 0)), printers->integer(r, 1),
                                        std::string(printers->text(r, 2)), std::string(printers->text(r, 3))});
    stations_changed = st != m_stations;
    m_stations = std::move(st);
    return {};
  }

  Status read_attendees() {
    const std::optional<std::string> ev = m_event.id;
    auto people = m_conn.exec(
        "SELECT id, category, country, organisation, delegation, days, status FROM accueil.report_attendees "
        "WHERE event_id = $1 ORDER BY id",
        {ev});
    if (!people) return fail(fmt::format("cannot read the central list's attendees: {}", people.error().message));
    // Names only of those the protocol feed shows (dashboard_protocol).
    auto named = m_conn.exec(
        "SELECT id, vip, first_name, last_name, first_name_latin, last_name_latin, function "
        "FROM accueil.dashboard_protocol WHERE event_id = $1",
        {ev});
    if (!named) return fail(fmt::format("cannot read the central list's VIPs: {}", named.error().message));
    std::unordered_map<std::string, int> named_row;
    for (int r = 0; r < named->size(); ++r) named_row[std::string(named->text(r, 0))] = r;
    std::vector<Attendee> list;
    list.reserve(static_cast<std::size_t>(people->size()));
    for (int r = 0; r < people->size(); ++r) {
      Attendee a;
      a.id = people->text(r, 0);
      a.external_ref = a.id;
      a.category = people->text(r, 1);
      a.country = people->text(r, 2);
      a.organisation = people->text(r, 3);
      a.delegation = people->text(r, 4);
      a.days = DaySet::from_bits(static_cast<std::uint32_t>(people->integer(r, 5)));
      a.status = people->text(r, 6) == "cancelled" ? AttendeeStatus::cancelled : AttendeeStatus::active;
      if (auto it = named_row.find(a.id); it != named_row.end()) {
        const int n = it->second;
        a.vip = named->text(n, 1) == "t";
        a.first_name = named->text(n, 2);
        a.last_name = named->text(n, 3);
        a.first_name_latin = named->text(n, 4);
        a.last_name_latin = named->text(n, 5);
        a.function = named->text(n, 6);
      }
      list.push_back(std::move(a));
    }
    m_attendees = std::move(list);
    return {};
  }

  std::string m_url;
  pg::Connection m_conn;
  Event m_event;  // central's, once it answered
  bool m_event_known = false;
  std::optional<int> m_day;
  std::string m_refused;  // a mistake no retry mends (a day the event lacks)
  std::chrono::steady_clock::time_point m_last_attempt;
  double m_retry_ms = 0;  // the back-off while central is down; 0 when up
  std::string m_last_failure;
  std::vector<DuplicateCheckin> m_duplicates;
  bool m_duplicates_read = false;
  bool m_read_once = false;
  std::chrono::steady_clock::time_point m_last_read;
  std::optional<std::int64_t> m_down_since_ms;
  std::string m_version;
  std::string m_txid = "0";
  std::int64_t m_seq = 0;
  std::int64_t m_entries = 0;
  std::vector<Attendee> m_attendees;
  ArrivalLog m_log;
  StationsState m_stations;
  std::string m_language;
  std::optional<DashboardData> m_last;
  double m_last_read_ms = 0;
};

}  // namespace

Result<std::unique_ptr<DashboardFeed>> open_central_feed(const std::string& url, std::optional<int> day) {
  if (url.empty()) return fail("the central list's URL is empty (central = \"postgresql://...\")");
  return std::unique_ptr<DashboardFeed>(new CentralFeed(url, day));
}

}  // namespace accueil::kiosk
