// accueilctl print: one badge, and its outcome.
#include "kiosk/cli/print_commands.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/print_support.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

using nlohmann::json;
using namespace accueil::printer;

namespace {

// Why a new badge for the attendee is refused (the newest request that
// stands in its way), if it is: one printed or handed already, or one still
// queued, being sent, or waiting on the reception list.
std::optional<std::pair<RequestRecord, std::string>> standing_request(const std::vector<RequestRecord>& earlier,
                                                                      const Attendee& attendee, const Event& event) {
  for (auto it = earlier.rbegin(); it != earlier.rend(); ++it) {
    const RequestRecord& r = *it;
    const std::string who = display_name(attendee);
    const std::string again = "to print another anyway, say why with --reprint \"...\"";
    switch (r.state) {
      case RequestState::printed:
        return std::pair{r, fmt::format("the badge of {} was printed on {} at {} (request {}): to print it again, say "
                                        "why with --reprint \"...\"", who, r.printer,
                                        local_date_time(r.finished_ms.value_or(r.updated_ms), event.timezone), r.id)};
      case RequestState::handed:
        return std::pair{r, fmt::format("the badge of {} was handed at reception at {} (request {}): to print it "
                                        "again, say why with --reprint \"...\"", who,
                                        local_date_time(r.finished_ms.value_or(r.updated_ms), event.timezone), r.id)};
      case RequestState::queued:
      case RequestState::sending:
        return std::pair{r, fmt::format("a badge of {} is already {} {} since {} (request {}{}): it prints when the "
                                        "printer can; cancel it with accueilctl print-queue --cancel {}, or put it on "
                                        "the reception list with accueilctl reception take {}; {}", who,
                                        r.state == RequestState::queued ? "queued on" : "being sent to", r.printer,
                                        local_date_time(r.queued_ms, event.timezone), r.id,
                                        r.detail.empty() ? "" : ": " + r.detail, r.id, r.id, again)};
      case RequestState::reception:
        return std::pair{r, fmt::format("the badge of {} waits on the reception list (request {}: {}): print it with "
                                        "accueilctl reception print {} --printer P, or say it was handed with "
                                        "accueilctl reception done {}; {}", who, r.id, r.detail, r.id, r.id, again)};
      case RequestState::failed:
      case RequestState::cancelled: break;
    }
  }
  return std::nullopt;
}

}  // namespace

int run_print(const Globals& g, const PrintOptions& o) {
  auto printers = printers_naming(o.printers_file, o.printer);
  if (!printers) return report_error(g, printers.error().message);
  const std::vector<PrinterConfig>& configs = *printers;
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto found = find_attendee_or_fail(opened->store, o.attendee);
  if (!found) return report_error(g, found.error().message);
  const Attendee attendee = std::move(*found);
  Store& store = opened->store;
  const Event& event = opened->event;

  // One badge per attendee: another only when the operator says why, be the
  // first printed, handed, or still on its way (a timed-out print run again
  // must not give a second label when the printer comes back).
  auto earlier = RequestStore(store).of_attendee(attendee.id);
  if (!earlier) return report_error(g, earlier.error().message);
  if (o.reprint.empty()) {
    if (auto standing = standing_request(*earlier, attendee, event)) {
      fmt::print(stderr, "accueilctl: {}\n", standing->second);
      if (g.json) print_json({{"refused", standing->second}, {"request", request_json(standing->first, o.language)}});
      return k_exit_refused;
    }
  }

  PrintRequest request{attendee.id, o.printer, o.template_id, o.reprint, {}};
  if (!o.reprint.empty()) {
    request.reprint_context.kiosk = default_kiosk(o.kiosk);
    request.reprint_context.operator_name = o.operator_name;
    request.reprint_context.now_ms = now_ms();
    auto day = resolve_day(event, o.day);
    if (!day) return report_error(g, day.error().message + " (for the check-in log of the reprint)");
    request.reprint_context.day = *day;
  }

  Waiter waiter(o.language);
  auto printing = who_prints(g, store, configs, event, o.printer, o.templates_dir, o.no_wait, waiter);
  if (!printing) return report_error(g, printing.error().message);
  RequestId id = 0;
  if (printing->queue) {
    auto submitted = printing->queue->submit(request);
    if (!submitted) return report_error(g, submitted.error().message);
    id = *submitted;
  } else {
    auto queued = queue_request(store, configs, request, now_ms());
    if (!queued) return report_error(g, queued.error().message);
    id = *queued;
  }
  if (!printing->note.empty()) fmt::print(stderr, "request {}: queued; {}\n", id, printing->note);
  return wait_and_report(g, store, attendee, id, std::move(printing->queue), waiter,
                         {o.timeout_s, o.no_wait, o.language});
}

}  // namespace accueil::cli
