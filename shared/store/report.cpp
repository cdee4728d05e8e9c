#include "shared/store/report.hpp"

#include <algorithm>

namespace accueil {

Result<std::vector<LogEntry>> read_log(Store& store, std::int64_t after_seq) {
  auto stmt = store.database().prepare(
      "SELECT seq, uuid, attendee_id, day, kiosk, at_ms, kind, undoes FROM checkins "
      "WHERE seq > ?1 AND kind IN ('checkin', 'walkin', 'undo') ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  stmt->bind(1, after_seq);
  return stmt->rows([](const sql::Statement& row) {
    LogEntry e;
    e.seq = row.integer(0);
    e.uuid = row.text(1);
    e.attendee_id = row.text(2);
    e.day = static_cast<int>(row.integer(3));
    e.kiosk = row.text(4);
    e.at_ms = row.integer(5);
    e.kind = checkin_kind_from_string(row.text(6)).value_or(CheckinKind::reprint);
    e.undoes = row.text(7);
    return e;
  });
}

Result<StationsState> read_stations(Store& store) {
  auto& db = store.database();
  StationsState s;
  auto holders = db.prepare(
      "SELECT holder, program, printers, started_ms, heartbeat_ms FROM print_queue_holders ORDER BY program, holder");
  if (!holders) return std::unexpected(holders.error());
  auto h = holders->rows([](const sql::Statement& row) {
    QueueHolderState q;
    q.holder = row.text(0);
    q.program = row.text(1);
    const std::string names = row.text(2);
    for (std::size_t at = 0; at < names.size();) {
      std::size_t end = names.find('\n', at);
      if (end == std::string::npos) end = names.size();
      if (end > at) q.printers.push_back(names.substr(at, end - at));
      at = end + 1;
    }
    q.started_ms = row.integer(3);
    q.heartbeat_ms = row.integer(4);
    return q;
  });
  if (!h) return std::unexpected(h.error());
  s.holders = std::move(*h);
  // The open requests (the print_requests_state index), the oldest's trouble per printer.
  auto printers = db.prepare(
      "SELECT printer, count(*), (SELECT problem || char(31) || detail FROM print_requests AS o "
      "  WHERE o.printer = r.printer AND o.state IN ('queued', 'sending') ORDER BY o.id LIMIT 1) "
      "FROM print_requests AS r WHERE state IN ('queued', 'sending') GROUP BY printer ORDER BY printer");
  if (!printers) return std::unexpected(printers.error());
  auto p = printers->rows([](const sql::Statement& row) {
    PrinterLoad l;
    l.printer = row.text(0);
    l.waiting = row.integer(1);
    const std::string trouble = row.text(2);
    const auto cut = trouble.find('\x1f');
    l.problem = trouble.substr(0, cut);
    if (cut != std::string::npos) l.detail = trouble.substr(cut + 1);
    return l;
  });
  if (!p) return std::unexpected(p.error());
  s.printers = std::move(*p);
  auto count = [&](const char* sql_text) -> Result<std::int64_t> {
    auto stmt = db.prepare(sql_text);
    if (!stmt) return std::unexpected(stmt.error());
    auto n = stmt->first_row([](const sql::Statement& row) { return row.integer(0); });
    if (!n) return std::unexpected(n.error());
    return n->value_or(0);
  };
  auto reception = count("SELECT count(*) FROM print_requests WHERE state = 'reception'");
  if (!reception) return std::unexpected(reception.error());
  s.reception_waiting = *reception;
  auto outbox = count("SELECT count(*) FROM outbox WHERE sent_ms IS NULL");
  if (!outbox) return std::unexpected(outbox.error());
  s.outbox_pending = *outbox;
  auto refused = outbox_refusals(store);
  if (!refused) return std::unexpected(refused.error());
  s.outbox_refused = refused->count;
  s.last_refusal = std::move(refused->last_reason);
  return s;
}

Result<Refusals> outbox_refusals(Store& store) {
  auto stmt = store.database().prepare(
      "SELECT count(*), (SELECT message FROM outbox_refused ORDER BY refused_ms DESC, seq DESC LIMIT 1) "
      "FROM outbox_refused");
  if (!stmt) return std::unexpected(stmt.error());
  auto row = stmt->first_row([](const sql::Statement& r) { return Refusals{r.integer(0), r.text(1)}; });
  if (!row) return std::unexpected(row.error());
  return row->value_or(Refusals{});
}

Result<EventReport> build_report(Store& store, const Event& event, std::string_view language) {
  auto attendees = store.attendees();
  if (!attendees) return std::unexpected(attendees.error());
  auto log = read_log(store, 0);
  if (!log) return std::unexpected(log.error());
  ArrivalLog arrivals;
  for (const LogEntry& e : *log) arrivals.add(e);
  return figures_of(event, *attendees, arrivals.presence(), language);
}

Result<ReportData> build_report_data(Store& store, const Event& event, std::string_view language) {
  auto attendees = store.attendees();
  if (!attendees) return std::unexpected(attendees.error());
  auto log = read_log(store, 0);
  if (!log) return std::unexpected(log.error());
  ArrivalLog folded;
  for (const LogEntry& e : *log) folded.add(e);
  ReportData data;
  data.figures = figures_of(event, *attendees, folded.presence(), language);
  const std::vector<Arrival> arrivals = folded.arrivals();
  for (int day = 1; day <= event.day_count(); ++day) {
    // "Now" is the day's last arrival: the chart ends there.
    std::int64_t last_ms = 0;
    for (const Arrival& a : arrivals)
      if (a.day == day) last_ms = std::max(last_ms, a.at_ms);
    data.timelines.push_back(timeline_of(event, *attendees, arrivals, day, last_ms, language));
  }
  return data;
}

}  // namespace accueil
