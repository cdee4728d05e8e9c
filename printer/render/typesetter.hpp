// The typesetter: fonts (fontconfig), shaping (Pango, HarfBuzz) and the fit of
// each text in its box. One per thread; it is expensive to create (about 20
// to 40 ms to read the font caches) and cheap to reuse.
#pragma once

#include <filesystem>
#include <memory>
#include <vector>

#include "printer/render/badge_content.hpp"
#include "printer/render/badge_layout.hpp"
#include "printer/render/badge_template.hpp"
#include "shared/base/error.hpp"

struct _PangoContext;  // PangoContext, for documents set with Pango directly

namespace accueil::render {

struct FontSetup {
  // Fonts come from these directories only, through a fontconfig
  // configuration of our own: badges look the same on every kiosk whatever
  // else is installed. The default is Debian's Noto fonts (fonts-noto-core,
  // fonts-noto-ui-core, fonts-noto-cjk).
  std::vector<std::filesystem::path> font_dirs = {"/usr/share/fonts/truetype/noto",
                                                  "/usr/share/fonts/opentype/noto"};
  // Use the machine's fontconfig configuration (every installed font and the
  // local rules) instead of font_dirs.
  bool use_system_fonts = false;
};

class Typesetter {
public:
  // Fails when fontconfig cannot read the configuration or finds no font.
  static Result<Typesetter> create(const FontSetup& setup = {});

  Typesetter(Typesetter&&) noexcept;
  Typesetter& operator=(Typesetter&&) noexcept;
  ~Typesetter();

  // Lays out one badge: fits every text in its box, encodes the QR code,
  // loads the logo. Characters no font can draw are left out of the text that
  // prints and named in the layout's warnings (see LayoutOptions). Fails when
  // a text is not valid UTF-8, the token does not fit in a QR code, or the
  // logo cannot be read.
  Result<BadgeLayout> layout(const BadgeTemplate& badge, const BadgeContent& content,
                             const LayoutOptions& options = {});

  // The characters of `text` no font of this typesetter can draw, as
  // layout() finds them in a text box (and leaves them out); noncharacters
  // included. For checking names before their badges print (accueilctl
  // import). `language` is the text's language (it picks among CJK fonts).
  // Each character met is remembered: a list of 100,000 names costs a few
  // hundred layouts, not 600,000.
  std::vector<char32_t> undrawable_characters(std::string_view text, std::string_view language = {});

  // The file of the font used for the first character of `text` set in the
  // template font family `family` (for diagnostics and tests).
  std::string font_file_for(std::string_view text, std::string_view family, std::string_view language);

  // For documents set with Pango directly (the after-event report): the
  // typesetter's context (its fonts, 72 dpi so that a point is a unit, no
  // hinting), owned by the typesetter; and the family list that sets `family`
  // with the Noto family of each script it lacks, as badges do.
  _PangoContext* pango_context() const;
  static std::string font_families(std::string_view family, std::string_view language);

private:
  struct Impl;
  explicit Typesetter(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

// A text an attendee's badge prints with characters no font can draw.
struct UndrawableText {
  std::string field;    // "first_name", "last_name", "first_name_latin", "last_name_latin", "organisation", "function"
  std::string text;     // as registered
  std::string printed;  // as the badge prints it: without `characters`
  std::vector<char32_t> characters;
};

// The texts of `attendee` that badges print (names, Latin names,
// organisation, function) with characters no font of `typesetter` draws: for
// the import to warn about before anyone comes to the door.
std::vector<UndrawableText> undrawable_texts(Typesetter& typesetter, const Attendee& attendee);

}  // namespace accueil::render
