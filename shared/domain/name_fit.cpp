#include "shared/domain/name_fit.hpp"

#include "shared/text/text.hpp"

namespace accueil {

namespace {

// The code point at `i` in UTF-8 `s`, and its length in bytes (1 for a stray byte).
std::pair<char32_t, std::size_t> code_point_at(std::string_view s, std::size_t i) {
  const auto b = static_cast<unsigned char>(s[i]);
  std::size_t n = b < 0x80 ? 1 : (b >> 5) == 0x6 ? 2 : (b >> 4) == 0xE ? 3 : (b >> 3) == 0x1E ? 4 : 1;
  if (i + n > s.size()) n = 1;
  if (n == 1) return {b, 1};
  char32_t cp = b & (0x7F >> n);
  for (std::size_t k = 1; k < n; ++k) cp = (cp << 6) | (static_cast<unsigned char>(s[i + k]) & 0x3F);
  return {cp, n};
}

// Letters of the scripts whose given names are written as initials.
bool takes_initial(char32_t c) {
  if ((c >= U'A' && c <= U'Z') || (c >= U'a' && c <= U'z')) return true;
  return (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7) ||  // Latin-1 letters, Latin Extended-A and B
         (c >= 0x370 && c <= 0x58F) ||                         // Greek, Cyrillic, Armenian
         (c >= 0x1E00 && c <= 0x1EFF);                         // Latin Extended Additional (Vietnamese)
}

bool is_separator(char c) { return c == ' ' || c == '-'; }

std::string joined(const std::string& first, const std::string& last) {
  if (first.empty()) return last;
  if (last.empty()) return first;
  return first + " " + last;
}

// As display_name, with the given names passed through `given`.
std::string shown(const Attendee& a, std::string (*given)(std::string_view)) {
  std::string name = joined(given(a.first_name), a.last_name);
  const std::string latin = joined(given(a.first_name_latin), a.last_name_latin);
  // As display_name: the Latin form when it differs from the name as written.
  if (!latin.empty() && joined(a.first_name_latin, a.last_name_latin) != joined(a.first_name, a.last_name))
    name += " (" + latin + ")";
  return name;
}

}  // namespace

std::string name_initials(std::string_view given) {
  std::string out;
  std::size_t i = 0;
  while (i < given.size()) {
    if (is_separator(given[i])) {
      out += given[i++];
      continue;
    }
    std::size_t end = i;
    while (end < given.size() && !is_separator(given[end])) ++end;
    const std::string_view word = given.substr(i, end - i);
    const auto [first, bytes] = code_point_at(word, 0);
    if (takes_initial(first)) {
      out += word.substr(0, bytes);
      out += '.';
    } else {
      out += word;
    }
    i = end;
  }
  return out;
}

std::string fit_display_name(const Attendee& a, float max_width, const std::function<float(std::string_view)>& width_of) {
  std::string full = display_name(a);
  if (width_of(full) <= max_width) return full;
  return shown(a, [](std::string_view g) { return name_initials(g); });
}

}  // namespace accueil
