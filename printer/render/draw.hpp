// Internal to accueil_render: draws a BadgeLayout on a Cairo context whose
// user space is PDF points with the badge's top-left corner at the origin.
#pragma once

#include <cairo.h>

#include "printer/render/badge_layout.hpp"

namespace accueil::render::detail {

enum class Ink {
  colour,  // the template's and the category's colours
  mono,    // on an A8 coverage surface: everything black, the band's label knocked out
};

struct DrawOptions {
  Ink ink = Ink::colour;
  // Device pixels per millimetre when the context draws on a raster whose
  // origin is the badge's: QR modules are snapped to whole pixels. 0 for
  // vector output (PDF), where modules are exact squares.
  double snap_pixels_per_mm = 0;
  bool draw_logo = true;
  // Vector output only: the QR code as one rectangle per run of dark modules
  // rather than an image mask.
  bool qr_paths = false;
};

void draw_badge(cairo_t* cr, const BadgeLayout& layout, const DrawOptions& options);

// The QR code snapped to whole pixels at `pixels_per_mm`, if each module gets
// at least one pixel.
std::optional<QrPlacement> snapped_qr(const QrBlock& qr, double pixels_per_mm);

}  // namespace accueil::render::detail
