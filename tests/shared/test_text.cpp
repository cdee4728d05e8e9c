#include <catch2/catch.hpp>

#include <algorithm>

#include "shared/text/countries.hpp"
#include "shared/text/text.hpp"

using namespace accueil;
using Words = std::vector<std::string>;

TEST_CASE("fold removes case and accents", "[text]") {
  CHECK(fold("Hélène") == "helene");
  CHECK(fold("FRANÇOIS") == "francois");
  CHECK(fold("Œuvre") == "oeuvre");
  CHECK(fold("Straße") == "strasse");
  CHECK(fold("Søren Łukasz") == "soren lukasz");
  CHECK(fold("Nguyễn Thị Minh Khai") == "nguyen thi minh khai");
  CHECK(fold("ＡＢＣ") == "abc");  // full-width Latin
}

TEST_CASE("fold keeps non-Latin scripts searchable", "[text]") {
  CHECK(fold("Արամ") == "արամ");    // Armenian lower-cased
  CHECK(fold("محمد") == "محمد");
  CHECK(fold("Ελένη") == "ελενη");  // Greek accent removed
  CHECK_FALSE(fold("山田").empty());
}

TEST_CASE("fold_key keeps letters and digits only", "[text]") {
  CHECK(fold_key("E-mail") == "email");
  CHECK(fold_key("Prénom") == "prenom");
  CHECK(fold_key("Côte d’Ivoire") == "cotedivoire");
  CHECK(fold_key("  N° de billet ") == "ndebillet");  // ° is a symbol, not a letter
}

TEST_CASE("index_words splits and also joins names with apostrophes and hyphens", "[text]") {
  CHECK(index_words("Moncond'huy") == Words{"moncond", "huy", "moncondhuy"});
  CHECK(index_words("Marie-Hélène Loison") == Words{"marie", "helene", "mariehelene", "loison"});
  CHECK(index_words("Valéry Giscard d’Estaing") == Words{"valery", "giscard", "d", "estaing", "destaing"});
  CHECK(index_words("  ") == Words{});
  CHECK(index_words("Montpellier (Méditerranée) Métropole") == Words{"montpellier", "mediterranee", "metropole"});
}

TEST_CASE("query_words joins punctuation inside a typed word", "[text]") {
  CHECK(query_words("rebsamen  françois") == Words{"rebsamen", "francois"});
  CHECK(query_words("Moncond'huy") == Words{"moncondhuy"});
  CHECK(query_words("jean-pierre") == Words{"jeanpierre"});
  CHECK(query_words("") == Words{});
}

TEST_CASE("UTF-8 validation and length", "[text]") {
  CHECK(is_valid_utf8("Hélène"));
  CHECK_FALSE(is_valid_utf8("H\xE9l\xE8ne"));  // Windows-1252 bytes
  CHECK_FALSE(is_valid_utf8("\xC3"));          // truncated sequence
  CHECK(utf8_length("Hélène") == 6);
}

TEST_CASE("trim removes ASCII and no-break spaces", "[text]") {
  CHECK(trim("  a b \t") == "a b");
  CHECK(trim("\xC2\xA0Paris\xE2\x80\xAF") == "Paris");
  CHECK(trim("") == "");
}

TEST_CASE("find_countries: a picker by name, accents and case ignored", "[text]") {
  CHECK(accueil::find_countries("alle", "fr", 5) == std::vector<std::string>{"DE"});
  CHECK(accueil::find_countries("germ", "fr", 5) == std::vector<std::string>{"DE"});  // English names too
  auto cote = accueil::find_countries("COTE", "fr", 5);
  CHECK(std::ranges::find(cote, "CI") != cote.end());
  auto etats = accueil::find_countries("etats", "fr", 5);
  CHECK(std::ranges::find(etats, "US") != etats.end());
  CHECK(accueil::find_countries("sn", "fr", 5).front() == "SN");  // the code typed in full first
  CHECK(accueil::find_countries("", "fr", 5).empty());
  CHECK(accueil::find_countries("a", "fr", 3).size() == 3);
}
