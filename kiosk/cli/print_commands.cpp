#include "kiosk/cli/print_commands.hpp"

#include <chrono>
#include <condition_variable>
#include <cstdlib>
#include <filesystem>
#include <mutex>
#include <thread>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/common.hpp"
#include "printer/cups/cups_client.hpp"
#include "printer/queue/direct_driver.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "printer/queue/render_adapter.hpp"
#include "printer/transport/usb.hpp"
#include "printer/transport/usb_libusb.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;
using namespace accueil::printer;

namespace {

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

std::string_view to_string(Readiness r) {
  switch (r) {
    case Readiness::ready: return "ready";
    case Readiness::busy: return "busy";
    case Readiness::needs_attention: return "needs_attention";
  }
  return "ready";
}

json state_json(const PrinterState& s, std::string_view language) {
  json issues = json::array();
  for (const auto& i : s.issues) issues.push_back({{"problem", name(i.problem)}, {"detail", i.detail}});
  return {{"readiness", to_string(s.readiness)},
          {"problem", name(s.main_problem())},
          {"text", describe(s.main_problem(), language)},
          {"issues", issues},
          {"notes", s.notes}};
}

// "ready", or the problem's sentence and the printer's own words.
std::string state_text(const PrinterState& s, std::string_view language) {
  if (s.readiness == Readiness::ready) return "ready";
  if (s.readiness == Readiness::busy) return "busy";
  std::string detail;
  for (const auto& i : s.issues)
    if (i.problem == s.main_problem()) detail = i.detail;
  return fmt::format("{}: {} ({})", name(s.main_problem()), describe(s.main_problem(), language), detail);
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


constexpr int k_exit_not_printed = 4;

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

// Waits for requests to end, hearing the queue's listener or, when another
// process runs the queue, reading the store.
class Waiter {
public:
  explicit Waiter(std::string language) : m_language(std::move(language)) {}
  QueueListener listener() {
    return {[this](const RequestUpdate& u) {
              report_progress(u, m_language);
              std::lock_guard lock(m_mutex);
              m_changed.notify_all();
            },
            {}};
  }
  // Until `done()` says so or `timeout_s` passed; `done` reads the store.
  bool wait(double timeout_s, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + std::chrono::milliseconds(static_cast<long>(timeout_s * 1000));
    for (;;) {
      if (done()) return true;
      if (std::chrono::steady_clock::now() >= deadline) return false;
      std::unique_lock lock(m_mutex);
      m_changed.wait_for(lock, std::chrono::milliseconds(200));
    }
  }

private:
  std::string m_language;
  std::mutex m_mutex;
  std::condition_variable m_changed;
};

// --- printers ----------------------------------------------------------------------------

struct UsbFound {
  usb::DeviceInfo device;
  std::string language;  // "brother-ql-820nwb", "zpl", "" when we do not speak it
  std::optional<PrinterState> state;
};

// Printers on USB (printer-class interfaces), asked for their state when we
// speak their language.
Result<std::vector<UsbFound>> usb_printers() {
  auto bus = usb::open_libusb_bus();
  if (!bus) return std::unexpected(bus.error());
  auto devices = (*bus)->devices();
  if (!devices) return std::unexpected(devices.error());
  std::vector<UsbFound> out;
  for (const usb::DeviceInfo& d : *devices) {
    if (!usb::find_printer_interface(d)) continue;
    UsbFound f{d, "", std::nullopt};
    usb::Match match{d.vendor_id, d.product_id, {}, d.serial, "USB printer"};
    DirectOptions o;
    if (auto model = brother::model_from_usb(d.vendor_id, d.product_id)) {
      o.language = LanguageSpec{Language::brother_ql, *model, brother::k_dpi};
      f.language = to_string(o.language);
    } else if (d.vendor_id == 0x0A5F) {  // Zebra Technologies
      o.language = LanguageSpec{Language::zpl, std::nullopt, 203};
      f.language = "zpl";
    }
    if (!f.language.empty()) {
      DirectDriver driver(std::make_unique<usb::UsbTransport>(*bus, match), o);
      f.state = driver.check();
    }
    out.push_back(std::move(f));
  }
  return out;
}

}  // namespace

int run_printers(const Globals& g, const PrintersOptions& o) {
  auto configured = load_printers(o.printers_file, false);
  if (!configured) return report_error(g, configured.error().message);
  json doc = json::object();

  // USB.
  std::optional<std::vector<UsbFound>> usb_found;
  std::string usb_error;
  if (o.usb) {
    auto found = usb_printers();
    if (found) usb_found = std::move(*found);
    else usb_error = found.error().message;
  }
  if (o.usb) {
    json list = json::array();
    for (const UsbFound& f : usb_found.value_or(std::vector<UsbFound>{})) {
      json j = {{"vendor_id", fmt::format("{:04x}", f.device.vendor_id)},
                {"product_id", fmt::format("{:04x}", f.device.product_id)},
                {"manufacturer", f.device.manufacturer},
                {"product", f.device.product},
                {"serial", f.device.serial},
                {"port", f.device.port_path},
                {"language", f.language}};
      j["state"] = f.state ? state_json(*f.state, o.language) : json(nullptr);
      if (!f.language.empty())
        j["uri"] = fmt::format("usb:{}{}", f.language, f.device.serial.empty() ? "" : ":" + f.device.serial);
      list.push_back(std::move(j));
    }
    doc["usb"] = {{"printers", list}};
    if (!usb_error.empty()) doc["usb"]["error"] = usb_error;
  }

  // CUPS.
  std::optional<std::vector<cups::QueueInfo>> queues;
  std::string cups_error;
  if (o.cups) {
    auto client = cups::Client::connect(2'000);
    if (client) {
      auto listed = client->queues();
      if (listed) queues = std::move(*listed);
      else cups_error = listed.error().message;
    } else {
      cups_error = client.error().message;
    }
    json list = json::array();
    for (const auto& q : queues.value_or(std::vector<cups::QueueInfo>{})) {
      const PrinterState s = cups::printer_state(fmt::format("CUPS queue {}", q.name), q.status.state,
                                                 q.status.reasons, q.status.message, q.status.accepting);
      list.push_back({{"name", q.name}, {"uri", "cups:" + q.name}, {"info", q.info}, {"location", q.location},
                      {"make_and_model", q.make_and_model}, {"device_uri", q.device_uri}, {"default", q.is_default},
                      {"state", state_json(s, o.language)}});
    }
    doc["cups"] = {{"server", cups::server_name()}, {"reachable", cups_error.empty()}, {"queues", list}};
    if (!cups_error.empty()) doc["cups"]["error"] = cups_error;
  }

  // The configured printers, as the print queue would see them.
  std::vector<std::pair<PrinterConfig, PrinterState>> states;
  if (*configured) {
    auto drivers = default_drivers();
    for (const PrinterConfig& p : **configured) {
      auto driver = drivers(p);
      PrinterState s;
      if (driver) s = (*driver)->check();
      else s.add(PrinterProblem::other, driver.error().message);
      states.emplace_back(p, s);
    }
    json list = json::array();
    for (const auto& [p, s] : states)
      list.push_back({{"name", p.name}, {"uri", to_string(p.uri)}, {"media", to_string(p.media)},
                      {"template", p.template_id}, {"failover", p.failover}, {"state", state_json(s, o.language)}});
    doc["configured"] = list;
  }

  if (g.json) {
    print_json(doc);
    return 0;
  }
  if (o.usb) {
    fmt::print("USB printers:\n");
    if (!usb_error.empty()) fmt::print("  cannot look: {}\n", usb_error);
    else if (usb_found->empty()) fmt::print("  none connected\n");
    for (const UsbFound& f : usb_found.value_or(std::vector<UsbFound>{}))
      fmt::print("  {} port {}{}: {}\n", usb::device_name(f.device), f.device.port_path,
                 f.language.empty() ? "" : fmt::format(" (usb:{}{})", f.language, f.device.serial.empty() ? "" : ":" + f.device.serial),
                 f.state ? state_text(*f.state, o.language) : "state unknown (not a printer language Accueil speaks)");
  }
  if (o.cups) {
    fmt::print("CUPS at {}:\n", cups::server_name());
    if (!cups_error.empty()) fmt::print("  cannot be reached: {}\n", cups_error);
    else if (queues->empty()) fmt::print("  no queues\n");
    for (const auto& q : queues.value_or(std::vector<cups::QueueInfo>{})) {
      const PrinterState s = cups::printer_state(fmt::format("CUPS queue {}", q.name), q.status.state,
                                                 q.status.reasons, q.status.message, q.status.accepting);
      fmt::print("  {}{} ({}{}): {}\n", q.name, q.is_default ? " [default]" : "",
                 q.make_and_model.empty() ? q.info : q.make_and_model,
                 q.device_uri.empty() ? "" : ", " + q.device_uri, state_text(s, o.language));
    }
  }
  if (*configured) {
    fmt::print("Configured printers:\n");
    for (const auto& [p, s] : states)
      fmt::print("  {}: {} {}{}: {}\n", p.name, to_string(p.uri), to_string(p.media),
                 p.failover.empty() ? "" : ", failover " + p.failover, state_text(s, o.language));
  }
  return 0;
}


// --- print -------------------------------------------------------------------------------

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

// Who prints a request: this process (a queue of its own), or the program
// that runs the store's queue and serves the printer (checked), or, with
// --no-wait, whoever runs the queue next.
struct Printing {
  std::unique_ptr<PrintQueue> queue;  // null: another program prints it, or nobody yet (no_wait)
  std::string note;                   // said on stderr once the request is in the store
};

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

struct WaitOptions {
  double timeout_s = 60;
  bool no_wait = false;
  std::string language;
};

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

// --- reception -----------------------------------------------------------------------------

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

// --- print-queue --------------------------------------------------------------------------

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
