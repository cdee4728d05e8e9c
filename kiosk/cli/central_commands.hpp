// accueilctl's commands for the central list on PostgreSQL (shared/sync):
// central init, central import, sync. Exit codes as in commands.hpp.
#pragma once

#include <string>
#include <vector>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/commands.hpp"

namespace accueil::cli {

struct CentralInitOptions {
  std::string url;  // --url, else $ACCUEIL_CENTRAL
  std::string event_file;
  std::vector<std::string> organisers, kiosks, viewers;
  bool print_grants = false;
};
struct CentralImportOptions {
  std::string url;
  std::string file;
  std::string event_id;
  std::string mapping;
  std::string category;
  bool dry_run = false;
  bool cancel_missing = false;
  bool cancel_many = false;
};
struct CentralConflictsOptions {
  std::string url;
  std::string event_id;
};
struct SyncOptions {
  std::string url;
  std::string kiosk;
  bool follow = false;
};

// A private in-memory copy of the central list's event (`event_id`, or its
// only one): what the figures count of its attendees (no names) and every
// kiosk's log events, for `report --central`; the local report's own code
// then gives the figures over every kiosk. An organiser or viewer login.
Result<Opened> open_central_copy(const std::string& url, const std::string& event_id);

int run_central_init(const Globals&, const CentralInitOptions&);
int run_central_import(const Globals&, const CentralImportOptions&);
int run_central_conflicts(const Globals&, const CentralConflictsOptions&);
int run_sync(const Globals&, const SyncOptions&);

}  // namespace accueil::cli
