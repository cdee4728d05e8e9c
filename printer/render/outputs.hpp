// The outputs of a laid-out badge. Each draws the same BadgeLayout: a vector
// PDF for CUPS, an RGBA preview for the kiosk screen (and PNG), and bitmaps at
// a printer's resolution (1-bit for thermal label printers, 8-bit grey for
// others). None touches a printer.
#pragma once

#include <cstdint>
#include <filesystem>
#include <string>
#include <vector>

#include "printer/bitmap.hpp"
#include "printer/render/badge_layout.hpp"
#include "shared/base/error.hpp"

namespace accueil::render {

struct PdfOptions {
  std::string title;  // the document title; empty: none
  // ISO 8601 creation date written in the PDF. Fixed by default so that the
  // same badge gives the same bytes (Cairo would write the current time).
  std::string creation_date = "2026-01-01T00:00:00Z";
  // The QR code is an image mask of one pixel per module, drawn without
  // interpolation (exact squares at any resolution, no seams between modules,
  // a few hundred bytes). True draws a rectangle per run of dark modules
  // instead, some 20 kB of path per badge.
  bool qr_as_paths = false;
};

// One page the size of the badge: text as embedded font subsets (so that
// pdftotext and screen readers find it) and the band as vector paths, the
// logo as SVG paths or its PNG, the QR code as PdfOptions says.
Result<std::string> render_pdf(const BadgeLayout& layout, const PdfOptions& options = {});

// 8-bit RGBA, straight (not premultiplied) alpha, rows of width * 4 bytes
// with no padding: SDL_PIXELFORMAT_RGBA32, ready for SDL_UpdateTexture.
struct RgbaImage {
  int width = 0;
  int height = 0;
  std::vector<std::uint8_t> pixels;
  int pitch() const { return width * 4; }
};

// The badge in colour at `pixels_per_mm` (8 is a sharp preview on a kiosk
// screen; 300 dpi is 11.81). The QR modules sit on whole pixels whenever each
// module is at least one pixel.
Result<RgbaImage> render_preview(const BadgeLayout& layout, double pixels_per_mm);

// PNG file bytes of an image.
Result<std::string> encode_png(const RgbaImage& image);

// The badge at a printer's resolution, one bit per dot: text is antialiased
// then cut at 50 % so that edges are sharp; the colour band prints black with
// its label in white; the logo is dithered; every QR module is a whole square
// of dots (at least 2 x 2, else an error says how to enlarge the box).
Result<printer::MonoBitmap> render_mono(const BadgeLayout& layout, int dpi);

// The badge at a printer's resolution in 256 greys (colours by luminance),
// QR modules on whole dots.
Result<printer::GreyBitmap> render_grey(const BadgeLayout& layout, int dpi);

// Netpbm files: PBM (P4, 1 is black) and PGM (P5, 255 is white).
std::string encode_pbm(const printer::MonoBitmap& bitmap);
std::string encode_pgm(const printer::GreyBitmap& bitmap);

struct FileOptions {
  int dpi = 300;  // for .png (preview at this resolution), .pbm and .pgm
  PdfOptions pdf;
};

// Writes one badge to `path` in the format its extension names: .pdf, .png,
// .pbm (1-bit at options.dpi) or .pgm (grey at options.dpi). The file is
// replaced atomically.
Status write_badge(const BadgeLayout& layout, const std::filesystem::path& path, const FileOptions& options = {});

}  // namespace accueil::render
