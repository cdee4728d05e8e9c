#include "printer/render/drawable_text.hpp"

#include <algorithm>

#include <fmt/core.h>

#include "printer/render/pango_text.hpp"
#include "shared/text/text.hpp"

namespace accueil::render {

namespace {

// What belongs to the character before it in an emoji or keycap sequence,
// and is left out with it.
bool continues_sequence(char32_t cp) {
  return cp == 0x200D                        // zero-width joiner
         || (cp >= 0xFE00 && cp <= 0xFE0F)   // variation selectors (text or emoji style)
         || (cp >= 0xE0100 && cp <= 0xE01EF) // variation selectors supplement
         || (cp >= 0x1F3FB && cp <= 0x1F3FF) // emoji skin-tone modifiers
         || (cp >= 0xE0020 && cp <= 0xE007F) // tags (subdivision flags)
         || cp == 0x20E3;                    // combining enclosing keycap
}

}  // namespace

std::string without_characters(std::string_view text, std::span<const char32_t> characters) {
  std::string out;
  bool dropping = false;  // the last character was left out: its sequence goes with it
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    len = std::min(len, text.size() - i);
    char32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1Fu : len == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    std::string_view bytes = text.substr(i, len);
    i += len;
    if (std::ranges::find(characters, cp) != characters.end()) {
      // A joiner just before it joined it to what came before: it goes too.
      if (out.ends_with("\u200D")) out.resize(out.size() - 3);
      dropping = true;
      continue;
    }
    if (dropping && continues_sequence(cp)) continue;
    dropping = false;
    out += bytes;
  }
  // The spaces that stood around what was left out.
  std::string squeezed;
  for (char c : trim(out)) {
    if (c == ' ' && squeezed.ends_with(' ')) continue;
    squeezed += c;
  }
  return squeezed;
}

std::string code_points(std::span<const char32_t> characters) {
  std::string out;
  for (std::size_t i = 0; i < characters.size() && i < 8; ++i)
    out += fmt::format("{}U+{:04X}", i ? " " : "", static_cast<std::uint32_t>(characters[i]));
  if (characters.size() > 8) out += " …";
  return out;
}

std::vector<char32_t> unknown_characters(PangoLayout* layout) {
  std::vector<char32_t> out;
  if (pango_layout_get_unknown_glyphs_count(layout) == 0) return out;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it);
    if (!run) continue;
    for (int i = 0; i < run->glyphs->num_glyphs; ++i) {
      PangoGlyph g = run->glyphs->glyphs[i].glyph;
      // Pango encodes the character in the unknown glyph's id.
      if (g & PANGO_GLYPH_UNKNOWN_FLAG) {
        auto cp = static_cast<char32_t>(g & ~PANGO_GLYPH_UNKNOWN_FLAG);
        if (std::ranges::find(out, cp) == out.end()) out.push_back(cp);
      }
    }
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  return out;
}

}  // namespace accueil::render
