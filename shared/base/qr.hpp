// QR codes: libqrencode's module matrix, and the PNG and SVG images of it that
// go into confirmation e-mails.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil {

// QR error correction levels L, M, Q, H (7, 15, 25, 30 % of the code recoverable).
enum class QrEcc { low, medium, quartile, high };

// A square matrix of modules, without the quiet zone.
struct QrCode {
  int size = 0;     // modules per side (21 for version 1, +4 per version)
  int version = 0;  // 1..40
  std::vector<std::uint8_t> modules;  // row-major; 1 is dark
  bool dark(int x, int y) const {
    return modules[static_cast<std::size_t>(y) * static_cast<std::size_t>(size) + static_cast<std::size_t>(x)] != 0;
  }
  friend bool operator==(const QrCode&, const QrCode&) = default;
};

// Encodes `text` (byte-exact, case kept) at the smallest version that holds
// it. libqrencode splits the text into numeric, alphanumeric and byte runs,
// so Base45 tickets take the compact alphanumeric mode. Level M is what a
// phone screen or a badge needs, at a density a scanner reads from arm's length.
Result<QrCode> encode_qr(std::string_view text, QrEcc ecc = QrEcc::medium);

// SVG with one path of unit squares and a `quiet`-module margin.
std::string qr_to_svg(const QrCode& qr, int quiet = 4);

// A greyscale PNG, `module_px` pixels per module, with a `quiet`-module margin.
Status write_qr_png(const QrCode& qr, const std::filesystem::path& path, int module_px = 8, int quiet = 4);

}  // namespace accueil
