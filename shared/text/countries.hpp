// Countries and languages as registration exports write them: ISO codes, or
// names in French or English, accents and case ignored. Names come from ICU's
// locale data; a short alias list adds the official and everyday names that
// ICU's display names do not use ("RDC", "USA", "Birmanie").
#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil {

// ISO 3166-1 alpha-2 code for "FR", "FRA", "France", "Côte d'Ivoire", "Etats-Unis", ...
std::optional<std::string> country_code(std::string_view text);

// The country's name in `language` ("Allemagne" for "DE" in "fr"); the code itself if unknown.
std::string country_name(std::string_view code, std::string_view language);

// The countries (ISO codes) whose name in `language`, French or English
// begins with what was typed, or whose code it is, accents and case ignored:
// a picker that shows names, not codes ("alle" -> DE, "cote" -> CI). The code
// typed in full comes first, then by name; at most `limit`.
std::vector<std::string> find_countries(std::string_view typed, std::string_view language, std::size_t limit);

// ISO 639-1 code for "fr", "FR", "fra", "Français", "French", "anglais", "español", ...
std::optional<std::string> language_code(std::string_view text);

// The languages a guest from `country` (ISO 3166-1 alpha-2) most likely reads,
// first the country's own (ICU's likely subtags: "CO" -> es, "JP" -> ja), then
// a second language widely used there (French in Lebanon, Tunisia, Morocco,
// Belgium; English in India, Nigeria, Rwanda...). Empty for an unknown code.
std::vector<std::string> country_languages(std::string_view country);

}  // namespace accueil
