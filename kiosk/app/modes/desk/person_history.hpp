// The person page's check-in history and what it says about presence. The
// history is drawn last, in a child that scrolls, so that a new row never
// moves the action buttons above it (a second tap at the same place must not
// hit another button).
#pragma once

#include <string_view>
#include <vector>

#include "kiosk/app/modes/desk/desk_screens.hpp"
#include "shared/domain/model.hpp"

namespace accueil::kiosk {

// Presence as the log says it, by the store's rule (shared/store/present_sql.hpp):
// a check-in or walk-in counts unless an undo cancels it.
struct Presence {
  bool today = false;  // a check-in counts for `day`: there is something to undo
  bool ever = false;   // one counts for some day: a badge was handed over, a reprint makes sense
};
Presence presence_in(const std::vector<CheckinEvent>& log, int day);

// What happened, in the desk's words (a msgid of the catalogs, through d.tr).
std::string history_kind_words(DeskDraw& d, CheckinKind kind);

// "History" and its rows, newest first, in a child filling the rest of the window.
void draw_person_history(DeskDraw& d, const std::vector<CheckinEvent>& log, std::string_view timezone);

}  // namespace accueil::kiosk
