#include <catch2/catch.hpp>

#include <algorithm>

#include "printer/render/badge_template.hpp"
#include "support.hpp"

using namespace accueil::render;
namespace fs = std::filesystem;

namespace {
const char* k_minimal = R"(id = "t"
width_mm = 62
height_mm = 100
[[text]]
field = "first_name"
box_mm = [3, 10, 56, 15]
size_pt = 28
min_size_pt = 16
)";

std::string parse_error(const std::string& extra, const std::string& base = k_minimal) {
  auto t = parse_template(base + extra, "bad.toml", ".");
  return t ? std::string("(parsed)") : t.error().message;
}
}  // namespace

TEST_CASE("the shipped templates load and cover the four badge sizes", "[template]") {
  TemplateShelf shelf(ACCUEIL_SOURCE_DIR "/assets/badges");
  std::vector<BadgeTemplate> all;  // every template in the folder
  for (const auto& entry : fs::directory_iterator(shelf.dir())) {
    if (entry.path().extension() != ".toml") continue;
    auto t = shelf.get(entry.path().stem().string());
    REQUIRE(t);
    all.push_back(**t);
  }
  std::vector<std::string> ids;
  for (const auto& t : all) ids.push_back(t.id);
  std::ranges::sort(ids);
  CHECK(ids == test::shipped_template_ids());

  const auto& label = test::shipped_template("label-62x100");
  CHECK(label.width_mm == 62);
  CHECK(label.height_mm == 100);
  CHECK(label.media == Media::die_cut);
  CHECK(test::shipped_template("continuous-62").media == Media::continuous);
  CHECK(test::shipped_template("continuous-62").width_mm == 62);
  CHECK(test::shipped_template("label-102x152").width_mm == 102);
  CHECK(test::shipped_template("a6").width_mm == 105);
  CHECK(test::shipped_template("a6").height_mm == 148);

  for (const auto& t : all) {
    INFO(t.id);
    // Every template prints the required elements.
    for (Field f : {Field::first_name, Field::last_name, Field::latin_name, Field::organisation, Field::function,
                    Field::country, Field::event_name, Field::event_dates}) {
      INFO(to_string(f));
      CHECK(std::ranges::any_of(t.texts, [f](const TextSpec& s) { return s.field == f; }));
    }
    CHECK(t.band.has_value());
    CHECK(t.qr.has_value());
    if (t.media != Media::continuous) {
      REQUIRE(t.logo.has_value());
      CHECK(fs::exists(t.logo->file));
    }
    // Boxes lie on the badge and do not overlap one another.
    std::vector<RectMm> boxes;
    for (const auto& s : t.texts) boxes.push_back(s.box);
    boxes.push_back(t.band->box);
    boxes.push_back(t.qr->box);
    if (t.logo) boxes.push_back(t.logo->box);
    for (std::size_t i = 0; i < boxes.size(); ++i) {
      CHECK(t.bounds().contains(boxes[i], 1e-9));
      for (std::size_t j = i + 1; j < boxes.size(); ++j) {
        const RectMm &a = boxes[i], &b = boxes[j];
        bool apart = a.right() <= b.x + 1e-9 || b.right() <= a.x + 1e-9 || a.bottom() <= b.y + 1e-9 || b.bottom() <= a.y + 1e-9;
        INFO("boxes " << i << " and " << j);
        CHECK(apart);
      }
    }
  }
}

TEST_CASE("a template's relative logo path is resolved against its folder", "[template]") {
  const auto& t = test::shipped_template("label-62x100");
  REQUIRE(t.logo);
  CHECK(t.logo->file == fs::path(ACCUEIL_SOURCE_DIR "/assets/badges") / "logo.svg");
}

TEST_CASE("a logo's format is decided at parse time, whatever the extension's case", "[template]") {
  test::TempDir dir;
  fs::copy_file(fs::path(ACCUEIL_SOURCE_DIR "/tests/printer/render/golden/ja-a6.png"), dir / "X.Png");
  fs::copy_file(fs::path(ACCUEIL_SOURCE_DIR "/assets/badges/logo.svg"), dir / "Y.SVG");
  auto png = parse_template(std::string(k_minimal) + "[logo]\nbox_mm = [0, 60, 30, 30]\nfile = \"X.Png\"\n",
                            "png.toml", dir.path());
  REQUIRE(png);
  REQUIRE(png->logo);
  CHECK(png->logo->format == LogoFormat::png);
  auto svg = parse_template(std::string(k_minimal) + "[logo]\nbox_mm = [0, 60, 30, 30]\nfile = \"Y.SVG\"\n",
                            "svg.toml", dir.path());
  REQUIRE(svg);
  REQUIRE(svg->logo);
  CHECK(svg->logo->format == LogoFormat::svg);

  // The typesetter reads the file as the template said: "X.Png" is a PNG, not handed to librsvg.
  auto content = test::content_of(test::script_samples()[0].attendee);
  auto png_layout = test::typesetter().layout(*png, content);
  REQUIRE(png_layout);
  REQUIRE(png_layout->logo);
  CHECK(png_layout->logo->box.width > 0);
  auto svg_layout = test::typesetter().layout(*svg, content);
  REQUIRE(svg_layout);
  CHECK(svg_layout->logo);
}

TEST_CASE("lower_extension lower-cases only the extension's ASCII letters", "[template]") {
  CHECK(lower_extension("Dir.PNG/logo.Png") == ".png");
  CHECK(lower_extension("badge.PDF") == ".pdf");
  CHECK(lower_extension("noext") == "");
}

TEST_CASE("a minimal template parses with the documented defaults", "[template]") {
  auto t = parse_template(k_minimal, "min.toml", ".");
  REQUIRE(t);
  CHECK(t->name == "t");
  CHECK(t->font == "Noto Sans");
  CHECK(t->media == Media::die_cut);
  REQUIRE(t->texts.size() == 1);
  const TextSpec& s = t->texts[0];
  CHECK(s.field == Field::first_name);
  CHECK(s.box == RectMm{3, 10, 56, 15});
  CHECK(s.max_lines == 1);
  CHECK(s.align == Align::centre);
  CHECK(s.valign == VAlign::middle);
  CHECK(s.colour == Rgb{0, 0, 0});
  CHECK_FALSE(t->band);
  CHECK_FALSE(t->qr);
}

TEST_CASE("bad templates are refused with the key and the reason", "[template]") {
  CHECK_THAT(parse_error("", "id = \"t\"\nwidth_mm = 62\nheight_mm = "), Catch::StartsWith("badge template bad.toml:3:"));
  CHECK_THAT(parse_error("", "id = \"Mon badge\"\nwidth_mm = 62\nheight_mm = 100\n"),
             Catch::Contains("bad.toml: id: expected a short identifier"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"surname\"\nbox_mm = [0, 0, 10, 10]\nsize_pt = 10\n"),
             Catch::Contains("text[1].field: \"surname\" is not one of first_name"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [50, 0, 20, 10]\nsize_pt = 10\n"),
             Catch::Contains("text[1].box_mm: the box ends at x = 70.00 mm, beyond the badge's width of 62.00 mm"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20]\nsize_pt = 10\n"),
             Catch::Contains("text[1].box_mm: expected box_mm = [x, y, width, height]"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20, 10]\nsize_pt = 10\nmin_size_pt = 12\n"),
             Catch::Contains("text[1].min_size_pt: 12 is larger than size_pt (10)"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20, 3]\nsize_pt = 12\n"),
             Catch::Contains("text[1].box_mm: the box is 3.0 mm high, too low for one line at min_size_pt = 12"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20, 10]\nsize_pt = 10\nmax_lines = 7\n"),
             Catch::Contains("text[1].max_lines: 7 is outside 1 .. 4"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20, 10]\nsize_pt = 10\ncolor = \"#000000\"\n"),
             Catch::Contains("text[1].color: unknown key"));
  CHECK_THAT(parse_error("[[text]]\nfield = \"country\"\nbox_mm = [0, 0, 20, 10]\nsize_pt = 10\nalign = \"left\"\n"),
             Catch::Contains("text[1].align: \"left\" is not one of start, centre, end"));
  CHECK_THAT(parse_error("[qr]\nbox_mm = [0, 60, 30, 30]\necc = \"X\"\n"), Catch::Contains("qr.ecc: \"X\" is not one of L, M, Q, H"));
  CHECK_THAT(parse_error("[logo]\nbox_mm = [0, 60, 30, 30]\nfile = \"missing.svg\"\n"),
             Catch::Contains("logo.file: \"./missing.svg\" does not exist"));
  CHECK_THAT(parse_error("[logo]\nbox_mm = [0, 60, 30, 30]\nfile = \"logo.gif\"\n"),
             Catch::Contains("is neither an SVG nor a PNG file"));
  CHECK_THAT(parse_error("", "id = \"t\"\nwidth_mm = 62\nheight_mm = 100\n"), Catch::Contains("the template prints nothing"));
  CHECK_THAT(parse_error("", "id = \"t\"\nwidth_mm = 62\nheight_mm = 100\nmedia = \"roll\"\n"),
             Catch::Contains("media: \"roll\" is not one of die-cut, continuous, sheet"));
}

TEST_CASE("colours and field names round-trip", "[template]") {
  CHECK(parse_colour("#1F5FAD") == Rgb{0x1F / 255.0, 0x5F / 255.0, 0xAD / 255.0});
  CHECK(parse_colour("#ffffff") == Rgb{1, 1, 1});
  CHECK_FALSE(parse_colour("blue"));
  CHECK_FALSE(parse_colour("#12345"));
  CHECK_FALSE(parse_colour("#12345G"));
  for (auto f : {Field::first_name, Field::latin_name, Field::event_dates, Field::venue})
    CHECK(field_from_string(to_string(f)) == f);
  CHECK_FALSE(field_from_string("nom"));
}

TEST_CASE("templates are found by id in one folder, read once, and a wrong id names what there is", "[template]") {
  TemplateShelf shipped(ACCUEIL_SOURCE_DIR "/assets/badges");
  auto first = shipped.get("a6");
  auto again = shipped.get("a6");
  REQUIRE(first);
  REQUIRE(again);
  CHECK(*first == *again);  // the same template, not read a second time
  CHECK((*first)->id == "a6");

  auto typo = shipped.get("label-62x10");
  REQUIRE_FALSE(typo);
  CHECK_THAT(typo.error().message, Catch::Contains("no badge template \"label-62x10\"") &&
                                       Catch::Contains("templates: a6, continuous-62, label-102x152, label-62x100"));
  for (const char* outside : {"../badges/a6", ".a6", ""}) {
    INFO(outside);
    auto refused = shipped.get(outside);
    REQUIRE_FALSE(refused);
    CHECK_THAT(refused.error().message, Catch::Contains("not a badge template name"));
  }

  test::TempDir dir;
  TemplateShelf empty(dir.path());
  auto none = empty.get("a6");
  REQUIRE_FALSE(none);
  CHECK_THAT(none.error().message, Catch::Contains(dir.path().string()) && Catch::Contains("templates: none"));
}
