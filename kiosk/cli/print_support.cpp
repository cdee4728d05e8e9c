#include "kiosk/cli/print_support.hpp"

#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <thread>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/common.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "printer/queue/render_adapter.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace accueil::printer;

// The printers' configuration: --printers, else $ACCUEIL_PRINTERS, else
// ./printers.toml. `required`: an error when there is none.
Result<std::optional<std::vector<PrinterConfig>>> load_printers(const std::string& given, bool required) {
  const std::string path = !given.empty() ? given : env_or("ACCUEIL_PRINTERS", "printers.toml");
  std::error_code ec;
  if (given.empty() && !fs::exists(path, ec)) {
    if (!required) return std::optional<std::vector<PrinterConfig>>();
    return fail(fmt::format("no printers are configured: write {} ([[printers]] tables with name, uri, media, "
                            "template) or pass --printers FILE", path));
  }
  auto printers = load_printers_file(path);
  if (!printers) return std::unexpected(printers.error());
  return std::optional<std::vector<PrinterConfig>>(std::move(*printers));
}

json request_json(const RequestRecord& r, std::string_view language) {
  json j = {{"id", r.id},
            {"attendee_id", r.attendee_id},
            {"printer", r.printer},
            {"requested_printer", r.requested_printer},
            {"template", r.template_id},
            {"state", printer::to_string(r.state)},
            {"problem", name(r.problem)},
            {"problem_text", r.problem == PrinterProblem::none ? std::string() : std::string(describe(r.problem, language))},
            {"detail", r.detail},
            {"attempts", r.attempts},
            {"created_ms", r.created_ms},
            {"queued_ms", r.queued_ms},
            {"updated_ms", r.updated_ms}};
  j["job_id"] = r.job_id ? json(*r.job_id) : json(nullptr);
  j["reprint_of"] = r.reprint_of ? json(*r.reprint_of) : json(nullptr);
  j["reason"] = r.reason;
  j["warnings"] = request_warnings(r.detail);
  return j;
}

// Badge templates: --templates, else the assets' badges folder.
fs::path templates_dir(const std::string& given) {
  if (!given.empty()) return given;
  return assets_dir() / "badges";
}

// A request's progress, one line each on stderr (stdout keeps the result).
void report_progress(const RequestUpdate& u, std::string_view language) {
  std::string line = fmt::format("request {}: {} on {}", u.id, printer::to_string(u.state), u.printer);
  if (u.problem != PrinterProblem::none)
    line += fmt::format(": {}: {}", name(u.problem), describe(u.problem, language));
  if (!u.detail.empty()) line += fmt::format(" ({})", u.detail);
  fmt::print(stderr, "{}\n", line);
}

namespace {

// A queue holder silent this long is taken for hung (it beats every 2 s).
constexpr std::int64_t k_holder_silence_ms = 15'000;

// Whether the program that runs the store's print queue prints on `printer`:
// a request for a printer it does not serve would wait there for ever.
Status holder_serves(const Globals& g, Store& store, const std::string& printer) {
  auto holder = queue_holder(store);
  if (!holder) return std::unexpected(holder.error());
  if (!*holder)
    return fail(fmt::format("another program runs the print queue of {} and does not say which printers it prints "
                            "on: print from that program, or stop it and try again", g.db));
  const QueueHolder& h = **holder;
  const std::int64_t silent_ms = now_ms() - h.heartbeat_ms;
  if (silent_ms > k_holder_silence_ms)
    return fail(fmt::format("the print queue of {} is held by {} ({}), which has given no sign of life for {} s: it "
                            "may be hung; restart it, then print again", g.db, h.program, h.holder, silent_ms / 1000));
  if (!h.serves(printer)) {
    std::string names;
    for (const auto& n : h.printers) names += (names.empty() ? "" : ", ") + n;
    return fail(fmt::format("the print queue of {} is run by {} ({}), which prints on {} but not on {}: the badge "
                            "would never print. Print on one of those (--printer), or add {} to that program's "
                            "printers and restart it", g.db, h.program, h.holder, names.empty() ? "no printer" : names,
                            printer, printer));
  }
  return {};
}

}  // namespace

Result<Printing> who_prints(const Globals& g, Store& store, const std::vector<PrinterConfig>& configs,
                            const Event& event, const std::string& printer, const std::string& templates,
                            bool no_wait, Waiter& waiter) {
  Printing p;
  if (no_wait) {
    if (PrintQueue::runs_elsewhere(g.db)) {
      if (auto s = holder_serves(g, store, printer); !s) return std::unexpected(s.error());
    } else {
      p.note = fmt::format("no program runs the print queue of {} now: it prints when one serving {} starts "
                           "(accueilctl print-queue --run, or a kiosk)", g.db, printer);
    }
    return p;
  }
  PrintQueueOptions options;
  options.store_path = g.db;
  options.printers = configs;
  options.event = event;
  options.program = "accueilctl print";
  options.renderer = badge_renderers({templates_dir(templates), {}});
  options.listener = waiter.listener();
  auto started = PrintQueue::start(std::move(options));
  if (started) {
    p.queue = std::move(*started);
    return p;
  }
  if (!PrintQueue::runs_elsewhere(g.db)) return std::unexpected(started.error());
  if (auto s = holder_serves(g, store, printer); !s) return std::unexpected(s.error());
  auto holder = queue_holder(store);
  p.note = fmt::format("{} ({}) runs the print queue of {} and prints on {}: it prints it",
                       holder && *holder ? (*holder)->program : "another program",
                       holder && *holder ? (*holder)->holder : "", g.db, printer);
  return p;
}

// Waits for request `id` to end and says how it did; the exit code.
int wait_and_report(const Globals& g, Store& store, const Attendee& attendee, RequestId id,
                    std::unique_ptr<PrintQueue> queue, Waiter& waiter, const WaitOptions& o) {
  RequestStore requests(store);
  std::optional<RequestRecord> last;
  // Ended, or on the reception list (a person decides there).
  auto ended = [&] {
    auto r = requests.get(id);
    if (r && *r) last = **r;
    return last && (is_final(last->state) || last->state == RequestState::reception);
  };
  if (o.no_wait) {
    ended();
  } else if (!waiter.wait(o.timeout_s, ended)) {
    queue.reset();  // stops at a safe point: the request stays queued (or its CUPS job followed later)
    ended();
  }
  if (!last) return report_error(g, fmt::format("print request {} is not in the store", id));
  const RequestRecord& r = *last;
  if (g.json) {
    json doc = request_json(r, o.language);
    doc["attendee"] = {{"id", attendee.id}, {"name", display_name(attendee)}, {"external_ref", attendee.external_ref}};
    print_json(doc);
  }
  if (o.no_wait) {
    if (!g.json) fmt::print("queued the badge of {} for {}: request {}\n", display_name(attendee), r.printer, id);
    return 0;
  }
  const std::string trouble = r.problem == PrinterProblem::none
                                  ? r.detail
                                  : fmt::format("{} ({})", describe(r.problem, o.language), r.detail);
  // What the badge left out (characters no font draws): the desk is told.
  for (const std::string& warning : request_warnings(r.detail)) fmt::print(stderr, "accueilctl: warning: {}\n", warning);
  switch (r.state) {
    case RequestState::printed:
      if (!g.json) fmt::print("printed the badge of {} on {} (request {})\n", display_name(attendee), r.printer, id);
      return 0;
    case RequestState::failed:
    case RequestState::cancelled:
    case RequestState::handed:
      fmt::print(stderr, "accueilctl: the badge of {} was not printed: request {} {}: {}\n", display_name(attendee), id,
                 printer::to_string(r.state), trouble);
      return k_exit_not_printed;
    case RequestState::reception:
      fmt::print(stderr,
                 "accueilctl: the badge of {} was not printed: request {} is on the reception list: {}; print it "
                 "with accueilctl reception print {} --printer P, or say it was handed with accueilctl reception "
                 "done {}\n", display_name(attendee), id, trouble, id, id);
      return k_exit_not_printed;
    case RequestState::queued:
    case RequestState::sending: break;
  }
  fmt::print(stderr,
             "accueilctl: the badge of {} is not printed after {} s{}; request {} stays {}: it prints when {} can "
             "(accueilctl print-queue --run), or cancel it with accueilctl print-queue --cancel {}, or put it on the "
             "reception list with accueilctl reception take {}\n",
             display_name(attendee), o.timeout_s, trouble.empty() ? "" : ": " + trouble, id,
             printer::to_string(r.state), r.printer, id, id);
  return k_exit_not_printed;
}

// The configured printers, when one of them is `printer`; else why not.
Result<std::vector<PrinterConfig>> printers_naming(const std::string& file, const std::string& printer) {
  auto printers = load_printers(file, true);
  if (!printers) return std::unexpected(printers.error());
  if (!find_printer(**printers, printer)) {
    std::string names;
    for (const auto& p : **printers) names += (names.empty() ? "" : ", ") + p.name;
    return fail(fmt::format("there is no printer named \"{}\" (the printers are: {})", printer, names));
  }
  return std::move(**printers);
}

}  // namespace accueil::cli
