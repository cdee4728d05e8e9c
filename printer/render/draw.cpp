#include "printer/render/draw.hpp"

#include "printer/render/internal.hpp"

#include <bit>
#include <cstdint>

namespace accueil::render::detail {

namespace {

void set_colour(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Adds one rectangle per horizontal run of dark modules (fewer path segments
// than one per module), in units of `module` from (x, y).
void add_modules(cairo_t* cr, const QrCode& m, double x, double y, double module) {
  for (int row = 0; row < m.size; ++row) {
    int col = 0;
    while (col < m.size) {
      if (!m.dark(col, row)) {
        ++col;
        continue;
      }
      int start = col;
      while (col < m.size && m.dark(col, row)) ++col;
      cairo_rectangle(cr, x + start * module, y + row * module, (col - start) * module, module);
    }
  }
}

// The code as a 1-bit image, one pixel per module, for an image mask.
SurfacePtr qr_mask(const QrCode& m) {
  SurfacePtr mask(cairo_image_surface_create(CAIRO_FORMAT_A1, m.size, m.size));
  if (cairo_surface_status(mask.get()) != CAIRO_STATUS_SUCCESS) return mask;
  cairo_surface_flush(mask.get());
  unsigned char* data = cairo_image_surface_get_data(mask.get());
  const int stride = cairo_image_surface_get_stride(mask.get());
  for (int y = 0; y < m.size; ++y) {
    // A1 packs pixels into 32-bit words in the machine's bit order.
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < m.size; ++x) {
      if (!m.dark(x, y)) continue;
      std::uint32_t bit = std::endian::native == std::endian::little ? (1u << (x % 32)) : (0x80000000u >> (x % 32));
      row[x / 32] |= bit;
    }
  }
  cairo_surface_mark_dirty(mask.get());
  return mask;
}

void draw_qr(cairo_t* cr, const QrBlock& qr, const DrawOptions& options) {
  cairo_save(cr);
  cairo_set_source_rgb(cr, 0, 0, 0);
  std::optional<QrPlacement> snapped;
  if (options.snap_pixels_per_mm > 0) snapped = snapped_qr(qr, options.snap_pixels_per_mm);
  if (snapped) {
    // Device space, whole pixels: no edge is antialiased.
    cairo_identity_matrix(cr);
    cairo_set_antialias(cr, CAIRO_ANTIALIAS_NONE);
    add_modules(cr, qr.matrix, snapped->x, snapped->y, snapped->module);
    cairo_fill(cr);
  } else {
    double module = qr.module_mm() * pt_per_mm;
    double side = module * qr.matrix.size;
    double x = qr.box.x * pt_per_mm + (qr.box.width * pt_per_mm - side) / 2;
    double y = qr.box.y * pt_per_mm + (qr.box.height * pt_per_mm - side) / 2;
    if (options.qr_paths) {
      add_modules(cr, qr.matrix, x, y, module);
      cairo_fill(cr);
    } else {
      // An image mask of one pixel per module, scaled without interpolation:
      // square modules at any zoom or printer resolution, without the hairline
      // seams viewers draw between adjacent rectangles, and some 40 times less
      // PDF to write and compress than a rectangle per run of modules.
      SurfacePtr mask = qr_mask(qr.matrix);
      cairo_translate(cr, x, y);
      cairo_scale(cr, module, module);
      cairo_pattern_t* pattern = cairo_pattern_create_for_surface(mask.get());
      cairo_pattern_set_filter(pattern, CAIRO_FILTER_NEAREST);
      cairo_mask(cr, pattern);
      cairo_pattern_destroy(pattern);
    }
  }
  cairo_restore(cr);
}

void draw_logo(cairo_t* cr, const LogoBlock& logo) {
  const LogoImage& image = *logo.image;
  if (!image.image) return;
  cairo_save(cr);
  cairo_translate(cr, logo.box.x * pt_per_mm, logo.box.y * pt_per_mm);
  cairo_scale(cr, logo.box.width * pt_per_mm / image.width, logo.box.height * pt_per_mm / image.height);
  cairo_set_source_surface(cr, image.image.get(), 0, 0);
  cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
  cairo_paint(cr);
  cairo_restore(cr);
}

}  // namespace

std::optional<QrPlacement> snapped_qr(const QrBlock& qr, double pixels_per_mm) {
  QrPlacement p = place_qr(qr.box, qr.matrix.size, qr.quiet_zone_modules, pixels_per_mm);
  if (p.module < 1) return std::nullopt;
  return p;
}

void draw_badge(cairo_t* cr, const BadgeLayout& layout, const DrawOptions& options) {
  const bool mono = options.ink == Ink::mono;
  cairo_save(cr);
  if (layout.band) {
    const RectMm& b = layout.band->box;
    cairo_rectangle(cr, b.x * pt_per_mm, b.y * pt_per_mm, b.width * pt_per_mm, b.height * pt_per_mm);
    if (mono) cairo_set_source_rgba(cr, 0, 0, 0, 1);
    else set_colour(cr, layout.band->colour);
    cairo_fill(cr);
  }
  if (layout.shaped) {
    for (std::size_t i = 0; i < layout.shaped->items.size() && i < layout.texts.size(); ++i) {
      const ShapedText::Item& item = layout.shaped->items[i];
      if (!item.layout) continue;
      cairo_save(cr);
      if (mono) {
        cairo_set_source_rgba(cr, 0, 0, 0, 1);
        // The band's label is cut out of the black band.
        if (layout.texts[i].on_band) cairo_set_operator(cr, CAIRO_OPERATOR_DEST_OUT);
      } else {
        set_colour(cr, item.colour);
      }
      cairo_move_to(cr, item.x_pt, item.y_pt);
      pango_cairo_show_layout(cr, item.layout.get());
      cairo_restore(cr);
    }
  }
  if (layout.qr) draw_qr(cr, *layout.qr, options);
  if (layout.logo && options.draw_logo) draw_logo(cr, *layout.logo);
  cairo_restore(cr);
}

}  // namespace accueil::render::detail
