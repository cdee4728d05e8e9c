// The reception desk's texts are in the catalogs: every tr("...") of the desk's
// sources (kiosk/app/modes/desk/), and the texts it translates from values (the
// reprint and undo reasons, what else a search matched) and the desk flow's notices (with the store's errors),
// in French and Spanish, with their {marks}. Read from the sources themselves, so that a text added to a
// screen without its translations fails here.
#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <regex>
#include <set>
#include <sstream>

#include "shared/flow/desk_notice.hpp"
#include "shared/store/desk.hpp"
#include "shared/text/catalog.hpp"

using namespace accueil;

namespace {

const std::filesystem::path k_source = ACCUEIL_SOURCE_DIR;

std::set<std::string> marks(std::string_view text) {
  std::set<std::string> out;
  std::string s(text);
  static const std::regex mark(R"(\{[a-z_]+\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), mark); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

std::set<std::string> desk_texts() {
  std::set<std::string> texts;
  static const std::regex call(R"re(\btr\("((?:[^"\\]|\\.)*)"\))re");
  for (const auto& entry : std::filesystem::directory_iterator(k_source / "kiosk/app/modes/desk")) {
    if (entry.path().extension() != ".cpp") continue;
    std::ifstream in(entry.path());
    std::stringstream all;
    all << in.rdbuf();
    const std::string text = all.str();
    for (auto it = std::sregex_iterator(text.begin(), text.end(), call); it != std::sregex_iterator(); ++it)
      texts.insert((*it)[1].str());
  }
  // Translated from values: tr(to_string(reason)), tr(hit.matched).
  for (ReprintReason r : {ReprintReason::lost, ReprintReason::damaged, ReprintReason::misprint,
                          ReprintReason::name_corrected, ReprintReason::other})
    texts.insert(std::string(to_string(r)));
  // The undo reasons, in their words: tr(undo_reason_words(reason)).
  for (UndoReason r : {UndoReason::wrong_person, UndoReason::by_mistake, UndoReason::not_attending, UndoReason::other})
    texts.insert(std::string(undo_reason_words(r)));
  for (const char* matched : {"e-mail", "ticket", "delegation", "note"}) texts.insert(matched);
  // The flow's notices, put into words when shown (shared/flow/desk_notice.hpp).
  for (std::string_view notice : desk_notice::all) texts.insert(std::string(notice));
  return texts;
}

}  // namespace

TEST_CASE("French and Spanish translate every text of the desk, keeping its marks", "[catalogs]") {
  auto catalogs = Catalogs::load(k_source / "assets/i18n", {"fr", "en", "es"});
  REQUIRE(catalogs);
  const std::set<std::string> texts = desk_texts();
  CHECK(texts.size() > 50);  // the regex found the screens' texts
  CHECK(texts.contains("Correct the record"));
  CHECK(texts.contains("{checked} of {count} checked in; their badges print as one batch."));
  for (const char* language : {"fr", "es"}) {
    const auto* messages = catalogs->messages(language);
    REQUIRE(messages != nullptr);
    for (const std::string& english : texts) {
      INFO(language << ": \"" << english << "\"");
      auto it = messages->find(english);
      REQUIRE(it != messages->end());
      CHECK_FALSE(it->second.empty());
      CHECK(marks(it->second) == marks(english));
    }
  }
  CHECK(catalogs->translate("fr", "Register a walk-in") == "Inscrire sur place");
}

TEST_CASE("the desk's notices are listed once", "[catalogs]") {
  std::set<std::string_view> seen(std::begin(desk_notice::all), std::end(desk_notice::all));
  CHECK(seen.size() == std::size(desk_notice::all));
}
