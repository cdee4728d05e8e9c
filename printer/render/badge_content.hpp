// What one badge says: the texts, colour and token resolved from the event and
// the attendee, in the badge's language. Plain data: a kiosk builds it from
// the store, a test builds it by hand.
#pragma once

#include <string>
#include <string_view>

#include "printer/render/badge_template.hpp"
#include "shared/domain/model.hpp"

namespace accueil::render {

struct BadgeContent {
  std::string language;       // the badge's language (ISO 639-1): labels, country, dates
  std::string name_language;  // the attendee's own language: picks the shaping and the CJK font for names
  std::string first_name;     // native script
  std::string last_name;
  std::string first_name_latin;  // empty when the name is already in Latin script
  std::string last_name_latin;
  std::string organisation;
  std::string function;
  std::string country;        // the country's name in `language`, "" when unknown
  std::string category;       // the category's label in `language`
  Rgb category_colour{0.5, 0.5, 0.5};
  std::string event_name;
  std::string event_dates;    // "3–4 décembre 2026"
  std::string venue;
  std::string token;          // the signed ticket token printed as the QR code; "" prints no code
  std::string who;            // names the attendee in messages: "Marie-Hélène Loison-Duforestel (ref A-1042)"

  // The text of `field` as printed (full_name and latin_name join first and last name).
  std::string text(Field field) const;
};

// The badge's language: the attendee's language if the event offers it, else
// the event's first language ("fr" if the event lists none).
std::string badge_language(const Event& event, const Attendee& attendee);

// The name of an ISO 3166-1 alpha-2 country in `language` ("DE", "fr" ->
// "Allemagne"), from ICU's locale data; the code itself when ICU does not
// know it, "" for an empty code.
std::string country_name(std::string_view iso_code, std::string_view language);

// The event's dates in `language`, from its first to its last day:
// "3–4 décembre 2026", "December 3 – 4, 2026"; one date for a one-day event.
std::string event_dates(const Event& event, std::string_view language);

// Everything the badge of `attendee` prints. `token` is the attendee's signed
// ticket token (the QR code). An attendee whose category the event does not
// list gets a grey band labelled with the category key.
BadgeContent badge_content(const Event& event, const Attendee& attendee, std::string token);

}  // namespace accueil::render
