#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "shared/base/files.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;
namespace fs = std::filesystem;

TEST_CASE("sheet plans fit as many badges as the paper holds", "[batch]") {
  SECTION("62 x 100 mm labels: three by two on A4 with gaps for crop marks") {
    auto plan = plan_sheet(62, 100, {});
    REQUIRE(plan);
    CHECK(plan->columns == 3);
    CHECK(plan->rows == 2);
    CHECK_FALSE(plan->butted);
    REQUIRE(plan->slots.size() == 6);
    // Centred on the paper.
    CHECK(plan->slots[0].x == Approx(210 - plan->slots[2].right()));
    CHECK(plan->slots[0].y == Approx(297 - plan->slots[5].bottom()));
    // 6 mm gaps.
    CHECK(plan->slots[1].x - plan->slots[0].right() == Approx(6));
    CHECK(plan->slots[3].y - plan->slots[0].bottom() == Approx(6));
    // Eight marks per badge (two per corner), none on a badge, all on the paper.
    REQUIRE(plan->crop_marks.size() == 6);
    for (std::size_t i = 0; i < 6; ++i) {
      CHECK(plan->crop_marks[i].size() == 8);
      for (const SegmentMm& m : plan->crop_marks[i]) {
        for (const RectMm& s : plan->slots) {
          bool vertical = m.x0 == m.x1;
          bool crosses = vertical ? (m.x0 > s.x && m.x0 < s.right() && m.y1 > s.y && m.y0 < s.bottom())
                                  : (m.y0 > s.y && m.y0 < s.bottom() && m.x1 > s.x && m.x0 < s.right());
          CHECK_FALSE(crosses);
        }
        CHECK(std::min(m.x0, m.x1) >= 0);
        CHECK(std::max(m.x0, m.x1) <= 210);
        CHECK(std::min(m.y0, m.y1) >= 0);
        CHECK(std::max(m.y0, m.y1) <= 297);
      }
    }
  }

  SECTION("A6 cards: four on A4, butted, for perforated card stock") {
    auto plan = plan_sheet(105, 148, {});
    REQUIRE(plan);
    CHECK(plan->per_sheet() == 4);
    CHECK(plan->butted);
    CHECK(plan->slots[1].x == Approx(plan->slots[0].right()));
  }

  SECTION("4 x 6 inch labels: two on A4") {
    auto plan = plan_sheet(102, 152, {});
    REQUIRE(plan);
    CHECK(plan->per_sheet() == 2);
  }

  SECTION("no crop marks when asked") {
    SheetOptions options;
    options.crop_marks = false;
    auto plan = plan_sheet(62, 100, options);
    REQUIRE(plan);
    for (const auto& marks : plan->crop_marks) CHECK(marks.empty());
  }

  SECTION("a badge larger than the paper is an error") {
    auto plan = plan_sheet(220, 100, {});
    REQUIRE_FALSE(plan);
    CHECK(plan.error().message == "a 220 x 100 mm badge does not fit on 210 x 297 mm paper");
  }
}

TEST_CASE("a batch of badges on A4 sheets: every name, every QR code", "[batch][zbar][pdftotext]") {
  test::TempDir dir;
  std::vector<BadgeContent> contents;
  std::vector<std::string> tokens;
  auto samples = test::script_samples();
  for (unsigned i = 0; i < samples.size(); ++i) {
    contents.push_back(test::content_of(samples[i].attendee, 100 + i));
    tokens.push_back(test::sample_token(100 + i));
  }
  const fs::path file = dir / "vip.pdf";
  SheetOptions options;
  options.pdf.title = "Badges VIP";
  auto sheets = write_sheets(test::typesetter(), test::shipped_template("label-62x100"), contents, file, options);
  REQUIRE(sheets);
  CHECK(sheets->badges == 13);
  CHECK(sheets->sheets == 3);  // 6 + 6 + 1
  CHECK(sheets->warnings.empty());
  const std::string info = test::squeeze(test::run("pdfinfo " + test::quote(file)).out);
  CHECK_THAT(info, Catch::Contains("Pages:3") && Catch::Contains("Title:BadgesVIP") &&
                       Catch::Contains("CreationDate:ThuJan100:00:002026UTC") &&
                       Catch::Contains("Pagesize:595.276x841.89pts(A4)"));

  // The logo is drawn once into a recording surface: the PDF holds it once
  // (a form XObject), not thirteen times.
  auto bytes = read_file(file);
  REQUIRE(bytes);
  std::size_t forms = 0;
  for (std::size_t at = bytes->find("/Subtype /Form"); at != std::string::npos; at = bytes->find("/Subtype /Form", at + 1)) ++forms;
  CHECK(forms == 1);

  const std::string text = test::squeeze(test::pdf_text(file));
  for (const BadgeContent& c : contents) {
    INFO(c.who);
    CHECK_THAT(text, Catch::Contains(test::squeeze(c.first_name)) && Catch::Contains(test::squeeze(c.last_name)));
  }

  REQUIRE(test::run("pdftoppm -r 200 -gray -png " + test::quote(file) + " " + test::quote(dir / "sheet")).exit_code == 0);
  std::vector<std::string> decoded;
  for (const char* page : {"sheet-1.png", "sheet-2.png", "sheet-3.png"}) {
    auto codes = test::zbar_decode(dir / page);
    decoded.insert(decoded.end(), codes.begin(), codes.end());
  }
  std::ranges::sort(decoded);
  std::ranges::sort(tokens);
  CHECK(decoded == tokens);
}

TEST_CASE("four A6 badges per A4 sheet", "[batch]") {
  std::vector<BadgeContent> contents;
  for (const auto& w : test::worst_cases()) contents.push_back(test::content_of(w.attendee));
  auto sheets = render_sheets(test::typesetter(), test::shipped_template("a6"), contents);
  REQUIRE(sheets);
  CHECK(sheets->badges == 7);
  CHECK(sheets->sheets == 2);
}

TEST_CASE("a batch with characters no font draws prints without them, or names every badge when asked to refuse",
          "[batch]") {
  std::vector<BadgeContent> contents;
  for (const auto& s : test::script_samples()) contents.push_back(test::content_of(s.attendee));
  contents[2].last_name += "\U0010FFFD";
  contents[7].organisation += "\U0010FFFE";
  SheetOptions strict;
  strict.layout.refuse_missing_glyphs = true;
  auto sheets = render_sheets(test::typesetter(), test::shipped_template("label-62x100"), contents, strict);
  REQUIRE_FALSE(sheets);
  const std::string& message = sheets.error().message;
  CHECK_THAT(message, Catch::StartsWith("2 of 13 badges cannot be printed:"));
  CHECK_THAT(message, Catch::Contains(contents[2].who) && Catch::Contains("U+10FFFD"));
  CHECK_THAT(message, Catch::Contains(contents[7].who) && Catch::Contains("U+10FFFE"));

  auto allowed = render_sheets(test::typesetter(), test::shipped_template("label-62x100"), contents);
  REQUIRE(allowed);
  CHECK(allowed->badges == 13);
  CHECK(allowed->warnings.size() == 2);

  auto empty = render_sheets(test::typesetter(), test::shipped_template("label-62x100"), {});
  REQUIRE_FALSE(empty);
  CHECK_THAT(empty.error().message, Catch::Contains("the list of attendees is empty"));
}
