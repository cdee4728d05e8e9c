// Translations of the screens' texts, from gettext catalogs (assets/i18n/*.po)
// read with GNU gettext's own PO parser (libgettextpo). The source texts
// (msgid) are English; a text without a translation shows in English.
#pragma once

#include <filesystem>
#include <map>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil {

class Catalogs {
public:
  // Reads DIR/LANG.po for each language other than English. A catalog that
  // cannot be read fails the whole load, naming the file and the line.
  static Result<Catalogs> load(const std::filesystem::path& dir, const std::vector<std::string>& languages);

  // The translation of `english` into `language`, or `english` itself.
  std::string_view translate(std::string_view language, std::string_view english) const;

  // The messages of `language`'s catalog: English text -> translation. Fuzzy
  // and untranslated entries are left out.
  const std::unordered_map<std::string, std::string>* messages(std::string_view language) const;

private:
  std::map<std::string, std::unordered_map<std::string, std::string>, std::less<>> m_languages;
};

// Replaces each "{name}" in `text` by its value.
std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values);

}  // namespace accueil
