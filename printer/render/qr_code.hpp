// QR codes as plain data (libqrencode underneath), and where their modules go
// on a printer's dot grid.
#pragma once

#include <cstdint>
#include <string_view>
#include <vector>

#include "printer/render/badge_template.hpp"
#include "shared/error.hpp"

namespace accueil::render {

// The modules of a QR code without its quiet zone.
struct QrMatrix {
  int size = 0;                      // modules per side (21 for version 1, +4 per version)
  int version = 0;                   // 1..40
  std::vector<std::uint8_t> dark;    // size * size, row-major, 1 for a dark module

  bool at(int x, int y) const { return dark[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0; }
  friend bool operator==(const QrMatrix&, const QrMatrix&) = default;
};

// Encodes `text` (byte-exact, case kept) at the smallest version that holds
// it; libqrencode switches to alphanumeric mode for runs of 0-9 A-Z space $ %
// * + - . / : (base45 tokens fit in about 40 % fewer modules than bytes).
Result<QrMatrix> encode_qr(std::string_view text, QrEcc ecc);

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
