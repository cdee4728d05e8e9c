// Fixed test bitmaps shared by the unit tests, the golden generator and the
// cross-check tools. Deterministic: the same call gives the same dots on any
// machine, so goldens stay byte-for-byte stable.
#pragma once

#include <algorithm>
#include <cstdint>

#include "printer/bitmap.hpp"

namespace accueil::printer::test {

// A 32-bit linear congruential generator (Numerical Recipes constants):
// enough to scatter modules, and the same everywhere.
struct Lcg {
  std::uint32_t state;
  std::uint32_t next() { return state = state * 1664525u + 1013904223u; }
};

// Fills the square [x0, x0+size) x [y0, y0+size) with QR-like modules of
// `module` dots, with the three finder squares in the corners.
inline void draw_qr_like(MonoBitmap& b, int x0, int y0, int size, int module, std::uint32_t seed) {
  Lcg rng{seed};
  const int n = size / module;
  auto fill = [&](int mx, int my) {
    for (int y = my * module; y < (my + 1) * module; ++y)
      for (int x = mx * module; x < (mx + 1) * module; ++x)
        if (x0 + x < b.width && y0 + y < b.height) b.set_black(x0 + x, y0 + y);
  };
  auto finder = [&](int fx, int fy) {
    for (int j = 0; j < 7; ++j)
      for (int i = 0; i < 7; ++i) {
        const bool ring = i == 0 || j == 0 || i == 6 || j == 6;
        const bool core = i >= 2 && i <= 4 && j >= 2 && j <= 4;
        if (ring || core) fill(fx + i, fy + j);
      }
  };
  for (int my = 0; my < n; ++my)
    for (int mx = 0; mx < n; ++mx) {
      const bool in_finder = (mx < 8 && my < 8) || (mx >= n - 8 && my < 8) || (mx < 8 && my >= n - 8);
      if (!in_finder && (rng.next() >> 16) % 2) fill(mx, my);
    }
  finder(0, 0);
  finder(n - 7, 0);
  finder(0, n - 7);
}

// The golden badge: a 4-dot frame (full black rows at top and bottom), a
// thick bar, a blank band (all-white rows), a QR-like block in the lower
// left, a diagonal, and a one-dot marker near the top-left corner so that a
// mirrored encoding cannot pass unnoticed.
inline MonoBitmap badge_pattern(int width, int height, int dpi = 300) {
  MonoBitmap b(width, height, dpi);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) {
      const bool frame = x < 4 || y < 4 || x >= width - 4 || y >= height - 4;
      const bool bar = y >= 20 && y < 44 && x >= 20 && x < width / 2;
      if (frame || bar) b.set_black(x, y);
    }
  b.set_black(10, 10);  // the marker: top-left, away from the frame
  for (int y = 44; y < 60 && y < height; ++y)  // blank band inside the frame
    for (int x = 4; x < width - 4; ++x) b.set_black(x, y, false);
  const int qr = std::min(width, height) / 2;
  if (qr >= 84) draw_qr_like(b, 16, height - qr - 16, qr, qr / 29, 20260612u);
  for (int i = 0; i < std::min(width, height) / 3; ++i) b.set_black(width - 8 - i, 64 + i);
  return b;
}

// Random dots at a given density (percent), for round trips.
inline MonoBitmap noise(int width, int height, int percent, std::uint32_t seed, int dpi = 300) {
  MonoBitmap b(width, height, dpi);
  Lcg rng{seed};
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x)
      if (static_cast<int>((rng.next() >> 8) % 100) < percent) b.set_black(x, y);
  return b;
}

}  // namespace accueil::printer::test
