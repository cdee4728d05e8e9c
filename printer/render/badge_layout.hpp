// A badge laid out: every text box with the font size the fit chose, its line
// count, whether it was ellipsized and its measured extent, plus the band, QR
// code and logo. Computed once by Typesetter::layout(); every output (PDF,
// preview, printer bitmaps) draws this same value.
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "printer/render/badge_template.hpp"
#include "printer/render/qr_code.hpp"

namespace accueil::render {

namespace detail {
struct ShapedText;  // the Pango layouts of the text boxes, ready to draw
struct LogoImage;   // the loaded SVG or PNG
}  // namespace detail

// How a text was fitted into its box.
enum class Fit {
  natural,     // one line at the template's size
  shrunk,      // one line, smaller than the template's size
  wrapped,     // several lines (at most max_lines), broken between words
  broken,      // at min_size_pt, a word longer than the box's width broken across lines (Pango adds a hyphen)
  ellipsized,  // at min_size_pt, cut with "…" on its last line
};
std::string_view to_string(Fit fit);

struct TextBox {
  Field field = Field::first_name;
  std::string text;         // the whole text as printed, before any ellipsis (without missing_characters)
  RectMm box;               // the template's box
  RectMm extent;            // where the text's ink and line boxes lie, mm on the badge
  double size_pt = 0;       // the size chosen
  double min_size_pt = 0;   // the template's bounds
  double max_size_pt = 0;
  int line_count = 0;
  int max_lines = 1;
  Fit fit = Fit::natural;
  bool on_band = false;     // the category label drawn inside the colour band
  std::vector<char32_t> missing_characters;  // characters no font could draw: left out of `text`

  // Cut with "…" on its last line.
  bool ellipsized() const { return fit == Fit::ellipsized; }
  int missing_glyphs() const { return static_cast<int>(missing_characters.size()); }

  // True when the text spills out of its box: never, unless a template box is
  // too low for one line at its minimum size in some script.
  bool overflows() const { return !text.empty() && !box.contains(extent, 0.01); }
};

struct BandBlock {
  RectMm box;
  Rgb colour;
};

struct QrBlock {
  RectMm box;        // the template's box (quiet zone included)
  QrCode matrix;
  int quiet_zone_modules = 4;
  // The module side for vector output: the largest that fits the box.
  double module_mm() const { return std::min(box.width, box.height) / (matrix.size + 2 * quiet_zone_modules); }
};

struct LogoBlock {
  RectMm box;  // where the logo is drawn, its aspect ratio kept
  std::shared_ptr<const detail::LogoImage> image;
};

// One laid-out badge. Copies share the shaped text, which is immutable, and
// layouts from the same Typesetter share the texts that repeat (event name,
// category labels...): draw the layouts of one Typesetter from one thread at
// a time (Pango layouts are not thread-safe).
struct BadgeLayout {
  std::string template_id;
  double width_mm = 0;
  double height_mm = 0;
  std::string language;  // the badge's language
  std::string who;       // the attendee, for messages
  std::optional<BandBlock> band;
  std::vector<TextBox> texts;  // in drawing order; the band's label, when any, first
  std::optional<QrBlock> qr;
  std::optional<LogoBlock> logo;
  // Problems the caller must show to a person even though the badge can be
  // printed: characters no font draws, left out; a template without a token
  // to print.
  std::vector<std::string> warnings;

  std::shared_ptr<const detail::ShapedText> shaped;

  // The first box printing `field`, or nullptr.
  const TextBox* text(Field field) const;
};

struct LayoutOptions {
  // A name, organisation or other text with characters no installed font can
  // draw (an emoji, a script without a font) prints without them, never as
  // boxes, and each such text is listed in BadgeLayout::warnings: a person at
  // the door is never refused a badge for them. When true, such a badge is an
  // error instead (for a batch that can still be corrected before printing).
  bool refuse_missing_glyphs = false;
};

}  // namespace accueil::render
