#include "kiosk/cli/central_commands.hpp"

#include <csignal>
#include <thread>

#include <fmt/core.h>

#include "kiosk/cli/common.hpp"
#include "kiosk/cli/json.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/store_in_use.hpp"
#include "shared/sync/central.hpp"
#include "shared/sync/sync_worker.hpp"

namespace accueil::cli {

namespace {

using json = nlohmann::json;

Result<pg::Connection> connect(const std::string& given) {
  const std::string url = given.empty() ? env_or("ACCUEIL_CENTRAL", "") : given;
  if (url.empty()) return fail("no central list named: give --url postgresql://... or set ACCUEIL_CENTRAL");
  return pg::Connection::open(url);
}

volatile std::sig_atomic_t g_stop = 0;

}  // namespace

Result<Opened> open_central_copy(const std::string& url, const std::string& event_id) {
  auto conn = connect(url);
  if (!conn) return std::unexpected(conn.error());
  auto event = central::load_event(*conn, event_id);
  if (!event) return std::unexpected(event.error());
  auto store = Store::open_in_memory();
  if (!store) return std::unexpected(store.error());
  if (auto s = store->save_event(*event); !s) return std::unexpected(s.error());
  if (auto s = central::copy_for_report(*conn, *event, *store); !s) return std::unexpected(s.error());
  return Opened{std::move(*store), std::move(*event)};
}

int run_central_init(const Globals& g, const CentralInitOptions& o) {
  if (o.event_file.empty() && !o.print_grants) return report_error(g, "central init needs --event FILE");
  auto conn = connect(o.url);
  if (!conn) return report_error(g, conn.error().message);
  json doc;
  if (!o.event_file.empty()) {
    auto event = load_event_file(o.event_file);
    if (!event) return report_error(g, event.error().message);
    auto done = central::init(*conn, *event, {o.organisers, o.kiosks, o.viewers});
    if (!done) return report_error(g, done.error().message);
    doc = {{"event", event->id}, {"from_version", done->from_version}, {"to_version", done->to_version},
           {"event_changed", done->event_changed}};
    if (!g.json)
      fmt::print("central list: schema version {}{}; event \"{}\" {}\n", done->to_version,
                 done->from_version == done->to_version ? " (already)" : fmt::format(" (was {})", done->from_version),
                 event->id, done->event_changed ? "recorded" : "unchanged");
  }
  if (o.print_grants) {
    auto grants = central::describe_grants(*conn);
    if (!grants) return report_error(g, grants.error().message);
    doc["grants"] = *grants;
    if (!g.json) fmt::print("{}", *grants);
  }
  if (g.json) print_json(doc);
  return 0;
}

int run_central_import(const Globals& g, const CentralImportOptions& o) {
  auto conn = connect(o.url);
  if (!conn) return report_error(g, conn.error().message);
  auto event = central::load_event(*conn, o.event_id);
  if (!event) return report_error(g, event.error().message);
  std::optional<ColumnMapping> mapping;
  if (!o.mapping.empty()) {
    auto loaded = load_mapping(o.mapping);
    if (!loaded) return report_error(g, loaded.error().message);
    mapping = std::move(*loaded);
  }
  auto bytes = read_file(o.file);
  if (!bytes) return report_error(g, bytes.error().message);
  auto plan = plan_import(*bytes, o.file, *event, {mapping ? &*mapping : nullptr, o.category});
  if (!plan) return report_error(g, plan.error().message);
  auto applied = central::import(*conn, *event, std::move(*plan), {o.dry_run, o.cancel_missing, o.cancel_many});
  if (!applied) return report_error(g, applied.error().message);
  const ImportReport& report = applied->import;
  if (g.json) {
    json doc = to_json(report);
    doc["corrections_kept"] = applied->corrections_kept;
    doc["corrections_overridden"] = json::array();
    for (const central::Override& v : applied->overridden)
      doc["corrections_overridden"].push_back({{"external_ref", v.external_ref}, {"name", v.name}, {"field", v.field},
                                               {"desk_value", v.desk_value}, {"file_value", v.file_value}});
    doc["file"] = o.file;
    doc["event"] = event->id;
    doc["dry_run"] = o.dry_run;
    print_json(doc);
    return 0;
  }
  fmt::print("{} -> central list, event \"{}\": {} rows ({})\n", o.file, event->id, report.rows, report.encoding);
  fmt::print("  {}{} added, {} updated, {} unchanged\n", o.dry_run ? "dry run, nothing was changed: would have " : "",
             report.inserted, report.updated, report.unchanged);
  if (!report.missing.empty())
    fmt::print("  {} registrations of earlier imports are not in this file{}\n", report.missing.size(),
               report.cancelled > 0 ? fmt::format(": {} cancelled", report.cancelled) : std::string());
  if (applied->corrections_kept > 0)
    fmt::print("  {} records keep corrections made at the desk that the file does not change\n",
               applied->corrections_kept);
  if (!applied->overridden.empty())
    fmt::print("  {} corrections made at the desk replaced by the file's new values:\n", applied->overridden.size());
  for (const central::Override& v : applied->overridden)
    fmt::print("    {} ({}), {}: \"{}\" (desk) -> \"{}\" (file)\n", v.name, v.external_ref, v.field, v.desk_value,
               v.file_value);
  print_row_issues(report);
  return 0;
}

int run_central_conflicts(const Globals& g, const CentralConflictsOptions& o) {
  auto conn = connect(o.url);
  if (!conn) return report_error(g, conn.error().message);
  auto event = central::load_event(*conn, o.event_id);
  if (!event) return report_error(g, event.error().message);
  auto found = central::conflicts(*conn, *event);
  if (!found) return report_error(g, found.error().message);
  auto time_of = [&](std::int64_t at_ms) { return local_time(at_ms, event->timezone); };
  if (g.json) {
    json doc = json::array();
    for (const central::Conflict& c : *found)
      doc.push_back({{"name", c.name}, {"external_ref", c.external_ref}, {"day", c.day},
                     {"first", {{"kiosk", c.first_kiosk}, {"at_ms", c.first_at_ms}, {"at", time_of(c.first_at_ms)},
                                {"uuid", c.first_uuid}}},
                     {"later", {{"kiosk", c.later_kiosk}, {"at_ms", c.later_at_ms}, {"at", time_of(c.later_at_ms)},
                                {"uuid", c.later_uuid}}}});
    print_json({{"event", event->id}, {"conflicts", doc}});
    return 0;
  }
  fmt::print("{} people checked in twice for the same day by kiosks cut off from each other{}\n", found->size(),
             found->empty() ? "" : " (the first check-in counts):");
  for (const central::Conflict& c : *found)
    fmt::print("  {} ({}), day {}: {} at {}, again {} at {}\n", c.name, c.external_ref, c.day, time_of(c.first_at_ms),
               c.first_kiosk, time_of(c.later_at_ms), c.later_kiosk);
  return 0;
}

int run_sync(const Globals& g, const SyncOptions& o) {
  sync::SyncOptions options;
  options.store = g.db;
  options.central_url = o.url.empty() ? env_or("ACCUEIL_CENTRAL", "") : o.url;
  options.kiosk = default_kiosk(o.kiosk);
  if (options.central_url.empty())
    return report_error(g, "no central list named: give --central postgresql://... or set ACCUEIL_CENTRAL");
  auto store = Store::open(g.db);  // a kiosk's first start: an empty store takes the event from central
  if (!store) return report_error(g, store.error().message);

  if (!o.follow) {
    auto pass = sync::sync_once(*store, options);
    if (!pass) {
      auto waiting = sync::outbox_length(*store);
      return report_error(g, fmt::format("{} ({} waiting in the outbox)", pass.error().message, waiting.value_or(0)));
    }
    auto waiting = sync::outbox_length(*store);
    auto refusals = outbox_refusals(*store);
    if (g.json) {
      print_json({{"pushed_attendees", pass->pushed_attendees}, {"pushed_checkins", pass->pushed_checkins},
                  {"sent", pass->sent}, {"pulled_attendees", pass->pulled_attendees},
                  {"pulled_checkins", pass->pulled_checkins}, {"outbox", waiting.value_or(0)},
                  {"held_back", pass->held_back}, {"refused", pass->refused},
                  {"refused_total", refusals ? refusals->count : 0},
                  {"last_refusal", refusals ? refusals->last_reason : std::string()}});
    } else {
      fmt::print("pushed {} check-ins and {} attendees ({} outbox entries sent); pulled {} attendees and {} "
                 "check-ins; {} waiting\n",
                 pass->pushed_checkins, pass->pushed_attendees, pass->sent, pass->pulled_attendees,
                 pass->pulled_checkins, waiting.value_or(0));
    }
    if (pass->refused > 0)
      fmt::print(stderr,
                 "accueilctl sync: central refused {} outbox entries on their own; they are set aside (table "
                 "outbox_refused of the store, with central's reason) and the rest went on. Import those people at "
                 "central (accueilctl central import), then check them in again.\n",
                 pass->refused);
    return 0;
  }

  // --follow: the kiosk's worker, headless, until SIGINT or SIGTERM; a line per change of status.
  // Held while it runs, as the app holds it: a new accueil --demo must not delete this store under it.
  auto in_use = StoreInUse::share(g.db);
  if (!in_use) return report_error(g, in_use.error().message);
  std::signal(SIGINT, [](int) { g_stop = 1; });
  std::signal(SIGTERM, [](int) { g_stop = 1; });
  sync::SyncWorker worker(options);
  worker.start();
  std::string last;
  while (!g_stop) {
    const sync::SyncStatus s = worker.status();
    const json doc{{"connected", s.connected}, {"outbox", s.outbox}, {"pushed", s.pushed},
                   {"pulled_attendees", s.pulled_attendees}, {"pulled_checkins", s.pulled_checkins},
                   {"offline_since_ms", s.offline_since_ms}, {"first_pull_done", s.first_pull_done},
                   {"list_size", s.list_size}, {"refused", s.refused},
                   {"last_refusal", s.last_refusal}, {"error", s.last_error}};
    // A line when something changes (not the time of the last pass).
    if (std::string key = doc.dump(); key != last) {
      if (g.json)
        fmt::print("{}\n", key);
      else
        fmt::print("{}{}{}; pushed {}, pulled {} attendees, {} check-ins\n", s.summary(),
                   s.first_pull_done || s.list_size == 0
                       ? std::string()
                       : fmt::format(", loading the registration list {} / {}", s.pulled_attendees, s.list_size),
                   s.last_error.empty() ? "" : " (" + s.last_error + ")", s.pushed, s.pulled_attendees,
                   s.pulled_checkins);
      std::fflush(stdout);
      last = std::move(key);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  worker.stop();
  return 0;
}

}  // namespace accueil::cli
