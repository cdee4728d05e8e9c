#include "printer/queue/request_store.hpp"

#include <array>

#include <fmt/core.h>

namespace accueil::printer {

namespace {

constexpr std::array<RequestState, 7> k_states{RequestState::queued,    RequestState::sending,
                                               RequestState::printed,   RequestState::failed,
                                               RequestState::cancelled, RequestState::reception,
                                               RequestState::handed};

constexpr const char* k_columns =
    "id, attendee_id, printer, requested_printer, template, state, problem, detail, attempts, next_attempt_ms, "
    "job_id, job_queue, cancel_requested, reprint_of, reason, checkin_uuid, created_ms, updated_ms, finished_ms, "
    "queued_ms, to_reception, move_to";

RequestRecord read_record(const sql::Statement& s) {
  RequestRecord r;
  r.id = s.integer(0);
  r.attendee_id = s.text(1);
  r.printer = s.text(2);
  r.requested_printer = s.text(3);
  r.template_id = s.text(4);
  r.state = request_state_from_string(s.text(5)).value_or(RequestState::failed);
  r.problem = problem_from_name(s.text(6)).value_or(PrinterProblem::other);
  r.detail = s.text(7);
  r.attempts = static_cast<int>(s.integer(8));
  r.next_attempt_ms = s.integer(9);
  if (!s.is_null(10)) r.job_id = static_cast<int>(s.integer(10));
  r.job_queue = s.text(11);
  r.cancel_requested = s.integer(12) != 0;
  if (!s.is_null(13)) r.reprint_of = s.integer(13);
  r.reason = s.text(14);
  r.checkin_uuid = s.text(15);
  r.created_ms = s.integer(16);
  r.updated_ms = s.integer(17);
  if (!s.is_null(18)) r.finished_ms = s.integer(18);
  r.queued_ms = s.integer(19);
  r.to_reception = s.integer(20) != 0;
  r.move_to = s.text(21);
  return r;
}

// Runs an UPDATE and says whether it changed a row.
Result<bool> changed(sql::Database& db, sql::Statement& stmt) {
  if (auto s = stmt.run(); !s) return std::unexpected(s.error());
  return db.changes() > 0;
}

}  // namespace

std::string_view to_string(RequestState state) {
  switch (state) {
    case RequestState::queued: return "queued";
    case RequestState::sending: return "sending";
    case RequestState::printed: return "printed";
    case RequestState::failed: return "failed";
    case RequestState::cancelled: return "cancelled";
    case RequestState::reception: return "reception";
    case RequestState::handed: return "handed";
  }
  return "failed";
}

std::optional<RequestState> request_state_from_string(std::string_view text) {
  for (RequestState s : k_states)
    if (to_string(s) == text) return s;
  return std::nullopt;
}

Result<RequestId> RequestStore::insert(const NewRequest& r, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "INSERT INTO print_requests (attendee_id, printer, requested_printer, template, reprint_of, reason, "
      "checkin_uuid, created_ms, updated_ms, queued_ms, state, detail) "
      "VALUES (?1, ?2, ?2, ?3, ?4, ?5, ?6, ?7, ?7, ?7, ?8, ?9)");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, r.attendee_id).bind(2, r.printer).bind(3, r.template_id).bind(5, r.reason).bind(6, r.checkin_uuid)
      .bind(7, now).bind(8, to_string(r.at_reception ? RequestState::reception : RequestState::queued))
      .bind(9, r.detail);
  if (r.reprint_of) (*stmt)->bind(4, *r.reprint_of); else (*stmt)->bind_null(4);
  if (auto s = (*stmt)->run(); !s)
    return fail(fmt::format("cannot queue the badge of attendee {} for printer {}: {}", r.attendee_id, r.printer,
                            s.error().message));
  return sqlite3_last_insert_rowid(db.handle());
}

Result<std::optional<RequestRecord>> RequestStore::get(RequestId id) {
  static const std::string text = fmt::format("SELECT {} FROM print_requests WHERE id = ?1", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id);
  return (*stmt)->first_row(read_record);
}

Result<std::optional<RequestRecord>> RequestStore::next_due(std::string_view printer, std::int64_t now) {
  static const std::string text = fmt::format(
      "SELECT {} FROM print_requests WHERE printer = ?1 AND state = 'queued' AND next_attempt_ms <= ?2 "
      "ORDER BY next_attempt_ms, id LIMIT 1", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, printer).bind(2, now);
  return (*stmt)->first_row(read_record);
}

Result<std::optional<std::int64_t>> RequestStore::next_due_time(std::string_view printer) {
  auto stmt = m_store->database().kept(
      "SELECT min(next_attempt_ms) FROM print_requests WHERE printer = ?1 AND state = 'queued'");
  if (!stmt) return std::unexpected(stmt.error());
  auto due = (*stmt)->bind(1, printer).first_row([](const sql::Statement& row) {
    return row.is_null(0) ? std::optional<std::int64_t>() : std::optional<std::int64_t>(row.integer(0));
  });
  if (!due) return std::unexpected(due.error());
  return due->value_or(std::nullopt);
}

Result<int> RequestStore::due_now(std::string_view printer, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET next_attempt_ms = ?2, updated_ms = ?2 "
      "WHERE printer = ?1 AND state = 'queued' AND next_attempt_ms > ?2");
  if (!stmt) return std::unexpected(stmt.error());
  if (auto s = (*stmt)->bind(1, printer).bind(2, now).run(); !s) return std::unexpected(s.error());
  return static_cast<int>(db.changes());
}

Result<std::vector<RequestRecord>> RequestStore::in_state(RequestState state,
                                                          std::optional<std::string_view> printer) {
  static const std::string text = fmt::format(
      "SELECT {} FROM print_requests WHERE state = ?1 AND (?2 IS NULL OR printer = ?2) ORDER BY id", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, to_string(state));
  if (printer) (*stmt)->bind(2, *printer); else (*stmt)->bind_null(2);
  return (*stmt)->rows(read_record);
}

Result<std::vector<RequestRecord>> RequestStore::of_attendee(std::string_view attendee_id) {
  static const std::string text = fmt::format("SELECT {} FROM print_requests WHERE attendee_id = ?1 ORDER BY id", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, attendee_id);
  return (*stmt)->rows(read_record);
}

Result<std::vector<RequestRecord>> RequestStore::recent(int limit) {
  static const std::string text = fmt::format("SELECT {} FROM print_requests ORDER BY id DESC LIMIT ?1", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, limit);
  return (*stmt)->rows(read_record);
}

Result<bool> RequestStore::start_sending(RequestId id, std::string_view printer, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'sending', updated_ms = ?3 "
      "WHERE id = ?1 AND printer = ?2 AND state = 'queued' AND cancel_requested = 0");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, printer).bind(3, now);
  return changed(db, **stmt);
}

Status RequestStore::record_job(RequestId id, int job_id, std::string_view queue, std::int64_t now) {
  auto stmt = m_store->database().kept(
      "UPDATE print_requests SET job_id = ?2, job_queue = ?3, updated_ms = ?4 WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->bind(1, id).bind(2, job_id).bind(3, queue).bind(4, now).run();
}

Result<bool> RequestStore::finish(RequestId id, RequestState final_state, PrinterProblem problem,
                                  std::string_view detail, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = ?2, problem = ?3, detail = ?4, move_to = '', updated_ms = ?5, "
      "finished_ms = ?5 "
      "WHERE id = ?1 AND state IN ('queued', 'sending')");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, to_string(final_state)).bind(3, name(problem)).bind(4, detail).bind(5, now);
  return changed(db, **stmt);
}

Result<bool> RequestStore::requeue(RequestId id, std::string_view printer, std::int64_t next_attempt_ms,
                                   PrinterProblem problem, std::string_view detail, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'queued', printer = ?2, next_attempt_ms = ?3, problem = ?4, detail = ?5, "
      "job_id = NULL, job_queue = '', attempts = attempts + 1, updated_ms = ?6 "
      "WHERE id = ?1 AND state IN ('queued', 'sending')");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, printer).bind(3, next_attempt_ms).bind(4, name(problem)).bind(5, detail).bind(6, now);
  return changed(db, **stmt);
}

Status RequestStore::note_problem(RequestId id, PrinterProblem problem, std::string_view detail, std::int64_t now) {
  auto stmt = m_store->database().kept(
      "UPDATE print_requests SET problem = ?2, detail = CASE to_reception WHEN 0 THEN ?3 ELSE detail END, "
      "updated_ms = ?4 WHERE id = ?1 AND state IN ('queued', 'sending')");  // keeps why it goes to reception
  if (!stmt) return std::unexpected(stmt.error());
  return (*stmt)->bind(1, id).bind(2, name(problem)).bind(3, detail).bind(4, now).run();
}

Result<bool> RequestStore::cancel_requested(RequestId id) {
  auto stmt = m_store->database().kept("SELECT cancel_requested FROM print_requests WHERE id = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  auto requested = (*stmt)->bind(1, id).first_row([](const sql::Statement& row) { return row.integer(0) != 0; });
  if (!requested) return std::unexpected(requested.error());
  return requested->value_or(false);
}

Result<CancelResult> RequestStore::cancel(RequestId id, std::int64_t now) {
  return m_store->write([&]() -> Result<CancelResult> {
    auto record = get(id);
    if (!record) return std::unexpected(record.error());
    if (!*record) return fail(fmt::format("there is no print request {}", id));
    switch ((*record)->state) {
      case RequestState::queued: {
        auto done = finish(id, RequestState::cancelled, PrinterProblem::none, "cancelled before it was sent", now);
        if (!done) return std::unexpected(done.error());
        return CancelResult::cancelled;
      }
      case RequestState::sending: {
        auto stmt = m_store->database().kept(
            "UPDATE print_requests SET cancel_requested = 1, move_to = '', updated_ms = ?2 WHERE id = ?1");
        if (!stmt) return std::unexpected(stmt.error());
        if (auto s = (*stmt)->bind(1, id).bind(2, now).run(); !s) return std::unexpected(s.error());
        return CancelResult::requested;
      }
      case RequestState::reception: {  // nobody is to get this badge any more
        auto stmt = m_store->database().kept(
            "UPDATE print_requests SET state = 'cancelled', detail = 'cancelled on the reception list', "
            "updated_ms = ?2, finished_ms = ?2 WHERE id = ?1 AND state = 'reception'");
        if (!stmt) return std::unexpected(stmt.error());
        if (auto s = (*stmt)->bind(1, id).bind(2, now).run(); !s) return std::unexpected(s.error());
        return CancelResult::cancelled;
      }
      default: return CancelResult::too_late;
    }
  });
}

Result<HandoverResult> RequestStore::to_reception(RequestId id, std::string_view why, std::int64_t now) {
  return m_store->write([&]() -> Result<HandoverResult> {
    auto record = get(id);
    if (!record) return std::unexpected(record.error());
    if (!*record) return fail(fmt::format("there is no print request {}", id));
    auto& db = m_store->database();
    switch ((*record)->state) {
      case RequestState::queued:
      case RequestState::failed: {
        auto stmt = db.kept(
            "UPDATE print_requests SET state = 'reception', detail = ?2, job_id = NULL, job_queue = '', "
            "finished_ms = NULL, updated_ms = ?3 WHERE id = ?1 AND state IN ('queued', 'failed')");
        if (!stmt) return std::unexpected(stmt.error());
        if (auto s = (*stmt)->bind(1, id).bind(2, why).bind(3, now).run(); !s) return std::unexpected(s.error());
        return HandoverResult::moved;
      }
      case RequestState::sending: {
        // The worker's cancel path stops it where it can (a CUPS job is
        // cancelled); settle_at_reception() then moves it.
        auto stmt = db.kept(
            "UPDATE print_requests SET cancel_requested = 1, to_reception = 1, "
            "detail = CASE move_to WHEN '' THEN ?2 ELSE detail END, updated_ms = ?3 "
            "WHERE id = ?1 AND state = 'sending'");  // a move asked at the desk keeps its reason
        if (!stmt) return std::unexpected(stmt.error());
        if (auto s = (*stmt)->bind(1, id).bind(2, why).bind(3, now).run(); !s) return std::unexpected(s.error());
        return HandoverResult::requested;
      }
      case RequestState::reception: return HandoverResult::already;
      default: return HandoverResult::too_late;
    }
  });
}

Result<bool> RequestStore::settle_at_reception(RequestId id, PrinterProblem problem, std::string_view why,
                                               std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'reception', problem = ?2, detail = ?3, job_id = NULL, job_queue = '', "
      "cancel_requested = 0, to_reception = 0, move_to = '', updated_ms = ?4 "
      "WHERE id = ?1 AND state IN ('queued', 'sending')");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, name(problem)).bind(3, why).bind(4, now);
  return changed(db, **stmt);
}

Result<bool> RequestStore::settle_move(RequestId id, std::string_view why, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'queued', printer = move_to, move_to = '', problem = 'none', detail = ?3, "
      "next_attempt_ms = ?2, queued_ms = ?2, cancel_requested = 0, to_reception = 0, job_id = NULL, job_queue = '', "
      "updated_ms = ?2 WHERE id = ?1 AND state IN ('queued', 'sending') AND move_to <> ''");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, now).bind(3, why);
  return changed(db, **stmt);
}

Result<bool> RequestStore::release(RequestId id, std::string_view printer, std::string_view why, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'queued', printer = ?2, detail = ?3, problem = 'none', next_attempt_ms = ?4, "
      "queued_ms = ?4, cancel_requested = 0, to_reception = 0, move_to = '', job_id = NULL, job_queue = '', "
      "updated_ms = ?4 WHERE id = ?1 AND state = 'reception'");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, printer).bind(3, why).bind(4, now);
  return changed(db, **stmt);
}

Result<bool> RequestStore::hand_over(RequestId id, std::string_view why, std::int64_t now) {
  auto& db = m_store->database();
  auto stmt = db.kept(
      "UPDATE print_requests SET state = 'handed', detail = ?2, problem = 'none', updated_ms = ?3, finished_ms = ?3 "
      "WHERE id = ?1 AND state = 'reception'");
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, id).bind(2, why).bind(3, now);
  return changed(db, **stmt);
}

Result<std::optional<RequestRecord>> RequestStore::served_since(std::string_view attendee_id, std::int64_t since,
                                                                RequestId except) {
  static const std::string text = fmt::format(
      "SELECT {} FROM print_requests WHERE attendee_id = ?1 AND id <> ?3 AND state IN ('printed', 'handed') "
      "AND finished_ms > ?2 ORDER BY finished_ms DESC, id DESC LIMIT 1", k_columns);
  auto stmt = m_store->database().kept(text);
  if (!stmt) return std::unexpected(stmt.error());
  (*stmt)->bind(1, attendee_id).bind(2, since).bind(3, except);
  return (*stmt)->first_row(read_record);
}

}  // namespace accueil::printer
