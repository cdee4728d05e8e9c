#include "shared/text/catalog.hpp"

#include <gettext-po.h>

#include <memory>

#include <fmt/core.h>
#include <fmt/std.h>

namespace accueil {

namespace {

// libgettextpo reports problems through these callbacks; the first one is kept.
thread_local std::string t_po_error;

void on_error(int severity, po_message_t, const char* filename, size_t lineno, size_t, int, const char* message) {
  if (severity == PO_SEVERITY_WARNING || !t_po_error.empty()) return;
  t_po_error = fmt::format("{}:{}: {}", filename ? filename : "?", lineno, message ? message : "error");
}

void on_error2(int severity, po_message_t, const char* filename1, size_t lineno1, size_t, int, const char* message1,
               po_message_t, const char*, size_t, size_t, int, const char* message2) {
  if (severity == PO_SEVERITY_WARNING || !t_po_error.empty()) return;
  t_po_error = fmt::format("{}:{}: {} {}", filename1 ? filename1 : "?", lineno1, message1 ? message1 : "",
                           message2 ? message2 : "");
}

}  // namespace

Result<Catalogs> Catalogs::load(const std::filesystem::path& dir, const std::vector<std::string>& languages) {
  Catalogs catalogs;
  for (const std::string& language : languages) {
    if (language == "en") continue;  // the source language
    const std::filesystem::path path = dir / (language + ".po");
    std::error_code ec;
    if (!std::filesystem::exists(path, ec))
      return fail(fmt::format("no translations for \"{}\": {} is missing", language, path));
    t_po_error.clear();
    const po_xerror_handler handler{on_error, on_error2};
    std::unique_ptr<std::remove_pointer_t<po_file_t>, void (*)(po_file_t)> file(po_file_read(path.c_str(), &handler),
                                                                                  po_file_free);
    if (!file || !t_po_error.empty())
      return fail(t_po_error.empty() ? fmt::format("cannot read {}", path) : t_po_error);
    auto& messages = catalogs.m_languages[language];
    po_message_iterator_t it = po_message_iterator(file.get(), nullptr);
    for (po_message_t m; (m = po_next_message(it)) != nullptr;) {
      const char* id = po_message_msgid(m);
      const char* str = po_message_msgstr(m);
      if (!id || !*id || !str || !*str || po_message_is_fuzzy(m) || po_message_is_obsolete(m)) continue;
      messages.emplace(id, str);
    }
    po_message_iterator_free(it);
  }
  return catalogs;
}

std::string_view Catalogs::translate(std::string_view language, std::string_view english) const {
  auto lang = m_languages.find(language);
  if (lang == m_languages.end()) return english;
  auto it = lang->second.find(std::string(english));
  return it == lang->second.end() ? english : std::string_view(it->second);
}

const std::unordered_map<std::string, std::string>* Catalogs::messages(std::string_view language) const {
  auto lang = m_languages.find(language);
  return lang == m_languages.end() ? nullptr : &lang->second;
}

std::string fill(std::string_view text, const std::vector<std::pair<std::string_view, std::string>>& values) {
  std::string out;
  out.reserve(text.size());
  std::size_t i = 0;
  while (i < text.size()) {
    if (text[i] == '{') {
      std::size_t close = text.find('}', i);
      if (close != std::string_view::npos) {
        std::string_view name = text.substr(i + 1, close - i - 1);
        bool replaced = false;
        for (const auto& [key, value] : values)
          if (key == name) {
            out += value;
            replaced = true;
            break;
          }
        if (replaced) {
          i = close + 1;
          continue;
        }
      }
    }
    out += text[i++];
  }
  return out;
}

}  // namespace accueil
