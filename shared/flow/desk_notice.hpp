// What the desk says after an action, kept as messages of the catalogs
// (assets/i18n/*.po, msgids in English with {marks}) and their values, and
// put into words only when shown: a French desk reads French, and switching
// the desk's language turns the notice on screen too. The English words
// (english()) are for the trace and the logs.
//
// Every message the flow can say is listed in desk_notice::all, so that the
// catalog check (tests/kiosk/test_desk_catalogs.cpp) covers them.
#pragma once

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/store/store_error.hpp"

namespace accueil {

namespace desk_notice {
// Check-ins ({name} the attendee, {day} the event day, {terminal} the desk).
inline constexpr std::string_view checked_in = "Checked in {name} for day {day} at {terminal}.";
inline constexpr std::string_view checked_in_unregistered =
    "Checked in {name} for day {day} (not registered for it) at {terminal}.";
inline constexpr std::string_view already_checked_in = "{name} was already checked in for day {day}.";
inline constexpr std::string_view not_registered = "{name} is not registered for day {day}.";
inline constexpr std::string_view cancelled = "The registration of {name} was cancelled.";
inline constexpr std::string_view not_checked_in = "{name} was not checked in.";
inline constexpr std::string_view undone = "Check-in of day {day} undone: {reason}.";
// Reprints and corrections ({reason} is a reprint reason, translated when it is one of the list's).
inline constexpr std::string_view reprinted = "Badge reprinted ({reason}).";
inline constexpr std::string_view reprint_recorded = "Reprint recorded ({reason}).";
inline constexpr std::string_view nothing_to_change = "Nothing to change.";
inline constexpr std::string_view corrected = "Record corrected.";
inline constexpr std::string_view corrected_prints = "Record corrected; the corrected badge prints.";
// Walk-ins and delegations.
inline constexpr std::string_view duplicate = "{name}, {organisation}, is already registered.";
inline constexpr std::string_view duplicate_no_organisation = "{name} is already registered.";
inline constexpr std::string_view walked_in = "Registered {name} on site and checked them in for day {day} at {terminal}.";
inline constexpr std::string_view group = "{checked} of {count} checked in; their badges print as one batch.";
// What became of the badges an action queued ({printer} the printer's name,
// {problem} the printer's trouble in the printers screen's words).
inline constexpr std::string_view badge_held = "The badge is held at {printer}. {problem}";
inline constexpr std::string_view badges_held = "{waiting} badges are held at {printer}. {problem}";
inline constexpr std::string_view badge_printed = "The badge printed on {printer}.";
inline constexpr std::string_view badges_printed = "{printed} badges printed on {printer}.";
inline constexpr std::string_view badge_failed = "The badge could not be printed on {printer}: see the printers screen.";
inline constexpr std::string_view badge_at_reception = "The badge is on the reception list: print it again from the printers screen.";
// The flow's own.
inline constexpr std::string_view admin_only = "Only an admin may quit the app.";
// An error the store gives without a message id (store_error::all has those): unexpected, its technical words after.
inline constexpr std::string_view failed = "Not done because of an unexpected error; tell the organisers. Details: {error}";

inline constexpr std::string_view all[] = {
    checked_in, checked_in_unregistered, already_checked_in, not_registered, cancelled, not_checked_in, undone,
    reprinted, reprint_recorded, nothing_to_change, corrected, corrected_prints, duplicate,
    duplicate_no_organisation, walked_in, group, badge_held, badges_held, badge_printed, badges_printed,
    badge_failed, badge_at_reception, admin_only, failed,
    // The store's errors staff can cause or meet (shared/store/store_error.hpp).
    store_error::no_attendee, store_error::nothing_to_undo, store_error::never_checked_in, store_error::duplicate,
    store_error::needs_reason,
    store_error::needs_words, store_error::needs_name,
    store_error::bad_country, store_error::bad_category, store_error::bad_language, store_error::bad_email,
    store_error::busy, store_error::disk_full, store_error::read_only, store_error::disk_error};
static_assert(std::size(store_error::all) == 15, "a new store_error id goes into desk_notice::all too");
}  // namespace desk_notice

// A value put into a message.
struct NoticeArg {
  enum class Kind {
    text,             // as it is (a name, a number, an error's words)
    message,          // a msgid of the catalogs (a reprint reason): translated
    printer_problem,  // a PrinterProblem's name ("media_empty"): said as the printers screen says it
  };
  std::string name{};
  std::string value{};
  Kind kind = Kind::text;
  friend bool operator==(const NoticeArg&, const NoticeArg&) = default;
};

struct NoticeMessage {
  std::string id{};  // one of desk_notice::all
  std::vector<NoticeArg> args{};
  friend bool operator==(const NoticeMessage&, const NoticeMessage&) = default;
};

enum class NoticeTone {
  done,     // green: what was asked is done
  waiting,  // amber: done, but its badge waits (the printer needs attention, the reception list)
  refused,  // red: nothing was done, or the badge failed
};

struct Notice {
  NoticeMessage said;                  // what the action did
  std::optional<NoticeMessage> print{};  // then what became of its badges, once the queue said
  NoticeTone tone = NoticeTone::done;
  bool empty() const { return said.id.empty(); }
  friend bool operator==(const Notice&, const Notice&) = default;
};

NoticeMessage message(std::string_view id, std::vector<NoticeArg> args = {});
// What the desk says of an action's error: its message id and values when it
// has one (store_error::all), else desk_notice::failed with its technical words.
NoticeMessage error_message(const Error& error);
// The words of a notice. `translate` gives a msgid's text in the reader's
// language (the English itself when it has none); `problem` says a
// PrinterProblem's name, and without it the name is shown with spaces.
using NoticeWords = std::function<std::string(std::string_view)>;
std::string say(const Notice& notice, const NoticeWords& translate, const NoticeWords& problem = {});
// In English, for the trace and the logs.
std::string english(const Notice& notice);

}  // namespace accueil
