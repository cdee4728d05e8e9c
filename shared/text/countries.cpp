#include "shared/text/countries.hpp"

#include <unicode/locid.h>
#include <unicode/unistr.h>

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

}  // namespace accueil
