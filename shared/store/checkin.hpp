// Check-in rules. A decision is a value: what happened, who, and what to say.
// An unknown ticket is an answer, not an error; Result errors are for a store
// that cannot be read or written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/domain/clock.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"
#include "shared/domain/ticket.hpp"

namespace accueil {

enum class Outcome {
  ok,                    // checked in now; print the badge
  already_checked_in,    // earlier today (Decision::previous says when and where)
  not_registered_today,  // registered, but not for this day
  cancelled,             // the registration was cancelled
  unknown,               // no attendee with this ticket code
  invalid_signature,     // a signed ticket that was altered, damaged or signed by another key
  other_event,           // a ticket for another event
};
std::string_view to_string(Outcome outcome);

struct Decision {
  Outcome outcome = Outcome::unknown;
  std::optional<Attendee> attendee;      // who, when known
  std::optional<CheckinEvent> previous;  // already_checked_in: the check-in that counts
  std::optional<CheckinEvent> recorded;  // ok: the event appended to the log
  bool attendee_created = false;         // ok from a signed ticket for someone not in the list
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

// Checks in whoever `scanned` names: a signed ticket (verified with the event's
// public key) or a plain ticket code from the registration platform. The
// decision and the append happen in one write transaction; when this returns
// ok, the check-in is on disk.
Result<Decision> check_in_scan(Store& store, const Event& event, std::string_view scanned,
                               const CheckinContext& context);

// Checks in an attendee picked from a search ("find my name", the desk).
Result<Decision> check_in_attendee(Store& store, const Event& event, std::string_view attendee_id,
                                   const CheckinContext& context);

// Cancels the check-in that counts for `context.day`. Fails when there is none.
Result<CheckinEvent> undo_checkin(Store& store, std::string_view attendee_id, const CheckinContext& context,
                                  std::string_view reason);

// Records that a badge was printed again (presence does not change).
Result<CheckinEvent> record_reprint(Store& store, std::string_view attendee_id, const CheckinContext& context,
                                    std::string_view reason);

}  // namespace accueil
