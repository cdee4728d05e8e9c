#include "shared/store/report.hpp"

#include <fmt/core.h>

#include "shared/store/present_sql.hpp"

namespace accueil {

namespace {

// The check-ins that count: check-ins and walk-ins not undone.
Result<Presence> load_presence(Store& store) {
  auto stmt = store.database().prepare(
      fmt::format("SELECT attendee_id, day FROM checkins AS c WHERE {}", sql_text::k_counts_as_present));
  if (!stmt) return std::unexpected(stmt.error());
  Presence present;
  for (;;) {
    auto row = stmt->step();
    if (!row) return std::unexpected(row.error());
    if (!*row) break;
    int day = static_cast<int>(stmt->integer(1));
    present.days_by_attendee[stmt->text(0)] |= 1u << (day - 1);
  }
  return present;
}

}  // namespace

Result<EventReport> build_report(Store& store, const Event& event, std::string_view language) {
  auto attendees = store.attendees();
  if (!attendees) return std::unexpected(attendees.error());
  auto present = load_presence(store);
  if (!present) return std::unexpected(present.error());
  return figures_of(event, *attendees, *present, language);
}

}  // namespace accueil
