#include "printer/render/qr_code.hpp"

#include <qrencode.h>

#include <cerrno>
#include <cmath>
#include <cstring>
#include <memory>
#include <string>

#include <fmt/core.h>

namespace accueil::render {

namespace {

struct QrCodeDeleter {
  void operator()(QRcode* code) const { QRcode_free(code); }
};

QRecLevel ec_level(QrEcc ecc) {
  switch (ecc) {
    case QrEcc::low: return QR_ECLEVEL_L;
    case QrEcc::medium: return QR_ECLEVEL_M;
    case QrEcc::quartile: return QR_ECLEVEL_Q;
    case QrEcc::high: return QR_ECLEVEL_H;
  }
  return QR_ECLEVEL_M;
}

}  // namespace

Result<QrMatrix> encode_qr(std::string_view text, QrEcc ecc) {
  if (text.empty()) return fail("cannot encode an empty text as a QR code");
  if (text.find('\0') != std::string_view::npos)
    return fail("cannot encode a text with a NUL character as a QR code");
  std::string copy(text);
  // Version 0 asks for the smallest version; QR_MODE_8 with case sensitivity
  // lets libqrencode split the text into numeric, alphanumeric and byte runs.
  errno = 0;
  std::unique_ptr<QRcode, QrCodeDeleter> code(QRcode_encodeString(copy.c_str(), 0, ec_level(ecc), QR_MODE_8, 1));
  if (!code) {
    if (errno == ERANGE)
      return fail(fmt::format("a {}-byte text does not fit in a QR code (version 40 holds at most 2,953 bytes "
                              "at level L); shorten the token", text.size()));
    return fail(fmt::format("libqrencode could not encode the {}-byte text: {}", text.size(), std::strerror(errno)));
  }
  QrMatrix m;
  m.size = code->width;
  m.version = code->version;
  m.dark.resize(static_cast<std::size_t>(m.size) * static_cast<std::size_t>(m.size));
  // Bit 0 of each byte of QRcode::data is the module's colour; the other bits
  // say what the module is for (format, timing, data), which we do not need.
  for (std::size_t i = 0; i < m.dark.size(); ++i) m.dark[i] = code->data[i] & 1u;
  return m;
}

QrPlacement place_qr(const RectMm& box, int modules, int quiet_zone, double pixels_per_mm) {
  // Only the pixels wholly inside the box are used.
  int left = static_cast<int>(std::ceil(box.x * pixels_per_mm - 1e-9));
  int top = static_cast<int>(std::ceil(box.y * pixels_per_mm - 1e-9));
  int right = static_cast<int>(std::floor(box.right() * pixels_per_mm + 1e-9));
  int bottom = static_cast<int>(std::floor(box.bottom() * pixels_per_mm + 1e-9));
  int side = std::min(right - left, bottom - top);
  int total = modules + 2 * quiet_zone;
  QrPlacement p;
  if (total <= 0 || side <= 0) return p;
  p.module = side / total;
  int code = p.module * modules;
  p.x = left + (right - left - code) / 2;
  p.y = top + (bottom - top - code) / 2;
  return p;
}

}  // namespace accueil::render
