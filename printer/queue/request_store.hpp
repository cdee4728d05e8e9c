// The print requests table (schema 4, see shared/store/store.cpp): one row per badge
// to print, its state and why. This is the SQL of the durable print queue; the
// queue (print_queue.hpp) decides what happens, this records it.
//
// One rule: a request is in one place at a time, its printer's queue (queued,
// sending) or the reception list (reception), and every move between them is
// one statement or one transaction. Nothing on the reception list prints by
// itself: a person prints it again (release(), back to a printer's queue) or
// hands the badge over (hand_over()).
//
// States and moves:
//   queued  -> sending    start_sending(): just before the first byte leaves
//   sending -> queued     requeue(): nothing complete reached the printer (retry, failover)
//   queued  -> printed | failed | cancelled, sending -> printed | failed | cancelled
//   queued | failed -> reception   to_reception(); sending: asked (to_reception),
//                                  moved by settle_at_reception() once it stopped
//   reception -> queued   release(): a person prints it again, on a printer they name
//   reception -> handed   hand_over(): a person gave the attendee their badge
//   sending -> queued on another printer   settle_move(): a move asked at the desk
//                                  (request_moves.hpp) once its job stopped
// A row found in 'sending' when a queue starts was interrupted by a crash: it
// is never sent again by itself (see PrintQueue).
//
// A RequestStore uses one Store connection and belongs to that Store's thread.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/encode/printer_state.hpp"
#include "shared/base/error.hpp"
#include "shared/store/store.hpp"

namespace accueil::printer {

using RequestId = std::int64_t;

enum class RequestState { queued, sending, printed, failed, cancelled, reception, handed };
std::string_view to_string(RequestState state);
std::optional<RequestState> request_state_from_string(std::string_view text);
// printed, failed, cancelled and handed: nothing more happens to the request
// by itself. (A reception request waits for a person; a failed one may still
// be put on the reception list.)
constexpr bool is_final(RequestState s) {
  return s == RequestState::printed || s == RequestState::failed || s == RequestState::cancelled ||
         s == RequestState::handed;
}
// The attendee has their badge: printed, or handed over at reception.
constexpr bool is_served(RequestState s) { return s == RequestState::printed || s == RequestState::handed; }

// One row of print_requests.
struct RequestRecord {
  RequestId id = 0;
  std::string attendee_id;
  std::string printer;            // assigned now (a failover moves it)
  std::string requested_printer;  // as submitted
  std::string template_id;        // "" is the printer's own template
  RequestState state = RequestState::queued;
  PrinterProblem problem = PrinterProblem::none;  // the last trouble met
  std::string detail;             // why it failed, or what the last trouble was
  int attempts = 0;               // deliveries that did not print and left it queued (retries)
  std::int64_t next_attempt_ms = 0;
  std::optional<int> job_id;      // the CUPS job, once created
  std::string job_queue;          // the CUPS queue of that job
  bool cancel_requested = false;
  std::optional<RequestId> reprint_of;
  std::string reason;             // a reprint's reason
  std::string checkin_uuid;       // a reprint's event in the check-in log
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
  std::optional<std::int64_t> finished_ms;
  std::int64_t queued_ms = 0;     // when it joined its printer's queue (submit, or release from reception)
  bool to_reception = false;      // asked to the reception list while being sent
  // Asked to another printer while being sent (request_moves.hpp): once its
  // job has stopped without printing, it is queued there, not on the
  // reception list. "" when no move waits. Kept in the store (schema 9).
  std::string move_to;

  friend bool operator==(const RequestRecord&, const RequestRecord&) = default;
};

struct NewRequest {
  std::string attendee_id;
  std::string printer;
  std::string template_id;
  std::optional<RequestId> reprint_of;
  std::string reason;
  std::string checkin_uuid;
  // Straight to the reception list (the printer is known to be down), why in `detail`.
  bool at_reception = false;
  std::string detail = {};
};

enum class CancelResult {
  cancelled,   // it was queued or on the reception list: it is cancelled now
  requested,   // it is being sent: the worker stops it if it still can
  too_late,    // it already ended (printed, failed or cancelled)
};

enum class HandoverResult {
  moved,       // it was queued (or failed): it is on the reception list now
  requested,   // it is being sent: the worker stops it if it still can, and puts it there
  already,     // it was on the reception list already
  too_late,    // it ended (printed, handed or cancelled)
};

class RequestStore {
public:
  explicit RequestStore(Store& store) : m_store(&store) {}

  Result<RequestId> insert(const NewRequest& request, std::int64_t now_ms);
  Result<std::optional<RequestRecord>> get(RequestId id);

  // The oldest queued request of `printer` whose back-off has passed.
  Result<std::optional<RequestRecord>> next_due(std::string_view printer, std::int64_t now_ms);
  // When the next queued request of `printer` is due, if any is queued.
  Result<std::optional<std::int64_t>> next_due_time(std::string_view printer);
  // Ends the back-off of the queued requests of `printer` (the printer came
  // back): they are due at `now_ms`. Says how many were waiting.
  Result<int> due_now(std::string_view printer, std::int64_t now_ms);
  // Requests in `state`, oldest first; only those of `printer` when given.
  Result<std::vector<RequestRecord>> in_state(RequestState state, std::optional<std::string_view> printer = {});
  Result<std::vector<RequestRecord>> of_attendee(std::string_view attendee_id);
  // The newest requests first.
  Result<std::vector<RequestRecord>> recent(int limit);

  // queued -> sending. False when the request is no
  // longer queued (cancelled meanwhile) or was moved to another printer.
  Result<bool> start_sending(RequestId id, std::string_view printer, std::int64_t now_ms);
  Status record_job(RequestId id, int job_id, std::string_view queue, std::int64_t now_ms);
  // queued or sending -> a final state. False when it had already ended.
  Result<bool> finish(RequestId id, RequestState final_state, PrinterProblem problem, std::string_view detail,
                      std::int64_t now_ms);
  // sending or queued -> queued on `printer`, due at `next_attempt_ms`,
  // counting an attempt. The CUPS job (if any) is forgotten: it ended
  // without printing.
  Result<bool> requeue(RequestId id, std::string_view printer, std::int64_t next_attempt_ms, PrinterProblem problem,
                       std::string_view detail, std::int64_t now_ms);
  // The trouble a request meets while it waits, without changing its state.
  Status note_problem(RequestId id, PrinterProblem problem, std::string_view detail, std::int64_t now_ms);
  Result<CancelResult> cancel(RequestId id, std::int64_t now_ms);
  // Whether a cancel was asked for this request while it was being sent.
  Result<bool> cancel_requested(RequestId id);

  // --- The reception list ---
  // Puts a request on the reception list, `why` in its detail (see HandoverResult).
  Result<HandoverResult> to_reception(RequestId id, std::string_view why, std::int64_t now_ms);
  // queued or sending -> reception, its CUPS job forgotten (it ended without
  // printing). False when it had already left the printer's queue.
  Result<bool> settle_at_reception(RequestId id, PrinterProblem problem, std::string_view why, std::int64_t now_ms);
  // sending (or queued) with a move waiting (move_to) -> queued on move_to,
  // due now, its age counted from now, `why` in its detail; the job it had is
  // forgotten (it stopped without printing). False when no move waits or it
  // had already left the printer's queue.
  Result<bool> settle_move(RequestId id, std::string_view why, std::int64_t now_ms);
  // reception -> queued on `printer`, due now; its age counts from now: a
  // person said to print it. `why` goes in its detail. False when it was not
  // on the reception list.
  Result<bool> release(RequestId id, std::string_view printer, std::string_view why, std::int64_t now_ms);
  // reception -> handed. False when it was not on the reception list.
  Result<bool> hand_over(RequestId id, std::string_view why, std::int64_t now_ms);
  // The newest request of `attendee_id` other than `except` that served them
  // (printed or handed) after `since_ms`.
  Result<std::optional<RequestRecord>> served_since(std::string_view attendee_id, std::int64_t since_ms,
                                                    RequestId except);

private:
  Store* m_store;
};

}  // namespace accueil::printer
