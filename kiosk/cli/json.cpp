#include "kiosk/cli/json.hpp"

#include "shared/domain/clock.hpp"
#include "shared/store/attendee_json.hpp"

namespace accueil::cli {

using nlohmann::json;

json to_json(const Attendee& a) { return attendee_json(a, DaysJson::list); }

json to_json(const CheckinEvent& e, const Event& event) {
  return json{{"uuid", e.uuid},
              {"attendee_id", e.attendee_id},
              {"day", e.day},
              {"kiosk", e.kiosk},
              {"at_ms", e.at_ms},
              {"at", local_date_time(e.at_ms, event.timezone)},
              {"kind", std::string(to_string(e.kind))},
              {"operator", e.operator_name},
              {"undoes", e.undoes},
              {"reason", e.reason}};
}

json to_json(const Decision& d, const Event& event) {
  json out{{"outcome", std::string(to_string(d.outcome))}, {"detail", d.detail}};
  out["attendee"] = d.attendee ? to_json(*d.attendee) : json(nullptr);
  out["checkin"] = d.recorded ? to_json(*d.recorded, event) : json(nullptr);
  out["previous"] = d.previous ? to_json(*d.previous, event) : json(nullptr);
  out["attendee_created"] = d.attendee_created;
  return out;
}

namespace {
json issues(const std::vector<RowIssue>& list) {
  json out = json::array();
  for (const RowIssue& i : list) out.push_back({{"line", i.line}, {"field", i.field}, {"reason", i.reason}});
  return out;
}

json reach(const Reach& r) {
  return json{{"people", r.people},
              {"local_authorities", r.local_authorities},
              {"countries", r.countries},
              {"foreign_delegations", r.foreign_delegations},
              {"embassies", r.embassies},
              {"foreign_people", r.foreign_people},
              {"foreign_share", r.foreign_share()}};
}

json rows(const std::vector<CountRow>& list) {
  json out = json::array();
  for (const CountRow& r : list)
    out.push_back({{"key", r.key}, {"label", r.label}, {"registered", r.registered}, {"checked_in", r.checked_in}});
  return out;
}

json named(const std::vector<Represented>& list) {
  json out = json::array();
  for (const Represented& r : list) out.push_back({{"name", r.name}, {"country", r.country}, {"people", r.people}});
  return out;
}

json figures(const Figures& f) {
  json out{{"registered", reach(f.registered)},
           {"checked_in", reach(f.checked_in)},
           {"by_category", rows(f.by_category)},
           {"by_country", rows(f.by_country)},
           {"represented", {{"local_authorities", named(f.represented.local_authorities)},
                            {"foreign_delegations", named(f.represented.foreign_delegations)},
                            {"embassies", named(f.represented.embassies)}}}};
  if (f.day > 0) {
    out["day"] = f.day;
    out["date"] = f.date;
  }
  return out;
}
}  // namespace

json to_json(const ImportReport& r) {
  json columns = json::object();
  for (const auto& [field, header] : r.columns) columns[header] = std::string(to_string(field));
  json missing = json::array();
  for (const MissingRow& m : r.missing)
    missing.push_back({{"external_ref", m.external_ref}, {"ticket_code", m.ticket_code}, {"name", m.name}});
  return json{{"encoding", r.encoding},
              {"separator", std::string(1, r.separator)},
              {"columns", columns},
              {"ignored_columns", r.ignored_columns},
              {"rows", r.rows},
              {"inserted", r.inserted},
              {"updated", r.updated},
              {"unchanged", r.unchanged},
              {"cancelled", r.cancelled},
              {"missing", missing},
              {"rejected", issues(r.rejected)},
              {"warnings", issues(r.warnings)}};
}

json to_json(const EventReport& r) {
  json days = json::array();
  for (const Figures& f : r.days) days.push_back(figures(f));
  return json{{"event", r.event_name}, {"days", days}, {"total", figures(r.total)}};
}

}  // namespace accueil::cli
