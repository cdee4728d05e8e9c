// The sync worker: a thread of its own that keeps a kiosk's local store and
// the central list in step, offline first. Nothing ever waits for it: the
// kiosk writes its check-ins locally, the worker ships them when it can and
// brings back the other kiosks' ones; status() says how it is doing.
//
//   connected: pushes the outbox (looked at every outbox_poll, or at once on
//   wake()), pulls when central notifies a change (LISTEN accueil_changes),
//   when rows were held back by a running transaction, and every
//   safety_pull anyway; records a heartbeat every `heartbeat`.
//   connection lost (TCP keepalives and the heartbeat notice it within
//   seconds): offline; reconnects with back-off (up to max_backoff), then
//   catches up.
#pragma once

#include <atomic>
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "shared/base/error.hpp"
#include "shared/store/report.hpp"
#include "shared/store/store.hpp"
#include "shared/sync/local.hpp"

namespace accueil::sync {

struct SyncOptions {
  std::filesystem::path store;  // the worker opens its own connection to it
  std::string central_url;      // never printed: see pg::redact
  std::string kiosk;            // its heartbeat's name
  std::string version = "0.1.0";
  int batch = 500;
  int first_pull_batch = 5000;  // an empty store's first pull (0: as `batch`)
  std::chrono::milliseconds outbox_poll{100};
  std::chrono::milliseconds safety_pull{5000};
  std::chrono::milliseconds heartbeat{2000};
  std::chrono::milliseconds max_backoff{5000};
  // The printers' states for the heartbeat, as a JSON array text. When unset:
  // those of the store's print queue (printer_states) if printers_from_store,
  // else none ("[]": accueilctl sync has no printers).
  std::function<std::string()> printers;
  bool printers_from_store = false;
};

struct SyncStatus {
  bool running = false;
  bool connected = false;
  bool first_pull_done = false;     // the whole list is here (first start)
  std::int64_t list_size = 0;       // attendees at central when the first pull began (its progress: pulled_attendees)
  std::int64_t offline_since_ms = 0;  // Unix ms; 0 while connected
  std::int64_t last_sync_ms = 0;      // end of the last full pass
  std::int64_t outbox = 0;            // entries waiting to be pushed
  std::int64_t pushed = 0;            // new at central, since start
  std::int64_t pulled_attendees = 0;
  std::int64_t pulled_checkins = 0;
  std::int64_t refused = 0;           // outbox entries central refused, set aside (outbox_refused)
  std::string last_refusal;           // central's reason for the latest of them
  std::string last_error;             // why the last pass failed (no credentials)

  // For staff: "online, synced 08:52:07" or "offline since 08:41, 37 check-ins waiting".
  std::string summary() const;
};

class SyncWorker {
public:
  explicit SyncWorker(SyncOptions options);
  ~SyncWorker();  // stops and joins
  SyncWorker(const SyncWorker&) = delete;
  SyncWorker& operator=(const SyncWorker&) = delete;

  void start();
  void stop();
  // Something was written locally: push it now rather than at the next poll.
  void wake();
  SyncStatus status() const;

private:
  void run();
  void set_status(const std::function<void(SyncStatus&)>& change);
  // Waits up to `timeout` for the wake pipe or, when >= 0, the central socket; true if it became readable.
  bool wait(int central_socket, std::chrono::milliseconds timeout);

  SyncOptions m_options;
  mutable std::mutex m_mutex;
  SyncStatus m_status;
  std::atomic<bool> m_stop{false};
  int m_wake[2] = {-1, -1};
  std::thread m_thread;
};

// A heartbeat's printers in the common vocabulary of printer states:
// [{"name", "state" (a PrinterProblem name, "none" when nothing is wrong),
// "queue" (badges waiting)}], every printer the store's print queue serves
// (print_queue_holders) or has badges waiting for, by name; the state is the
// trouble of its oldest waiting badge.
std::string printer_states(const StationsState& stations);

// One pass, for `accueilctl sync`: connect, push everything, pull everything,
// record a heartbeat.
Result<PassReport> sync_once(Store& store, const SyncOptions& options);

}  // namespace accueil::sync
