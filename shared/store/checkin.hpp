// Check-in transactions: the rule (shared/domain/checkin_rules.hpp) and the append
// to the log in one write. A decision is a value: what happened, who, and what to say.
// An unknown ticket is an answer, not an error; Result errors are for a store
// that cannot be read or written.
#pragma once

#include <optional>
#include <string>
#include <string_view>

#include "shared/domain/checkin_rules.hpp"
#include "shared/domain/clock.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"
#include "shared/domain/ticket.hpp"

namespace accueil {

// A new event in the log, by the context's kiosk and operator, at its time,
// with a fresh UUID (the key it keeps on its way to the central list).
CheckinEvent new_log_event(std::string_view attendee_id, const CheckinContext& context, CheckinKind kind,
                           std::string_view reason = {});

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
