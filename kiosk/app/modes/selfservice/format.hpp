// Dates and language names as a screen shows them, in the screen's language
// (ICU's locale data: "3 décembre et 4 décembre", "Español").
#pragma once

#include <string>
#include <string_view>

#include "shared/domain/model.hpp"

namespace accueil::kiosk {

// The dates of `days` of the event, listed in `language`: "4 décembre",
// "December 3 and December 4".
std::string format_days(const Event& event, DaySet days, std::string_view language);

// A language's name in itself, capitalised: "Français", "English", "Español".
std::string language_name(std::string_view code);

}  // namespace accueil::kiosk
