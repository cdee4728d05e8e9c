// The writing side of the central import, and the rule between a desk's
// corrections and a later re-import (central.hpp).
#include <unordered_map>

#include <fmt/core.h>
#include <nlohmann/json.hpp>

#include "shared/store/attendee_json.hpp"
#include "shared/store/store.hpp"
#include "shared/sync/central.hpp"
#include "shared/sync/central_internal.hpp"
#include "shared/sync/local.hpp"

namespace accueil::central {

namespace {

using json = nlohmann::json;

constexpr const char* k_columns[] = {"external_ref", "ticket_code", "civility", "first_name", "last_name",
                                     "first_name_latin", "last_name_latin", "organisation", "function", "country",
                                     "category", "language", "days", "delegation", "vip", "staff_note", "email",
                                     "status"};

std::string recordset_columns() {
  std::string out = "id uuid";
  for (const char* c : k_columns)
    out += fmt::format(", {} {}", c,
                       std::string_view(c) == "days" ? "integer" : std::string_view(c) == "vip" ? "boolean" : "text");
  return out;
}

std::string column_list(std::string_view prefix) {
  std::string out;
  for (const char* c : k_columns) out += fmt::format("{}{}{}", out.empty() ? "" : ", ", prefix, c);
  return out;
}

// The fields a desk may correct (shared/store/desk.cpp), in the JSON form above.
constexpr const char* k_correctable[] = {"civility", "first_name", "last_name", "first_name_latin", "last_name_latin",
                                         "organisation", "function", "country", "category", "language", "email",
                                         "delegation", "staff_note", "vip"};

std::string value_text(const json& v) { return v.is_string() ? v.get<std::string>() : v.dump(); }

}  // namespace

Result<CentralImportReport> import(pg::Connection& conn, const Event& event, ImportPlan plan,
                                   const ApplyOptions& apply) {
  CentralImportReport report;
  auto done = detail::in_transaction(conn, [&]() -> Status {
    // One import of an event at a time; check-ins go on meanwhile.
    auto locked = conn.exec("SELECT 1 FROM accueil.events WHERE id = $1 FOR UPDATE", {event.id});
    if (!locked) return std::unexpected(locked.error());
    if (locked->size() == 0)
      return fail(fmt::format("the central list holds no event \"{}\": run accueilctl central init first", event.id));
    auto rows = conn.exec(fmt::format("SELECT id, {}, source, ticket_token, imported FROM accueil.attendees "
                                      "WHERE event_id = $1 ORDER BY seq",
                                      column_list("")),
                          {event.id});
    if (!rows) return std::unexpected(rows.error());
    // The decisions are the local importer's own, made on a copy of the
    // central list in a private in-memory store.
    auto copy = Store::open_in_memory();
    if (!copy) return std::unexpected(copy.error());
    if (auto s = copy->save_event(event); !s) return s;
    std::unordered_map<std::string, Attendee> before;
    std::unordered_map<std::string, json> imported;  // as the last import wrote them; absent: unknown
    before.reserve(static_cast<std::size_t>(rows->size()));
    auto filled = copy->write([&]() -> Status {
      for (int r = 0; r < rows->size(); ++r) {
        Attendee a = sync::attendee_of_row(*rows, r);
        const std::string_view source = rows->text(r, 19);
        const AttendeeSource from = source == "walkin"  ? AttendeeSource::walkin
                                    : source == "token" ? AttendeeSource::token
                                                        : AttendeeSource::import;
        if (auto s = copy->insert_attendee(a, from); !s) return s;
        if (!rows->is_null(r, 21)) {
          json last = json::parse(rows->text(r, 21), nullptr, false);
          if (last.is_object()) imported.emplace(a.id, std::move(last));
        }
        before.emplace(a.id, std::move(a));
      }
      return {};
    });
    if (!filled) return filled;
    auto decided = apply_import(*copy, std::move(plan), apply);
    if (!decided) return std::unexpected(decided.error());
    report.import = std::move(*decided);
    if (apply.dry_run) return {};
    auto after = copy->attendees();
    if (!after) return std::unexpected(after.error());
    json inserts = json::array(), updates = json::array(), overrides = json::array();
    for (const Attendee& a : *after) {
      const json file = attendee_json(a, DaysJson::bits);  // what the import decided: the file's values
      auto it = before.find(a.id);
      if (it == before.end()) {
        json row = file;
        row["imported"] = file;
        inserts.push_back(std::move(row));
        continue;
      }
      const json was = attendee_json(it->second, DaysJson::bits);
      if (file == was) continue;  // not in the file, or the file agrees: nothing written, the snapshot kept
      json written = file;
      // The rule: a field the desk corrected since the last import (it
      // differs from what that import wrote) keeps the correction when the
      // file still says what it said then; when the file changed it too, the
      // file's value wins and the correction it replaces is recorded.
      if (auto last = imported.find(a.id); last != imported.end()) {
        bool kept = false;
        for (const char* field : k_correctable) {
          if (!last->second.contains(field) || was[field] == last->second[field]) continue;
          if (file[field] == last->second[field]) {
            written[field] = was[field];
            kept = true;
          } else if (file[field] != was[field]) {
            report.overridden.push_back({a.external_ref, display_name(a), field, value_text(was[field]),
                                         value_text(file[field])});
            overrides.push_back({{"attendee_id", a.id}, {"field", field}, {"desk_value", value_text(was[field])},
                                 {"file_value", value_text(file[field])}});
          }
        }
        if (kept) ++report.corrections_kept;
        if (kept && written == was && report.import.updated > 0) {  // only the snapshot changes
          --report.import.updated;
          ++report.import.unchanged;
        }
      }
      written["imported"] = file;
      updates.push_back(std::move(written));
    }
    const std::string columns = recordset_columns() + ", imported jsonb";
    if (!updates.empty()) {
      std::string set;
      for (const char* c : k_columns) set += fmt::format("{}{} = r.{}", set.empty() ? "" : ", ", c, c);
      auto s = conn.exec(fmt::format("UPDATE accueil.attendees AS a SET {}, imported = r.imported "
                                     "FROM jsonb_to_recordset($2::jsonb) AS r({}) "
                                     "WHERE a.id = r.id AND a.event_id = $1 "
                                     "AND (({}) IS DISTINCT FROM ({}) OR a.imported IS DISTINCT FROM r.imported)",
                                     set, columns, column_list("a."), column_list("r.")),
                         {event.id, updates.dump()});
      if (!s) return std::unexpected(s.error());
    }
    if (!inserts.empty()) {
      auto s = conn.exec(fmt::format("INSERT INTO accueil.attendees (id, event_id, {}, imported, seq, txid) "
                                     "SELECT r.id, $1, {}, r.imported, 0, '0' FROM jsonb_to_recordset($2::jsonb) AS r({})",
                                     column_list(""), column_list("r."), columns),
                         {event.id, inserts.dump()});
      if (!s) return std::unexpected(s.error());
    }
    if (!overrides.empty()) {
      auto s = conn.exec("INSERT INTO accueil.import_overrides (event_id, attendee_id, field, desk_value, file_value) "
                         "SELECT $1, r.attendee_id, r.field, r.desk_value, r.file_value "
                         "FROM jsonb_to_recordset($2::jsonb) AS r(attendee_id uuid, field text, desk_value text, "
                         "file_value text)",
                         {event.id, overrides.dump()});
      if (!s) return std::unexpected(s.error());
    }
    return {};
  });
  if (!done) return std::unexpected(done.error());
  return report;
}

}  // namespace accueil::central
