#include <catch2/catch.hpp>

#include <set>

#include "printer/render/drawable_text.hpp"
#include "printer/render/internal.hpp"
#include "shared/base/files.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;

namespace {

// The Pango layout behind a text box of a layout (white-box: the shaping itself).
PangoLayout* pango_layout_of(const BadgeLayout& layout, Field field) {
  for (std::size_t i = 0; i < layout.texts.size(); ++i)
    if (layout.texts[i].field == field && !layout.texts[i].on_band) return layout.shaped->items[i].layout.get();
  return nullptr;
}

std::set<PangoGlyph> glyphs_of(PangoLayout* layout) {
  std::set<PangoGlyph> out;
  PangoLayoutIter* it = pango_layout_get_iter(layout);
  do {
    if (PangoLayoutRun* run = pango_layout_iter_get_run_readonly(it))
      for (int i = 0; i < run->glyphs->num_glyphs; ++i) out.insert(run->glyphs->glyphs[i].glyph);
  } while (pango_layout_iter_next_run(it));
  pango_layout_iter_free(it);
  return out;
}

BadgeLayout lay_out(const Attendee& a, const std::string& template_id = "label-62x100") {
  auto layout = test::typesetter().layout(test::shipped_template(template_id), test::content_of(a));
  if (!layout) FAIL(layout.error().message);
  return *layout;
}

}  // namespace

TEST_CASE("names in every script print without a missing glyph", "[scripts]") {
  for (const auto& sample : test::script_samples()) {
    for (const std::string& id : test::shipped_template_ids()) {
      INFO(sample.label << " on " << id);
      auto layout = test::typesetter().layout(test::shipped_template(id), test::content_of(sample.attendee));
      REQUIRE(layout);  // a missing glyph would be an error
      for (const TextBox& t : layout->texts) {
        INFO(to_string(t.field) << " \"" << t.text << "\"");
        CHECK(t.missing_glyphs() == 0);
        CHECK_FALSE(t.overflows());
      }
      // The native name is printed, the Latin form beneath when there is one.
      CHECK(layout->text(Field::first_name)->text == sample.attendee.first_name);
      CHECK(layout->text(Field::last_name)->text == sample.attendee.last_name);
      if (!sample.attendee.first_name_latin.empty())
        CHECK(layout->text(Field::latin_name)->text ==
              sample.attendee.first_name_latin + " " + sample.attendee.last_name_latin);
    }
  }
}

TEST_CASE("each script is set in its Noto font, found through our fontconfig configuration", "[scripts]") {
  Typesetter& t = test::typesetter();
  CHECK_THAT(t.font_file_for("Marie-Hélène", "Noto Sans", "fr"), Catch::EndsWith("/NotoSans-Regular.ttf"));
  CHECK_THAT(t.font_file_for("Nguyễn", "Noto Sans", "vi"), Catch::EndsWith("/NotoSans-Regular.ttf"));
  CHECK_THAT(t.font_file_for("Γιώργος", "Noto Sans", "el"), Catch::EndsWith("/NotoSans-Regular.ttf"));
  CHECK_THAT(t.font_file_for("Дмитрий", "Noto Sans", "uk"), Catch::EndsWith("/NotoSans-Regular.ttf"));
  CHECK_THAT(t.font_file_for("محمد", "Noto Sans", "ar"), Catch::EndsWith("/NotoSansArabic-Regular.ttf"));
  CHECK_THAT(t.font_file_for("יוסף", "Noto Sans", "he"), Catch::EndsWith("/NotoSansHebrew-Regular.ttf"));
  CHECK_THAT(t.font_file_for("Արամ", "Noto Sans", "hy"), Catch::EndsWith("/NotoSansArmenian-Regular.ttf"));
  CHECK_THAT(t.font_file_for("გიორგი", "Noto Sans", "ka"), Catch::EndsWith("/NotoSansGeorgian-Regular.ttf"));
  CHECK_THAT(t.font_file_for("山田", "Noto Sans", "ja"), Catch::Contains("/NotoSansCJK-Regular.ttc"));
  CHECK_THAT(t.font_file_for("김민준", "Noto Sans", "ko"), Catch::Contains("/NotoSansCJK-Regular.ttc"));
  CHECK_THAT(t.font_file_for("王小明", "Noto Sans", "zh"), Catch::Contains("/NotoSansCJK-Regular.ttc"));
}

TEST_CASE("Arabic is joined and set right to left", "[scripts]") {
  Attendee joined = test::person("محمد", "بن علي", "", "", "MA", "ambassade", "ar");
  // The same letters with a zero-width non-joiner (U+200C) between them: each
  // letter in its isolated form.
  Attendee isolated = test::person("م\u200Cح\u200Cم\u200Cد", "بن علي", "", "", "MA", "ambassade", "ar");
  BadgeLayout lj = lay_out(joined), li = lay_out(isolated);
  PangoLayout* pj = pango_layout_of(lj, Field::first_name);
  PangoLayout* pi = pango_layout_of(li, Field::first_name);
  REQUIRE(pj);
  REQUIRE(pi);
  // Joining picks initial, medial and final forms: other glyphs than the isolated ones.
  CHECK(glyphs_of(pj) != glyphs_of(pi));
  // Right to left: the first character (logical order) is drawn right of the last.
  PangoRectangle first, last;
  const std::string& text = lj.text(Field::first_name)->text;
  pango_layout_index_to_pos(pj, 0, &first);
  pango_layout_index_to_pos(pj, static_cast<int>(text.size()) - 2, &last);  // د is two bytes
  CHECK(first.x > last.x);
  // Latin stays left to right.
  BadgeLayout latin = lay_out(test::person("Zoé", "Li", "", "", "FR", "elu", "fr"));
  PangoLayout* pl = pango_layout_of(latin, Field::first_name);
  pango_layout_index_to_pos(pl, 0, &first);
  pango_layout_index_to_pos(pl, 1, &last);
  CHECK(first.x < last.x);
}

TEST_CASE("a name with an emoji prints without it, and the layout says so", "[scripts]") {
  // No installed font draws U+1F600 (no emoji font: the badge is black and
  // white, and Debian's Noto set has none), nor the joiner and the variation
  // selector of the family emoji.
  Attendee a = test::person("Zoé \U0001F600", "Lefèvre \U0001F468\u200D\U0001F469\u200D\U0001F467",
                            "Ville de Paris \u2764\uFE0F", "Maire", "FR", "elu", "fr");
  for (const std::string& id : test::shipped_template_ids()) {
    INFO(id);
    auto layout = test::typesetter().layout(test::shipped_template(id), test::content_of(a));
    REQUIRE(layout);  // never refused for it
    for (const TextBox& t : layout->texts) {
      INFO(to_string(t.field) << " \"" << t.text << "\"");
      CHECK_FALSE(t.overflows());
      // Nothing left for Pango to draw as a box.
      if (PangoLayout* l = layout->shaped->items[static_cast<std::size_t>(&t - layout->texts.data())].layout.get())
        CHECK(pango_layout_get_unknown_glyphs_count(l) == 0);
    }
    if (const TextBox* first = layout->text(Field::first_name)) {
      CHECK(first->text == "Zoé");
      CHECK(first->missing_characters == std::vector<char32_t>{0x1F600});
      CHECK(first->missing_glyphs() == 1);
    }
    if (const TextBox* last = layout->text(Field::last_name)) CHECK(last->text == "Lefèvre");
    if (const TextBox* full = layout->text(Field::full_name)) CHECK(full->text == "Zoé Lefèvre");
    REQUIRE(layout->warnings.size() == 1);
    const std::string& warning = layout->warnings[0];
    CHECK_THAT(warning, Catch::StartsWith("the badge of Zoé") && Catch::Contains("leaves out what no font can draw"));
    CHECK_THAT(warning, Catch::Contains("U+1F600") && Catch::Contains("U+1F468") && Catch::Contains("printed as \"Zoé"));
    // The PDF, the printer bitmap and the preview draw it.
    CHECK(render_pdf(*layout));
    CHECK(render_mono(*layout, 300));
    CHECK(render_preview(*layout, 4));
  }
}

TEST_CASE("a badge with an emoji name: pdftotext reads the rest of the name, zbarimg the QR code", "[scripts][zbar]") {
  test::TempDir dir;
  Attendee a = test::person("Zoé \U0001F600", "Lefèvre", "Ville de Paris", "Maire", "FR", "elu", "fr");
  auto layout = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a, 7));
  REQUIRE(layout);
  REQUIRE(layout->qr);
  auto pdf = render_pdf(*layout);
  REQUIRE(pdf);
  REQUIRE(write_file_atomic(dir / "emoji.pdf", *pdf));
  const std::string text = test::pdf_text(dir / "emoji.pdf");
  CHECK_THAT(text, Catch::Contains("Zoé") && Catch::Contains("Lefèvre"));
  // The label printer's 1-bit bitmap, as the kiosk's printer gets it.
  REQUIRE(write_badge(*layout, dir / "emoji.pbm"));  // 300 dpi
  CHECK(test::zbar_decode(dir / "emoji.pbm") == std::vector<std::string>{test::sample_token(7)});
}

TEST_CASE("a name with characters no font draws is an error when the caller refuses them", "[scripts]") {
  // U+10FFFD is a private-use character: no font draws it.
  Attendee a = test::person("Zoé\U0010FFFD", "Lefèvre", "Ville de Paris", "Maire", "FR", "elu", "fr");
  auto refused = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a),
                                           {.refuse_missing_glyphs = true});
  REQUIRE_FALSE(refused);
  const std::string& message = refused.error().message;
  CHECK_THAT(message, Catch::StartsWith("cannot print the badge of Zoé"));
  CHECK_THAT(message, Catch::Contains("its first_name \"Zoé\U0010FFFD\" has 1 character no badge font can draw "
                                      "(U+10FFFD), printed as \"Zoé\""));

  // By default the badge prints without it.
  auto printed = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a));
  REQUIRE(printed);
  const TextBox* first = printed->text(Field::first_name);
  REQUIRE(first);
  CHECK(first->text == "Zoé");
  CHECK(first->missing_characters == std::vector<char32_t>{0x10FFFD});
  REQUIRE(printed->warnings.size() == 1);
  CHECK_THAT(printed->warnings[0], Catch::Contains("U+10FFFD"));
}

TEST_CASE("a noncharacter in a name is left out and cannot break the PDF", "[scripts]") {
  // Cairo refuses noncharacters such as U+FFFF: one in a batch of 1,500
  // badges would leave the whole PDF in an error state.
  Attendee a = test::person("Zoé", "Lefèvre\uFFFF", "Ville de Paris", "Maire", "FR", "elu", "fr");
  auto refused = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a),
                                           {.refuse_missing_glyphs = true});
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().message, Catch::Contains("its last_name") && Catch::Contains("(U+FFFF)"));
  auto printed = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a));
  REQUIRE(printed);
  CHECK(printed->text(Field::last_name)->text == "Lefèvre");
  CHECK(render_pdf(*printed));
  CHECK(render_mono(*printed, 203));
}

TEST_CASE("the typesetter names the characters of a text no font draws (the import's check)", "[scripts]") {
  Typesetter& t = test::typesetter();
  CHECK(t.undrawable_characters("Marie-Hélène Œillet").empty());
  CHECK(t.undrawable_characters("محمد", "ar").empty());
  CHECK(t.undrawable_characters("山田", "ja").empty());
  // U+1F600 has no Noto font; U+1F44D (thumbs up) is in Noto Sans Symbols 2.
  CHECK(t.undrawable_characters("Zoé \U0001F600\U0001F44D") == std::vector<char32_t>{0x1F600});
  CHECK(t.undrawable_characters("Zoé \U0001F600 \U0010FFFD") == std::vector<char32_t>{0x1F600, 0x10FFFD});
  CHECK(t.undrawable_characters("Lefèvre\uFFFF") == std::vector<char32_t>{0xFFFF});
  CHECK(t.undrawable_characters("").empty());
}

TEST_CASE("leaving characters out: the rest of an emoji sequence goes too, the spaces close up", "[scripts]") {
  const char32_t smile = 0x1F600, man = 0x1F468, woman = 0x1F469, girl = 0x1F467, heart = 0x2764;
  CHECK(without_characters("Zoé \U0001F600 Li", std::vector<char32_t>{smile}) == "Zoé Li");
  CHECK(without_characters("\U0001F600Zoé", std::vector<char32_t>{smile}) == "Zoé");
  CHECK(without_characters("A \U0001F468\u200D\U0001F469\u200D\U0001F467 B", std::vector<char32_t>{man, woman, girl}) ==
        "A B");
  CHECK(without_characters("Paris \u2764\uFE0F", std::vector<char32_t>{heart}) == "Paris");
  CHECK(without_characters("\U0001F600", std::vector<char32_t>{smile}).empty());
  CHECK(without_characters("Zoé", std::vector<char32_t>{smile}) == "Zoé");
  CHECK(code_points(std::vector<char32_t>{smile, 0x41}) == "U+1F600 U+0041");
}
