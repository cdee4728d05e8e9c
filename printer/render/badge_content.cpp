#include "printer/render/badge_content.hpp"

#include <unicode/datefmt.h>
#include <unicode/dtintrv.h>
#include <unicode/dtitvfmt.h>
#include <unicode/locid.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <chrono>
#include <memory>

namespace accueil::render {

namespace {

// Milliseconds since the Unix epoch at 00:00 UTC of an ISO date, which ICU
// formats back to the same date when told the zone is UTC.
std::optional<double> utc_midnight_ms(std::string_view iso_date) {
  if (iso_date.size() != 10) return std::nullopt;
  auto num = [&](std::size_t at, std::size_t len) {
    int v = 0;
    for (std::size_t i = at; i < at + len; ++i) {
      if (iso_date[i] < '0' || iso_date[i] > '9') return -1;
      v = v * 10 + (iso_date[i] - '0');
    }
    return v;
  };
  int y = num(0, 4), m = num(5, 2), d = num(8, 2);
  if (y < 0 || m < 1 || m > 12 || d < 1 || d > 31) return std::nullopt;
  std::chrono::year_month_day ymd{std::chrono::year(y), std::chrono::month(static_cast<unsigned>(m)),
                                  std::chrono::day(static_cast<unsigned>(d))};
  if (!ymd.ok()) return std::nullopt;
  auto days = std::chrono::sys_days(ymd).time_since_epoch().count();
  return static_cast<double>(days) * 86'400'000.0;
}

std::string join_name(const std::string& first, const std::string& last) {
  if (first.empty()) return last;
  if (last.empty()) return first;
  return first + " " + last;
}

}  // namespace

std::string BadgeContent::text(Field field) const {
  switch (field) {
    case Field::first_name: return first_name;
    case Field::last_name: return last_name;
    case Field::full_name: return join_name(first_name, last_name);
    case Field::latin_name: return join_name(first_name_latin, last_name_latin);
    case Field::organisation: return organisation;
    case Field::function: return function;
    case Field::country: return country;
    case Field::category: return category;
    case Field::event_name: return event_name;
    case Field::event_dates: return event_dates;
    case Field::venue: return venue;
  }
  return {};
}

std::string badge_language(const Event& event, const Attendee& attendee) {
  if (!attendee.language.empty() && std::ranges::find(event.languages, attendee.language) != event.languages.end())
    return attendee.language;
  return event.languages.empty() ? std::string("fr") : event.languages.front();
}

std::string country_name(std::string_view iso_code, std::string_view language) {
  if (iso_code.empty()) return {};
  std::string code(iso_code);
  icu::Locale region("", code.c_str());
  icu::UnicodeString name;
  region.getDisplayCountry(icu::Locale(std::string(language).c_str()), name);
  std::string out;
  name.toUTF8String(out);
  return out.empty() ? code : out;
}

std::string event_dates(const Event& event, std::string_view language) {
  if (event.days.empty()) return {};
  auto first = utc_midnight_ms(event.days.front().date);
  auto last = utc_midnight_ms(event.days.back().date);
  if (!first || !last) return event.days.front().date;
  UErrorCode status = U_ZERO_ERROR;
  icu::Locale locale(std::string(language).c_str());
  // "yMMMMd": day, month spelled out, year, in the order and with the
  // punctuation of the locale; the interval format shares what both dates share.
  std::unique_ptr<icu::DateIntervalFormat> format(
      icu::DateIntervalFormat::createInstance(icu::UnicodeString("yMMMMd"), locale, status));
  if (U_FAILURE(status) || !format) return event.days.front().date;
  format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  icu::DateInterval interval(*first, *last);
  icu::UnicodeString text;
  icu::FieldPosition position(icu::FieldPosition::DONT_CARE);
  format->format(&interval, text, position, status);
  if (U_FAILURE(status)) return event.days.front().date;
  std::string out;
  text.toUTF8String(out);
  return out;
}

BadgeContent badge_content(const Event& event, const Attendee& attendee, std::string token) {
  BadgeContent c;
  c.language = badge_language(event, attendee);
  c.name_language = attendee.language.empty() ? c.language : attendee.language;
  c.first_name = attendee.first_name;
  c.last_name = attendee.last_name;
  c.first_name_latin = attendee.first_name_latin;
  c.last_name_latin = attendee.last_name_latin;
  c.organisation = attendee.organisation;
  c.function = attendee.function;
  c.country = country_name(attendee.country, c.language);
  if (const Category* category = event.category(attendee.category)) {
    c.category = category->label(c.language);
    if (auto rgb = parse_colour(category->colour)) c.category_colour = *rgb;
  } else {
    c.category = attendee.category;
  }
  c.event_name = event.name;
  c.event_dates = event_dates(event, c.language);
  c.venue = event.venue;
  c.token = std::move(token);
  c.who = join_name(attendee.first_name, attendee.last_name);
  if (!attendee.external_ref.empty()) c.who += " (ref " + attendee.external_ref + ")";
  else if (!attendee.id.empty()) c.who += " (id " + attendee.id + ")";
  return c;
}

}  // namespace accueil::render
