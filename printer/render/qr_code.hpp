// Where a QR code's modules go on a printer's dot grid (the code itself comes
// from shared/base/qr.hpp).
#pragma once

#include "printer/render/badge_template.hpp"

namespace accueil::render {

// A QR code placed on a device's pixel or dot grid: origin and module size in
// whole device pixels, so that every module covers the same dots.
struct QrPlacement {
  int x = 0;       // left of the first module (quiet zone excluded), device pixels
  int y = 0;       // top
  int module = 0;  // pixels per module side; 0 when the box is too small for one pixel per module
  friend bool operator==(const QrPlacement&, const QrPlacement&) = default;
};

// Places a code of `modules` modules plus `quiet_zone` modules on each side in
// `box` on a device with `pixels_per_mm`: the largest whole module size that
// fits the box's whole pixels, the code centred on whole pixels.
QrPlacement place_qr(const RectMm& box, int modules, int quiet_zone, double pixels_per_mm);

}  // namespace accueil::render
