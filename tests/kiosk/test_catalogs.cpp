#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>

#include "kiosk/app/modes/selfservice/strings.hpp"
#include "shared/text/catalog.hpp"

using namespace accueil;

namespace {

std::set<std::string> marks(std::string_view text) {
  std::set<std::string> out;
  std::string s(text);
  static const std::regex mark(R"(\{[a-z_]+\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), mark); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

const std::filesystem::path k_i18n = ACCUEIL_SOURCE_DIR "/assets/i18n";

}  // namespace

TEST_CASE("French and Spanish translate every text of the kiosk, keeping its marks", "[catalogs]") {
  auto catalogs = Catalogs::load(k_i18n, {"fr", "en", "es"});
  REQUIRE(catalogs);
  for (const char* language : {"fr", "es"}) {
    const auto* messages = catalogs->messages(language);
    REQUIRE(messages != nullptr);
    for (std::string_view english : kiosk::text::all) {
      INFO(language << ": \"" << english << "\"");
      auto it = messages->find(std::string(english));
      REQUIRE(it != messages->end());
      CHECK_FALSE(it->second.empty());
      CHECK(marks(it->second) == marks(english));
    }
  }
  // English is the source: shown as written.
  CHECK(catalogs->translate("en", kiosk::text::scan_title) == kiosk::text::scan_title);
  CHECK(catalogs->translate("fr", kiosk::text::scan_title) == "Scannez le QR code de votre inscription");
  CHECK(catalogs->translate("de", kiosk::text::scan_title) == kiosk::text::scan_title);  // no German catalog loaded
}

TEST_CASE("every text is listed once", "[catalogs]") {
  std::set<std::string_view> seen(std::begin(kiosk::text::all), std::end(kiosk::text::all));
  CHECK(seen.size() == std::size(kiosk::text::all));
}

TEST_CASE("a catalog that cannot be read names its file and line; fuzzy entries are not used", "[catalogs]") {
  auto dir = std::filesystem::temp_directory_path() / "accueil-po-test";
  std::filesystem::create_directories(dir);
  {
    std::ofstream(dir / "fr.po") << "msgid \"\"\nmsgstr \"Content-Type: text/plain; charset=UTF-8\\n\"\n\n"
                                    "#, fuzzy\nmsgid \"OK\"\nmsgstr \"D'accord\"\n\n"
                                    "msgid \"Back\"\nmsgstr \"Retour\"\n";
    std::ofstream(dir / "es.po") << "msgid \"\"\nmsgstr \"\"\n\nmsgid \"Back\"\nmsgstr \"Volver\n";  // unterminated
  }
  auto fr = Catalogs::load(dir, {"fr"});
  REQUIRE(fr);
  CHECK(fr->translate("fr", "Back") == "Retour");
  CHECK(fr->translate("fr", "OK") == "OK");  // fuzzy: not trusted
  auto es = Catalogs::load(dir, {"es"});
  REQUIRE_FALSE(es);
  CHECK_THAT(es.error().message, Catch::Contains("es.po:"));
  auto missing = Catalogs::load(dir, {"pt"});
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message, Catch::Contains("pt.po"));
  std::filesystem::remove_all(dir);
}

TEST_CASE("fill replaces marks and leaves the rest", "[catalogs]") {
  CHECK(fill("Bienvenue, {name} !", {{"name", "Hélène"}}) == "Bienvenue, Hélène !");
  CHECK(fill("{time} ({kiosk})", {{"time", "08:57"}, {"kiosk", "entree-1"}}) == "08:57 (entree-1)");
  CHECK(fill("{unknown} {", {}) == "{unknown} {");
}
