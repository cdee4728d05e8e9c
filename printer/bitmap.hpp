// Images at a printer's resolution, the hand-off between render and encode.
// Plain data with no dependency, so that encoders and their tests need nothing
// but this header.
#pragma once

#include <cstddef>
#include <cstdint>
#include <vector>

namespace accueil::printer {

// 1-bit image, one bit per printer dot. Rows are packed most significant bit
// first (the leftmost dot is bit 7 of byte 0), like PBM; a set bit is a black
// dot. Each row takes stride() bytes; padding bits at the end of a row are 0.
struct MonoBitmap {
  int width = 0;   // dots
  int height = 0;  // dots (rows)
  int dpi = 300;
  std::vector<std::uint8_t> bits;

  MonoBitmap() = default;
  MonoBitmap(int width_dots, int height_dots, int resolution_dpi)
      : width(width_dots), height(height_dots), dpi(resolution_dpi),
        bits(static_cast<std::size_t>(stride()) * static_cast<std::size_t>(height_dots), 0) {}

  int stride() const { return (width + 7) / 8; }
  const std::uint8_t* row(int y) const { return bits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride()); }
  std::uint8_t* row(int y) { return bits.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(stride()); }
  bool black(int x, int y) const { return (row(y)[x / 8] >> (7 - x % 8)) & 1; }
  void set_black(int x, int y, bool on = true) {
    std::uint8_t mask = static_cast<std::uint8_t>(0x80u >> (x % 8));
    if (on) row(y)[x / 8] |= mask; else row(y)[x / 8] &= static_cast<std::uint8_t>(~mask);
  }
  friend bool operator==(const MonoBitmap&, const MonoBitmap&) = default;
};

// 8-bit grey image, one byte per dot: 0 is black, 255 is white. Rows are width
// bytes long with no padding.
struct GreyBitmap {
  int width = 0;
  int height = 0;
  int dpi = 300;
  std::vector<std::uint8_t> pixels;

  GreyBitmap() = default;
  GreyBitmap(int width_dots, int height_dots, int resolution_dpi)
      : width(width_dots), height(height_dots), dpi(resolution_dpi),
        pixels(static_cast<std::size_t>(width_dots) * static_cast<std::size_t>(height_dots), 255) {}

  std::uint8_t at(int x, int y) const { return pixels[static_cast<std::size_t>(y) * static_cast<std::size_t>(width) + static_cast<std::size_t>(x)]; }
  friend bool operator==(const GreyBitmap&, const GreyBitmap&) = default;
};

}  // namespace accueil::printer
