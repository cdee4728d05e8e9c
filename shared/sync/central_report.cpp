// The report's copy of the central list: what an organiser or a viewer may
// read, in a private in-memory store that the local report then counts.
#include <fmt/core.h>

#include "shared/sync/central.hpp"

namespace accueil::central {

Status copy_for_report(pg::Connection& conn, const Event& event, Store& store) {
  auto people = conn.exec(
      "SELECT id, category, country, organisation, delegation, days, status FROM accueil.report_attendees "
      "WHERE event_id = $1",
      {event.id});
  if (!people) return fail(fmt::format("cannot read the central list's attendees: {}", people.error().message));
  auto log = conn.exec(
      "SELECT uuid, attendee_id, day, kiosk, at_ms, kind, undoes FROM accueil.report_checkins WHERE event_id = $1 "
      "ORDER BY seq",
      {event.id});
  if (!log) return fail(fmt::format("cannot read the central list's check-ins: {}", log.error().message));
  auto insert = store.database().prepare(
      "INSERT INTO checkins (uuid, attendee_id, day, kiosk, at_ms, kind, undoes) VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)");
  if (!insert) return std::unexpected(insert.error());
  return store.write([&]() -> Status {
    for (int r = 0; r < people->size(); ++r) {
      Attendee a;
      a.id = people->text(r, 0);
      a.external_ref = a.id;  // the store wants one; the report does not show it
      a.category = people->text(r, 1);
      a.country = people->text(r, 2);
      a.organisation = people->text(r, 3);
      a.delegation = people->text(r, 4);
      a.days = DaySet::from_bits(static_cast<std::uint32_t>(people->integer(r, 5)));
      a.status = people->text(r, 6) == "cancelled" ? AttendeeStatus::cancelled : AttendeeStatus::active;
      if (auto s = store.insert_attendee(a, AttendeeSource::import); !s) return s;
    }
    for (int r = 0; r < log->size(); ++r) {
      auto& s = insert->bind(1, log->text(r, 0)).bind(2, log->text(r, 1)).bind(3, log->integer(r, 2));
      s.bind(4, log->text(r, 3)).bind(5, log->integer(r, 4)).bind(6, log->text(r, 5)).bind(7, log->text(r, 6));
      if (auto done = s.run(); !done) return done;
    }
    return {};
  });
}

}  // namespace accueil::central
