// accueilctl's commands for the reception desk: staff PINs and the audit of
// what staff (and kiosks) wrote in the log. Exit codes as in commands.hpp.
#pragma once

#include <string>

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

int run_staff(const Globals&, const StaffOptions&);
int run_audit(const Globals&, const AuditOptions&);

}  // namespace accueil::cli
