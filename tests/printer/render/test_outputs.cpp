#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "shared/intake/demo_data.hpp"
#include "shared/base/files.hpp"
#include "shared/domain/ticket.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;
namespace fs = std::filesystem;

namespace {

BadgeLayout lay_out(const std::string& template_id, const Attendee& a, unsigned token_seed) {
  auto layout = test::typesetter().layout(test::shipped_template(template_id), test::content_of(a, token_seed));
  if (!layout) FAIL(layout.error().message);
  return *layout;
}

void write(const fs::path& path, const std::string& bytes) {
  auto s = write_file_atomic(path, bytes);
  if (!s) FAIL(s.error().message);
}

// Every module of the code is a whole square of dots of the module's colour,
// and the quiet zone around it is white.
void check_modules_on_whole_dots(const printer::MonoBitmap& bitmap, const QrBlock& qr) {
  QrPlacement p = place_qr(qr.box, qr.matrix.size, qr.quiet_zone_modules, bitmap.dpi / 25.4);
  REQUIRE(p.module >= 2);
  int wrong = 0;
  for (int my = -qr.quiet_zone_modules; my < qr.matrix.size + qr.quiet_zone_modules; ++my) {
    for (int mx = -qr.quiet_zone_modules; mx < qr.matrix.size + qr.quiet_zone_modules; ++mx) {
      bool inside = mx >= 0 && my >= 0 && mx < qr.matrix.size && my < qr.matrix.size;
      bool dark = inside && qr.matrix.dark(mx, my);
      for (int dy = 0; dy < p.module; ++dy)
        for (int dx = 0; dx < p.module; ++dx)
          wrong += bitmap.black(p.x + mx * p.module + dx, p.y + my * p.module + dy) != dark;
    }
  }
  CHECK(wrong == 0);
}

}  // namespace

TEST_CASE("the QR code decodes to the exact token from every output", "[outputs][zbar]") {
  test::TempDir dir;
  const Attendee people[] = {test::worst_cases()[0].attendee, test::script_samples()[4].attendee};  // French, Arabic
  unsigned seed = 10;
  for (const std::string& id : test::shipped_template_ids()) {
    for (const Attendee& a : people) {
      ++seed;
      const std::string token = test::sample_token(seed);
      BadgeLayout layout = lay_out(id, a, seed);
      REQUIRE(layout.qr);
      const std::string stem = fmt::format("{}-{}", id, seed);
      INFO(stem << " for " << layout.who);

      auto pdf = render_pdf(layout);
      REQUIRE(pdf);
      write(dir / (stem + ".pdf"), *pdf);
      // pdftoppm rasterises the vector PDF the way a CUPS filter would.
      REQUIRE(test::run("pdftoppm -r 300 -gray -png " + test::quote(dir / (stem + ".pdf")) + " " +
                        test::quote(dir / (stem + "-pdf"))).exit_code == 0);
      CHECK(test::zbar_decode(dir / (stem + "-pdf-1.png")) == std::vector{token});

      auto preview = render_preview(layout, 8);
      REQUIRE(preview);
      auto png = encode_png(*preview);
      REQUIRE(png);
      write(dir / (stem + ".png"), *png);
      CHECK(test::zbar_decode(dir / (stem + ".png")) == std::vector{token});

      for (int dpi : {300, 203}) {
        INFO(dpi << " dpi");
        auto mono = render_mono(layout, dpi);
        REQUIRE(mono);
        CHECK(mono->dpi == dpi);
        CHECK(mono->width == static_cast<int>(std::lround(layout.width_mm * dpi / 25.4)));
        CHECK(mono->height == static_cast<int>(std::lround(layout.height_mm * dpi / 25.4)));
        check_modules_on_whole_dots(*mono, *layout.qr);
        const fs::path pbm = dir / fmt::format("{}-{}.pbm", stem, dpi);
        write(pbm, encode_pbm(*mono));
        CHECK(test::zbar_decode(pbm) == std::vector{token});

        auto grey = render_grey(layout, dpi);
        REQUIRE(grey);
        const fs::path pgm = dir / fmt::format("{}-{}.pgm", stem, dpi);
        write(pgm, encode_pgm(*grey));
        CHECK(test::zbar_decode(pgm) == std::vector{token});
      }
    }
  }
}

TEST_CASE("signed tickets as the ticket module issues them decode from every template at 203 dpi", "[outputs][zbar]") {
  // The longest tickets: the ticket module caps the payload at 200 bytes, plus
  // a 64-byte signature, in Base45 after "AC1:" (about 400 characters).
  test::TempDir dir;
  const SecretKey key = generate_secret_key();
  std::vector<Attendee> people{test::worst_cases()[3].attendee, test::worst_cases()[6].attendee};
  for (const Attendee& a : generate_demo_attendees(test::sample_event(), {.count = 3, .seed = 5})) people.push_back(a);
  std::size_t longest = 0;
  for (const Attendee& a : people) {
    auto ticket = sign_ticket(claims_for(a, test::sample_event()), key);
    REQUIRE(ticket);
    longest = std::max(longest, ticket->size());
    for (const std::string& id : test::shipped_template_ids()) {
      INFO(id << " for " << a.first_name << " " << a.last_name << ", ticket of " << ticket->size() << " characters");
      auto layout = test::typesetter().layout(test::shipped_template(id), badge_content(test::sample_event(), a, *ticket));
      REQUIRE(layout);
      auto mono = render_mono(*layout, 203);
      REQUIRE(mono);
      write(dir / "t.pbm", encode_pbm(*mono));
      CHECK(test::zbar_decode(dir / "t.pbm") == std::vector{*ticket});
    }
  }
  CHECK(longest > 380);
}

TEST_CASE("pdftotext finds the names, organisations and functions, in every script", "[outputs][pdftotext]") {
  test::TempDir dir;
  std::vector<test::NamedAttendee> people = test::script_samples();
  for (std::size_t i = 0; i < 3; ++i) people.push_back(test::worst_cases()[i]);
  int checked = 0;
  for (const auto& [label, a] : people) {
    INFO(label);
    BadgeLayout layout = lay_out("label-62x100", a, 3);
    auto pdf = render_pdf(layout);
    REQUIRE(pdf);
    const fs::path file = dir / "badge.pdf";
    write(file, *pdf);
    const std::string text = test::squeeze(test::pdf_text(file));
    for (Field f : {Field::first_name, Field::last_name, Field::latin_name, Field::organisation, Field::function,
                    Field::country, Field::category}) {
      const TextBox* box = layout.text(f);
      REQUIRE(box);
      if (box->text.empty() || box->ellipsized()) continue;  // an ellipsized text is printed only in part
      INFO(to_string(f) << " \"" << box->text << "\" in:\n" << test::pdf_text(file));
      // pdftotext puts right-to-left text back in logical order, but not
      // always the runs around a neutral character ("תל אביב-יפו" comes out as
      // "יפו-תל אביב"): for those, each word must be there.
      for (const std::string& part : test::is_right_to_left(box->text) ? test::words(box->text) : std::vector{box->text})
        CHECK_THAT(text, Catch::Contains(test::squeeze(part)));
      ++checked;
    }
    // The names themselves are never ellipsized in these samples.
    CHECK_FALSE(layout.text(Field::first_name)->ellipsized());
    CHECK_FALSE(layout.text(Field::last_name)->ellipsized());
  }
  CHECK(checked >= 80);
}

TEST_CASE("the preview is an opaque RGBA buffer for an SDL texture", "[outputs]") {
  BadgeLayout layout = lay_out("label-62x100", test::script_samples()[0].attendee, 4);
  auto image = render_preview(layout, 8);
  REQUIRE(image);
  CHECK(image->width == 496);
  CHECK(image->height == 800);
  CHECK(image->pitch() == 496 * 4);
  REQUIRE(image->pixels.size() == 496u * 800u * 4u);
  bool opaque = true;
  for (std::size_t i = 3; i < image->pixels.size(); i += 4) opaque = opaque && image->pixels[i] == 255;
  CHECK(opaque);
  // Bytes R, G, B, A: the band's corner has the category's colour (#1F5FAD for "elu").
  CHECK(image->pixels[(4 * 496 + 4) * 4 + 0] == 0x1F);
  CHECK(image->pixels[(4 * 496 + 4) * 4 + 1] == 0x5F);
  CHECK(image->pixels[(4 * 496 + 4) * 4 + 2] == 0xAD);
  // Any scale.
  auto small = render_preview(layout, 2.5);
  REQUIRE(small);
  CHECK(small->width == 155);
  auto bad = render_preview(layout, 0);
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("pixels per mm"));
}

TEST_CASE("on a 1-bit printer the band prints black with its label knocked out", "[outputs]") {
  BadgeLayout layout = lay_out("label-62x100", test::script_samples()[0].attendee, 5);
  auto mono = render_mono(layout, 300);
  REQUIRE(mono);
  REQUIRE(layout.band);
  const RectMm& band = layout.band->box;
  const RectMm& label = layout.texts.front().extent;
  const double dpmm = 300 / 25.4;
  int black = 0, white = 0, total = 0;
  for (int y = static_cast<int>(band.y * dpmm) + 1; y < static_cast<int>(band.bottom() * dpmm) - 1; ++y) {
    for (int x = 1; x < mono->width - 1; ++x) {
      double xmm = x / dpmm, ymm = y / dpmm;
      bool in_label = xmm >= label.x && xmm <= label.right() && ymm >= label.y && ymm <= label.bottom();
      if (in_label) {
        white += !mono->black(x, y);
      } else {
        black += mono->black(x, y);
        ++total;
      }
    }
  }
  CHECK(black == total);  // the band around the label is solid
  CHECK(white > 500);     // the label's letters are white dots
}

TEST_CASE("PDF output is deterministic and carries a fixed date", "[outputs]") {
  BadgeLayout layout = lay_out("a6", test::script_samples()[5].attendee, 6);
  auto a = render_pdf(layout);
  auto b = render_pdf(layout);
  REQUIRE(a);
  REQUIRE(b);
  CHECK(*a == *b);
  CHECK_THAT(*a, Catch::Contains("/CreationDate (D:20260101000000Z)"));
  // The date is fixed up after Cairo wrote the file (see pdf_date.hpp): the
  // cross-reference table must still be right, which poppler would report.
  test::TempDir dir;
  write(dir / "a.pdf", *a);
  CHECK(test::run("{ pdfinfo " + test::quote(dir / "a.pdf") + " 2>&1 >/dev/null; }").out.empty());
  CHECK_THAT(test::run("pdfinfo " + test::quote(dir / "a.pdf")).out, Catch::Contains("Thu Jan  1 00:00:00 2026 UTC"));
  auto titled = render_pdf(layout, {.title = "Badge"});
  REQUIRE(titled);
  CHECK_THAT(*titled, Catch::Contains("/Title (Badge)"));
}

TEST_CASE("the PDF's QR code is an image mask drawn without interpolation, or paths on request", "[outputs][zbar]") {
  test::TempDir dir;
  const std::string token = test::sample_token(8);
  BadgeLayout layout = lay_out("label-62x100", test::script_samples()[2].attendee, 8);
  auto masked = render_pdf(layout);
  REQUIRE(masked);
  // One pixel per module: 49 x 49 for a 200-character base45 token.
  CHECK_THAT(*masked, Catch::Contains("/ImageMask true") && Catch::Contains("/Width 49") &&
                          Catch::Contains("/Height 49") && Catch::Contains("/Interpolate false"));
  PdfOptions paths_options;
  paths_options.qr_as_paths = true;
  auto paths = render_pdf(layout, paths_options);
  REQUIRE(paths);
  CHECK_THAT(*paths, !Catch::Contains("/ImageMask"));
  CHECK(paths->size() > masked->size() + 5000);
  for (const auto& [name, bytes] : {std::pair{"masked", *masked}, std::pair{"paths", *paths}}) {
    INFO(name);
    write(dir / (std::string(name) + ".pdf"), bytes);
    // 150 dpi: about 3 pixels per 0.51 mm module, the mask must stay crisp.
    REQUIRE(test::run("pdftoppm -r 150 -gray -png " + test::quote(dir / (std::string(name) + ".pdf")) + " " +
                      test::quote(dir / name)).exit_code == 0);
    CHECK(test::zbar_decode(dir / (std::string(name) + "-1.png")) == std::vector{token});
  }
}

TEST_CASE("write_badge picks the format from the extension", "[outputs]") {
  test::TempDir dir;
  BadgeLayout layout = lay_out("continuous-62", test::script_samples()[1].attendee, 7);
  FileOptions at_203;
  at_203.dpi = 203;
  for (const char* name : {"b.pdf", "b.png", "b.pbm", "b.pgm"}) {
    INFO(name);
    REQUIRE(write_badge(layout, dir / name, at_203));
    CHECK(fs::file_size(dir / name) > 1000);
  }
  CHECK(read_file(dir / "b.pdf")->starts_with("%PDF-"));
  CHECK(read_file(dir / "b.png")->starts_with("\x89PNG"));
  CHECK(read_file(dir / "b.pbm")->starts_with("P4\n# 203 dpi\n496 599\n"));
  CHECK(read_file(dir / "b.pgm")->starts_with("P5\n# 203 dpi\n496 599\n255\n"));
  auto jpg = write_badge(layout, dir / "b.jpg");
  REQUIRE_FALSE(jpg);
  CHECK_THAT(jpg.error().message, Catch::Contains("the extension should be .pdf, .png, .pbm or .pgm"));
}

TEST_CASE("a QR box too small for the printer's dots is an error that says how large it must be", "[outputs]") {
  auto small = parse_template(R"(id = "tiny-qr"
width_mm = 62
height_mm = 40
[[text]]
field = "full_name"
box_mm = [2, 2, 58, 10]
size_pt = 14
[qr]
box_mm = [2.1, 14, 14.26, 14.26]
)", "tiny.toml", ".");
  REQUIRE(small);
  auto layout = test::typesetter().layout(*small, test::content_of(test::script_samples()[0].attendee));
  REQUIRE(layout);  // 14.26 mm / 57 modules = 0.2502 mm: 2 dots at 300 dpi, 1 at 203
  CHECK(render_mono(*layout, 300));
  auto at_203 = render_mono(*layout, 203);
  REQUIRE_FALSE(at_203);
  CHECK_THAT(at_203.error().message, Catch::Contains("at 203 dpi: its QR code needs 57 modules across") &&
                                          Catch::Contains("gives 1 dot per module") &&
                                          Catch::Contains("Enlarge qr.box_mm to at least 14.6 mm"));
  CHECK(render_pdf(*layout));  // vector output has no dots to snap to

  auto tiny = parse_template(R"(id = "tinier"
width_mm = 62
height_mm = 40
[qr]
box_mm = [2, 2, 12, 12]
)", "tinier.toml", ".");
  REQUIRE(tiny);
  auto refused = test::typesetter().layout(*tiny, test::content_of(test::script_samples()[0].attendee));
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().message, Catch::Contains("needs a QR code of 49 modules (version 8)") &&
                                          Catch::Contains("below the 0.25 mm scanners read reliably"));
}

TEST_CASE("a badge without a token prints without a QR code and says so", "[outputs]") {
  BadgeContent c = test::content_of(test::script_samples()[0].attendee);
  c.token.clear();
  auto layout = test::typesetter().layout(test::shipped_template("label-62x100"), c);
  REQUIRE(layout);
  CHECK_FALSE(layout->qr);
  REQUIRE(layout->warnings.size() == 1);
  CHECK_THAT(layout->warnings[0], Catch::Contains("has no QR code: the attendee has no ticket token"));
  CHECK(render_mono(*layout, 203));
}
