// What a person at the desk does to a print request, beside what the queue
// does by itself (print_queue.hpp): print it now, print it on another
// printer, hand it over. Used by the desk's printers screen; the rows are
// the queue's own (request_store.hpp), the moves are single transactions.
//
// A request being sent (its CUPS job waits at a printer in trouble) cannot
// be moved in one step: the job must stop first, or the badge could print
// twice. move_request() asks the queue to stop it and records, with the
// request, the printer it goes to (move_to, schema 9); whoever runs the queue
// (this process or another, now or after a restart) stops the job within a
// second and, once it has stopped without printing, queues the request on
// that printer (RequestStore::settle_move). A job that printed before it could
// be stopped stays printed; one that may have printed goes to the reception
// list: the badge never comes out at both printers.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "printer/queue/printer_config.hpp"
#include "printer/queue/request_store.hpp"

namespace accueil::printer {

enum class MoveResult {
  moved,     // it waits in the other printer's queue now, due at once
  stopping,  // it is being sent: asked to stop; the queue moves it once its job has stopped
  too_late,  // it ended (printed, cancelled, handed): nothing to move
};
std::string_view to_string(MoveResult result);

// queued, failed or reception -> queued on `to`, due now, its age counted from
// now; sending -> asked to stop, `to` recorded (stopping). `to` must be one of
// `printers`: otherwise an error that names it, and nothing changes.
Result<MoveResult> move_request(Store& store, const std::vector<PrinterConfig>& printers, RequestId id,
                                std::string_view to, std::string_view why, std::int64_t now_ms);

enum class RetryResult {
  due_now,     // queued and waiting out a back-off: it is tried at once
  requeued,    // failed or on the reception list: queued again on its printer, due now
  at_printer,  // being sent: its job waits at the printer, which prints it once the trouble is fixed
  too_late,    // it ended (printed, cancelled, handed)
};
std::string_view to_string(RetryResult result);

// Tries a request again on its own printer, now.
Result<RetryResult> retry_request(Store& store, RequestId id, std::string_view why, std::int64_t now_ms);

}  // namespace accueil::printer
