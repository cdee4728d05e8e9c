#include "kiosk/app/modes/selfservice/format.hpp"

#include <unicode/calendar.h>
#include <unicode/datefmt.h>
#include <unicode/dtptngen.h>
#include <unicode/listformatter.h>
#include <unicode/locid.h>
#include <unicode/smpdtfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <memory>
#include <vector>

namespace accueil::kiosk {

namespace {
std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}
}  // namespace

std::string format_days(const Event& event, DaySet days, std::string_view language) {
  const icu::Locale locale(std::string(language).c_str());
  UErrorCode status = U_ZERO_ERROR;
  // "d MMMM" in the locale's own order and words: "4 décembre", "December 4", "4 de diciembre".
  std::unique_ptr<icu::DateTimePatternGenerator> generator(icu::DateTimePatternGenerator::createInstance(locale, status));
  if (U_FAILURE(status)) return {};
  icu::UnicodeString pattern = generator->getBestPattern(icu::UnicodeString("dMMMM"), status);
  icu::SimpleDateFormat formatter(pattern, locale, status);
  formatter.setTimeZone(*icu::TimeZone::getGMT());
  std::vector<icu::UnicodeString> dates;
  for (int day : days.days()) {
    if (day < 1 || day > event.day_count()) continue;
    const std::string& iso = event.days[static_cast<std::size_t>(day - 1)].date;
    std::unique_ptr<icu::Calendar> calendar(icu::Calendar::createInstance(icu::TimeZone::getGMT()->clone(), status));
    calendar->clear();
    calendar->set(std::stoi(iso.substr(0, 4)), std::stoi(iso.substr(5, 2)) - 1, std::stoi(iso.substr(8, 2)));
    icu::UnicodeString text;
    formatter.format(calendar->getTime(status), text);
    dates.push_back(text);
  }
  if (U_FAILURE(status) || dates.empty()) return {};
  std::unique_ptr<icu::ListFormatter> list(icu::ListFormatter::createInstance(locale, status));
  icu::UnicodeString joined;
  list->format(dates.data(), static_cast<int32_t>(dates.size()), joined, status);
  return U_FAILURE(status) ? std::string() : to_utf8(joined);
}

std::string language_name(std::string_view code) {
  const icu::Locale locale(std::string(code).c_str());
  icu::UnicodeString name;
  locale.getDisplayLanguage(locale, name);
  std::string out = to_utf8(name.toTitle(nullptr, locale));
  return out.empty() ? std::string(code) : out;
}

}  // namespace accueil::kiosk
