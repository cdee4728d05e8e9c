// The check-in rule, pure: what a scan or a pick from a search decides for one
// attendee on one day, given the check-in that already counts. No store here;
// shared/store/checkin.hpp runs the rule inside a write transaction.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/domain/model.hpp"

namespace accueil {

enum class Outcome {
  ok,                    // checked in now; print the badge
  already_checked_in,    // earlier today (Decision::previous says when and where)
  not_registered_today,  // registered, but not for this day
  cancelled,             // the registration was cancelled
  unknown,               // no attendee with this ticket code
  invalid_signature,     // a signed ticket that was altered, damaged or signed by another key
  other_event,           // a ticket for another event
  superseded,            // a badge that a reprint replaced (its QR code carries an older badge number)
};
std::string_view to_string(Outcome outcome);

struct Decision {
  Outcome outcome = Outcome::unknown;
  std::optional<Attendee> attendee;      // who, when known
  std::optional<CheckinEvent> previous;  // already_checked_in: the check-in that counts
  std::optional<CheckinEvent> recorded;  // ok: the event appended to the log
  bool attendee_created = false;         // ok from a signed ticket for someone not in the list
  // ok, but the desk asked to see this person first (unpaid, a letter to hand
  // over, protocol): the kiosk checks them in and sends them to reception
  // instead of printing. Why is for staff only; never shown at the kiosk.
  std::string see_reception;
  std::string detail;                    // one sentence for logs and the command line (English)
};

// The rule itself, pure: may this attendee be checked in on `day`, given the
// check-in that already counts for that day (if any)?
Outcome decide(const Attendee& attendee, int day, const std::optional<CheckinEvent>& effective);

// Where and when a check-in is recorded.
struct CheckinContext {
  int day = 1;
  std::string kiosk;
  std::string operator_name;  // empty at a self-service kiosk
  std::int64_t now_ms = 0;
};

}  // namespace accueil
