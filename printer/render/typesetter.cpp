#include "printer/render/typesetter.hpp"

#include <fontconfig/fontconfig.h>
#include <pango/pangofc-fontmap.h>

#include <algorithm>
#include <cmath>
#include <map>
#include <unordered_map>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/render/drawable_text.hpp"
#include "printer/render/internal.hpp"
#include "printer/render/pango_text.hpp"
#include "shared/text/text.hpp"

namespace accueil::render {

using detail::GRef;

namespace {

constexpr double k_size_step_pt = 0.25;  // the fit tries font sizes on this grid
constexpr double k_fit_tolerance_pt = 0.01;
// Every line is 1.3 em high whatever its script: Noto Sans Arabic's own line
// box is 2.2 em, which would make Arabic names much smaller than Latin ones
// in the same box. Tall marks that poke out of the line box still count, as
// the fit measures ink as well.
// (line_height_em, in badge_template.hpp: the template checks use it too.)

std::string xml_escape(std::string_view s) {
  std::string out;
  for (char c : s) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      default: out += c;
    }
  }
  return out;
}

// Our own fontconfig configuration: the font directories and nothing else
// (no /etc/fonts rules, no user fonts), so that the same text gets the same
// fonts on every machine. The caches are the system's (built when the font
// packages were installed), else the user's.
std::string fontconfig_xml(const FontSetup& setup) {
  std::string xml =
      "<?xml version=\"1.0\"?>\n<!DOCTYPE fontconfig SYSTEM \"urn:fontconfig:fonts.dtd\">\n<fontconfig>\n";
  for (const auto& dir : setup.font_dirs) xml += "  <dir>" + xml_escape(dir.string()) + "</dir>\n";
  xml +=
      "  <cachedir>/var/cache/fontconfig</cachedir>\n"
      "  <cachedir prefix=\"xdg\">fontconfig</cachedir>\n"
      "</fontconfig>\n";
  return xml;
}

// The font families for a text: the template's family first, then the Noto
// family of each script that family lacks. fontconfig would find a font for
// these scripts on its own, but not always the same one (Kufi rather than
// Naskh-style Arabic, the Japanese rather than the Korean CJK face).
std::string family_list(std::string_view family, std::string_view language) {
  std::string_view cjk = "Noto Sans CJK JP";
  if (language == "ko") cjk = "Noto Sans CJK KR";
  else if (language == "zh") cjk = "Noto Sans CJK SC";
  return fmt::format("{},Noto Sans,Noto Sans Arabic,Noto Sans Hebrew,Noto Sans Armenian,Noto Sans Georgian,{}",
                     family, cjk);
}

// Text as printed on one line of a badge: control characters (tabs, line
// breaks from a spreadsheet cell) become spaces, runs of spaces one space.
// Noncharacters (U+FDD0..U+FDEF, U+xxFFFE, U+xxFFFF) are left out and listed
// in `rejected`: Cairo refuses them, and one would break a whole PDF.
// `text` is valid UTF-8.
std::string clean_text(std::string_view text, std::vector<char32_t>& rejected) {
  std::string out;
  bool space = false;
  std::string_view rest = trim(text);
  for (std::size_t i = 0; i < rest.size();) {
    auto lead = static_cast<unsigned char>(rest[i]);
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1Fu : len == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (std::size_t k = 1; k < len; ++k) cp = (cp << 6) | (static_cast<unsigned char>(rest[i + k]) & 0x3Fu);
    std::string_view bytes = rest.substr(i, len);
    i += len;
    bool is_space = cp <= 0x20 || cp == 0x7F || (cp >= 0x80 && cp <= 0x9F);
    if (is_space) {
      space = true;
      continue;
    }
    if (space && !out.empty()) out += ' ';
    space = false;
    if ((cp >= 0xFDD0 && cp <= 0xFDEF) || (cp & 0xFFFEu) == 0xFFFEu) {
      if (std::ranges::find(rejected, cp) == rejected.end()) rejected.push_back(cp);
      continue;
    }
    out += bytes;
  }
  return out;
}

// Calls `f` with each code point of `text` (valid UTF-8).
template <class F>
void for_each_code_point(std::string_view text, F f) {
  for (std::size_t i = 0; i < text.size();) {
    auto lead = static_cast<unsigned char>(text[i]);
    std::size_t len = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    char32_t cp = len == 1 ? lead : len == 2 ? lead & 0x1Fu : len == 3 ? lead & 0x0Fu : lead & 0x07u;
    for (std::size_t k = 1; k < len && i + k < text.size(); ++k)
      cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    i += len;
    f(cp);
  }
}

// The union of the ink and logical rectangles: everything the text touches.
PangoRectangle text_extent(PangoLayout* layout) {
  PangoRectangle ink, logical;
  pango_layout_get_extents(layout, &ink, &logical);
  if (ink.width <= 0 || ink.height <= 0) return logical;
  int x0 = std::min(ink.x, logical.x);
  int y0 = std::min(ink.y, logical.y);
  int x1 = std::max(ink.x + ink.width, logical.x + logical.width);
  int y1 = std::max(ink.y + ink.height, logical.y + logical.height);
  return {x0, y0, x1 - x0, y1 - y0};
}

// What a text box asks of the fit, in points.
struct BoxRequest {
  std::string text;
  std::string family;  // the family list
  std::string language;
  bool bold = false;
  Align align = Align::centre;
  double width_pt = 0;
  double height_pt = 0;
  double size_pt = 12;
  double min_size_pt = 8;
  int max_lines = 1;
};

enum class Mode { lines, ellipsize };

struct Attempt {
  GRef<PangoLayout> layout;
  double size_pt = 0;  // as asked: Pango keeps the size in whole 1/1024 pt
  PangoRectangle extent{};
  int lines = 0;
  bool fits = false;
};

}  // namespace

std::string_view to_string(Fit fit) {
  switch (fit) {
    case Fit::natural: return "natural";
    case Fit::shrunk: return "shrunk";
    case Fit::wrapped: return "wrapped";
    case Fit::broken: return "broken";
    case Fit::ellipsized: return "ellipsized";
  }
  return "natural";
}

const TextBox* BadgeLayout::text(Field field) const {
  for (const TextBox& t : texts)
    if (t.field == field && !t.on_band) return &t;
  for (const TextBox& t : texts)
    if (t.field == field) return &t;
  return nullptr;
}

struct Typesetter::Impl {
  FcConfig* config = nullptr;
  GRef<PangoFontMap> font_map;
  GRef<PangoContext> context;
  std::map<std::string, std::shared_ptr<const detail::LogoImage>> logos;
  std::unordered_map<char32_t, bool> drawable;  // undrawable_characters(): each character met, and whether a font draws it

  ~Impl() {
    // The font map holds a reference to the configuration; drop ours last.
    context = GRef<PangoContext>();
    font_map = GRef<PangoFontMap>();
    if (config) FcConfigDestroy(config);
  }

  Attempt attempt(const BoxRequest& r, double size_pt, int max_lines, Mode mode) const {
    Attempt a;
    a.size_pt = size_pt;
    a.layout = GRef<PangoLayout>(pango_layout_new(context.get()));
    PangoLayout* l = a.layout.get();
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, r.family.c_str());
    pango_font_description_set_weight(desc, r.bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    // Absolute size: with the context at 72 dpi one Pango unit is 1/1024 pt.
    pango_font_description_set_absolute_size(desc, size_pt * PANGO_SCALE);
    pango_layout_set_font_description(l, desc);
    pango_font_description_free(desc);
    PangoAttrList* attrs = pango_attr_list_new();
    pango_attr_list_insert(attrs, pango_attr_language_new(pango_language_from_string(r.language.c_str())));
    pango_attr_list_insert(attrs, pango_attr_line_height_new_absolute(static_cast<int>(std::lround(size_pt * line_height_em * PANGO_SCALE))));
    pango_layout_set_attributes(l, attrs);
    pango_attr_list_unref(attrs);
    pango_layout_set_single_paragraph_mode(l, TRUE);
    pango_layout_set_auto_dir(l, TRUE);
    pango_layout_set_alignment(l, r.align == Align::start ? PANGO_ALIGN_LEFT
                                  : r.align == Align::end ? PANGO_ALIGN_RIGHT
                                                          : PANGO_ALIGN_CENTER);
    pango_layout_set_width(l, static_cast<int>(std::floor(r.width_pt * PANGO_SCALE)));
    if (mode == Mode::ellipsize) {
      // Breaking inside a word is allowed here so that a word longer than the
      // box ends on a line that gets the ellipsis rather than overflowing.
      pango_layout_set_wrap(l, PANGO_WRAP_WORD_CHAR);
      pango_layout_set_ellipsize(l, PANGO_ELLIPSIZE_END);
      pango_layout_set_height(l, -max_lines);  // negative: at most that many lines
    } else {
      pango_layout_set_wrap(l, PANGO_WRAP_WORD);
    }
    pango_layout_set_text(l, r.text.c_str(), static_cast<int>(r.text.size()));
    a.extent = text_extent(l);
    a.lines = pango_layout_get_line_count(l);
    const double tolerance = k_fit_tolerance_pt * PANGO_SCALE;
    a.fits = a.lines <= max_lines && a.extent.width <= r.width_pt * PANGO_SCALE + tolerance &&
             a.extent.height <= r.height_pt * PANGO_SCALE + tolerance;
    return a;
  }

  // The candidate sizes, largest first: size_pt, then the multiples of the
  // step below it, then min_size_pt.
  static std::vector<double> sizes(const BoxRequest& r) {
    std::vector<double> out{r.size_pt};
    double s = std::floor(r.size_pt / k_size_step_pt) * k_size_step_pt;
    if (s >= r.size_pt) s -= k_size_step_pt;
    for (; s > r.min_size_pt + 1e-9; s -= k_size_step_pt) out.push_back(s);
    if (out.back() > r.min_size_pt + 1e-9) out.push_back(r.min_size_pt);
    return out;
  }

  // The largest size in `sizes` for which attempt() fits, knowing that
  // sizes[fits_at] fits and sizes[fails_at] does not (fails_at < fits_at).
  Attempt search(const BoxRequest& r, const std::vector<double>& sizes, std::size_t fails_at, std::size_t fits_at,
                 Attempt fitting, int lines) const {
    while (fits_at - fails_at > 1) {
      std::size_t mid = fails_at + (fits_at - fails_at) / 2;
      Attempt a = attempt(r, sizes[mid], lines, Mode::lines);
      if (a.fits) {
        fits_at = mid;
        fitting = std::move(a);
      } else {
        fails_at = mid;
      }
    }
    return fitting;
  }

  struct Fitted {
    Attempt attempt;
    double size_pt = 0;
    Fit fit = Fit::natural;
    std::string text;               // what prints: the request's text without `missing`
    std::vector<char32_t> missing;  // characters no font draws, left out
  };

  Fitted fit(const BoxRequest& request) const {
    BoxRequest r = request;
    const std::vector<double> candidates = sizes(r);
    const std::size_t last = candidates.size() - 1;
    Fitted out;
    Attempt first = attempt(r, candidates[0], 1, Mode::lines);
    // Characters no font draws would print as boxes: they are left out, and
    // the text fitted without them. Leaving some out can leave others alone
    // (a joiner between two emoji): a few rounds.
    for (int round = 0; round < 4; ++round) {
      std::vector<char32_t> more = unknown_characters(first.layout.get());
      if (more.empty()) break;
      for (char32_t cp : more)
        if (std::ranges::find(out.missing, cp) == out.missing.end()) out.missing.push_back(cp);
      r.text = without_characters(r.text, out.missing);
      first = attempt(r, candidates[0], 1, Mode::lines);
    }
    out.text = r.text;
    if (first.fits) {
      out.size_pt = first.size_pt;
      out.attempt = std::move(first);
      return out;
    }

    // 1. One line, shrinking: the text's width scales with its size, so the
    // natural width at the largest size says roughly where to look.
    pango_layout_set_width(first.layout.get(), -1);
    PangoRectangle natural = text_extent(first.layout.get());
    double ratio = std::min(r.width_pt * PANGO_SCALE / std::max(natural.width, 1),
                            r.height_pt * PANGO_SCALE / std::max(natural.height, 1));
    double estimate = candidates[0] * ratio;
    std::size_t guess = 0;
    while (guess < last && candidates[guess] > estimate) ++guess;
    Attempt at_guess = attempt(r, candidates[guess], 1, Mode::lines);
    if (at_guess.fits) {
      // The estimate is usually right or a step low: walk up a few steps,
      // then search the rest.
      std::size_t fits_at = guess;
      bool failed_above = false;
      for (int step = 0; step < 3 && fits_at > 1 && !failed_above; ++step) {
        Attempt up = attempt(r, candidates[fits_at - 1], 1, Mode::lines);
        if (up.fits) {
          --fits_at;
          at_guess = std::move(up);
        } else {
          failed_above = true;
        }
      }
      if (!failed_above && fits_at > 1) at_guess = search(r, candidates, 0, fits_at, std::move(at_guess), 1);
      out.size_pt = at_guess.size_pt;
      out.fit = Fit::shrunk;
      out.attempt = std::move(at_guess);
      return out;
    }
    if (guess < last) {
      Attempt at_min = attempt(r, candidates[last], 1, Mode::lines);
      if (at_min.fits) {
        Attempt best = search(r, candidates, guess, last, std::move(at_min), 1);
        out.size_pt = best.size_pt;
        out.fit = Fit::shrunk;
        out.attempt = std::move(best);
        return out;
      }
    }

    // 2. Wrapped on up to max_lines lines, at the largest size that fits.
    if (r.max_lines > 1) {
      Attempt at_min = attempt(r, candidates[last], r.max_lines, Mode::lines);
      if (at_min.fits) {
        Attempt at_max = attempt(r, candidates[0], r.max_lines, Mode::lines);
        Attempt best = at_max.fits ? std::move(at_max)
                                   : search(r, candidates, 0, last, std::move(at_min), r.max_lines);
        out.size_pt = best.size_pt;
        out.fit = Fit::wrapped;
        out.attempt = std::move(best);
        return out;
      }
    }

    // 3. At the minimum size, breaking inside words that are wider than the
    // box, and ellipsized on the last line that fits the box.
    int lines = r.max_lines;
    Attempt cut = attempt(r, candidates[last], lines, Mode::ellipsize);
    while (!cut.fits && lines > 1) {
      --lines;
      cut = attempt(r, candidates[last], lines, Mode::ellipsize);
    }
    out.size_pt = cut.size_pt;
    // Breaking inside a long word may have been enough.
    out.fit = pango_layout_is_ellipsized(cut.layout.get()) ? Fit::ellipsized : Fit::broken;
    out.attempt = std::move(cut);
    return out;
  }

  // Fitted texts by everything the fit depends on. The event's name and
  // dates, category labels and country names come back on badge after
  // badge; their layouts are immutable once fitted, so badges share them.
  std::unordered_map<std::string, Fitted> fitted_cache;
  static constexpr std::size_t k_cache_entries = 512;

  const Fitted& fit_cached(const BoxRequest& r) {
    std::string key = fmt::format("{}\x1f{}\x1f{}\x1f{}\x1f{}\x1f{:.4f}\x1f{:.4f}\x1f{:.4f}\x1f{:.4f}\x1f{}", r.text, r.family,
                                  r.language, r.bold, static_cast<int>(r.align), r.width_pt, r.height_pt, r.size_pt,
                                  r.min_size_pt, r.max_lines);
    if (auto it = fitted_cache.find(key); it != fitted_cache.end()) return it->second;
    if (fitted_cache.size() >= k_cache_entries) fitted_cache.clear();  // names rarely repeat: start afresh
    return fitted_cache.emplace(std::move(key), fit(r)).first->second;
  }

  Result<std::shared_ptr<const detail::LogoImage>> logo(const std::filesystem::path& file, LogoFormat format) {
    std::string key = file.string();
    if (auto it = logos.find(key); it != logos.end()) return it->second;
    auto image = std::make_shared<detail::LogoImage>();
    image->file = key;
    if (format == LogoFormat::png) {
      detail::SurfacePtr png(cairo_image_surface_create_from_png(key.c_str()));
      if (cairo_surface_status(png.get()) != CAIRO_STATUS_SUCCESS)
        return fail(fmt::format("cannot read the logo {}: {}", file, cairo_status_to_string(cairo_surface_status(png.get()))));
      image->width = cairo_image_surface_get_width(png.get());
      image->height = cairo_image_surface_get_height(png.get());
      image->image = std::move(png);
    } else {
      GError* error = nullptr;
      GRef<RsvgHandle> svg(rsvg_handle_new_from_file(key.c_str(), &error));
      if (!svg) {
        std::string why = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return fail(fmt::format("cannot read the logo {}: {}", file, why));
      }
      gdouble w = 0, h = 0;
      if (!rsvg_handle_get_intrinsic_size_in_pixels(svg.get(), &w, &h)) {
        // No width and height: the viewBox gives the aspect ratio.
        gboolean has_w, has_h, has_box;
        RsvgLength lw, lh;
        RsvgRectangle box;
        rsvg_handle_get_intrinsic_dimensions(svg.get(), &has_w, &lw, &has_h, &lh, &has_box, &box);
        if (!has_box) return fail(fmt::format("the logo {} has neither a size nor a viewBox", file));
        w = box.width;
        h = box.height;
      }
      if (w <= 0 || h <= 0) return fail(fmt::format("the logo {} has no area", file));
      cairo_rectangle_t extents{0, 0, w, h};
      detail::SurfacePtr recording(cairo_recording_surface_create(CAIRO_CONTENT_COLOR_ALPHA, &extents));
      detail::CairoPtr cr(cairo_create(recording.get()));
      RsvgRectangle viewport{0, 0, w, h};
      if (!rsvg_handle_render_document(svg.get(), cr.get(), &viewport, &error)) {
        std::string why = error ? error->message : "unknown error";
        if (error) g_error_free(error);
        return fail(fmt::format("cannot draw the logo {}: {}", file, why));
      }
      if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
        return fail(fmt::format("cannot draw the logo {}: {}", file, cairo_status_to_string(cairo_status(cr.get()))));
      image->width = w;
      image->height = h;
      image->image = std::move(recording);
    }
    if (image->width <= 0 || image->height <= 0) return fail(fmt::format("the logo {} has no area", file));
    std::shared_ptr<const detail::LogoImage> shared = image;
    logos.emplace(key, shared);
    return shared;
  }
};

Typesetter::Typesetter(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}
Typesetter::Typesetter(Typesetter&&) noexcept = default;
Typesetter& Typesetter::operator=(Typesetter&&) noexcept = default;
Typesetter::~Typesetter() = default;

Result<Typesetter> Typesetter::create(const FontSetup& setup) {
  auto impl = std::make_unique<Impl>();
  if (setup.use_system_fonts) {
    impl->config = FcInitLoadConfigAndFonts();
    if (!impl->config) return fail("fontconfig could not load the system's configuration (/etc/fonts/fonts.conf)");
  } else {
    if (setup.font_dirs.empty()) return fail("no font directory given to the badge typesetter");
    impl->config = FcConfigCreate();
    std::string xml = fontconfig_xml(setup);
    if (!FcConfigParseAndLoadFromMemory(impl->config, reinterpret_cast<const FcChar8*>(xml.c_str()), FcTrue))
      return fail("fontconfig rejected the badge typesetter's configuration:\n" + xml);
    if (!FcConfigBuildFonts(impl->config)) return fail("fontconfig could not read the font directories (out of memory?)");
  }
  FcFontSet* fonts = FcConfigGetFonts(impl->config, FcSetSystem);
  if (!fonts || fonts->nfont == 0) {
    std::string dirs;
    for (const auto& d : setup.font_dirs) dirs += (dirs.empty() ? "" : ", ") + d.string();
    return fail(fmt::format("no font found in {}: install fonts-noto-core, fonts-noto-ui-core and fonts-noto-cjk "
                            "(deploy/setup.sh build)", setup.use_system_fonts ? "the system's font directories" : dirs));
  }

  impl->font_map = GRef<PangoFontMap>(pango_cairo_font_map_new_for_font_type(CAIRO_FONT_TYPE_FT));
  if (!impl->font_map) return fail("Pango could not create a FreeType font map");
  pango_fc_font_map_set_config(PANGO_FC_FONT_MAP(impl->font_map.get()), impl->config);
  impl->context = GRef<PangoContext>(pango_font_map_create_context(impl->font_map.get()));
  // 72 dpi: one point of font size is one unit of user space, and user space
  // is PDF points. No hinting and unrounded glyph positions: the layout is
  // the same whatever the output's resolution, so one layout serves the PDF,
  // the preview and the printer bitmaps.
  pango_cairo_context_set_resolution(impl->context.get(), 72.0);
  cairo_font_options_t* options = cairo_font_options_create();
  cairo_font_options_set_hint_style(options, CAIRO_HINT_STYLE_NONE);
  cairo_font_options_set_hint_metrics(options, CAIRO_HINT_METRICS_OFF);
  cairo_font_options_set_antialias(options, CAIRO_ANTIALIAS_GRAY);
  pango_cairo_context_set_font_options(impl->context.get(), options);
  cairo_font_options_destroy(options);
  pango_context_set_round_glyph_positions(impl->context.get(), FALSE);
  return Typesetter(std::move(impl));
}

_PangoContext* Typesetter::pango_context() const { return m_impl->context.get(); }

std::string Typesetter::font_families(std::string_view family, std::string_view language) {
  return family_list(family, language);
}

std::string Typesetter::font_file_for(std::string_view text, std::string_view family, std::string_view language) {
  BoxRequest r;
  r.text = std::string(text);
  r.family = family_list(family, language);
  r.language = std::string(language);
  r.width_pt = 10000;
  r.height_pt = 10000;
  Attempt a = m_impl->attempt(r, 12, 1, Mode::lines);
  std::string file;
  PangoLayoutIter* it = pango_layout_get_iter(a.layout.get());
  if (PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it)) {
    if (PangoFcFont* font = PANGO_IS_FC_FONT(run->item->analysis.font) ? PANGO_FC_FONT(run->item->analysis.font) : nullptr) {
      FcPattern* pattern = pango_fc_font_get_pattern(font);  // owned by the font
      FcChar8* path = nullptr;
      if (pattern && FcPatternGetString(pattern, FC_FILE, 0, &path) == FcResultMatch) file = reinterpret_cast<const char*>(path);
    }
  }
  pango_layout_iter_free(it);
  return file;
}

std::vector<char32_t> Typesetter::undrawable_characters(std::string_view text, std::string_view language) {
  if (!is_valid_utf8(text)) return {};
  BoxRequest r;
  std::vector<char32_t> out;
  r.text = clean_text(text, out);
  // Known characters first: ASCII and every character met before.
  std::vector<char32_t> unknown;
  for_each_code_point(r.text, [&](char32_t cp) {
    if (cp < 0x80) return;
    auto it = m_impl->drawable.find(cp);
    if (it == m_impl->drawable.end()) {
      if (std::ranges::find(unknown, cp) == unknown.end()) unknown.push_back(cp);
    } else if (!it->second && std::ranges::find(out, cp) == out.end()) {
      out.push_back(cp);
    }
  });
  if (unknown.empty()) return out;
  r.language = std::string(language);
  r.family = family_list("Noto Sans", r.language);
  r.width_pt = 10000;
  r.height_pt = 10000;
  r.size_pt = 12;
  r.min_size_pt = 12;
  const std::vector<char32_t> missing = m_impl->fit(r).missing;
  for (char32_t cp : unknown) m_impl->drawable[cp] = std::ranges::find(missing, cp) == missing.end();
  for (char32_t cp : missing)
    if (std::ranges::find(out, cp) == out.end()) out.push_back(cp);
  return out;
}

std::vector<UndrawableText> undrawable_texts(Typesetter& typesetter, const Attendee& attendee) {
  std::vector<UndrawableText> out;
  const std::pair<const char*, const std::string*> texts[] = {
      {"first_name", &attendee.first_name},       {"last_name", &attendee.last_name},
      {"first_name_latin", &attendee.first_name_latin}, {"last_name_latin", &attendee.last_name_latin},
      {"organisation", &attendee.organisation},   {"function", &attendee.function}};
  for (const auto& [field, text] : texts) {
    std::vector<char32_t> missing = typesetter.undrawable_characters(*text, attendee.language);
    if (missing.empty()) continue;
    std::vector<char32_t> ignored;
    out.push_back({field, *text, without_characters(clean_text(*text, ignored), missing), std::move(missing)});
  }
  return out;
}

Result<BadgeLayout> Typesetter::layout(const BadgeTemplate& badge, const BadgeContent& content,
                                       const LayoutOptions& options) {
  BadgeLayout out;
  out.template_id = badge.id;
  out.width_mm = badge.width_mm;
  out.height_mm = badge.height_mm;
  out.language = content.language;
  out.who = content.who;
  auto shaped = std::make_shared<detail::ShapedText>();
  std::vector<std::string> missing_glyph_problems;

  auto add_text = [&](const TextSpec& spec, bool on_band, const Rgb& colour) -> Status {
    TextBox box;
    box.field = spec.field;
    box.box = spec.box;
    box.min_size_pt = spec.min_size_pt;
    box.max_size_pt = spec.size_pt;
    box.max_lines = spec.max_lines;
    box.on_band = on_band;
    std::string raw = content.text(spec.field);
    if (!is_valid_utf8(raw))
      return fail(fmt::format("cannot lay out the badge of {}: its {} is not valid UTF-8 text", content.who, to_string(spec.field)));
    std::vector<char32_t> rejected;
    box.text = clean_text(raw, rejected);
    detail::ShapedText::Item item;
    item.colour = colour;
    if (box.text.empty()) {
      box.extent = {spec.box.x, spec.box.y, 0, 0};
      box.size_pt = spec.size_pt;
    } else {
      bool is_name = spec.field == Field::first_name || spec.field == Field::last_name || spec.field == Field::full_name;
      BoxRequest r;
      r.text = box.text;
      r.language = is_name && !content.name_language.empty() ? content.name_language : content.language;
      r.family = family_list(badge.font, r.language);
      r.bold = spec.bold;
      r.align = spec.align;
      r.width_pt = spec.box.width * pt_per_mm;
      r.height_pt = spec.box.height * pt_per_mm;
      r.size_pt = spec.size_pt;
      r.min_size_pt = spec.min_size_pt;
      r.max_lines = spec.max_lines;
      const Impl::Fitted& fitted = m_impl->fit_cached(r);
      box.text = fitted.text;
      PangoLayout* l = fitted.attempt.layout.get();
      const PangoRectangle& e = fitted.attempt.extent;
      box.size_pt = fitted.size_pt;
      box.fit = fitted.fit;
      box.line_count = pango_layout_get_line_count(l);
      box.missing_characters = std::move(rejected);
      for (char32_t cp : fitted.missing)
        if (std::ranges::find(box.missing_characters, cp) == box.missing_characters.end()) box.missing_characters.push_back(cp);
      // Place the text's extent in the box: shifted sideways only if its ink
      // pokes out of the line box, vertically as the template says.
      double ex = e.x / static_cast<double>(PANGO_SCALE), ey = e.y / static_cast<double>(PANGO_SCALE);
      double ew = e.width / static_cast<double>(PANGO_SCALE), eh = e.height / static_cast<double>(PANGO_SCALE);
      double dx = 0;
      if (ex < 0) dx = -ex;
      else if (ex + ew > r.width_pt) dx = std::max(r.width_pt - (ex + ew), -ex);
      double free_pt = r.height_pt - eh;
      double dy = spec.valign == VAlign::top ? 0 : spec.valign == VAlign::bottom ? free_pt : free_pt / 2;
      item.x_pt = spec.box.x * pt_per_mm + dx;
      item.y_pt = spec.box.y * pt_per_mm + dy - ey;
      box.extent = {(item.x_pt + ex) / pt_per_mm, (item.y_pt + ey) / pt_per_mm, ew / pt_per_mm, eh / pt_per_mm};
      item.layout = fitted.attempt.layout;
      if (box.missing_glyphs() > 0)
        missing_glyph_problems.push_back(fmt::format("its {} \"{}\" has {} character{} no badge font can draw ({}), "
                                                     "printed as \"{}\"",
                                                     to_string(spec.field), r.text, box.missing_glyphs(),
                                                     box.missing_glyphs() > 1 ? "s" : "", code_points(box.missing_characters),
                                                     box.text));
      if (box.overflows())
        out.warnings.push_back(fmt::format("the {} \"{}\" does not fit its {:.1f} x {:.1f} mm box even at {} pt on one line: "
                                           "template {} needs a taller box",
                                           to_string(spec.field), box.text, spec.box.width, spec.box.height,
                                           spec.min_size_pt, badge.id));
    }
    out.texts.push_back(std::move(box));
    shaped->items.push_back(std::move(item));
    return {};
  };

  if (badge.band) {
    out.band = BandBlock{badge.band->box, content.category_colour};
    TextSpec label;
    label.field = Field::category;
    double pad = badge.band->padding_mm;
    label.box = {badge.band->box.x + pad, badge.band->box.y + pad, badge.band->box.width - 2 * pad,
                 badge.band->box.height - 2 * pad};
    label.size_pt = badge.band->size_pt;
    label.min_size_pt = badge.band->min_size_pt;
    label.bold = badge.band->bold;
    // Black or white, whichever contrasts more with the band.
    Rgb ink = content.category_colour.luminance() < 0.6 ? Rgb{1, 1, 1} : Rgb{0, 0, 0};
    if (auto s = add_text(label, true, ink); !s) return std::unexpected(s.error());
  }
  for (const TextSpec& spec : badge.texts)
    if (auto s = add_text(spec, false, spec.colour); !s) return std::unexpected(s.error());

  if (!missing_glyph_problems.empty()) {
    std::string problems;
    for (const auto& p : missing_glyph_problems) problems += (problems.empty() ? "" : "; ") + p;
    if (options.refuse_missing_glyphs)
      return fail(fmt::format("cannot print the badge of {}: {}. Correct the text, or install a font that covers "
                              "them (deploy/setup.sh)", content.who, problems));
    out.warnings.push_back(fmt::format("the badge of {} leaves out what no font can draw: {}", content.who, problems));
  }

  if (badge.qr) {
    if (content.token.empty()) {
      out.warnings.push_back(fmt::format("the badge of {} has no QR code: the attendee has no ticket token", content.who));
    } else {
      auto matrix = encode_qr(content.token, badge.qr->ecc);
      if (!matrix) return fail(fmt::format("cannot print the badge of {}: {}", content.who, matrix.error().message));
      QrBlock qr{badge.qr->box, std::move(*matrix), badge.qr->quiet_zone_modules};
      // 0.25 mm is two dots at 203 dpi, the smallest module a thermal printer
      // prints reliably enough for a phone or a kiosk scanner.
      constexpr double min_module_mm = 0.25;
      if (qr.module_mm() < min_module_mm)
        return fail(fmt::format("cannot print the badge of {}: its {}-character token needs a QR code of {} modules "
                                "(version {}) plus the quiet zone; template {}'s {:.1f} mm box makes {:.2f} mm modules, "
                                "below the {} mm scanners read reliably. Enlarge qr.box_mm or lower qr.ecc",
                                content.who, content.token.size(), qr.matrix.size, qr.matrix.version, badge.id,
                                std::min(qr.box.width, qr.box.height), qr.module_mm(), min_module_mm));
      out.qr = std::move(qr);
    }
  }

  if (badge.logo) {
    auto image = m_impl->logo(badge.logo->file, badge.logo->format);
    if (!image) return fail(fmt::format("badge template {}: {}", badge.id, image.error().message));
    const RectMm& b = badge.logo->box;
    double scale = std::min(b.width / (*image)->width, b.height / (*image)->height);
    double w = (*image)->width * scale, h = (*image)->height * scale;
    out.logo = LogoBlock{{b.x + (b.width - w) / 2, b.y + (b.height - h) / 2, w, h}, *image};
  }

  out.shaped = std::move(shaped);
  return out;
}

}  // namespace accueil::render
