// accueilctl print-queue: the print requests in the store; runs the queue; cancels.
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
#include "printer/queue/render_adapter.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

using nlohmann::json;
using namespace accueil::printer;

int run_print_queue(const Globals& g, const PrintQueueCommandOptions& o) {
  auto store = open_existing(g);
  if (!store) return report_error(g, store.error().message);
  RequestStore requests(*store);

  json cancelled = json::array();
  for (std::int64_t id : o.cancel) {
    auto result = requests.cancel(id, now_ms());
    if (!result) return report_error(g, result.error().message);
    const char* what = *result == CancelResult::cancelled ? "cancelled"
                       : *result == CancelResult::requested ? "cancel asked (it is being sent)"
                                                             : "too late (it already ended)";
    cancelled.push_back({{"id", id}, {"result", what}});
    if (!g.json) fmt::print("request {}: {}\n", id, what);
  }

  // --run: print what is queued for the configured printers, until nothing is.
  std::string run_outcome;
  if (o.run) {
    auto printers = load_printers(o.printers_file, true);
    if (!printers) return report_error(g, printers.error().message);
    Waiter waiter(o.language);
    PrintQueueOptions options;
    options.store_path = g.db;
    options.printers = **printers;
    options.program = "accueilctl print-queue --run";
    options.renderer = badge_renderers({templates_dir(o.templates_dir), {}});
    options.listener = waiter.listener();
    auto queue = PrintQueue::start(std::move(options));
    if (!queue) return report_error(g, queue.error().message);
    auto open_left = [&] {
      int left = 0;
      for (RequestState state : {RequestState::queued, RequestState::sending})
        for (const PrinterConfig& p : **printers)
          if (auto rows = requests.in_state(state, p.name)) left += static_cast<int>(rows->size());
      return left;
    };
    const bool done = waiter.wait(o.timeout_s, [&] { return open_left() == 0; });
    (*queue)->stop();
    run_outcome = done ? "nothing left to print" : fmt::format("{} requests still waiting after {} s", open_left(),
                                                               o.timeout_s);
    if (!g.json) fmt::print("{}\n", run_outcome);
    if (!done) {
      if (g.json) print_json({{"run", run_outcome}});
      return k_exit_not_printed;
    }
  }

  std::optional<RequestState> only;
  if (!o.state.empty()) {
    only = request_state_from_string(o.state);
    if (!only) return report_error(g, fmt::format("no request state \"{}\": queued, sending, printed, failed, "
                                                  "cancelled, reception or handed", o.state));
  }
  auto rows = only ? requests.in_state(*only) : requests.recent(o.limit);
  if (!rows) return report_error(g, rows.error().message);
  if (g.json) {
    json list = json::array();
    for (const auto& r : *rows) list.push_back(request_json(r, o.language));
    json doc = {{"requests", list}, {"cancelled", cancelled}};
    if (o.run) doc["run"] = run_outcome;
    print_json(doc);
    return 0;
  }
  if (o.run) return 0;
  if (o.cancel.empty() && rows->empty()) fmt::print("no print requests\n");
  for (const auto& r : *rows)
    fmt::print("{:>5}  {:<9} {:<12} attendee {}{}{}\n", r.id, printer::to_string(r.state), r.printer, r.attendee_id,
               r.attempts ? fmt::format(", {} attempts", r.attempts) : "",
               r.detail.empty() ? "" : ": " + r.detail);
  return 0;
}

}  // namespace accueil::cli
