#include "shared/text/countries.hpp"

#include <unicode/locid.h>
#include <unicode/uloc.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <unordered_map>

#include "shared/text/text.hpp"

namespace accueil {

namespace {

std::string to_utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// Everyday and official names that differ from ICU's display names, folded
// by fold_key() when the table is built.
constexpr std::pair<std::string_view, std::string_view> k_country_aliases[] = {
    {"USA", "US"}, {"Etats-Unis d'Amérique", "US"}, {"United States of America", "US"}, {"America", "US"},
    {"UK", "GB"}, {"Grande-Bretagne", "GB"}, {"Great Britain", "GB"}, {"Angleterre", "GB"}, {"England", "GB"},
    {"Ecosse", "GB"}, {"Scotland", "GB"}, {"Pays de Galles", "GB"}, {"Wales", "GB"},
    {"RDC", "CD"}, {"DRC", "CD"}, {"République démocratique du Congo", "CD"},
    {"Democratic Republic of the Congo", "CD"}, {"Congo-Brazzaville", "CG"}, {"République du Congo", "CG"},
    {"Republic of the Congo", "CG"}, {"Congo", "CG"},
    {"Corée", "KR"}, {"République de Corée", "KR"}, {"Republic of Korea", "KR"}, {"Korea", "KR"},
    {"Birmanie", "MM"}, {"Burma", "MM"}, {"Tchéquie", "CZ"}, {"République tchèque", "CZ"}, {"Czech Republic", "CZ"},
    {"Turkey", "TR"}, {"Turquie", "TR"}, {"Türkiye", "TR"}, {"Hollande", "NL"}, {"Holland", "NL"},
    {"Palestine", "PS"}, {"Etat de Palestine", "PS"}, {"State of Palestine", "PS"},
    {"Vatican", "VA"}, {"Saint-Siège", "VA"}, {"Holy See", "VA"}, {"Swaziland", "SZ"},
    {"Cap-Vert", "CV"}, {"Cape Verde", "CV"}, {"Ivory Coast", "CI"}, {"Russia", "RU"},
    {"Fédération de Russie", "RU"}, {"Russian Federation", "RU"}, {"Hong Kong", "HK"}, {"Macao", "MO"},
    {"Macédoine", "MK"}, {"Macedonia", "MK"}, {"Moldova", "MD"}, {"Laos", "LA"}, {"Iran", "IR"},
    {"Syria", "SY"}, {"Vietnam", "VN"}, {"Viet Nam", "VN"}, {"Bolivie", "BO"}, {"Tanzania", "TZ"},
    {"Taïwan", "TW"}, {"Taiwan", "TW"}, {"Brunei", "BN"}, {"Timor oriental", "TL"}, {"East Timor", "TL"},
    {"Québec", "CA"},  // provinces send delegations of their own; they count for Canada
    {"Emirats", "AE"}, {"UAE", "AE"}, {"EAU", "AE"}, {"Micronesia", "FM"},
};

struct Tables {
  std::unordered_map<std::string, std::string> countries;  // folded name or code -> alpha-2
  std::unordered_map<std::string, std::string> languages;  // folded name or code -> ISO 639-1
};

const Tables& tables() {
  static const Tables built = [] {
    Tables t;
    const icu::Locale fr("fr"), en("en");
    for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
      icu::Locale place("", *code);
      std::string alpha2 = *code;
      if (alpha2.size() != 2) continue;
      icu::UnicodeString name;
      t.countries.emplace(fold_key(alpha2), alpha2);
      if (const char* alpha3 = place.getISO3Country(); alpha3 && *alpha3) t.countries.emplace(fold_key(alpha3), alpha2);
      t.countries.emplace(fold_key(to_utf8(place.getDisplayCountry(fr, name))), alpha2);
      t.countries.emplace(fold_key(to_utf8(place.getDisplayCountry(en, name))), alpha2);
    }
    for (auto [alias, code] : k_country_aliases) t.countries.insert_or_assign(fold_key(alias), std::string(code));

    for (const char* const* code = icu::Locale::getISOLanguages(); *code; ++code) {
      std::string iso = *code;
      if (iso.size() != 2) continue;
      icu::Locale lang(*code);
      icu::UnicodeString name;
      t.languages.emplace(iso, iso);
      if (const char* iso3 = lang.getISO3Language(); iso3 && *iso3) t.languages.emplace(iso3, iso);
      t.languages.emplace(fold_key(to_utf8(lang.getDisplayLanguage(fr, name))), iso);
      t.languages.emplace(fold_key(to_utf8(lang.getDisplayLanguage(en, name))), iso);
      t.languages.emplace(fold_key(to_utf8(lang.getDisplayLanguage(lang, name))), iso);  // "español"
    }
    return t;
  }();
  return built;
}

}  // namespace

std::optional<std::string> country_code(std::string_view text) {
  std::string key = fold_key(text);
  if (key.empty()) return std::nullopt;
  const auto& map = tables().countries;
  if (auto it = map.find(key); it != map.end()) return it->second;
  return std::nullopt;
}

std::string country_name(std::string_view code, std::string_view language) {
  std::string c(code), l(language);
  icu::UnicodeString name;
  icu::Locale("", c.c_str()).getDisplayCountry(icu::Locale(l.c_str()), name);
  std::string out = to_utf8(name);
  return out.empty() ? c : out;
}

std::optional<std::string> language_code(std::string_view text) {
  std::string key = fold_key(text);
  if (key.empty()) return std::nullopt;
  const auto& map = tables().languages;
  if (auto it = map.find(key); it != map.end()) return it->second;
  return std::nullopt;
}

std::vector<std::string> country_languages(std::string_view country) {
  std::vector<std::string> out;
  if (country.size() != 2) return out;
  const std::string tag = "und_" + std::string(country);
  char likely[ULOC_FULLNAME_CAPACITY] = {};
  UErrorCode status = U_ZERO_ERROR;
  uloc_addLikelySubtags(tag.c_str(), likely, sizeof likely, &status);
  char lang[ULOC_LANG_CAPACITY] = {};
  if (U_SUCCESS(status)) {
    UErrorCode st = U_ZERO_ERROR;
    uloc_getLanguage(likely, lang, sizeof lang, &st);
    if (U_SUCCESS(st) && std::string_view(lang) != "und" && lang[0] != '\0') out.emplace_back(lang);
  }
  // Second languages of public life that ICU's likely subtags do not give.
  static const std::unordered_map<std::string_view, std::string_view> k_second{
      {"LB", "fr"}, {"TN", "fr"}, {"MA", "fr"}, {"DZ", "fr"}, {"MR", "fr"}, {"CD", "fr"}, {"RW", "fr"},
      {"BI", "fr"}, {"MU", "fr"}, {"SC", "fr"}, {"MG", "fr"}, {"KM", "fr"}, {"DJ", "fr"}, {"HT", "fr"},
      {"VU", "fr"}, {"CM", "fr"}, {"BE", "fr"}, {"CH", "fr"}, {"LU", "fr"}, {"AD", "fr"}, {"CA", "fr"},
      {"TD", "fr"}, {"CF", "fr"}, {"GQ", "es"}, {"IN", "en"}, {"PK", "en"}, {"NG", "en"}, {"GH", "en"},
      {"KE", "en"}, {"UG", "en"}, {"TZ", "en"}, {"ZA", "en"}, {"PH", "en"}, {"MY", "en"}, {"SG", "en"},
      {"IE", "en"}, {"MT", "en"}, {"CY", "en"}, {"ZW", "en"}, {"ZM", "en"}, {"BW", "en"}, {"NA", "en"},
      {"PR", "es"}, {"US", "es"},
  };
  std::string upper(country);
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (auto it = k_second.find(upper); it != k_second.end() && std::ranges::find(out, it->second) == out.end())
    out.emplace_back(it->second);
  return out;
}

}  // namespace accueil

namespace accueil {

std::vector<std::string> find_countries(std::string_view typed, std::string_view language, std::size_t limit) {
  const std::string key = fold_key(typed);
  std::vector<std::pair<std::string, std::string>> found;  // name in `language`, code
  if (key.empty()) return {};
  const icu::Locale shown(std::string(language).c_str()), fr("fr"), en("en");
  for (const char* const* code = icu::Locale::getISOCountries(); *code; ++code) {
    const std::string alpha2 = *code;
    if (alpha2.size() != 2) continue;
    icu::Locale place("", *code);
    icu::UnicodeString name;
    const std::string own = to_utf8(place.getDisplayCountry(shown, name));
    const bool match = fold_key(alpha2) == key || fold_key(own).starts_with(key) ||
                       fold_key(to_utf8(place.getDisplayCountry(fr, name))).starts_with(key) ||
                       fold_key(to_utf8(place.getDisplayCountry(en, name))).starts_with(key);
    if (match) found.emplace_back(own, alpha2);
  }
  // The code typed in full first, then by name as the reader reads it.
  std::ranges::sort(found, [&](const auto& a, const auto& b) {
    const bool ca = fold_key(a.second) == key, cb = fold_key(b.second) == key;
    if (ca != cb) return ca;
    return fold(a.first) < fold(b.first);
  });
  std::vector<std::string> codes;
  for (auto& [name, code] : found) {
    if (codes.size() >= limit) break;
    codes.push_back(std::move(code));
  }
  return codes;
}

}  // namespace accueil
