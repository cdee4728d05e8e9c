// accueilctl printers: what is connected (USB) and what CUPS offers, and the
// configured printers, with their state.
#include "kiosk/cli/print_commands.hpp"

#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/print_support.hpp"
#include "kiosk/cli/usb_printers.hpp"
#include "printer/cups/cups_client.hpp"
#include "printer/queue/direct_driver.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "printer/transport/usb.hpp"
#include "printer/transport/usb_libusb.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/files.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

using nlohmann::json;
using namespace accueil::printer;

namespace {

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

}  // namespace accueil::cli
