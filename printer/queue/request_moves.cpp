#include "printer/queue/request_moves.hpp"

#include <fmt/core.h>

namespace accueil::printer {

namespace {

// The request back in a printer's queue, due at once and young again (a
// person asked for it now: the printer's max wait counts from now).
Result<bool> queue_again(Store& store, RequestId id, std::string_view printer, std::string_view why,
                         std::int64_t now, std::string_view from_states) {
  auto& db = store.database();
  auto stmt = db.prepare(fmt::format(
      "UPDATE print_requests SET state = 'queued', printer = ?2, detail = ?3, problem = 'none', next_attempt_ms = ?4, "
      "queued_ms = ?4, cancel_requested = 0, to_reception = 0, move_to = '', job_id = NULL, job_queue = '', "
      "finished_ms = NULL, updated_ms = ?4 WHERE id = ?1 AND state IN ({})",
      from_states));
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id).bind(2, printer).bind(3, why).bind(4, now);
  if (auto s = stmt->run(); !s) return std::unexpected(s.error());
  return db.changes() > 0;
}

// A request being sent: its job is to stop (the worker's cancel path, as for
// a handover to the reception list), and `to` is where it goes then. One
// statement: the queue, in this process or another, sees both or neither.
Result<bool> ask_move(Store& store, RequestId id, std::string_view to, std::string_view why, std::int64_t now) {
  auto& db = store.database();
  auto stmt = db.prepare(
      "UPDATE print_requests SET cancel_requested = 1, to_reception = 1, move_to = ?2, detail = ?3, updated_ms = ?4 "
      "WHERE id = ?1 AND state = 'sending'");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, id).bind(2, to).bind(3, why).bind(4, now);
  if (auto s = stmt->run(); !s) return std::unexpected(s.error());
  return db.changes() > 0;
}

}  // namespace

std::string_view to_string(MoveResult result) {
  switch (result) {
    case MoveResult::moved: return "moved";
    case MoveResult::stopping: return "stopping";
    case MoveResult::too_late: return "too late";
  }
  return "too late";
}

std::string_view to_string(RetryResult result) {
  switch (result) {
    case RetryResult::due_now: return "due now";
    case RetryResult::requeued: return "queued again";
    case RetryResult::at_printer: return "waiting at the printer";
    case RetryResult::too_late: return "too late";
  }
  return "too late";
}

Result<MoveResult> move_request(Store& store, const std::vector<PrinterConfig>& printers, RequestId id,
                                std::string_view to, std::string_view why, std::int64_t now) {
  if (!find_printer(printers, to)) {
    std::string names;
    for (const PrinterConfig& p : printers) names += (names.empty() ? "" : ", ") + p.name;
    return fail(fmt::format("request {} cannot go to printer \"{}\": no such printer is configured (printers: {})", id,
                            to, names.empty() ? "none" : names));
  }
  // Each step is one statement or one transaction that looks at the state it
  // changes: a request the queue moves meanwhile is taken where it is.
  RequestStore requests(store);
  for (int tries = 0; tries < 3; ++tries) {
    auto moved = queue_again(store, id, to, why, now, "'queued', 'failed', 'reception'");
    if (!moved) return std::unexpected(moved.error());
    if (*moved) return MoveResult::moved;
    auto asked = ask_move(store, id, to, why, now);
    if (!asked) return std::unexpected(asked.error());
    if (*asked) return MoveResult::stopping;
    auto record = requests.get(id);
    if (!record) return std::unexpected(record.error());
    if (!*record) return fail(fmt::format("there is no print request {}", id));
    const RequestState state = (*record)->state;
    if (state == RequestState::printed || state == RequestState::cancelled || state == RequestState::handed)
      return MoveResult::too_late;
  }
  return fail(fmt::format("request {} keeps changing state: try again", id));
}

Result<RetryResult> retry_request(Store& store, RequestId id, std::string_view why, std::int64_t now) {
  RequestStore requests(store);
  auto record = requests.get(id);
  if (!record) return std::unexpected(record.error());
  if (!*record) return fail(fmt::format("there is no print request {}", id));
  auto& db = store.database();
  auto due = db.prepare(
      "UPDATE print_requests SET next_attempt_ms = min(next_attempt_ms, ?2), updated_ms = ?2 "
      "WHERE id = ?1 AND state = 'queued'");
  if (!due) return std::unexpected(due.error());
  if (auto s = due->bind(1, id).bind(2, now).run(); !s) return std::unexpected(s.error());
  if (db.changes() > 0) return RetryResult::due_now;
  auto again = queue_again(store, id, (*record)->printer, why, now, "'failed', 'reception'");
  if (!again) return std::unexpected(again.error());
  if (*again) return RetryResult::requeued;
  record = requests.get(id);
  if (!record) return std::unexpected(record.error());
  if (*record && (*record)->state == RequestState::sending) return RetryResult::at_printer;
  return RetryResult::too_late;
}

}  // namespace accueil::printer
