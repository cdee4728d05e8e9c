// Badge templates: where each element of a badge goes, in millimetres from the
// badge's top-left corner. Templates are TOML files (assets/badges/*.toml, the
// format is documented in assets/badges/README.md); this is their parsed form,
// plain data with no font or Cairo dependency.
#pragma once

#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/base/qr.hpp"

namespace accueil::render {

inline constexpr double mm_per_inch = 25.4;
inline constexpr double pt_per_mm = 72.0 / mm_per_inch;  // PDF points (1/72 inch) per millimetre
inline constexpr double line_height_em = 1.3;  // a text line's height, in ems of its font size (the typesetter sets lines so)

// A rectangle in millimetres; y grows downwards.
struct RectMm {
  double x = 0;
  double y = 0;
  double width = 0;
  double height = 0;

  double right() const { return x + width; }
  double bottom() const { return y + height; }
  // Whether `inner` lies inside this rectangle, allowing `tolerance_mm` on each side.
  bool contains(const RectMm& inner, double tolerance_mm = 0.0) const {
    return inner.x >= x - tolerance_mm && inner.y >= y - tolerance_mm &&
           inner.right() <= right() + tolerance_mm && inner.bottom() <= bottom() + tolerance_mm;
  }
  friend bool operator==(const RectMm&, const RectMm&) = default;
};

// An sRGB colour, each channel 0..1.
struct Rgb {
  double r = 0;
  double g = 0;
  double b = 0;

  // Relative luminance (Rec. 601 weights), 0 black .. 1 white.
  double luminance() const { return 0.299 * r + 0.587 * g + 0.114 * b; }
  friend bool operator==(const Rgb&, const Rgb&) = default;
};

// "#RRGGBB" -> colour; nullopt when the text is not such a colour.
std::optional<Rgb> parse_colour(std::string_view text);

// What a text box prints. Names are in the attendee's native script.
enum class Field {
  first_name,
  last_name,
  full_name,     // first and last name on one line
  latin_name,    // the Latin form of the name when the attendee has one; else the box stays empty
  organisation,
  function,      // "Maire de Dijon"
  country,       // the country's name in the badge's language
  category,      // the category's label in the badge's language
  event_name,
  event_dates,   // "3–4 décembre 2026", in the badge's language
  venue,
};
std::string_view to_string(Field field);
std::optional<Field> field_from_string(std::string_view text);

enum class Align { start, centre, end };      // horizontal; start is the left for left-to-right text, the right for Arabic
enum class VAlign { top, middle, bottom };

// One text box. The text is set at size_pt if it fits on one line; else it
// shrinks down to min_size_pt; else it wraps to max_lines lines at the largest
// size from size_pt down to min_size_pt that fits; else it is set at
// min_size_pt, a word wider than the box broken inside, and ellipsized ("…")
// on its last line if it is still too long. It never leaves its box.
struct TextSpec {
  Field field = Field::first_name;
  RectMm box;
  double size_pt = 12;
  double min_size_pt = 8;
  int max_lines = 1;  // 1..4
  bool bold = false;
  Align align = Align::centre;
  VAlign valign = VAlign::middle;
  Rgb colour;        // on a 1-bit printer every colour prints black
};

// The colour band: a rectangle filled with the category's colour, with the
// category's label set inside it (white or black, whichever reads better; on
// a 1-bit printer the band prints black and the label white).
struct BandSpec {
  RectMm box;
  double size_pt = 14;
  double min_size_pt = 8;
  double padding_mm = 1.5;  // between the band's edges and its label
  bool bold = true;
};


// The QR code holding the attendee's signed ticket token. The box includes the
// quiet zone; the code is square, as large as fits, centred in the box.
struct QrSpec {
  RectMm box;
  QrEcc ecc = QrEcc::medium;
  int quiet_zone_modules = 4;  // white modules around the code (ISO/IEC 18004 asks for 4)
};

// A logo's file format, decided once when the template is parsed (from the
// file's extension, in any case: "logo.Png" is a PNG).
enum class LogoFormat { svg, png };

// A logo (SVG or PNG), scaled to fit its box keeping its aspect ratio, centred.
struct LogoSpec {
  RectMm box;
  std::filesystem::path file;  // absolute, or relative to the template file when parsed from one
  LogoFormat format = LogoFormat::svg;
};

// A path's extension with its ASCII letters lower-cased: "logo.Png" -> ".png".
std::string lower_extension(const std::filesystem::path& path);

enum class Media {
  die_cut,     // pre-cut labels of exactly this size
  continuous,  // a roll of width_mm cut at height_mm by the printer
  sheet,       // cards or sheets printed on an office or card printer (A6, 4" x 6")
};
std::string_view to_string(Media media);

struct BadgeTemplate {
  std::string id;    // "label-62x100"
  std::string name;  // what staff see when choosing one
  Media media = Media::die_cut;
  double width_mm = 62;
  double height_mm = 100;
  std::string font = "Noto Sans";  // the family for Latin, Greek and Cyrillic; other scripts use the Noto family for them
  std::optional<BandSpec> band;
  std::vector<TextSpec> texts;
  std::optional<QrSpec> qr;
  std::optional<LogoSpec> logo;

  RectMm bounds() const { return {0, 0, width_mm, height_mm}; }
};

// Parses a template's TOML text. `origin` names it in error messages;
// relative logo paths are resolved against `base_dir`. Checks every box lies
// on the badge and every size is sensible, and says which key is wrong and why.
Result<BadgeTemplate> parse_template(std::string_view toml_text, std::string_view origin,
                                     const std::filesystem::path& base_dir);
Result<BadgeTemplate> load_template(const std::filesystem::path& path);


// The badge templates of one folder, by id: "label-62x100" is
// <dir>/label-62x100.toml. The one lookup every program uses: the id is
// checked here (a file name without .toml, nothing outside the folder), each
// template is read once and kept. Belongs to one thread.
class TemplateShelf {
public:
  explicit TemplateShelf(std::filesystem::path dir) : m_dir(std::move(dir)) {}

  // The template, or why there is none (with the ids the folder has).
  Result<const BadgeTemplate*> get(std::string_view id);
  const std::filesystem::path& dir() const { return m_dir; }

private:
  std::filesystem::path m_dir;
  std::map<std::string, BadgeTemplate, std::less<>> m_kept;
};

}  // namespace accueil::render
