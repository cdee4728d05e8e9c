// QR codes: libqrencode's module matrix, and the PNG and SVG images of it that
// go into confirmation e-mails.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shared/error.hpp"

namespace accueil {

// A square matrix of modules, without the quiet zone.
struct QrCode {
  int size = 0;  // modules per side
  std::vector<std::uint8_t> modules;  // row-major; 1 is dark
  bool dark(int x, int y) const { return modules[static_cast<std::size_t>(y * size + x)] != 0; }
};

// Error correction level M (15 %): what a phone screen or a badge needs, at a
// density a scanner reads from arm's length. Segments are chosen by
// libqrencode, so Base45 tickets use the compact alphanumeric mode.
Result<QrCode> encode_qr(std::string_view text);

// SVG with one path of unit squares and a `quiet`-module margin.
std::string qr_to_svg(const QrCode& qr, int quiet = 4);

// A greyscale PNG, `module_px` pixels per module, with a `quiet`-module margin.
Status write_qr_png(const QrCode& qr, const std::filesystem::path& path, int module_px = 8, int quiet = 4);

}  // namespace accueil
