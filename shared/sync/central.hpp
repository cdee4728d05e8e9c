// The central registration list on PostgreSQL: its schema and roles
// (versioned, idempotent migrations), the event and kiosk logins, what each
// role may do, and the writing side of the central import.
//
// Everything lives in the schema `accueil`. Three group roles, created once
// per cluster, hold the privileges; logins are granted one of them:
//   accueil_organiser  everything on the schema (the log stays append-only)
//   accueil_kiosk      no table at all: reads its own event's attendees and
//                      check-ins through two views, appends through three
//                      functions (push_attendees, push_checkins, heartbeat).
//                      Its event is the one accueil.kiosk_logins names for it.
//                      It never reads e-mail addresses: only their first
//                      letters, and only when the event's name search asks
//                      for them (name_search.check = "email").
//   accueil_viewer     the counts view (accueil.figures), and for reports the
//                      views report_attendees/report_checkins (what figures
//                      count: no name, e-mail, note, ticket or operator) and
//                      the events' id, name and definition; for the
//                      dashboard the kiosks' heartbeats (with their badges
//                      waiting at reception, a count), the VIPs' and
//                      delegation heads' names, and the cross-kiosk
//                      duplicates without names (dashboard_*).
#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/intake/import.hpp"
#include "shared/sync/pg.hpp"

namespace accueil::central {

// The schema version this build creates.
int schema_version();

struct Logins {
  std::vector<std::string> organisers, kiosks, viewers;  // created (NOLOGIN-less, no password) when missing
};

struct InitReport {
  int from_version = 0;
  int to_version = 0;
  bool event_changed = false;
};

// Migrates the schema to schema_version() (one transaction, serialised by an
// advisory lock; running it again changes nothing), records `event`, and
// grants the logins their roles (kiosks for this event). Needs a login that
// may create roles (a superuser, or CREATEROLE and the database's owner).
Result<InitReport> init(pg::Connection& conn, const Event& event, const Logins& logins);

// What each role may do, read back from PostgreSQL's catalogs, as text.
Result<std::string> describe_grants(pg::Connection& conn);

// A person checked in twice for one day by kiosks cut off from each other.
// Both events stay in the log; the earliest is the one that counts.
struct Conflict {
  std::string name;
  std::string external_ref;
  int day = 0;
  std::string first_kiosk;
  std::int64_t first_at_ms = 0;
  std::string later_kiosk;
  std::int64_t later_at_ms = 0;
  std::string first_uuid, later_uuid;
};
Result<std::vector<Conflict>> conflicts(pg::Connection& conn, const Event& event);

// The event the central list holds with this id; with an empty id, its only event.
Result<Event> load_event(pg::Connection& conn, const std::string& event_id);

// Applies an import plan (shared/intake's plan_import) to the central list in
// one transaction: the same decisions as a local import (intake's
// apply_import, run on the event's current central list), then the changed
// and new attendees written. Importing the same file again changes nothing.
//
// A desk's correction against a later re-import (the desk's corrections
// reach the record at central when the kiosk pushes them): each record keeps
// its fields as the last import wrote them (accueil.attendees.imported).
//   - a field corrected since (it differs from that) that the file still
//     gives as it was: the correction stays (corrections_kept);
//   - a corrected field that the file changes too: the file's value wins,
//     and the correction it replaces is recorded (accueil.import_overrides,
//     `overridden`, `accueilctl central import` lists them).
// Records imported before schema 7 have no such memory until the file next
// changes them: the file wins for them, as before.
struct Override {
  std::string external_ref, name, field, desk_value, file_value;
};
struct CentralImportReport {
  ImportReport import;
  std::size_t corrections_kept = 0;  // records whose desk corrections the file left alone
  std::vector<Override> overridden;
};
Result<CentralImportReport> import(pg::Connection& conn, const Event& event, ImportPlan plan,
                                   const ApplyOptions& apply);

// Fills `store` (empty, in memory, holding `event`) with what the report
// counts: the event's attendees (category, country, organisation,
// delegation, days, status; no names) and every kiosk's log events. What an
// organiser or a viewer may read (accueil.report_attendees, report_checkins).
Status copy_for_report(pg::Connection& conn, const Event& event, Store& store);

}  // namespace accueil::central
