// Characters no installed font can draw (an emoji, a script without a font):
// a badge never prints them as boxes, nor is it refused for them. It prints
// the rest of the text, and says what it left out (BadgeLayout::warnings).
// The kiosk's screen leaves out the same characters (pango_text.hpp).
#pragma once

#include <span>
#include <string>
#include <string_view>

namespace accueil::render {

// `text` (valid UTF-8) without `characters`, without what only made sense
// with them (the zero-width joiners, variation selectors, skin-tone modifiers
// and tags of an emoji sequence, a keycap's enclosing mark), and with the
// spaces left around them collapsed: "Zoé 😀 Li" -> "Zoé Li".
std::string without_characters(std::string_view text, std::span<const char32_t> characters);

// "U+1F600 U+1F44D": the first eight, then "…".
std::string code_points(std::span<const char32_t> characters);

}  // namespace accueil::render
