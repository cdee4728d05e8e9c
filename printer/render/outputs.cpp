#include "printer/render/outputs.hpp"

#include <algorithm>
#include <cmath>
#include <cstring>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/render/draw.hpp"
#include "printer/render/internal.hpp"
#include "printer/render/pdf_date.hpp"
#include "shared/base/files.hpp"

namespace accueil::render {

using detail::CairoPtr;
using detail::SurfacePtr;

namespace {

int dots(double mm, double dots_per_mm) { return std::max(1, static_cast<int>(std::lround(mm * dots_per_mm))); }

Status check_surface(cairo_surface_t* s, std::string_view what) {
  cairo_status_t status = cairo_surface_status(s);
  if (status != CAIRO_STATUS_SUCCESS) return fail(fmt::format("Cairo could not make the {}: {}", what, cairo_status_to_string(status)));
  return {};
}

// A Cairo raster surface of the badge at `dots_per_mm`, painted white unless
// it is a coverage (A8) surface, with user space in points.
struct Raster {
  SurfacePtr surface;
  CairoPtr cr;
};

Result<Raster> make_raster(const BadgeLayout& layout, cairo_format_t format, double dots_per_mm) {
  int w = dots(layout.width_mm, dots_per_mm), h = dots(layout.height_mm, dots_per_mm);
  Raster r;
  r.surface.reset(cairo_image_surface_create(format, w, h));
  if (auto s = check_surface(r.surface.get(), fmt::format("{} x {} image", w, h)); !s) return std::unexpected(s.error());
  r.cr.reset(cairo_create(r.surface.get()));
  if (format != CAIRO_FORMAT_A8) {
    cairo_set_source_rgb(r.cr.get(), 1, 1, 1);
    cairo_paint(r.cr.get());
  }
  cairo_scale(r.cr.get(), dots_per_mm / pt_per_mm, dots_per_mm / pt_per_mm);
  return r;
}

std::string describe(const BadgeLayout& layout) {
  return layout.who.empty() ? std::string("the badge") : fmt::format("the badge of {}", layout.who);
}

Status check_drawing(cairo_t* cr, const BadgeLayout& layout) {
  cairo_status_t status = cairo_status(cr);
  if (status != CAIRO_STATUS_SUCCESS)
    return fail(fmt::format("Cairo could not draw {}: {}", describe(layout), cairo_status_to_string(status)));
  return {};
}

Status check_qr_dots(const BadgeLayout& layout, int dpi) {
  if (!layout.qr) return {};
  double dots_per_mm = dpi / mm_per_inch;
  QrPlacement p = place_qr(layout.qr->box, layout.qr->matrix.size, layout.qr->quiet_zone_modules, dots_per_mm);
  if (p.module < 2) {
    int total = layout.qr->matrix.size + 2 * layout.qr->quiet_zone_modules;
    return fail(fmt::format("cannot print {} at {} dpi: its QR code needs {} modules across (quiet zone included) and "
                            "the {:.1f} mm box of template {} gives {} dot{} per module; a thermal printer needs at "
                            "least 2. Enlarge qr.box_mm to at least {:.1f} mm",
                            describe(layout), dpi, total, std::min(layout.qr->box.width, layout.qr->box.height),
                            layout.template_id, p.module, p.module == 1 ? "" : "s",
                            // two dots more: the box's edges rarely fall on whole dots
                            std::ceil((2.0 * total + 2) / dots_per_mm * 10) / 10));
  }
  return {};
}

// 8 x 8 Bayer matrix: thresholds for ordered dithering of the logo.
constexpr std::uint8_t k_bayer[8][8] = {
    {0, 32, 8, 40, 2, 34, 10, 42},   {48, 16, 56, 24, 50, 18, 58, 26}, {12, 44, 4, 36, 14, 46, 6, 38},
    {60, 28, 52, 20, 62, 30, 54, 22}, {3, 35, 11, 43, 1, 33, 9, 41},   {51, 19, 59, 27, 49, 17, 57, 25},
    {15, 47, 7, 39, 13, 45, 5, 37},  {63, 31, 55, 23, 61, 29, 53, 21}};

// Grey level (0 black .. 255 white) of an RGB24 / ARGB32 pixel on white.
std::uint8_t grey_of(std::uint32_t argb) {
  // Cairo stores premultiplied native-endian 32-bit words; on white, a
  // premultiplied channel c with alpha a shows as c + (255 - a).
  unsigned a = argb >> 24, r = (argb >> 16) & 0xff, g = (argb >> 8) & 0xff, b = argb & 0xff;
  unsigned white = 255 - a;
  unsigned lum = (299 * (r + white) + 587 * (g + white) + 114 * (b + white) + 500) / 1000;
  return static_cast<std::uint8_t>(std::min(lum, 255u));
}

// Dithers the logo into `bitmap`: a logo is a picture, and 50 % thresholding
// would flatten its light colours to white.
Status dither_logo(const BadgeLayout& layout, printer::MonoBitmap& bitmap, double dots_per_mm) {
  if (!layout.logo) return {};
  const RectMm& b = layout.logo->box;
  int x0 = static_cast<int>(std::floor(b.x * dots_per_mm)), y0 = static_cast<int>(std::floor(b.y * dots_per_mm));
  int x1 = std::min(bitmap.width, static_cast<int>(std::ceil(b.right() * dots_per_mm)));
  int y1 = std::min(bitmap.height, static_cast<int>(std::ceil(b.bottom() * dots_per_mm)));
  if (x1 <= x0 || y1 <= y0) return {};
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, x1 - x0, y1 - y0));
  if (auto s = check_surface(surface.get(), "logo image"); !s) return s;
  CairoPtr cr(cairo_create(surface.get()));
  cairo_translate(cr.get(), -x0, -y0);
  cairo_scale(cr.get(), dots_per_mm / pt_per_mm, dots_per_mm / pt_per_mm);
  BadgeLayout only_logo;
  only_logo.logo = layout.logo;
  detail::draw_badge(cr.get(), only_logo, {});
  if (auto s = check_drawing(cr.get(), layout); !s) return s;
  cairo_surface_flush(surface.get());
  const unsigned char* data = cairo_image_surface_get_data(surface.get());
  int stride = cairo_image_surface_get_stride(surface.get());
  for (int y = y0; y < y1; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y - y0) * stride);
    for (int x = x0; x < x1; ++x) {
      std::uint32_t px = row[x - x0];
      if ((px >> 24) == 0) continue;  // transparent: leave the dot as it is
      // A dot is black when the logo's darkness beats the matrix's threshold.
      unsigned darkness = 255u - grey_of(px);
      unsigned threshold = k_bayer[y & 7][x & 7] * 4u + 2u;
      if (darkness > threshold) bitmap.set_black(x, y);
    }
  }
  return {};
}

}  // namespace

Result<std::string> render_pdf(const BadgeLayout& layout, const PdfOptions& options) {
  std::string bytes;
  auto made = detail::make_pdf_surface(bytes, layout.width_mm * pt_per_mm, layout.height_mm * pt_per_mm, options);
  if (!made) return std::unexpected(made.error());
  SurfacePtr surface = std::move(*made);
  {
    CairoPtr cr(cairo_create(surface.get()));
    detail::draw_badge(cr.get(), layout, {.qr_paths = options.qr_as_paths});
    if (auto s = check_drawing(cr.get(), layout); !s) return std::unexpected(s.error());
    cairo_show_page(cr.get());
  }
  cairo_surface_finish(surface.get());
  if (auto s = check_surface(surface.get(), "PDF"); !s) return std::unexpected(s.error());
  detail::fix_pdf_creation_date(bytes);
  return bytes;
}

Result<RgbaImage> render_preview(const BadgeLayout& layout, double pixels_per_mm) {
  if (!(pixels_per_mm > 0 && pixels_per_mm <= 100))
    return fail(fmt::format("a badge preview at {} pixels per mm: expected more than 0 and at most 100", pixels_per_mm));
  auto raster = make_raster(layout, CAIRO_FORMAT_ARGB32, pixels_per_mm);
  if (!raster) return std::unexpected(raster.error());
  detail::draw_badge(raster->cr.get(), layout, {.snap_pixels_per_mm = pixels_per_mm});
  if (auto s = check_drawing(raster->cr.get(), layout); !s) return std::unexpected(s.error());
  cairo_surface_flush(raster->surface.get());
  RgbaImage image;
  image.width = cairo_image_surface_get_width(raster->surface.get());
  image.height = cairo_image_surface_get_height(raster->surface.get());
  image.pixels.resize(static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4);
  const unsigned char* data = cairo_image_surface_get_data(raster->surface.get());
  int stride = cairo_image_surface_get_stride(raster->surface.get());
  std::uint8_t* out = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      std::uint32_t px = row[x];
      unsigned a = px >> 24;
      auto channel = [a](unsigned c) { return static_cast<std::uint8_t>(a == 0 ? 0 : std::min(255u, (c * 255 + a / 2) / a)); };
      *out++ = channel((px >> 16) & 0xff);
      *out++ = channel((px >> 8) & 0xff);
      *out++ = channel(px & 0xff);
      *out++ = static_cast<std::uint8_t>(a);
    }
  }
  return image;
}

Result<std::string> encode_png(const RgbaImage& image) {
  if (image.width <= 0 || image.height <= 0 ||
      image.pixels.size() != static_cast<std::size_t>(image.width) * static_cast<std::size_t>(image.height) * 4)
    return fail(fmt::format("cannot encode a {} x {} image of {} bytes as PNG: expected width * height * 4 bytes",
                            image.width, image.height, image.pixels.size()));
  SurfacePtr surface(cairo_image_surface_create(CAIRO_FORMAT_ARGB32, image.width, image.height));
  if (auto s = check_surface(surface.get(), "PNG image"); !s) return std::unexpected(s.error());
  cairo_surface_flush(surface.get());
  unsigned char* data = cairo_image_surface_get_data(surface.get());
  int stride = cairo_image_surface_get_stride(surface.get());
  const std::uint8_t* in = image.pixels.data();
  for (int y = 0; y < image.height; ++y) {
    auto* row = reinterpret_cast<std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x, in += 4) {
      unsigned a = in[3];
      auto pre = [a](unsigned c) { return (c * a + 127) / 255; };
      row[x] = (a << 24) | (pre(in[0]) << 16) | (pre(in[1]) << 8) | pre(in[2]);
    }
  }
  cairo_surface_mark_dirty(surface.get());
  std::string bytes;
  cairo_status_t status = cairo_surface_write_to_png_stream(surface.get(), detail::append_to_string, &bytes);
  if (status != CAIRO_STATUS_SUCCESS) return fail(fmt::format("Cairo could not encode the PNG: {}", cairo_status_to_string(status)));
  return bytes;
}

Result<printer::MonoBitmap> render_mono(const BadgeLayout& layout, int dpi) {
  if (dpi < 72 || dpi > 1200) return fail(fmt::format("a printer bitmap at {} dpi: expected 72 to 1200 dpi", dpi));
  if (auto s = check_qr_dots(layout, dpi); !s) return std::unexpected(s.error());
  double dots_per_mm = dpi / mm_per_inch;
  // Coverage first (A8: 0 no ink .. 255 full ink), then cut at half.
  auto raster = make_raster(layout, CAIRO_FORMAT_A8, dots_per_mm);
  if (!raster) return std::unexpected(raster.error());
  detail::draw_badge(raster->cr.get(), layout, {.ink = detail::Ink::mono, .snap_pixels_per_mm = dots_per_mm, .draw_logo = false});
  if (auto s = check_drawing(raster->cr.get(), layout); !s) return std::unexpected(s.error());
  cairo_surface_flush(raster->surface.get());
  printer::MonoBitmap bitmap(cairo_image_surface_get_width(raster->surface.get()),
                             cairo_image_surface_get_height(raster->surface.get()), dpi);
  const unsigned char* data = cairo_image_surface_get_data(raster->surface.get());
  int stride = cairo_image_surface_get_stride(raster->surface.get());
  for (int y = 0; y < bitmap.height; ++y) {
    const unsigned char* in = data + static_cast<std::ptrdiff_t>(y) * stride;
    std::uint8_t* out = bitmap.row(y);
    for (int x = 0; x < bitmap.width; ++x)
      if (in[x] >= 128) out[x >> 3] |= static_cast<std::uint8_t>(0x80u >> (x & 7));
  }
  if (auto s = dither_logo(layout, bitmap, dots_per_mm); !s) return std::unexpected(s.error());
  return bitmap;
}

Result<printer::GreyBitmap> render_grey(const BadgeLayout& layout, int dpi) {
  if (dpi < 72 || dpi > 1200) return fail(fmt::format("a printer bitmap at {} dpi: expected 72 to 1200 dpi", dpi));
  if (auto s = check_qr_dots(layout, dpi); !s) return std::unexpected(s.error());
  double dots_per_mm = dpi / mm_per_inch;
  auto raster = make_raster(layout, CAIRO_FORMAT_RGB24, dots_per_mm);
  if (!raster) return std::unexpected(raster.error());
  detail::draw_badge(raster->cr.get(), layout, {.snap_pixels_per_mm = dots_per_mm});
  if (auto s = check_drawing(raster->cr.get(), layout); !s) return std::unexpected(s.error());
  cairo_surface_flush(raster->surface.get());
  printer::GreyBitmap bitmap(cairo_image_surface_get_width(raster->surface.get()),
                             cairo_image_surface_get_height(raster->surface.get()), dpi);
  const unsigned char* data = cairo_image_surface_get_data(raster->surface.get());
  int stride = cairo_image_surface_get_stride(raster->surface.get());
  for (int y = 0; y < bitmap.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    std::uint8_t* out = bitmap.pixels.data() + static_cast<std::size_t>(y) * static_cast<std::size_t>(bitmap.width);
    for (int x = 0; x < bitmap.width; ++x) out[x] = grey_of(row[x] | 0xff000000u);  // RGB24: opaque
  }
  return bitmap;
}

std::string encode_pbm(const printer::MonoBitmap& bitmap) {
  // P4 rows are packed like MonoBitmap's: most significant bit first, 1 is black.
  std::string out = fmt::format("P4\n# {} dpi\n{} {}\n", bitmap.dpi, bitmap.width, bitmap.height);
  out.append(reinterpret_cast<const char*>(bitmap.bits.data()), bitmap.bits.size());
  return out;
}

std::string encode_pgm(const printer::GreyBitmap& bitmap) {
  std::string out = fmt::format("P5\n# {} dpi\n{} {}\n255\n", bitmap.dpi, bitmap.width, bitmap.height);
  out.append(reinterpret_cast<const char*>(bitmap.pixels.data()), bitmap.pixels.size());
  return out;
}

Status write_badge(const BadgeLayout& layout, const std::filesystem::path& path, const FileOptions& options) {
  std::string ext = lower_extension(path);
  Result<std::string> bytes = fail("");
  if (ext == ".pdf") {
    bytes = render_pdf(layout, options.pdf);
  } else if (ext == ".png") {
    auto image = render_preview(layout, options.dpi / mm_per_inch);
    bytes = image ? encode_png(*image) : std::unexpected(image.error());
  } else if (ext == ".pbm") {
    auto bitmap = render_mono(layout, options.dpi);
    bytes = bitmap ? Result<std::string>(encode_pbm(*bitmap)) : std::unexpected(bitmap.error());
  } else if (ext == ".pgm") {
    auto bitmap = render_grey(layout, options.dpi);
    bytes = bitmap ? Result<std::string>(encode_pgm(*bitmap)) : std::unexpected(bitmap.error());
  } else {
    return fail(fmt::format("cannot write a badge to {}: the extension should be .pdf, .png, .pbm or .pgm", path));
  }
  if (!bytes) return fail(fmt::format("cannot write {}: {}", path, bytes.error().message));
  return write_file_atomic(path, *bytes);
}

}  // namespace accueil::render
