#include "printer/render/draw.hpp"

#include "printer/render/internal.hpp"

namespace accueil::render::detail {

namespace {

void set_colour(cairo_t* cr, const Rgb& c) { cairo_set_source_rgb(cr, c.r, c.g, c.b); }

// Adds one rectangle per horizontal run of dark modules (fewer path segments
// than one per module), in units of `module` from (x, y).
void add_modules(cairo_t* cr, const QrMatrix& m, double x, double y, double module) {
  for (int row = 0; row < m.size; ++row) {
    int col = 0;
    while (col < m.size) {
      if (!m.at(col, row)) {
        ++col;
        continue;
      }
      int start = col;
      while (col < m.size && m.at(col, row)) ++col;
      cairo_rectangle(cr, x + start * module, y + row * module, (col - start) * module, module);
    }
  }
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
  } else {
    double module = qr.module_mm() * pt_per_mm;
    double side = module * qr.matrix.size;
    double x = qr.box.x * pt_per_mm + (qr.box.width * pt_per_mm - side) / 2;
    double y = qr.box.y * pt_per_mm + (qr.box.height * pt_per_mm - side) / 2;
    add_modules(cr, qr.matrix, x, y, module);
  }
  cairo_fill(cr);
  cairo_restore(cr);
}

void draw_logo(cairo_t* cr, const LogoBlock& logo) {
  const LogoImage& image = *logo.image;
  cairo_save(cr);
  double x = logo.box.x * pt_per_mm, y = logo.box.y * pt_per_mm;
  double w = logo.box.width * pt_per_mm, h = logo.box.height * pt_per_mm;
  if (image.svg) {
    RsvgRectangle viewport{x, y, w, h};
    rsvg_handle_render_document(image.svg.get(), cr, &viewport, nullptr);
  } else if (image.png) {
    cairo_translate(cr, x, y);
    cairo_scale(cr, w / image.width, h / image.height);
    cairo_set_source_surface(cr, image.png.get(), 0, 0);
    cairo_pattern_set_filter(cairo_get_source(cr), CAIRO_FILTER_GOOD);
    cairo_paint(cr);
  }
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
