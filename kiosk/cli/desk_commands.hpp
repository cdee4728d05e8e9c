// accueilctl's commands for the reception desk: staff PINs and the audit of
// what staff (and kiosks) wrote in the log. Exit codes as in commands.hpp.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "kiosk/cli/commands.hpp"

namespace accueil::cli {

struct StaffOptions {
  std::string action = "list";  // add, list, remove
  std::string name;
  std::string role = "desk";
  bool replace = false;
};
struct AuditOptions {
  std::string operator_name;
  bool staff_only = false;
  bool pins = false;
  int limit = 200;
};

// A walk-in registered and checked in (shared/store/desk.hpp register_walkin).
struct WalkinOptions {
  std::string civility, first_name, last_name, organisation, function, country, category, email, language;
  std::optional<int> day;
  std::string kiosk, operator_name;
  bool anyway = false;  // register even when someone with that name or e-mail is already registered
};
// A record corrected, each --set FIELD=VALUE (desk_correct).
struct CorrectOptions {
  std::string attendee;
  std::vector<std::string> set;
  std::optional<int> day;
  std::string kiosk, operator_name;
};

int run_staff(const Globals&, const StaffOptions&);
int run_walkin(const Globals&, const WalkinOptions&);
int run_correct(const Globals&, const CorrectOptions&);
int run_audit(const Globals&, const AuditOptions&);

}  // namespace accueil::cli
