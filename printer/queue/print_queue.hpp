// The durable print queue. Print requests live in the store (table
// print_requests) from submit() on, so a crash or an unplugged printer never
// loses one; each configured printer has a worker thread that renders,
// encodes and delivers its badges, retries with back-off, and hands them to
// its failover printer when it cannot print.
//
//   auto queue = PrintQueue::start({.store_path = "accueil.db", .printers = printers,
//                                   .renderer = make_renderer, .listener = {on_request, on_printer}});
//   auto id = (*queue)->submit({.attendee_id = a.id, .printer = "entree-1"});  // one durable insert
//   ... listener: queued -> sending -> printed (or failed, with the problem and why)
//
// Never printed twice by accident: a request is marked 'sending' just before
// its first byte leaves. One found 'sending' when the queue starts was cut by
// a crash: when its CUPS job was recorded, the job's state decides (printed,
// cancelled, failed, or followed while it waits); otherwise it ends failed
// with a reason that asks the operator to check the printer and reprint. A
// reprint is a new request, recorded in the check-in log.
//
// Threads: one worker per printer. submit(), cancel(), request() and
// printer_states() may be called from any thread; submit() and cancel()
// write to the store (a few milliseconds, a disk flush): a kiosk calls them
// from a worker of its own, not from its UI thread. The listener is called
// from the queue's threads and from the threads that call submit() and
// cancel(); it must return quickly (post to the UI's queue). One process at a
// time runs a queue on a store: start() takes a lock beside the store, and
// publishes in the store which printers it serves, with a heartbeat
// (queue_holder()), so that other programs know whether it prints theirs.
//
// The reception list (request_store.hpp): a request goes there instead of
// printing when a kiosk hands it over (to_reception()), when it waited longer
// than its printer's max_wait_ms, or when its attendee was served meanwhile
// (another badge printed, or handed at reception). Nothing there prints
// unless a person releases it.
//
// Moves (request_moves.hpp): a request moved at the desk while its job waits
// at a printer in trouble keeps the printer chosen in the store (move_to);
// the worker that stops the job queues it there, once, also when the move
// was asked before a restart or by another process.
#pragma once

#include <filesystem>
#include <functional>
#include <map>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/encode/printer_state.hpp"
#include "printer/queue/badge_renderer.hpp"
#include "printer/queue/printer_config.hpp"
#include "printer/queue/printer_driver.hpp"
#include "printer/queue/request_store.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil::printer {

// A request changed: its state, or the trouble it meets while it waits.
struct RequestUpdate {
  RequestId id = 0;
  std::string attendee_id;
  std::string printer;  // where it is now
  RequestState state = RequestState::queued;
  PrinterProblem problem = PrinterProblem::none;  // the trouble met (none when it printed or goes on)
  std::string detail;   // why it failed, or what the printer says
  int attempts = 0;
};

// A printer's state changed.
struct PrinterUpdate {
  std::string printer;
  PrinterState state;
};

struct QueueListener {
  std::function<void(const RequestUpdate&)> on_request;
  std::function<void(const PrinterUpdate&)> on_printer;
};

struct BackoffOptions {
  int first_ms = 1'000;   // wait before the first retry
  int max_ms = 30'000;    // the longest wait between attempts
  double factor = 2.0;    // each retry waits this much longer than the one before
  int max_attempts = 0;   // failed after this many attempts; 0: keep trying until it prints or is cancelled
};

// A request that ended carries its badge's warnings (BadgeRenderer::warnings:
// characters no font draws, left out) in its detail, each after this mark:
// "printed; warning: the badge of ... leaves out ...".
inline constexpr std::string_view k_warning_mark = "; warning: ";
// The warnings of a request's detail, in order.
std::vector<std::string> request_warnings(std::string_view detail);

// Makes the driver of a configured printer.
using DriverFactory = std::function<Result<std::unique_ptr<PrinterDriver>>(const PrinterConfig&)>;

// Requests a kiosk queued before it stopped (a crash, a restart): nobody may
// be waiting at its printer any more. At start(), those still queued on
// `printers` that joined their queue before `queued_before_ms` go to the
// reception list, `why` in their detail, instead of printing unattended.
struct StaleRequests {
  std::int64_t queued_before_ms = 0;
  std::vector<std::string> printers;
  std::string why;
};

struct PrintQueueOptions {
  std::filesystem::path store_path;       // the queue opens its own connections to it
  std::vector<PrinterConfig> printers;    // checked with check_printers()
  std::optional<Event> event;             // the store's event when absent
  BackoffOptions backoff;
  int check_troubled_ms = 2'000;          // a printer with trouble is asked this often, job or not
  int check_idle_ms = 30'000;             // a printer without trouble, between jobs; 0: never
  int store_poll_ms = 1'000;              // requests another process added (accueilctl) are seen within this
  int heartbeat_ms = 2'000;               // how often the queue renews its entry in print_queue_holders
  std::string program = "accueil";        // who runs it, for other programs: "accueil kiosk entree-1"
  const Clock* clock = nullptr;           // the system clock when null; must outlive the queue
  RendererFactory renderer;               // required
  DriverFactory drivers;                  // real printers (default_drivers()) when empty
  QueueListener listener;
  std::optional<StaleRequests> stale;     // a kiosk's: see StaleRequests
};

struct PrintRequest {
  std::string attendee_id = {};
  std::string printer = {};      // a configured printer's name
  std::string template_id = {};  // "" prints the printer's template
  // A reprint: why, and who, where and which day for the check-in log.
  std::string reprint_reason = {};
  CheckinContext reprint_context = {};
  // Straight to the reception list, not to the printer (it is known to be
  // down): why, for the desk.
  bool to_reception = false;
  std::string reception_reason = {};
};

// What the process that runs a store's print queue publishes in it.
struct QueueHolder {
  std::string holder;                 // host:pid
  std::string program;                // PrintQueueOptions::program
  std::vector<std::string> printers;  // the printers it prints on
  std::int64_t started_ms = 0;
  std::int64_t heartbeat_ms = 0;      // its last sign of life
  bool serves(std::string_view printer) const;
};

// The entry of the process that runs (or last ran) the store's print queue.
// Whether it runs now is PrintQueue::runs_elsewhere(); whether it is alive,
// its heartbeat.
Result<std::optional<QueueHolder>> queue_holder(Store& store);

class PrintQueue {
public:
  // Checks the options, takes the store's queue lock, settles requests cut
  // by a crash, and starts one worker per printer.
  static Result<std::unique_ptr<PrintQueue>> start(PrintQueueOptions options);
  // Whether another process runs the queue of this store now (then start()
  // fails, and requests written to the store are printed by that process).
  static bool runs_elsewhere(const std::filesystem::path& store_path);
  // Stops (see stop()).
  ~PrintQueue();
  PrintQueue(const PrintQueue&) = delete;
  PrintQueue& operator=(const PrintQueue&) = delete;

  // Queues a badge: one durable insert (for a reprint, first the check-in
  // log's reprint event, then the insert). Fails when the printer is not
  // configured or the attendee does not exist.
  Result<RequestId> submit(const PrintRequest& request);
  // Cancels a queued request at once; asks the worker to stop one being
  // sent (the listener says how it ended); too late for one that ended.
  Result<CancelResult> cancel(RequestId id);
  // Puts a request on the reception list: at once when it is queued (or
  // failed); one being sent is stopped where it can be (a CUPS job waiting is
  // cancelled) and then moved; one that printed stays printed. The listener
  // hears "reception".
  Result<HandoverResult> to_reception(RequestId id, std::string_view why);
  Result<std::optional<RequestRecord>> request(RequestId id);

  // Each printer's last known state. Thread-safe snapshot.
  std::map<std::string, PrinterState> printer_states() const;
  std::optional<PrinterState> printer_state(std::string_view printer) const;
  const std::vector<PrinterConfig>& printers() const;

  // Makes every worker look again now (e.g. after a fake clock moved).
  void wake();
  // Stops the workers at safe points: a write in progress is interrupted
  // (the request is queued again: no complete job reached the printer), a
  // CUPS job that waits stays recorded and is followed at the next start.
  void stop();

  struct Impl;

private:
  explicit PrintQueue(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// What submit() writes, on the caller's store connection: checks that the
// printer is one of `printers` and the attendee exists; for a reprint, records
// it in the check-in log first, then queues it. For programs that queue a
// badge while another process runs the queue (it sees it within
// store_poll_ms).
Result<RequestId> queue_request(Store& store, const std::vector<PrinterConfig>& printers, const PrintRequest& request,
                                std::int64_t now_ms);

// Drivers for real printers: libusb (one bus for all USB printers, opened
// when first needed), usblp device nodes, raw TCP, files, CUPS.
DriverFactory default_drivers();

// The back-off before attempt `attempt` (1 is the first retry).
int backoff_ms(const BackoffOptions& backoff, int attempt);

}  // namespace accueil::printer
