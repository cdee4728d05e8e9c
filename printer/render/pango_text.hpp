// For programs that set text with Pango themselves (the kiosk's names on
// screen): which characters Pango drew as "unknown glyph" boxes, to leave
// them out as a badge does (drawable_text.hpp).
#pragma once

#include <pango/pango.h>

#include <vector>

namespace accueil::render {

// The characters `layout` sets with Pango's unknown glyph (the hex box, no
// font has them), in the order they first appear.
std::vector<char32_t> unknown_characters(PangoLayout* layout);

}  // namespace accueil::render
