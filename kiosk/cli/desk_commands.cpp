#include "kiosk/cli/desk_commands.hpp"

#include <termios.h>
#include <unistd.h>

#include <cstdio>
#include <iostream>

#include <fmt/core.h>
#include <nlohmann/json.hpp>
#include <sodium.h>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/json.hpp"
#include "shared/domain/clock.hpp"
#include "shared/store/desk.hpp"
#include "shared/store/staff.hpp"

namespace accueil::cli {

namespace {

using nlohmann::json;

// Reads one line from the terminal with echo off (prompt on stderr).
// The echo goes off before the prompt shows, so nothing typed after it is echoed.
Result<std::string> read_hidden(const char* prompt) {
  termios old{};
  if (tcgetattr(STDIN_FILENO, &old) != 0) return fail("cannot read the terminal's settings");
  termios quiet = old;
  quiet.c_lflag &= ~static_cast<tcflag_t>(ECHO);
  if (tcsetattr(STDIN_FILENO, TCSAFLUSH, &quiet) != 0) return fail("cannot turn the terminal's echo off");
  fmt::print(stderr, "{}", prompt);
  std::fflush(stderr);
  std::string line;
  std::getline(std::cin, line);
  tcsetattr(STDIN_FILENO, TCSAFLUSH, &old);
  fmt::print(stderr, "\n");
  return line;
}

// The PIN: typed twice without echo at a terminal, else the first line of stdin.
Result<std::string> read_pin(const std::string& name) {
  if (isatty(STDIN_FILENO)) {
    auto first = read_hidden(fmt::format("PIN for {} (4 to 12 digits): ", name).c_str());
    if (!first) return first;
    auto again = read_hidden("The same PIN again: ");
    if (!again) return again;
    const bool same = *first == *again;
    sodium_memzero(again->data(), again->size());
    if (!same) return fail("the two PINs differ: nothing changed");
    return first;
  }
  std::string line;
  if (!std::getline(std::cin, line)) return fail("no PIN on standard input (give it as one line)");
  if (!line.empty() && line.back() == '\r') line.pop_back();
  return line;
}

}  // namespace

int run_staff(const Globals& g, const StaffOptions& o) {
  auto store = open_existing(g);
  if (!store) return report_error(g, store.error().message);
  if (o.action == "add") {
    auto role = staff_role_from_string(o.role);
    if (!role) return report_error(g, fmt::format("--role is desk or admin, not \"{}\"", o.role));
    if (auto s = check_staff_name(o.name); !s) return report_error(g, s.error().message);
    auto pin = read_pin(o.name);
    if (!pin) return report_error(g, pin.error().message);
    auto added = add_staff(*store, o.name, *role, *pin, o.replace);
    sodium_memzero(pin->data(), pin->size());
    if (!added) return report_error(g, added.error().message);
    if (g.json) print_json({{"staff", {{"name", o.name}, {"role", o.role}}}});
    else fmt::print("{} can open the desk ({} role)\n", o.name, o.role);
    return 0;
  }
  if (o.action == "remove") {
    auto removed = remove_staff(*store, o.name);
    if (!removed) return report_error(g, removed.error().message);
    if (!*removed) return report_error(g, fmt::format("there is no staff member named \"{}\"", o.name));
    if (g.json) print_json({{"removed", o.name}});
    else fmt::print("{} can no longer open the desk\n", o.name);
    return 0;
  }
  auto members = staff_members(*store);
  if (!members) return report_error(g, members.error().message);
  if (g.json) {
    json list = json::array();
    for (const auto& m : *members)
      list.push_back({{"name", m.name}, {"role", std::string(to_string(m.role))}, {"created_ms", m.created_ms},
                      {"updated_ms", m.updated_ms}});
    print_json({{"staff", list}});
  } else if (members->empty()) {
    fmt::print("no staff yet: accueilctl staff add NAME --role desk|admin\n");
  } else {
    for (const auto& m : *members) fmt::print("{:<6} {}\n", to_string(m.role), m.name);
  }
  return 0;
}

int run_audit(const Globals& g, const AuditOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  AuditFilter filter;
  filter.operator_name = o.operator_name;
  filter.staff_only = o.staff_only;
  filter.limit = o.limit;
  auto entries = audit_log(opened->store, filter);
  if (!entries) return report_error(g, entries.error().message);
  std::vector<PinAttempt> attempts;
  if (o.pins) {
    auto a = pin_attempts(opened->store);
    if (!a) return report_error(g, a.error().message);
    attempts = std::move(*a);
  }
  const std::string& tz = opened->event.timezone;
  if (g.json) {
    json events = json::array();
    for (const auto& e : *entries) {
      json j = to_json(e.event, opened->event);
      j["attendee"] = e.attendee_name;
      events.push_back(std::move(j));
    }
    json doc{{"events", events}};
    if (o.pins) {
      json tries = json::array();
      for (const auto& a : attempts)
        tries.push_back({{"terminal", a.terminal}, {"name", a.name}, {"at_ms", a.at_ms},
                         {"at", local_date_time(a.at_ms, tz)}, {"outcome", a.outcome}});
      doc["pin_attempts"] = tries;
    }
    print_json(doc);
    return 0;
  }
  for (const auto& e : *entries) {
    const CheckinEvent& ev = e.event;
    fmt::print("{}  day {}  {:<10}  {:<12}  {:<10}  {}{}\n", local_date_time(ev.at_ms, tz), ev.day, ev.kiosk,
               ev.operator_name.empty() ? "-" : ev.operator_name, to_string(ev.kind), e.attendee_name,
               ev.reason.empty() ? "" : fmt::format("  ({})", ev.reason));
  }
  if (o.pins) {
    fmt::print("PIN tries:\n");
    for (const auto& a : attempts)
      fmt::print("{}  {:<10}  {:<12}  {}\n", local_date_time(a.at_ms, tz), a.terminal, a.name, a.outcome);
  }
  return 0;
}

}  // namespace accueil::cli
