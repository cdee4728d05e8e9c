#include <catch2/catch.hpp>

#include <set>

#include "printer/render/internal.hpp"
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
        CHECK(t.missing_glyphs == 0);
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

TEST_CASE("a name that would print with a missing glyph is an error the caller sees", "[scripts]") {
  // U+10FFFD is a private-use character: no font draws it.
  Attendee a = test::person("Zoé\U0010FFFD", "Lefèvre", "Ville de Paris", "Maire", "FR", "elu", "fr");
  auto refused = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a));
  REQUIRE_FALSE(refused);
  const std::string& message = refused.error().message;
  CHECK_THAT(message, Catch::StartsWith("cannot print the badge of Zoé"));
  CHECK_THAT(message, Catch::Contains("its first_name \"Zoé\U0010FFFD\" has 1 character no installed font can draw (U+10FFFD)"));
  CHECK_THAT(message, Catch::Contains("they would print as boxes"));

  // Staff may print it anyway: the layout then carries the diagnostic.
  auto allowed = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a),
                                           {.allow_missing_glyphs = true});
  REQUIRE(allowed);
  const TextBox* first = allowed->text(Field::first_name);
  REQUIRE(first);
  CHECK(first->missing_glyphs == 1);
  CHECK(first->missing_characters == std::vector<char32_t>{0x10FFFD});
  REQUIRE(allowed->warnings.size() == 1);
  CHECK_THAT(allowed->warnings[0], Catch::Contains("prints boxes") && Catch::Contains("U+10FFFD"));
}

TEST_CASE("a noncharacter in a name is reported and cannot break the PDF", "[scripts]") {
  // Cairo refuses noncharacters such as U+FFFF: one in a batch of 1,500
  // badges would leave the whole PDF in an error state.
  Attendee a = test::person("Zoé", "Lefèvre\uFFFF", "Ville de Paris", "Maire", "FR", "elu", "fr");
  auto refused = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a));
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().message, Catch::Contains("its last_name") && Catch::Contains("(U+FFFF)"));
  auto allowed = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(a),
                                           {.allow_missing_glyphs = true});
  REQUIRE(allowed);
  CHECK(allowed->text(Field::last_name)->text == "Lefèvre\uFFFD");
  CHECK(render_pdf(*allowed));
  CHECK(render_mono(*allowed, 203));
}
