// accueilctl's commands. Each returns the process exit code:
//   0  done (for checkin: checked in)
//   1  an error: bad input, unreadable file, store trouble (nothing changed)
//   3  checkin only: a decision other than ok (already checked in, unknown, ...)
#pragma once

#include <cstdint>
#include <optional>
#include <string>

namespace accueil {
class Store;
struct Event;
}  // namespace accueil

namespace accueil::cli {

struct Globals {
  std::string db;     // --db, else $ACCUEIL_DB, else ./accueil.db
  bool json = false;  // --json: one JSON document on stdout
};

struct InitOptions { std::string event_file; };
struct DemoDataOptions { std::size_t count = 1500; std::uint64_t seed = 1; std::string out; std::string event_file; };
struct ImportOptions {
  std::string file;
  std::string mapping;
  std::string category;
  bool dry_run = false;
  bool cancel_missing = false;
  bool cancel_many = false;
  std::string write_mapping;  // a mapping file to write, ready to edit
};
struct SearchOptions { std::string query; std::size_t limit = 10; };
struct CheckinOptions { std::string code; std::optional<int> day; std::string kiosk; std::string operator_name; };
struct UndoOptions { std::string attendee; std::optional<int> day; std::string kiosk; std::string operator_name; std::string reason; };
struct TicketsOptions { std::string out; std::string key; };
// central: report over the central list (event_id: which event there); pdf, html: write the report as a document there.
// language: empty for the event's first language.
struct ReportOptions { std::string language; std::string central; std::string event_id; std::string pdf; std::string html; };
struct BadgeOptions { std::string attendee; std::string template_name = "label-62x100"; std::string out; int dpi = 300; };
struct BadgesOptions { std::string category; std::optional<int> day; bool vip = false; std::string template_name = "a6"; std::string out; };
struct KeygenOptions { std::string secret = "accueil-signing.key"; std::string public_key = "accueil-signing.pub"; bool force = false; };

int run_init(const Globals&, const InitOptions&);
int run_demo_data(const Globals&, const DemoDataOptions&);
int run_import(const Globals&, const ImportOptions&);
int run_search(const Globals&, const SearchOptions&);
int run_checkin(const Globals&, const CheckinOptions&);
int run_undo(const Globals&, const UndoOptions&);
int run_tickets(const Globals&, const TicketsOptions&);
int run_report(const Globals&, const ReportOptions&);
// report --pdf/--html (report_command.cpp), once the store or central copy is open.
int run_report_document(const Globals&, const ReportOptions&, Store& store, const Event& event);
int run_keygen(const Globals&, const KeygenOptions&);
int run_badge(const Globals&, const BadgeOptions&);
int run_badges(const Globals&, const BadgesOptions&);

}  // namespace accueil::cli
