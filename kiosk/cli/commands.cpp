#include "kiosk/cli/commands.hpp"

#include <unistd.h>

#include <cstdlib>
#include <filesystem>

#include <fmt/core.h>
#include <fmt/std.h>
#include <nlohmann/json.hpp>

#include "kiosk/cli/central_commands.hpp"
#include "kiosk/cli/common.hpp"
#include "kiosk/cli/json.hpp"
#include "printer/render/drawable_text.hpp"
#include "printer/render/typesetter.hpp"
#include "printer/report/report_document.hpp"
#include "shared/store/checkin.hpp"
#include "shared/domain/clock.hpp"
#include "shared/intake/csv.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/base/files.hpp"
#include "shared/intake/import.hpp"
#include "shared/base/qr.hpp"
#include "shared/store/report.hpp"
#include "shared/search/search.hpp"
#include "shared/store/store.hpp"
#include "shared/domain/ticket.hpp"
#include "shared/base/uuid.hpp"

namespace accueil::cli {

namespace fs = std::filesystem;
using nlohmann::json;

namespace {


// A file name made of the reference's safe characters.
std::string file_stem(std::string_view ref) {
  std::string out;
  for (char c : ref)
    out += (std::isalnum(static_cast<unsigned char>(c)) || c == '-' || c == '_') ? c : '_';
  return out.empty() ? std::string("_") : out;
}

// The rows whose badges would leave characters out: no installed font draws
// them (an emoji, a script without a font). They are imported; the desk is
// told now rather than at the door.
std::vector<std::pair<std::size_t, render::UndrawableText>> undrawable_rows(const ImportPlan& plan) {
  std::vector<std::pair<std::size_t, render::UndrawableText>> out;
  auto typesetter = render::Typesetter::create();
  if (!typesetter) {  // the import itself does not need the fonts
    fmt::print(stderr, "accueilctl: warning: names not checked against the badges' fonts: {}\n", typesetter.error().message);
    return out;
  }
  for (const auto& [line, attendee] : plan.rows)
    for (render::UndrawableText& t : render::undrawable_texts(*typesetter, attendee)) out.emplace_back(line, std::move(t));
  return out;
}

}  // namespace

int run_init(const Globals& g, const InitOptions& o) {
  auto event = load_event_file(o.event_file);
  if (!event) return report_error(g, event.error().message);
  auto store = Store::open(g.db);
  if (!store) return report_error(g, store.error().message);
  auto current = store->event();
  if (!current) return report_error(g, current.error().message);
  auto count = store->attendee_count();
  if (!count) return report_error(g, count.error().message);
  if (*current && (*current)->id != event->id && *count > 0)
    return report_error(g, fmt::format("the store {} holds the event \"{}\" with {} attendees; use another --db for "
                                       "\"{}\"", g.db, (*current)->id, *count, event->id));
  if (auto s = store->save_event(*event); !s) return report_error(g, s.error().message);
  if (g.json) {
    print_json({{"db", g.db}, {"event", event->id}, {"days", event->day_count()}, {"categories", event->categories.size()}});
  } else {
    fmt::print("{} {} in {}: {} day(s) from {}, {} categories\n", *current ? "updated" : "created", event->name, g.db,
               event->day_count(), event->days.front().date, event->categories.size());
  }
  return 0;
}

int run_demo_data(const Globals& g, const DemoDataOptions& o) {
  Event event;
  if (!o.event_file.empty()) {
    auto loaded = load_event_file(o.event_file);
    if (!loaded) return report_error(g, loaded.error().message);
    event = std::move(*loaded);
  } else {
    auto opened = open_with_event(g);
    if (!opened) return report_error(g, opened.error().message + " (or pass --event FILE)");
    event = std::move(opened->event);
  }
  auto attendees = generate_demo_attendees(event, {o.count, o.seed});
  if (auto s = write_file_atomic(o.out, demo_export_csv(attendees, event)); !s) return report_error(g, s.error().message);
  if (g.json) print_json({{"out", o.out}, {"count", attendees.size()}, {"seed", o.seed}});
  else fmt::print("wrote {} registrations to {} (seed {})\n", attendees.size(), o.out, o.seed);
  return 0;
}

int run_import(const Globals& g, const ImportOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  std::optional<ColumnMapping> mapping;
  if (!o.mapping.empty()) {
    auto loaded = load_mapping(o.mapping);
    if (!loaded) return report_error(g, loaded.error().message);
    mapping = std::move(*loaded);
  }
  auto bytes = read_file(o.file);
  if (!bytes) return report_error(g, bytes.error().message);
  accueil::ImportOptions options{mapping ? &*mapping : nullptr, o.category};
  auto plan = plan_import(*bytes, o.file, opened->event, options);
  if (!plan) return report_error(g, plan.error().message);
  const auto undrawable = undrawable_rows(*plan);
  auto applied = apply_import(opened->store, std::move(*plan), {o.dry_run, o.cancel_missing, o.cancel_many});
  if (!applied) return report_error(g, applied.error().message);
  const ImportReport& report = *applied;
  if (!o.write_mapping.empty())
    if (auto w = write_file_atomic(o.write_mapping, mapping_file_for(report, opened->event)); !w)
      return report_error(g, w.error().message);
  if (g.json) {
    json doc = to_json(report);
    doc["file"] = o.file;
    doc["dry_run"] = o.dry_run;
    doc["column_problems"] = report.column_problems;
    doc["email_is_reference"] = report.email_is_reference;
    doc["fallback_category"] = report.fallback_category;
    doc["fallback_new"] = report.fallback_new;
    doc["fallback_kept"] = report.fallback_kept;
    doc["categories"] = json::array();
    for (const CategoryValue& v : report.categories)
      doc["categories"].push_back({{"value", v.value}, {"category", v.match.key},
                                   {"how", std::string(to_string(v.match.how))}, {"matched", v.match.matched},
                                   {"candidates", v.match.candidates}, {"rows", v.rows},
                                   {"first_line", v.first_line}, {"flagged", v.match.flagged()}});
    if (!o.write_mapping.empty()) doc["mapping_file"] = o.write_mapping;
    doc["undrawable"] = json::array();
    for (const auto& [line, t] : undrawable)
      doc["undrawable"].push_back({{"line", line}, {"field", t.field}, {"text", t.text}, {"printed", t.printed},
                                   {"characters", render::code_points(t.characters)}});
    print_json(doc);
    return 0;
  }
  fmt::print("{}: {} rows ({}, separator '{}')\n", o.file, report.rows, report.encoding,
             report.separator == '\t' ? std::string("tab") : std::string(1, report.separator));
  fmt::print("  {}{} added, {} updated, {} unchanged\n", o.dry_run ? "dry run, nothing was changed: would have " : "",
             report.inserted, report.updated, report.unchanged);
  if (o.dry_run) {
    fmt::print("  columns (field <- header as read):\n");
    for (const auto& [field, header] : report.columns) fmt::print("    {:<16} <- \"{}\"\n", to_string(field), header);
    if (report.email_is_reference) fmt::print("    (no reference column: the e-mail is the reference)\n");
    fmt::print("  categories (value -> category, how, rows):\n");
    for (const CategoryValue& v : report.categories)
      fmt::print("    {:<28} -> {}{} ({}{}), {} row{}\n", v.value.empty() ? "(none)" : "\"" + v.value + "\"",
                 v.match.key, v.match.flagged() ? " [fallback]" : "", to_string(v.match.how),
                 v.match.matched.empty() ? "" : " \"" + v.match.matched + "\"", v.rows, v.rows == 1 ? "" : "s");
  }
  for (const std::string& p : report.column_problems) fmt::print("  column not used: {}\n", p);
  {
    std::size_t flagged_rows = 0;
    std::string values;
    for (const CategoryValue& v : report.categories)
      if (v.match.flagged()) {
        flagged_rows += v.rows;
        std::string candidates;
        for (const auto& k : v.match.candidates) candidates += (candidates.empty() ? "" : " or ") + k;
        values += fmt::format("{}{} ({} row{}{})", values.empty() ? "" : ", ",
                              v.value.empty() ? std::string("no category") : "\"" + v.value + "\"", v.rows,
                              v.rows == 1 ? "" : "s", candidates.empty() ? "" : ": " + candidates + "?");
      }
    if (flagged_rows > 0)
      fmt::print("  {} rows have a category that is not one of the event's: {} with the category \"{}\" "
                 "(flagged{}): {}\n"
                 "    to place them: map each value to a key in a mapping file (--write-mapping FILE writes one to "
                 "edit, then import with --mapping FILE), or add it to the category's aliases = [...] in the event "
                 "file; re-importing then updates them in place\n",
                 flagged_rows, o.dry_run ? "they would be imported" : "imported", report.fallback_category,
                 !o.category.empty()                             ? ", from --category"
                 : !opened->event.default_category.empty()       ? ", the event file's default_category"
                 : fallback_category(opened->event, nullptr, "") == report.fallback_category &&
                         opened->event.category(report.fallback_category)->role != CategoryRole::other
                     ? "; it is the event's first category: set default_category = \"KEY\" in the event file"
                     : "",
                 values);
  }
  if (!o.write_mapping.empty()) fmt::print("  mapping file written: {}\n", o.write_mapping);
  if (!report.missing.empty()) {
    fmt::print("  {} registrations of earlier imports are not in this file{}\n", report.missing.size(),
               report.cancelled > 0 ? fmt::format(": {} cancelled", report.cancelled)
                                    : std::string(" (if it is a full export, --cancel-missing cancels them)"));
    for (std::size_t i = 0; i < report.missing.size() && i < 20; ++i)
      fmt::print("    {} ({})\n", report.missing[i].name, report.missing[i].external_ref);
    if (report.missing.size() > 20) fmt::print("    ... and {} more\n", report.missing.size() - 20);
  }
  if (!report.ignored_columns.empty()) {
    std::string cols;
    for (const auto& c : report.ignored_columns) cols += (cols.empty() ? "" : ", ") + c;
    fmt::print("  columns not used: {}\n", cols);
  }
  print_row_issues(report);
  if (!undrawable.empty())
    fmt::print("  {} names or texts have characters no badge font can draw; their badges print without them:\n",
               undrawable.size());
  for (const auto& [line, t] : undrawable)
    fmt::print("    line {}, {}: \"{}\" prints as \"{}\" ({})\n", line, t.field, t.text, t.printed,
               render::code_points(t.characters));
  return 0;
}

int run_search(const Globals& g, const SearchOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto attendees = opened->store.attendees();
  if (!attendees) return report_error(g, attendees.error().message);
  const SearchIndex index(*attendees);
  // Every match, to say how many there are; the best `limit` are the same
  // either way (the order is total: score, then name).
  auto hits = index.search(o.query, attendees->size());
  const std::size_t total = hits.size();
  if (hits.size() > o.limit) hits.resize(o.limit);
  // The days each one shown is checked in (present) on, so that a script can
  // tell who has arrived.
  std::vector<std::vector<int>> arrived(hits.size());
  for (std::size_t i = 0; i < hits.size(); ++i)
    for (int day = 1; day <= opened->event.day_count(); ++day) {
      auto checkin = opened->store.effective_checkin((*attendees)[hits[i].index].id, day);
      if (!checkin) return report_error(g, checkin.error().message);
      if (*checkin) arrived[i].push_back(day);
    }
  if (g.json) {
    json results = json::array();
    for (std::size_t i = 0; i < hits.size(); ++i) {
      json a = to_json((*attendees)[hits[i].index]);
      a["score"] = hits[i].score;
      a["checked_in_days"] = arrived[i];
      results.push_back(std::move(a));
    }
    // count: how many results here; total: how many matched; truncated: total > count (--limit).
    print_json({{"query", o.query},
                {"count", hits.size()},
                {"total", total},
                {"limit", o.limit},
                {"truncated", total > hits.size()},
                {"results", results}});
    return 0;
  }
  if (hits.empty()) fmt::print("nobody matches \"{}\"\n", o.query);
  for (std::size_t i = 0; i < hits.size(); ++i) {
    const Attendee& a = (*attendees)[hits[i].index];
    std::string days;
    for (int day : arrived[i]) days += fmt::format("{}{}", days.empty() ? "" : ", ", day);
    fmt::print("{:3}. {} - {} ({}, {}) [{}]{}{}\n", i + 1, display_name(a), a.organisation, a.country, a.category,
               a.ticket_code, a.status == AttendeeStatus::cancelled ? " CANCELLED" : "",
               days.empty() ? "" : fmt::format(" checked in: day {}", days));
  }
  if (total > hits.size())
    fmt::print("{} of {} shown (--limit shows more)\n", hits.size(), total);
  return 0;
}

int run_checkin(const Globals& g, const CheckinOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto day = resolve_day(opened->event, o.day);
  if (!day) return report_error(g, day.error().message);
  CheckinContext ctx{*day, default_kiosk(o.kiosk), o.operator_name, SystemClock().now_ms()};
  auto decision = is_uuid(o.code) ? check_in_attendee(opened->store, opened->event, o.code, ctx)
                                  : check_in_scan(opened->store, opened->event, o.code, ctx);
  if (!decision) return report_error(g, decision.error().message);
  if (g.json) print_json(to_json(*decision, opened->event));
  else fmt::print("{}: {}\n", to_string(decision->outcome), decision->detail);
  return decision->outcome == Outcome::ok ? 0 : k_exit_refused;
}

int run_undo(const Globals& g, const UndoOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  auto day = resolve_day(opened->event, o.day);
  if (!day) return report_error(g, day.error().message);
  auto found = find_attendee_or_fail(opened->store, o.attendee);
  if (!found) return report_error(g, found.error().message);
  CheckinContext ctx{*day, default_kiosk(o.kiosk), o.operator_name, SystemClock().now_ms()};
  auto undone = undo_checkin(opened->store, found->id, ctx, o.reason);
  if (!undone) return report_error(g, fmt::format("{}: {}", display_name(*found), undone.error().message));
  if (g.json) print_json({{"undone", to_json(*undone, opened->event)}, {"attendee", to_json(*found)}});
  else fmt::print("undone: the check-in of {} for day {} no longer counts\n", display_name(*found), *day);
  return 0;
}

int run_tickets(const Globals& g, const TicketsOptions& o) {
  auto opened = open_with_event(g);
  if (!opened) return report_error(g, opened.error().message);
  const std::string key_path = o.key.empty() ? env_or("ACCUEIL_SIGNING_KEY", "accueil-signing.key") : o.key;
  auto key = load_secret_key(key_path);
  if (!key) return report_error(g, key.error().message + " (create one with accueilctl keygen)");
  const Event& event = opened->event;
  if (!event.public_key.empty() && event.public_key != public_key_to_text(key->public_key()))
    return report_error(g, fmt::format("{} does not match the public key the kiosks verify with ({}): tickets signed "
                                       "with it would be refused", key_path, event.public_key));
  auto attendees = opened->store.attendees();
  if (!attendees) return report_error(g, attendees.error().message);
  std::error_code ec;
  fs::create_directories(o.out, ec);
  if (ec) return report_error(g, fmt::format("cannot create {}: {}", o.out, ec.message()));

  std::string csv;
  append_csv_record(csv, {"reference", "ticket_code", "civility", "first_name", "last_name", "email", "organisation",
                          "language", "token", "qr_png", "qr_svg"});
  std::size_t written = 0, skipped = 0;
  // Every token recorded in one transaction: one disk flush, not one per attendee.
  auto issued = opened->store.write([&]() -> Status {
    for (const Attendee& a : *attendees) {
      if (a.status == AttendeeStatus::cancelled || a.ticket_code.empty()) {
        ++skipped;
        continue;
      }
      auto token = sign_ticket(claims_for(a, event), *key);
      if (!token) return std::unexpected(token.error());
      if (auto s = opened->store.set_ticket_token(a.id, *token); !s) return s;
      auto qr = encode_qr(*token);
      if (!qr) return std::unexpected(qr.error());
      const std::string stem = file_stem(a.external_ref);
      const fs::path png = fs::path(o.out) / (stem + ".png");
      const fs::path svg = fs::path(o.out) / (stem + ".svg");
      if (auto s = write_qr_png(*qr, png); !s) return s;
      if (auto s = write_file(svg, qr_to_svg(*qr)); !s) return s;
      append_csv_record(csv, {a.external_ref, a.ticket_code, a.civility, a.first_name, a.last_name, a.email,
                              a.organisation, a.language, *token, png.filename().string(), svg.filename().string()});
      ++written;
    }
    return {};
  });
  if (!issued) return report_error(g, issued.error().message);
  const fs::path csv_path = fs::path(o.out) / "tickets.csv";
  if (auto s = write_file_atomic(csv_path, csv); !s) return report_error(g, s.error().message);
  if (g.json) print_json({{"out", o.out}, {"tickets", written}, {"skipped", skipped}, {"csv", csv_path.string()}});
  else fmt::print("wrote {} tickets to {} ({} cancelled or without a code skipped); mail merge: {}\n", written, o.out,
                  skipped, csv_path.string());
  return 0;
}

int run_report(const Globals& g, const ReportOptions& o) {
  auto opened = o.central.empty() ? open_with_event(g, true) : open_central_copy(o.central, o.event_id);
  if (!opened) return report_error(g, opened.error().message);
  if (!o.pdf.empty() || !o.html.empty()) return run_report_document(g, o, opened->store, opened->event);
  auto report = build_report(opened->store, opened->event, report::report_language(opened->event, o.language));
  if (!report) return report_error(g, report.error().message);
  if (g.json) {
    print_json(to_json(*report));
    return 0;
  }
  auto print_figures = [](const Figures& f, std::string_view title) {
    const Reach& c = f.checked_in;
    const Reach& r = f.registered;
    fmt::print("{}\n", title);
    fmt::print("  participants            {:6} of {:6} registered\n", c.people, r.people);
    fmt::print("  local authorities       {:6} of {:6}\n", c.local_authorities, r.local_authorities);
    fmt::print("  countries               {:6} of {:6}\n", c.countries, r.countries);
    fmt::print("  foreign delegations     {:6} of {:6}\n", c.foreign_delegations, r.foreign_delegations);
    fmt::print("  embassies               {:6} of {:6}\n", c.embassies, r.embassies);
    fmt::print("  foreign participants    {:6} ({:.1f} %)\n", c.foreign_people, 100.0 * c.foreign_share());
    // The figures first, then the name: a name of any length or script
    // ("République centrafricaine") never pushes its figures out of line.
    fmt::print("  by category\n");
    for (const CountRow& row : f.by_category)
      fmt::print("    {:6} of {:6}  {}\n", row.checked_in, row.registered, row.label);
    fmt::print("  by country\n");
    for (const CountRow& row : f.by_country)
      fmt::print("    {:6} of {:6}  {}\n", row.checked_in, row.registered, row.label);
  };
  fmt::print("{}\n\n", report->event_name);
  for (const Figures& f : report->days) {
    print_figures(f, fmt::format("Day {} ({})", f.day, f.date));
    fmt::print("\n");
  }
  print_figures(report->total, "Whole event (people who came on at least one day)");
  return 0;
}

int run_keygen(const Globals& g, const KeygenOptions& o) {
  std::error_code ec;
  if (fs::exists(o.secret, ec) && !o.force)
    return report_error(g, fmt::format("{} exists: tickets already issued were signed with it; pass --force to "
                                       "replace it anyway", o.secret));
  SecretKey key = generate_secret_key();
  const std::string public_text = public_key_to_text(key.public_key());
  if (auto s = write_file_atomic(o.secret, secret_key_to_text(key), 0600); !s) return report_error(g, s.error().message);
  if (auto s = write_file_atomic(o.public_key, public_text + "\n"); !s) return report_error(g, s.error().message);
  // When a store exists, its kiosks verify with this key from now on.
  bool recorded = false;
  if (fs::exists(g.db, ec)) {
    auto store = Store::open(g.db);
    if (!store) return report_error(g, store.error().message);
    if (auto s = store->set_setting("public_key", public_text); !s) return report_error(g, s.error().message);
    recorded = true;
  }
  if (g.json) {
    print_json({{"secret", o.secret}, {"public", o.public_key}, {"public_key", public_text}, {"recorded_in", recorded ? g.db : ""}});
    return 0;
  }
  fmt::print("secret key: {} (keep it with the organiser)\npublic key: {}\n  {}\n", o.secret, o.public_key, public_text);
  if (recorded) fmt::print("recorded in {}: its kiosks verify tickets with it\n", g.db);
  else fmt::print("add it to the event file as public_key = \"{}\"\n", public_text);
  return 0;
}

}  // namespace accueil::cli
