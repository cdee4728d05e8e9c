// Golden images: a handful of badges, the worst cases among them, compared
// with approved images within a tolerance, and their layouts compared with
// approved text descriptions. golden/EXPLAIN.md says what each one shows; a
// changed golden is reviewed, then re-approved with approve-golden.sh.
#include <catch2/catch.hpp>

#include <cairo.h>

#include <cstdlib>
#include <fmt/core.h>

#include "shared/base/files.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;
namespace fs = std::filesystem;

namespace {

const fs::path k_golden_dir = ACCUEIL_SOURCE_DIR "/tests/printer/render/golden";

bool approving() {
  const char* v = std::getenv("ACCUEIL_APPROVE_GOLDEN");
  return v && std::string_view(v) == "1";
}

enum class Kind { preview, mono };

struct GoldenCase {
  std::string name;
  std::string template_id;
  Attendee attendee;
  Kind kind;
  int dpi;  // for mono; the preview is at 8 pixels per mm
};

std::vector<GoldenCase> golden_cases() {
  auto worst = test::worst_cases();
  auto scripts = test::script_samples();
  return {
      {"fr-long-name-62x100", "label-62x100", worst[0].attendee, Kind::preview, 0},
      {"mg-long-name-continuous-62", "continuous-62", worst[1].attendee, Kind::preview, 0},
      {"ar-with-latin-62x100", "label-62x100", worst[6].attendee, Kind::preview, 0},
      {"ar-with-latin-62x100-mono-203dpi", "label-62x100", worst[6].attendee, Kind::mono, 203},
      {"ja-a6", "a6", scripts[5].attendee, Kind::preview, 0},
      {"ellipsized-102x152", "label-102x152", worst[3].attendee, Kind::preview, 0},
      {"vi-62x100-mono-300dpi", "label-62x100", worst[5].attendee, Kind::mono, 300},
  };
}

RgbaImage from_mono(const printer::MonoBitmap& bitmap) {
  RgbaImage image{bitmap.width, bitmap.height, {}};
  image.pixels.reserve(static_cast<std::size_t>(bitmap.width) * static_cast<std::size_t>(bitmap.height) * 4);
  for (int y = 0; y < bitmap.height; ++y)
    for (int x = 0; x < bitmap.width; ++x) {
      std::uint8_t v = bitmap.black(x, y) ? 0 : 255;
      image.pixels.insert(image.pixels.end(), {v, v, v, 255});
    }
  return image;
}

// Reads a PNG as RGBA (the golden files are opaque).
std::optional<RgbaImage> read_png(const fs::path& path) {
  cairo_surface_t* s = cairo_image_surface_create_from_png(path.c_str());
  if (cairo_surface_status(s) != CAIRO_STATUS_SUCCESS) {
    cairo_surface_destroy(s);
    return std::nullopt;
  }
  RgbaImage image{cairo_image_surface_get_width(s), cairo_image_surface_get_height(s), {}};
  const unsigned char* data = cairo_image_surface_get_data(s);
  int stride = cairo_image_surface_get_stride(s);
  for (int y = 0; y < image.height; ++y) {
    const auto* row = reinterpret_cast<const std::uint32_t*>(data + static_cast<std::ptrdiff_t>(y) * stride);
    for (int x = 0; x < image.width; ++x) {
      std::uint32_t px = row[x];
      image.pixels.insert(image.pixels.end(), {static_cast<std::uint8_t>(px >> 16), static_cast<std::uint8_t>(px >> 8),
                                               static_cast<std::uint8_t>(px), static_cast<std::uint8_t>(px >> 24)});
    }
  }
  cairo_surface_destroy(s);
  return image;
}

// A text description of a layout: what the fit decided for every box.
std::string describe(const BadgeLayout& l) {
  std::string out = fmt::format("template {}: {} x {} mm, badge language {}\n", l.template_id, l.width_mm, l.height_mm, l.language);
  if (l.band)
    out += fmt::format("band: {:.1f},{:.1f} {:.1f}x{:.1f} mm, colour #{:02X}{:02X}{:02X}\n", l.band->box.x, l.band->box.y,
                       l.band->box.width, l.band->box.height, static_cast<int>(std::lround(l.band->colour.r * 255)),
                       static_cast<int>(std::lround(l.band->colour.g * 255)), static_cast<int>(std::lround(l.band->colour.b * 255)));
  for (const TextBox& t : l.texts) {
    out += fmt::format("{:<13} {:5.2f} pt (range {:g}-{:g}), {} of {} line(s), {:<10} extent {:6.2f},{:6.2f} {:5.2f}x{:5.2f} in box "
                       "{:g},{:g} {:g}x{:g}: \"{}\"\n",
                       std::string(t.on_band ? "band label" : to_string(t.field)), t.size_pt, t.min_size_pt, t.max_size_pt,
                       t.line_count, t.max_lines, to_string(t.fit), t.extent.x, t.extent.y, t.extent.width,
                       t.extent.height, t.box.x, t.box.y, t.box.width, t.box.height, t.text);
  }
  if (l.qr) {
    out += fmt::format("qr: version {}, {} modules + {} quiet, {:.3f} mm modules in vector output", l.qr->matrix.version,
                       l.qr->matrix.size, l.qr->quiet_zone_modules, l.qr->module_mm());
    for (int dpi : {203, 300}) {
      QrPlacement p = place_qr(l.qr->box, l.qr->matrix.size, l.qr->quiet_zone_modules, dpi / 25.4);
      out += fmt::format("; {} dpi: {} dots per module from dot {},{}", dpi, p.module, p.x, p.y);
    }
    out += "\n";
  }
  if (l.logo)
    out += fmt::format("logo: {:.2f},{:.2f} {:.2f}x{:.2f} mm\n", l.logo->box.x, l.logo->box.y, l.logo->box.width, l.logo->box.height);
  for (const auto& w : l.warnings) out += "warning: " + w + "\n";
  return out;
}

}  // namespace

TEST_CASE("golden badges match their approved images and layouts", "[golden]") {
  for (const GoldenCase& g : golden_cases()) {
    INFO("golden " << g.name);
    auto layout = test::typesetter().layout(test::shipped_template(g.template_id), test::content_of(g.attendee, 42));
    REQUIRE(layout);
    RgbaImage actual;
    if (g.kind == Kind::preview) {
      auto image = render_preview(*layout, 8);
      REQUIRE(image);
      actual = std::move(*image);
    } else {
      auto bitmap = render_mono(*layout, g.dpi);
      REQUIRE(bitmap);
      actual = from_mono(*bitmap);
    }
    auto png = encode_png(actual);
    REQUIRE(png);
    const std::string description = describe(*layout);
    const fs::path image_file = k_golden_dir / (g.name + ".png");
    const fs::path layout_file = k_golden_dir / (g.name + ".layout.txt");

    if (approving()) {
      REQUIRE(write_file_atomic(image_file, *png));
      REQUIRE(write_file_atomic(layout_file, description));
      WARN("approved " << image_file.string());
      continue;
    }

    auto expected_layout = read_file(layout_file);
    REQUIRE(expected_layout);  // no golden yet: run tests/printer/render/approve-golden.sh
    CHECK(description == *expected_layout);

    auto expected = read_png(image_file);
    REQUIRE(expected);
    REQUIRE(expected->width == actual.width);
    REQUIRE(expected->height == actual.height);
    // Tolerance: a pixel differs when a channel moves by more than a quarter
    // of its range (antialiasing may shift with a library update); at most
    // 0.1 % of the pixels may differ.
    RgbaImage diff{actual.width, actual.height, std::vector<std::uint8_t>(actual.pixels.size(), 255)};
    std::size_t differing = 0;
    for (std::size_t i = 0; i < actual.pixels.size(); i += 4) {
      int worst = 0;
      for (std::size_t c = 0; c < 4; ++c) worst = std::max(worst, std::abs(actual.pixels[i + c] - expected->pixels[i + c]));
      if (worst > 64) {
        ++differing;
        diff.pixels[i] = 255;
        diff.pixels[i + 1] = diff.pixels[i + 2] = 0;
      } else {
        std::uint8_t faint = static_cast<std::uint8_t>(192 + actual.pixels[i + 1] / 4);
        diff.pixels[i] = diff.pixels[i + 1] = diff.pixels[i + 2] = faint;
      }
    }
    const std::size_t allowed = actual.pixels.size() / 4 / 1000;
    if (differing > allowed) {
      (void)write_file_atomic(fs::current_path() / (g.name + ".actual.png"), *png);
      if (auto d = encode_png(diff)) (void)write_file_atomic(fs::current_path() / (g.name + ".diff.png"), *d);
      FAIL_CHECK(differing << " pixels differ (at most " << allowed << " may); see " << (fs::current_path() / g.name).string()
                           << ".actual.png and .diff.png, then re-approve with tests/printer/render/approve-golden.sh");
    }
  }
}
