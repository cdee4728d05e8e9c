// The reception desk's transactions: what staff do for attendees, each one
// write transaction that appends exactly one event to the check-in log with
// the operator's name (so it syncs like a check-in and shows in the audit),
// and a decision or an error as a value. Like checkin.hpp, an answer that is
// not "done" (already checked in, nothing changed) is a value; Result errors
// are bad input (said in a sentence, nothing written) or a store that fails.
//
// Desk-only facts live in the log, not in extra columns, so that every kiosk
// that has the log knows them: "see reception" is the last correction of that
// field, a badge's number is 1 + the reprints before it.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/checkin_rules.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil {

// --- Check in, undo ---------------------------------------------------------------------

// Checks an attendee in for `ctx.day`, any day of the event. `even_if_not_registered`:
// staff may check in someone registered for other days (recorded with that reason).
Result<Decision> desk_check_in(Store& store, const Event& event, std::string_view attendee_id,
                               const CheckinContext& ctx, bool even_if_not_registered = false);
// Cancels the check-in that counts for `ctx.day`; the reason is required.
Result<CheckinEvent> desk_undo(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                               std::string_view reason);

// Why staff undo a check-in, as a receptionist would say it.
enum class UndoReason {
  wrong_person,   // the wrong person was checked in (a namesake, the wrong line tapped)
  by_mistake,     // checked in by mistake, or for the wrong day
  not_attending,  // left at once, or does not attend after all
  other,          // said in a few words
};
std::string_view to_string(UndoReason reason);  // what the log records: "wrong-person", ...
std::optional<UndoReason> undo_reason_from_string(std::string_view text);
// The reason in words, a msgid of the catalogs ("wrong person checked in"): the desk's buttons and notices say it.
std::string_view undo_reason_words(UndoReason reason);
// What the log records: "wrong-person", ..., "other: <text>" (other needs a text).
Result<std::string> undo_reason_text(UndoReason reason, std::string_view other_text = {});
Result<CheckinEvent> desk_undo(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                               UndoReason reason, std::string_view other_text = {});

// --- Reprints -----------------------------------------------------------------------------

enum class ReprintReason { lost, damaged, misprint, name_corrected, other };
std::string_view to_string(ReprintReason reason);
std::optional<ReprintReason> reprint_reason_from_string(std::string_view text);
// What the log records: "lost", ..., "other: <text>" (other needs a text).
Result<std::string> reprint_reason_text(ReprintReason reason, std::string_view other_text = {});

// Records a reprint: the new badge supersedes the earlier ones.
Result<CheckinEvent> desk_reprint(Store& store, std::string_view attendee_id, const CheckinContext& ctx,
                                  ReprintReason reason, std::string_view other_text = {});
// Whether a check-in that counts (not undone) was made for the attendee on
// any day: the desk reprints only a badge that was handed over.
Result<bool> ever_checked_in(Store& store, std::string_view attendee_id);
// The number of the attendee's newest badge: 1, then one more per reprint.
Result<int> badge_number(Store& store, std::string_view attendee_id);

// --- Corrections --------------------------------------------------------------------------

// What staff change on a record; a field left empty stays as it is.
struct AttendeeChanges {
  std::optional<std::string> civility, first_name, last_name, first_name_latin, last_name_latin;
  std::optional<std::string> organisation, function, country, category, language, email;
  std::optional<std::string> delegation, staff_note;
  std::optional<bool> vip;
  // Why the kiosk must send this person to the desk instead of printing
  // ("unpaid", "a letter to hand over"); "" clears it.
  std::optional<std::string> see_reception;
};
// The record with `changes` made (for the live badge preview); see_reception is not a record field.
Attendee apply_changes(Attendee attendee, const AttendeeChanges& changes);
// Whether `changes` make a valid record for `event`: a name, a known country
// code, one of the event's categories and languages. The error says which field and why.
Status check_changes(const Event& event, const Attendee& before, const AttendeeChanges& changes);

// Corrects a record: checks the changes, writes them, queues the record for
// sync and appends one `correction` event whose reason lists what changed as
// JSON ({"last_name": ["Dupond", "Dupont"]}). Nothing changed: no event, nullopt.
Result<std::optional<CheckinEvent>> desk_correct(Store& store, const Event& event, std::string_view attendee_id,
                                                 const AttendeeChanges& changes, const CheckinContext& ctx);
// Why the kiosk sends the attendee to the desk; empty when it does not.
Result<std::string> see_reception_of(Store& store, std::string_view attendee_id);

// --- Walk-ins -----------------------------------------------------------------------------

struct WalkIn {
  std::string civility, first_name, last_name, organisation, function;
  std::string country;   // ISO 3166-1 alpha-2, may be empty
  std::string category;  // one of the event's
  std::string email;     // optional
  std::string language;  // one of the event's; empty: the event's first
  DaySet days;           // empty: the day of the walk-in only
};
// Who may be the same person: same first and last name (case, accents,
// punctuation and spaces ignored, as fold_key() does; either order), or the
// same e-mail.
Result<std::vector<Attendee>> possible_duplicates(Store& store, const WalkIn& walkin);
// "Marie Dupont, Mairie de Lyon, is already registered."
std::string duplicate_warning(const Attendee& existing);
// Registers someone on site and checks them in for `ctx.day` at once: a new
// record (source walkin, queued for sync) and one `walkin` event.
Result<Decision> register_walkin(Store& store, const Event& event, const WalkIn& walkin, const CheckinContext& ctx);

// --- Delegations --------------------------------------------------------------------------

// The delegations whose name, country (code or name) or any member's name matches every word of `query`.
Result<std::vector<std::string>> find_delegations(Store& store, std::string_view query);
// The active members of a delegation, in the list's order.
Result<std::vector<Attendee>> delegation_members(Store& store, std::string_view delegation);
// The head of a delegation: whose function says so ("chef de délégation",
// "head of delegation"), else an ambassador, else a VIP, else the first.
std::optional<std::size_t> delegation_head(const std::vector<Attendee>& members);
// Checks in the members ticked, in one transaction, the head first (then in
// the order given): one `checkin` event per member checked in; the decisions
// come back in that order, which is the order their badges print in.
Result<std::vector<Decision>> check_in_group(Store& store, const Event& event, const std::vector<std::string>& ids,
                                             std::string_view head_id, const CheckinContext& ctx);

// --- The audit ----------------------------------------------------------------------------

struct AuditEntry {
  CheckinEvent event;
  std::string attendee_name;  // display_name(), or the id when the record is gone
};
struct AuditFilter {
  std::int64_t since_ms = 0;
  std::string operator_name;  // only this operator's events; empty: everyone's
  bool staff_only = false;    // only events with an operator (desk actions)
  int limit = 1000;           // the newest this many, shown oldest first
};
Result<std::vector<AuditEntry>> audit_log(Store& store, const AuditFilter& filter);

}  // namespace accueil
