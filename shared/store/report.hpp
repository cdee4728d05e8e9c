// The event's figures (shared/domain/figures.hpp) and the dashboard's data
// (shared/domain/arrivals.hpp) from the store: the attendee list, the
// check-in log and the print queue's state, read here and handed to the pure
// functions. Every query behind the figures is in report.cpp.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/arrivals.hpp"
#include "shared/domain/figures.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil {

Result<EventReport> build_report(Store& store, const Event& event, std::string_view language = "fr");

// The after-event report's data: the figures, and each day's arrivals per
// 10 minutes from its first arrival to its last (timelines[0] is day 1).
struct ReportData {
  EventReport figures;
  std::vector<Timeline> timelines;
};
Result<ReportData> build_report_data(Store& store, const Event& event, std::string_view language = "fr");

// The log's check-ins, walk-ins and undos after `after_seq` (0: all), in
// order: one range read of the log's primary key, so reading what is new
// costs what is new.
Result<std::vector<LogEntry>> read_log(Store& store, std::int64_t after_seq);

// A process that runs the store's print queue, with its heartbeat
// (print_queue_holders, renewed every few seconds while it runs).
struct QueueHolderState {
  std::string holder;   // host:pid
  std::string program;  // "accueil kiosk entree-1"
  std::vector<std::string> printers;
  std::int64_t started_ms = 0;
  std::int64_t heartbeat_ms = 0;
  friend bool operator==(const QueueHolderState&, const QueueHolderState&) = default;
};

// A printer's badges in the store's print queue.
struct PrinterLoad {
  std::string printer;
  std::int64_t waiting = 0;    // queued or being sent
  std::string problem;         // the trouble of its oldest waiting badge, a PrinterProblem name ("none")
  std::string detail;
  friend bool operator==(const PrinterLoad&, const PrinterLoad&) = default;
};

// What the store knows of its kiosks and printers; small tables, read whole.
struct StationsState {
  std::vector<QueueHolderState> holders;
  std::vector<PrinterLoad> printers;  // those with badges waiting, by name
  std::int64_t reception_waiting = 0;  // badges waiting at reception
  std::int64_t outbox_pending = 0;     // log entries and records not yet shipped to the central list
  std::int64_t outbox_refused = 0;     // entries central refused, set aside (outbox_refused)
  std::string last_refusal;            // central's reason for the latest of them
  friend bool operator==(const StationsState&, const StationsState&) = default;
};
Result<StationsState> read_stations(Store& store);

// The outbox entries central refused and the sync set aside: how many, and
// central's reason for the latest ("" when none).
struct Refusals {
  std::int64_t count = 0;
  std::string last_reason;
};
Result<Refusals> outbox_refusals(Store& store);

}  // namespace accueil
