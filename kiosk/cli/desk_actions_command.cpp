// accueilctl walkin and correct: the desk's two record changes, headless
// (for scripts and tests; the desk screen calls the same shared/store/desk
// functions), logged with their operator and queued for the central list.
#include <fmt/core.h>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/desk_commands.hpp"
#include "kiosk/cli/json.hpp"
#include "shared/domain/clock.hpp"
#include "shared/store/desk.hpp"

namespace accueil::cli {

int run_walkin(const Globals& g, const WalkinOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto day = resolve_day(opened->event, o.day);
  if (!day) return report_error(g, day.error().message);
  WalkIn w;
  w.civility = o.civility;
  w.first_name = o.first_name;
  w.last_name = o.last_name;
  w.organisation = o.organisation;
  w.function = o.function;
  w.country = o.country;
  w.category = o.category;
  w.email = o.email;
  w.language = o.language;
  // As at the desk: someone already registered under that name (accents and
  // case aside) or that e-mail is said first, and nothing is written.
  if (!o.anyway) {
    auto dups = possible_duplicates(opened->store, w);
    if (!dups) return report_error(g, dups.error().message);
    if (!dups->empty()) {
      std::string said;
      for (const Attendee& a : *dups) said += fmt::format("\n  {} ({})", duplicate_warning(a), a.external_ref);
      report_error(g, fmt::format("walk-in not registered: possibly someone already registered:{}\n"
                                  "Check in the person found, or say --anyway if it is not the same person.",
                                  said));
      return k_exit_refused;
    }
  }
  CheckinContext ctx{*day, default_kiosk(o.kiosk), o.operator_name, SystemClock().now_ms()};
  auto decision = register_walkin(opened->store, opened->event, w, ctx);
  if (!decision) return report_error(g, fmt::format("walk-in not registered: {}", decision.error().message));
  if (g.json) print_json(to_json(*decision, opened->event));
  else fmt::print("{}: {}\n", to_string(decision->outcome), decision->detail);
  return decision->outcome == Outcome::ok ? 0 : k_exit_refused;
}

int run_correct(const Globals& g, const CorrectOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto found = find_attendee_or_fail(opened->store, o.attendee);
  if (!found) return report_error(g, found.error().message);
  AttendeeChanges changes;
  const std::pair<const char*, std::optional<std::string> AttendeeChanges::*> fields[] = {
      {"civility", &AttendeeChanges::civility},         {"first_name", &AttendeeChanges::first_name},
      {"last_name", &AttendeeChanges::last_name},       {"first_name_latin", &AttendeeChanges::first_name_latin},
      {"last_name_latin", &AttendeeChanges::last_name_latin}, {"organisation", &AttendeeChanges::organisation},
      {"function", &AttendeeChanges::function},         {"country", &AttendeeChanges::country},
      {"category", &AttendeeChanges::category},         {"language", &AttendeeChanges::language},
      {"email", &AttendeeChanges::email},               {"delegation", &AttendeeChanges::delegation},
      {"staff_note", &AttendeeChanges::staff_note}};
  for (const std::string& set : o.set) {
    const auto eq = set.find('=');
    const std::string name = set.substr(0, eq);
    bool known = false;
    for (const auto& [field, member] : fields)
      if (eq != std::string::npos && name == field) {
        changes.*member = set.substr(eq + 1);
        known = true;
      }
    if (!known)
      return report_error(g, fmt::format("--set {}: expected FIELD=VALUE with FIELD one of civility, first_name, "
                                         "last_name, first_name_latin, last_name_latin, organisation, function, "
                                         "country, category, language, email, delegation, staff_note",
                                         set));
  }
  auto day = resolve_day(opened->event, o.day);
  if (!day) return report_error(g, day.error().message);
  CheckinContext ctx{*day, default_kiosk(o.kiosk), o.operator_name, SystemClock().now_ms()};
  auto corrected = desk_correct(opened->store, opened->event, found->id, changes, ctx);
  if (!corrected) return report_error(g, fmt::format("{}: {}", display_name(*found), corrected.error().message));
  if (g.json) {
    print_json({{"changed", corrected->has_value() ? nlohmann::json::parse((*corrected)->reason) : nlohmann::json()}});
  } else {
    fmt::print("{}: {}\n", display_name(*found),
               corrected->has_value() ? "corrected: " + (*corrected)->reason : std::string("nothing to change"));
  }
  return 0;
}

}  // namespace accueil::cli
