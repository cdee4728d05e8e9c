#include "kiosk/app/shell/text_textures.hpp"

#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "printer/render/drawable_text.hpp"
#include "printer/render/pango_text.hpp"

namespace accueil::kiosk {

namespace {
constexpr std::size_t k_cache_bytes = 16u << 20;  // the texts of a few screens, not of a morning's visitors
}

TextTextures::TextTextures(SDL_Renderer* renderer)
    : m_renderer(renderer),
      // Cairo draws with premultiplied alpha: blend as such.
      m_premultiplied(SDL_ComposeCustomBlendMode(SDL_BLENDFACTOR_ONE, SDL_BLENDFACTOR_ONE_MINUS_SRC_ALPHA,
                                                 SDL_BLENDOPERATION_ADD, SDL_BLENDFACTOR_ONE,
                                                 SDL_BLENDFACTOR_ONE_MINUS_SRC_ALPHA, SDL_BLENDOPERATION_ADD)) {
  if (SDL_Texture* probe = SDL_CreateTexture(renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, 1, 1)) {
    m_blends_premultiplied = SDL_SetTextureBlendMode(probe, m_premultiplied) == 0;
    SDL_DestroyTexture(probe);
  }
}

TextTextures::~TextTextures() { clear(); }

namespace {
std::size_t bytes_of(const TextTexture& t) {
  return static_cast<std::size_t>(t.width) * static_cast<std::size_t>(t.height) * 4;
}
}  // namespace

void TextTextures::clear() {
  for (auto& [key, e] : m_cache)
    if (e.t.texture) SDL_DestroyTexture(e.t.texture);
  m_cache.clear();
  m_bytes = 0;
}

void TextTextures::begin_frame() {
  ++m_frame;
  if (m_bytes <= k_cache_bytes) return;
  std::erase_if(m_cache, [&](const auto& item) {
    const Entry& e = item.second;
    if (e.used + 1 >= m_frame) return false;  // on screen a moment ago: it would be made again at once
    if (e.t.texture) SDL_DestroyTexture(e.t.texture);
    m_bytes -= bytes_of(e.t);
    return true;
  });
}

TextTexture TextTextures::get(std::string_view text, int size_px, bool bold, std::uint32_t colour, int max_width_px,
                              int max_lines) {
  max_lines = std::max(1, max_lines);
  std::string key = fmt::format("{}|{}|{}|{}|{}|{}", size_px, bold, colour, max_width_px, max_lines, text);
  if (auto it = m_cache.find(key); it != m_cache.end()) {
    it->second.used = m_frame;
    return it->second.t;
  }
  TextTexture t = make(text, size_px, bold, colour, max_width_px, max_lines);
  m_bytes += bytes_of(t);
  m_cache.emplace(std::move(key), Entry{t, m_frame});
  return t;
}

TextTexture TextTextures::make(std::string_view text, int size_px, bool bold, std::uint32_t colour, int max_width_px,
                               int max_lines) {
  if (text.empty() || size_px <= 0) return {};
  using SurfacePtr = std::unique_ptr<cairo_surface_t, decltype(&cairo_surface_destroy)>;
  using ContextPtr = std::unique_ptr<cairo_t, decltype(&cairo_destroy)>;
  using LayoutPtr = std::unique_ptr<PangoLayout, decltype(&g_object_unref)>;
  using FontPtr = std::unique_ptr<PangoFontDescription, decltype(&pango_font_description_free)>;

  // Measure on a 1x1 surface, then draw on one of the right size.
  SurfacePtr probe(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, 1, 1), cairo_surface_destroy);
  ContextPtr probe_cr(cairo_create(probe.get()), cairo_destroy);
  LayoutPtr layout(pango_cairo_create_layout(probe_cr.get()), g_object_unref);
  FontPtr font(pango_font_description_from_string("Noto Sans"), pango_font_description_free);
  pango_font_description_set_absolute_size(font.get(), size_px * PANGO_SCALE);
  pango_font_description_set_weight(font.get(), bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
  pango_layout_set_font_description(layout.get(), font.get());
  pango_layout_set_text(layout.get(), text.data(), static_cast<int>(text.size()));
  // What no font draws is left out, as on the badge, rather than shown as boxes.
  if (std::vector<char32_t> missing = render::unknown_characters(layout.get()); !missing.empty()) {
    const std::string drawable = render::without_characters(text, missing);
    if (drawable.empty()) return {};
    pango_layout_set_text(layout.get(), drawable.data(), static_cast<int>(drawable.size()));
  }
  if (max_width_px > 0) {
    pango_layout_set_width(layout.get(), max_width_px * PANGO_SCALE);
    pango_layout_set_wrap(layout.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_height(layout.get(), -max_lines);  // at most that many lines
    pango_layout_set_ellipsize(layout.get(), PANGO_ELLIPSIZE_END);
  }
  PangoRectangle ink{}, logical{};
  pango_layout_get_pixel_extents(layout.get(), &ink, &logical);
  const bool cut = pango_layout_is_ellipsized(layout.get()) != 0;
  const int width = std::max(1, logical.width);
  const int height = std::max(1, logical.height);

  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, width, height), cairo_surface_destroy);
  ContextPtr cr(cairo_create(surface.get()), cairo_destroy);
  cairo_set_source_rgb(cr.get(), ((colour >> 16) & 0xFF) / 255.0, ((colour >> 8) & 0xFF) / 255.0, (colour & 0xFF) / 255.0);
  cairo_move_to(cr.get(), -logical.x, -logical.y);
  pango_cairo_update_layout(cr.get(), layout.get());
  pango_cairo_show_layout(cr.get(), layout.get());
  cairo_surface_flush(surface.get());

  unsigned char* data = cairo_image_surface_get_data(surface.get());
  const int stride = cairo_image_surface_get_stride(surface.get());
  if (!m_blends_premultiplied) {
    for (int y = 0; y < height; ++y) {
      auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
      for (int x = 0; x < width; ++x) {
        const std::uint32_t p = row[x], a = p >> 24;
        if (a == 0 || a == 255) continue;
        auto straight = [&](int shift) { return std::min<std::uint32_t>(255, (((p >> shift) & 0xFF) * 255 + a / 2) / a) << shift; };
        row[x] = (a << 24) | straight(16) | straight(8) | straight(0);
      }
    }
  }
  // Cairo's ARGB32 is a native-endian 32-bit word, as SDL's ARGB8888.
  SDL_Texture* texture = SDL_CreateTexture(m_renderer, SDL_PIXELFORMAT_ARGB8888, SDL_TEXTUREACCESS_STATIC, width, height);
  if (!texture) return {};
  SDL_UpdateTexture(texture, nullptr, data, stride);
  SDL_SetTextureBlendMode(texture, m_blends_premultiplied ? m_premultiplied : SDL_BLENDMODE_BLEND);
  SDL_SetTextureScaleMode(texture, SDL_ScaleModeLinear);
  return {texture, width, height, cut};
}

}  // namespace accueil::kiosk
