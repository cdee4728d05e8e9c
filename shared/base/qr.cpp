#include "shared/base/qr.hpp"

#include <png.h>
#include <qrencode.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <algorithm>
#include <memory>

#include <fmt/core.h>
#include <fmt/std.h>

namespace accueil {

namespace {
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

Result<QrCode> encode_qr(std::string_view text, QrEcc ecc) {
  if (text.empty()) return fail("cannot encode an empty text as a QR code");
  if (text.find('\0') != std::string_view::npos) return fail("cannot encode a text with a NUL character as a QR code");
  std::string copy(text);  // libqrencode wants a NUL-terminated string
  errno = 0;
  // Version 0: the smallest that holds the text. QR_MODE_8 with case
  // sensitivity lets libqrencode choose the mode of each run.
  QRcode* raw = QRcode_encodeString(copy.c_str(), 0, ec_level(ecc), QR_MODE_8, 1);
  if (!raw) {
    if (errno == ERANGE)
      return fail(fmt::format("a {}-byte text does not fit in a QR code (version 40 holds at most 2,953 bytes at "
                              "level L); shorten it", text.size()));
    return fail(fmt::format("libqrencode could not encode the {}-byte text: {}", text.size(), std::strerror(errno)));
  }
  std::unique_ptr<QRcode, void (*)(QRcode*)> owned(raw, QRcode_free);
  QrCode qr;
  qr.size = raw->width;
  qr.version = raw->version;
  qr.modules.resize(static_cast<std::size_t>(raw->width) * static_cast<std::size_t>(raw->width));
  // Bit 0 of each byte is the module's colour; the others say what it is for.
  for (std::size_t i = 0; i < qr.modules.size(); ++i) qr.modules[i] = raw->data[i] & 1;
  return qr;
}

std::string qr_to_svg(const QrCode& qr, int quiet) {
  const int side = qr.size + 2 * quiet;
  std::string path;
  for (int y = 0; y < qr.size; ++y)
    for (int x = 0; x < qr.size; ++x)
      if (qr.dark(x, y)) path += fmt::format("M{},{}h1v1h-1z", x + quiet, y + quiet);
  return fmt::format(
      "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
      "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 {0} {0}\" width=\"{1}mm\" height=\"{1}mm\" "
      "shape-rendering=\"crispEdges\">\n"
      "<rect width=\"{0}\" height=\"{0}\" fill=\"#fff\"/>\n<path fill=\"#000\" d=\"{2}\"/>\n</svg>\n",
      side, side * 0.5, path);
}

Status write_qr_png(const QrCode& qr, const std::filesystem::path& path, int module_px, int quiet) {
  const int side = (qr.size + 2 * quiet) * module_px;
  FILE* file = std::fopen(path.c_str(), "wb");
  if (!file) return fail(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  std::unique_ptr<FILE, int (*)(FILE*)> closer(file, std::fclose);
  png_structp png = png_create_write_struct(PNG_LIBPNG_VER_STRING, nullptr, nullptr, nullptr);
  png_infop info = png ? png_create_info_struct(png) : nullptr;
  if (!info) {
    png_destroy_write_struct(&png, nullptr);
    return fail("out of memory writing a PNG");
  }
  std::vector<png_byte> row(static_cast<std::size_t>((side + 7) / 8));
  // libpng reports errors by longjmp; nothing with a destructor is created between here and the end.
  if (setjmp(png_jmpbuf(png))) {
    png_destroy_write_struct(&png, &info);
    return fail(fmt::format("cannot write {}", path));
  }
  png_init_io(png, file);
  // 1 bit per pixel, set bits white (PNG greyscale): an eighth of the bytes of 8-bit grey.
  png_set_IHDR(png, info, static_cast<png_uint_32>(side), static_cast<png_uint_32>(side), 1, PNG_COLOR_TYPE_GRAY,
               PNG_INTERLACE_NONE, PNG_COMPRESSION_TYPE_DEFAULT, PNG_FILTER_TYPE_DEFAULT);
  png_write_info(png, info);
  for (int py = 0; py < side; ++py) {
    const int y = py / module_px - quiet;
    std::fill(row.begin(), row.end(), png_byte{0xFF});
    for (int px = 0; px < side; ++px) {
      const int x = px / module_px - quiet;
      if (x >= 0 && y >= 0 && x < qr.size && y < qr.size && qr.dark(x, y))
        row[static_cast<std::size_t>(px / 8)] &= static_cast<png_byte>(~(0x80u >> (px % 8)));
    }
    png_write_row(png, row.data());
  }
  png_write_end(png, nullptr);
  png_destroy_write_struct(&png, &info);
  if (std::fflush(file) != 0) return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return {};
}

}  // namespace accueil
