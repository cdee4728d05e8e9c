// What accueilctl's commands share: opening the store, reporting errors the
// same way with and without --json, and the defaults taken from the environment.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include <nlohmann/json.hpp>

#include "kiosk/cli/commands.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/store.hpp"

namespace accueil::cli {

inline constexpr int k_exit_error = 1;
inline constexpr int k_exit_refused = 3;

// Prints the message on stderr (and as {"error": ...} with --json); returns k_exit_error.
int report_error(const Globals& g, std::string_view message);
void print_json(const nlohmann::json& doc);

std::string env_or(const char* name, std::string fallback);
// The kiosk's name in the log: the option, else $ACCUEIL_KIOSK, else the host name.
std::string default_kiosk(const std::string& given);

struct Opened {
  Store store;
  Event event;
};
// The store at --db, which must exist.
// read_only: Store::open_read_only (reports: never migrate nor write).
Result<Store> open_existing(const Globals& g, bool read_only = false);
// The store at --db, which must exist and hold an event.
Result<Opened> open_with_event(const Globals& g, bool read_only = false);
// The attendee with this id, ticket code or reference, or an error that says so.
Result<Attendee> find_attendee_or_fail(Store& store, std::string_view id_code_or_ref);

// The event day: the option, else today's in the event's time zone.
Result<int> resolve_day(const Event& event, std::optional<int> day);

// The rows an import rejected, then those it took with a warning (a value
// defaulted, values beyond the header's last column), a line each.
void print_row_issues(const ImportReport& report);

}  // namespace accueil::cli
