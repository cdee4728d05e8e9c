#include "shared/sync/sync_worker.hpp"

#include <fcntl.h>
#include <poll.h>
#include <unistd.h>

#include <algorithm>
#include <ctime>
#include <map>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "shared/domain/clock.hpp"

namespace accueil::sync {

namespace {

std::string local_time(std::int64_t unix_ms, const char* format) {
  const std::time_t t = static_cast<std::time_t>(unix_ms / 1000);
  std::tm tm{};
  localtime_r(&t, &tm);
  char text[16];
  std::strftime(text, sizeof text, format, &tm);
  return text;
}

Status heartbeat(pg::Connection& conn, Store& store, const SyncOptions& o, std::int64_t last_sync_ms,
                 std::int64_t outbox) {
  std::string printers = "[]";
  if (o.printers) {
    printers = o.printers();
  } else if (o.printers_from_store) {
    auto stations = read_stations(store);
    if (!stations) return std::unexpected(stations.error());
    printers = printer_states(*stations);
  }
  std::optional<std::string> last_sync;
  if (last_sync_ms > 0) last_sync = std::to_string(static_cast<double>(last_sync_ms) / 1000.0);
  // Since central schema 10 the heartbeat also carries the badges waiting at
  // reception (the dashboard's stations); an older central has only the
  // five-argument heartbeat.
  auto six = conn.exec(
      "SELECT to_regprocedure('accueil.heartbeat(text, text, timestamptz, integer, jsonb, integer)') IS NOT NULL");
  if (!six) return std::unexpected(six.error());
  if (six->text(0, 0) == "t") {
    auto count = store.database().prepare("SELECT count(*) FROM print_requests WHERE state = 'reception'");
    if (!count) return std::unexpected(count.error());
    auto reception = count->first_row([](const sql::Statement& row) { return row.integer(0); });
    if (!reception) return std::unexpected(reception.error());
    auto done = conn.exec(
        "SELECT accueil.heartbeat($1, $2, to_timestamp($3::double precision), $4::integer, $5::jsonb, $6::integer)",
        {o.kiosk, o.version, last_sync, std::to_string(outbox), printers, std::to_string(reception->value_or(0))});
    if (!done) return std::unexpected(done.error());
    return {};
  }
  auto done = conn.exec("SELECT accueil.heartbeat($1, $2, to_timestamp($3::double precision), $4::integer, $5::jsonb)",
                        {o.kiosk, o.version, last_sync, std::to_string(outbox), printers});
  if (!done) return std::unexpected(done.error());
  return {};
}

}  // namespace

std::string printer_states(const StationsState& stations) {
  // The names a PrinterProblem may have (printer/encode/printer_state.hpp;
  // shared/ does not include printer/): anything else is "other".
  static constexpr std::string_view k_states[] = {"none",         "media_empty", "media_jam", "cover_open",
                                                  "ribbon_empty", "wrong_media", "offline",   "other"};
  std::map<std::string, nlohmann::json> by_name;
  for (const QueueHolderState& h : stations.holders)
    for (const std::string& name : h.printers) by_name.try_emplace(name, nlohmann::json{{"name", name}, {"state", "none"}, {"queue", 0}});
  for (const PrinterLoad& l : stations.printers) {
    std::string state = l.problem.empty() ? "none" : l.problem;
    if (std::find(std::begin(k_states), std::end(k_states), state) == std::end(k_states)) state = "other";
    by_name[l.printer] = {{"name", l.printer}, {"state", state}, {"queue", l.waiting}};
  }
  nlohmann::json out = nlohmann::json::array();
  for (auto& [name, printer] : by_name) out.push_back(std::move(printer));
  return out.dump();
}

std::string SyncStatus::summary() const {
  const std::string refusals =
      refused == 0 ? std::string() : fmt::format("; {} refused by central (latest: {})", refused, last_refusal);
  if (connected)
    return (last_sync_ms > 0 ? fmt::format("online, synced {}", local_time(last_sync_ms, "%H:%M:%S"))
                             : std::string("online")) +
           refusals;
  std::string waiting = outbox == 0 ? std::string("nothing waiting")
                                    : fmt::format("{} check-in{} waiting", outbox, outbox == 1 ? "" : "s");
  if (offline_since_ms > 0)
    return fmt::format("offline since {}, {}{}", local_time(offline_since_ms, "%H:%M"), waiting, refusals);
  return fmt::format("not connected yet, {}{}", waiting, refusals);
}

Result<PassReport> sync_once(Store& store, const SyncOptions& options) {
  auto conn = pg::Connection::open(options.central_url);
  if (!conn) return std::unexpected(conn.error());
  if (auto s = prepare_connection(*conn, store); !s) return std::unexpected(s.error());
  PassReport report;
  if (auto s = push(*conn, store, options.batch, report); !s) return std::unexpected(s.error());
  if (auto s = pull(*conn, store, options.batch, report, {}, options.first_pull_batch); !s)
    return std::unexpected(s.error());
  auto outbox = outbox_length(store);
  if (!outbox) return std::unexpected(outbox.error());
  if (auto s = heartbeat(*conn, store, options, now_ms(), *outbox); !s) return std::unexpected(s.error());
  return report;
}

SyncWorker::SyncWorker(SyncOptions options) : m_options(std::move(options)) {
  if (pipe2(m_wake, O_NONBLOCK | O_CLOEXEC) != 0) m_wake[0] = m_wake[1] = -1;
}

SyncWorker::~SyncWorker() {
  stop();
  for (int fd : m_wake)
    if (fd >= 0) close(fd);
}

void SyncWorker::start() {
  if (m_thread.joinable()) return;
  m_stop = false;
  set_status([](SyncStatus& s) { s.running = true; });
  m_thread = std::thread([this] { run(); });
}

void SyncWorker::stop() {
  m_stop = true;
  wake();
  if (m_thread.joinable()) m_thread.join();
  set_status([](SyncStatus& s) { s.running = false; s.connected = false; });
}

void SyncWorker::wake() {
  if (m_wake[1] >= 0) {
    const char byte = 1;
    (void)!write(m_wake[1], &byte, 1);  // a full pipe already wakes it
  }
}

SyncStatus SyncWorker::status() const {
  std::lock_guard lock(m_mutex);
  return m_status;
}

void SyncWorker::set_status(const std::function<void(SyncStatus&)>& change) {
  std::lock_guard lock(m_mutex);
  change(m_status);
}

bool SyncWorker::wait(int central_socket, std::chrono::milliseconds timeout) {
  pollfd fds[2] = {{m_wake[0], POLLIN, 0}, {central_socket, POLLIN, 0}};
  const int n = poll(fds, central_socket >= 0 ? 2 : 1, static_cast<int>(std::max<std::int64_t>(0, timeout.count())));
  if (n > 0 && (fds[0].revents & POLLIN)) {
    char drain[64];
    while (read(m_wake[0], drain, sizeof drain) > 0) {
    }
  }
  return n > 0 && central_socket >= 0 && fds[1].revents != 0;
}

void SyncWorker::run() {
  using clock = std::chrono::steady_clock;
  auto store = Store::open(m_options.store);
  if (!store) {
    set_status([&](SyncStatus& s) { s.last_error = store.error().message; s.running = false; });
    return;
  }
  pg::Connection conn;
  std::chrono::milliseconds backoff{250};
  auto last_pull = clock::time_point{};
  auto last_heartbeat = clock::time_point{};
  bool need_pull = true;
  // What waits and what central refused, for the staff's status.
  auto count_outbox = [&] {
    auto outbox = outbox_length(*store);
    auto refused = outbox_refusals(*store);
    set_status([&](SyncStatus& s) {
      if (outbox) s.outbox = *outbox;
      if (refused) {
        s.refused = refused->count;
        s.last_refusal = std::move(refused->last_reason);
      }
    });
  };
  auto offline = [&](const std::string& why) {
    conn = pg::Connection();
    count_outbox();
    set_status([&](SyncStatus& s) {
      if (s.connected || s.offline_since_ms == 0) s.offline_since_ms = now_ms();
      s.connected = false;
      s.last_error = pg::redact(why);
    });
  };

  auto next_attempt = clock::time_point{};
  while (!m_stop) {
    if (const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(next_attempt - clock::now());
        !conn.is_open() && left.count() > 0) {
      // Offline: keep the count of what waits current for the staff's status.
      count_outbox();
      wait(-1, std::min(m_options.outbox_poll, left));  // never negative: poll() would wait for ever
      continue;
    }
    if (!conn.is_open()) {
      auto opened = pg::Connection::open(m_options.central_url, 3);
      Status ready = opened ? prepare_connection(*opened, *store) : Status(std::unexpected(opened.error()));
      if (!ready) {
        offline(ready.error().message);
        next_attempt = clock::now() + backoff;
        backoff = std::min(backoff * 2, m_options.max_backoff);
        continue;
      }
      conn = std::move(*opened);
      backoff = std::chrono::milliseconds{250};
      need_pull = true;
      set_status([](SyncStatus& s) { s.connected = true; s.offline_since_ms = 0; s.last_error.clear(); });
      count_outbox();
    }

    PassReport pass;
    Status done = push(conn, *store, m_options.batch, pass);
    const auto now = clock::now();
    if (done && (need_pull || now - last_pull >= m_options.safety_pull)) {
      need_pull = false;
      last_pull = now;
      const std::int64_t before = status().pulled_attendees;
      if (!status().first_pull_done)
        if (auto size = conn.exec("SELECT count(*) FROM accueil.kiosk_attendees"))
          set_status([&](SyncStatus& s) { s.list_size = size->integer(0, 0); });
      done = pull(conn, *store, m_options.batch, pass, [&](std::int64_t so_far) {
        set_status([&](SyncStatus& s) { s.pulled_attendees = before + so_far; });  // first start: progress
      }, m_options.first_pull_batch);
      // Counted here, so that the progress never steps back while the pass ends.
      set_status([&](SyncStatus& s) { s.pulled_attendees = before + pass.pulled_attendees; });
      // Rows of a transaction still running at central: look again shortly.
      if (done && pass.held_back) need_pull = true;
      if (done) set_status([](SyncStatus& s) { s.first_pull_done = true; });
    }
    auto outbox = outbox_length(*store);
    if (done && now - last_heartbeat >= m_options.heartbeat) {
      last_heartbeat = now;
      done = heartbeat(conn, *store, m_options, now_ms(), outbox.value_or(0));
    }
    if (!done) {
      // Lost connection, or central refused something: either way start over.
      offline(done.error().message);
      continue;
    }
    set_status([&](SyncStatus& s) {
      s.pushed += pass.pushed_attendees + pass.pushed_checkins;
      s.pulled_checkins += pass.pulled_checkins;
      s.last_sync_ms = now_ms();
    });
    if (pass.refused > 0 || pass.sent > 0) count_outbox();
    else if (outbox) set_status([&](SyncStatus& s) { s.outbox = *outbox; });

    // Notifications that arrived during the pass's statements are already
    // in libpq's buffer: the socket will not say so again.
    while (conn.next_notification()) need_pull = true;
    const auto timeout = need_pull ? std::chrono::milliseconds{20} : m_options.outbox_poll;
    if (wait(conn.socket(), timeout)) {
      if (!conn.consume_input()) {
        offline("the connection to the central list was lost");
        continue;
      }
      while (conn.next_notification()) need_pull = true;
    }
  }
}

}  // namespace accueil::sync
