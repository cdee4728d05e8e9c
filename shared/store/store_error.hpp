// The store's errors that a person at a screen can cause or meet (someone
// removed by a new import, a check-in undone twice, a full disk), as catalog
// msgids in English with {marks} (assets/i18n/*.po) carried by Error::id and
// Error::values, so that the desk says them in its reader's language. The
// English words stay in Error::message for the logs; an error without an id
// is unexpected and shown with its technical words after a translated
// explanation (desk_notice::failed).
#pragma once

#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil {

namespace store_error {
// The record is gone: removed by a new import of the list, or never there.
inline constexpr std::string_view no_attendee =
    "Not done: this person is no longer on the list (a new import of the list may have removed them). Search again.";
// Undo: no check-in counts for that day (never made, or undone already).
inline constexpr std::string_view nothing_to_undo =
    "Not done: there is no check-in for day {day} to undo (it may have been undone already).";
// Reprint: nobody handed this person a badge yet (no check-in that counts, on any day).
inline constexpr std::string_view never_checked_in =
    "Not done: this person has not been checked in, so there is no badge to reprint. Check them in: the badge prints.";
// A record or an event that is already in the store (a unique key met twice).
inline constexpr std::string_view duplicate =
    "Not done: the same record is already in the store (added at the same time elsewhere, perhaps). Search again.";
// Undo and reprint: a reason is missing, or "other" comes without its words.
inline constexpr std::string_view needs_reason = "Not done: choose a reason first.";
inline constexpr std::string_view needs_words = "Not done: say the reason in a few words.";
// Corrections and walk-ins: fields that make no valid record ({value} as typed).
inline constexpr std::string_view needs_name = "Not done: a record needs a first or a last name.";
inline constexpr std::string_view bad_country = "Not done: \"{value}\" is not a country code (such as FR, DE, SN).";
inline constexpr std::string_view bad_category = "Not done: \"{value}\" is not one of the event's categories.";
inline constexpr std::string_view bad_language = "Not done: \"{value}\" is not one of the event's languages.";
inline constexpr std::string_view bad_email = "Not done: \"{value}\" is not an e-mail address (no @).";
// The store itself.
inline constexpr std::string_view busy =
    "Not done: the list is busy (another program is writing to it, an import perhaps). Try again in a moment.";
inline constexpr std::string_view disk_full = "Not done: the disk is full, nothing was recorded. Tell the organisers.";
inline constexpr std::string_view read_only =
    "Not done: the list cannot be written to (read-only), nothing was recorded. Tell the organisers.";
inline constexpr std::string_view disk_error =
    "Not done: the disk could not be written to, nothing was recorded. Tell the organisers.";

inline constexpr std::string_view all[] = {no_attendee, nothing_to_undo, never_checked_in, duplicate, needs_reason, needs_words, needs_name, bad_country,
                                           bad_category, bad_language, bad_email, busy, disk_full, read_only,
                                           disk_error};
}  // namespace store_error

using ErrorValues = std::vector<std::pair<std::string, std::string>>;
// An error said by `id` (one of store_error::all) with its values; its
// message is the English words.
Error said_error(std::string_view id, ErrorValues values = {});
inline std::unexpected<Error> fail_said(std::string_view id, ErrorValues values = {}) {
  return std::unexpected(said_error(id, std::move(values)));
}
// The same with `message` for the command line and the logs (the msgids speak to the desk: "Not done: ...").
inline std::unexpected<Error> fail_said(std::string_view id, ErrorValues values, std::string message) {
  Error e = said_error(id, std::move(values));
  e.message = std::move(message);
  return std::unexpected(std::move(e));
}
// `message` with the id that SQLite's result code `code` calls for (busy,
// full, read-only, I/O, a unique key met twice); none for the others.
Error sqlite_error(int code, std::string message);

}  // namespace accueil
