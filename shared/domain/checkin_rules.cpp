#include "shared/domain/checkin_rules.hpp"

namespace accueil {

std::string_view to_string(Outcome outcome) {
  switch (outcome) {
    case Outcome::ok: return "ok";
    case Outcome::already_checked_in: return "already_checked_in";
    case Outcome::not_registered_today: return "not_registered_today";
    case Outcome::cancelled: return "cancelled";
    case Outcome::unknown: return "unknown";
    case Outcome::invalid_signature: return "invalid_signature";
    case Outcome::other_event: return "other_event";
    case Outcome::superseded: return "superseded";
  }
  return "unknown";
}

Outcome decide(const Attendee& attendee, int day, const std::optional<CheckinEvent>& effective) {
  if (attendee.status == AttendeeStatus::cancelled) return Outcome::cancelled;
  if (!attendee.days.contains(day)) return Outcome::not_registered_today;
  if (effective) return Outcome::already_checked_in;
  return Outcome::ok;
}

}  // namespace accueil
