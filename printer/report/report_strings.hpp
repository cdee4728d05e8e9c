// Every text of the after-event report, in English: msgids of the catalogs in
// assets/i18n/ (fr.po, es.po), like the kiosk's (kiosk/app/modes/selfservice/
// strings.hpp). {name} marks a value filled in; translations keep the marks.
#pragma once

#include <string_view>

namespace accueil::report::text {

inline constexpr std::string_view title = "After-event report";
inline constexpr std::string_view made_on = "Made on {date} from the check-ins recorded.";
inline constexpr std::string_view figures = "Figures";
inline constexpr std::string_view figures_note =
    "People who came, out of those registered. A person who came on several days counts once in the whole event.";
inline constexpr std::string_view whole_event = "Whole event";
inline constexpr std::string_view day_n = "Day {day}";
inline constexpr std::string_view participants = "Participants";
inline constexpr std::string_view of_registered = "{arrived} of {registered}";
inline constexpr std::string_view foreign_share = "Foreign participants";
inline constexpr std::string_view local_authorities = "Local authorities ({country})";
inline constexpr std::string_view countries = "Countries";
inline constexpr std::string_view foreign_delegations = "Foreign delegations";
inline constexpr std::string_view embassies = "Embassies";
inline constexpr std::string_view arrivals_title = "Arrivals per 10 minutes";
inline constexpr std::string_view arrivals_peak = "Busiest 10 minutes: {count} arrivals from {time}.";
inline constexpr std::string_view no_arrivals = "No arrivals recorded.";
inline constexpr std::string_view by_category = "By category";
inline constexpr std::string_view by_country = "By country";
inline constexpr std::string_view category = "Category";
inline constexpr std::string_view country = "Country";
inline constexpr std::string_view arrived = "Came";
inline constexpr std::string_view registered = "Registered";
inline constexpr std::string_view share = "Share";
inline constexpr std::string_view represented_authorities = "Local authorities represented";
inline constexpr std::string_view represented_delegations = "Foreign delegations represented";
inline constexpr std::string_view represented_embassies = "Embassies represented";
inline constexpr std::string_view none = "None.";
inline constexpr std::string_view page_n = "Page {page}";

inline constexpr std::string_view all[] = {
    title, made_on, figures, figures_note, whole_event, day_n, participants, of_registered, foreign_share,
    local_authorities, countries, foreign_delegations, embassies, arrivals_title, arrivals_peak, no_arrivals,
    by_category, by_country, category, country, arrived, registered, share, represented_authorities,
    represented_delegations, represented_embassies, none, page_n,
};

}  // namespace accueil::report::text
