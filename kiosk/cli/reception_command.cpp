// accueilctl reception: the badges a person must print or hand over.
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

int run_reception(const Globals& g, const ReceptionOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  Store& store = opened->store;
  const Event& event = opened->event;
  RequestStore requests(store);
  const std::string who = o.operator_name.empty() ? std::string() : " by " + o.operator_name;

  if (o.action == "list") {
    auto rows = requests.in_state(RequestState::reception);
    if (!rows) return report_error(g, rows.error().message);
    json list = json::array();
    std::vector<std::string> lines;
    for (const RequestRecord& r : *rows) {
      auto a = store.attendee_by_id(r.attendee_id);
      const std::string name = a && *a ? display_name(**a) : r.attendee_id;
      const std::string ref = a && *a ? (*a)->external_ref : "";
      json j = request_json(r, o.language);
      j["attendee"] = {{"id", r.attendee_id}, {"name", name}, {"external_ref", ref}};
      list.push_back(std::move(j));
      lines.push_back(fmt::format("{:>5}  {} ({}), from {}, since {}: {}", r.id, name, ref, r.printer,
                                  local_date_time(r.updated_ms, event.timezone), r.detail));
    }
    if (g.json) {
      print_json({{"reception", list}});
      return 0;
    }
    if (lines.empty()) fmt::print("nobody's badge waits at reception\n");
    for (const auto& line : lines) fmt::print("{}\n", line);
    return 0;
  }

  auto record = requests.get(o.id);
  if (!record) return report_error(g, record.error().message);
  if (!*record) return report_error(g, fmt::format("there is no print request {}", o.id));
  const RequestRecord r = **record;
  auto attendee = store.attendee_by_id(r.attendee_id);
  if (!attendee) return report_error(g, attendee.error().message);
  if (!*attendee) return report_error(g, fmt::format("attendee {} of request {} is not in the store", r.attendee_id, r.id));
  const std::string name = display_name(**attendee);
  auto not_there = [&] {
    const std::string message = fmt::format("request {} ({}) is not on the reception list: it is {}{}", r.id, name,
                                            printer::to_string(r.state), r.detail.empty() ? "" : " (" + r.detail + ")");
    fmt::print(stderr, "accueilctl: {}\n", message);
    if (g.json) print_json({{"refused", message}, {"request", request_json(r, o.language)}});
    return k_exit_refused;
  };

  if (o.action == "take") {
    const std::string why = fmt::format("put on the reception list{}{}", who, o.reason.empty() ? "" : ": " + o.reason);
    auto result = requests.to_reception(r.id, why, now_ms());
    if (!result) return report_error(g, result.error().message);
    std::string what = *result == HandoverResult::moved       ? "on the reception list"
                       : *result == HandoverResult::requested ? "being sent: stopped if it still can be, then put on the reception list"
                       : *result == HandoverResult::already   ? "already on the reception list"
                                                              : "too late (it already ended)";
    // Being sent, and no program follows it (the one that sent it stopped or
    // crashed): nobody would stop its job, which would print when the printer
    // can. Follow it here, the time it takes to stop it and move it.
    if (*result == HandoverResult::requested && !PrintQueue::runs_elsewhere(g.db)) {
      auto printers = load_printers(o.printers_file, true);
      if (!printers) return report_error(g, fmt::format("request {} is asked to the reception list, but no program "
                                                        "runs the print queue to stop its job: {}",
                                                        r.id, printers.error().message));
      Waiter waiter(o.language);
      PrintQueueOptions options;
      options.store_path = g.db;
      options.printers = **printers;
      options.event = event;
      options.program = "accueilctl reception take";
      options.renderer = badge_renderers({templates_dir(o.templates_dir), {}});
      options.listener = waiter.listener();
      auto queue = PrintQueue::start(std::move(options));
      if (queue) {
        waiter.wait(o.timeout_s, [&] {
          auto now_r = requests.get(r.id);
          return now_r && *now_r && (*now_r)->state != RequestState::sending;
        });
        (*queue)->stop();
      }
      auto now_r = requests.get(r.id);
      if (now_r && *now_r && (*now_r)->state != RequestState::sending)
        what = (*now_r)->state == RequestState::reception
                   ? "on the reception list (its print job was stopped)"
                   : fmt::format("{} before it could be stopped: {}", printer::to_string((*now_r)->state),
                                 (*now_r)->detail);
      else
        what += "; no program runs the print queue now: it is moved when one starts (accueilctl print-queue --run)";
    }
    if (g.json) print_json({{"id", r.id}, {"result", what}});
    else fmt::print("request {} ({}): {}\n", r.id, name, what);
    return *result == HandoverResult::too_late ? k_exit_refused : 0;
  }

  if (o.action == "done") {
    const std::string why = fmt::format("handed at reception{}{}", who, o.reason.empty() ? "" : ": " + o.reason);
    auto handed = requests.hand_over(r.id, why, now_ms());
    if (!handed) return report_error(g, handed.error().message);
    if (!*handed) return not_there();
    if (g.json) print_json({{"id", r.id}, {"state", "handed"}, {"detail", why}});
    else fmt::print("request {}: the badge of {} was handed at reception\n", r.id, name);
    return 0;
  }

  // print: a person says to print it, on a printer they name.
  if (r.state != RequestState::reception) return not_there();
  auto printers = printers_naming(o.printers_file, o.printer);
  if (!printers) return report_error(g, printers.error().message);
  const std::vector<PrinterConfig>& configs = *printers;
  Waiter waiter(o.language);
  auto printing = who_prints(g, store, configs, event, o.printer, o.templates_dir, o.no_wait, waiter);
  if (!printing) return report_error(g, printing.error().message);
  const std::string why = fmt::format("printed from the reception list{}{}", who, o.reason.empty() ? "" : ": " + o.reason);
  auto released = requests.release(r.id, o.printer, why, now_ms());
  if (!released) return report_error(g, released.error().message);
  if (!*released) return not_there();
  if (printing->queue) printing->queue->wake();
  if (!printing->note.empty()) fmt::print(stderr, "request {}: queued; {}\n", r.id, printing->note);
  return wait_and_report(g, store, **attendee, r.id, std::move(printing->queue), waiter,
                         {o.timeout_s, o.no_wait, o.language});
}

}  // namespace accueil::cli
