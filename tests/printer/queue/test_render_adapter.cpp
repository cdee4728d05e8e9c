// The queue's renderer drawn with printer/render: a 62 x 100 mm template fitted
// into a label printer's printable area, and the PDF for CUPS.
#include <catch2/catch.hpp>

#include "printer/encode/brother_ql.hpp"
#include "printer/queue/render_adapter.hpp"
#include "tests/shared/fixtures.hpp"

using namespace accueil;
using namespace accueil::printer;
using namespace accueil::testing;

namespace {

RenderSetup setup() { return {ACCUEIL_SOURCE_DIR "/assets/badges", {}}; }

// The black dots' bounding box.
struct Ink {
  int left = 1 << 30, top = 1 << 30, right = -1, bottom = -1;
};
Ink ink(const MonoBitmap& b) {
  Ink i;
  for (int y = 0; y < b.height; ++y)
    for (int x = 0; x < b.width; ++x)
      if (b.black(x, y)) {
        i.left = std::min(i.left, x);
        i.right = std::max(i.right, x);
        i.top = std::min(i.top, y);
        i.bottom = std::max(i.bottom, y);
      }
  return i;
}

}  // namespace

TEST_CASE("a 62 x 100 mm badge fits the printable area of 62 x 100 mm Brother labels, centred", "[render]") {
  auto renderer = make_badge_renderer(setup());
  REQUIRE(renderer);
  const Event event = sample_event();
  const Attendee a = make_attendee("R1", "Marie-Hélène", "Loison-Duforestel", "Mairie de Dijon");
  const auto& media = brother::info(brother::Media::die_cut_62x100mm);
  const MonoTarget target{300, media.printable_width_dots, media.printable_length_dots};
  auto badge = (*renderer)->mono({event, a, "T-R1", "label-62x100"}, target);
  REQUIRE(badge);
  CHECK(badge->width == 696);
  CHECK(badge->height == 1109);
  CHECK(badge->dpi == 300);
  // The badge (62 x 100 mm, 732 x 1181 dots at 300 dpi) is drawn at 281 dpi
  // to fit the 696 x 1109 dots: 686 x 1106, centred. Its colour band spans
  // the badge's width at its top: a few white dots on each side, none cut.
  const Ink i = ink(*badge);
  CHECK(i.top <= 2);
  CHECK(i.left >= 3);
  CHECK(i.left <= 7);
  CHECK(std::abs(i.left - (badge->width - 1 - i.right)) <= 1);
  // The badge encodes for the printer as it is.
  CHECK(brother::encode_job(brother::Model::ql_820nwb, brother::Media::die_cut_62x100mm,
                            std::span<const MonoBitmap>(&*badge, 1)));
}

TEST_CASE("on continuous tape only the width has to fit", "[render]") {
  auto renderer = make_badge_renderer(setup());
  REQUIRE(renderer);
  const Event event = sample_event();
  const Attendee a = make_attendee("R2", "Ana", "Ibáñez");
  auto badge = (*renderer)->mono({event, a, "T-R2", "continuous-62"}, MonoTarget{300, 696, 0});
  REQUIRE(badge);
  CHECK(badge->width == 696);
  CHECK(badge->height > 100);
}

TEST_CASE("the PDF for CUPS, and templates that do not exist", "[render]") {
  auto renderer = make_badge_renderer(setup());
  REQUIRE(renderer);
  const Event event = sample_event();
  const Attendee a = make_attendee("R3", "Kenji", "Tanaka");
  auto pdf = (*renderer)->pdf({event, a, "T-R3", "label-62x100"});
  REQUIRE(pdf);
  CHECK(pdf->starts_with("%PDF-"));
  auto missing = (*renderer)->pdf({event, a, "T-R3", "no-such-template"});
  REQUIRE_FALSE(missing);
  CHECK_THAT(missing.error().message, Catch::Contains("no-such-template"));
  auto escaping = (*renderer)->pdf({event, a, "T-R3", "../secrets"});
  REQUIRE_FALSE(escaping);
  CHECK_THAT(escaping.error().message, Catch::Contains("not a badge template name"));
}

TEST_CASE("centre_in puts a bitmap in the middle of a larger white one", "[render]") {
  MonoBitmap small(10, 4, 300);
  for (int x = 0; x < 10; ++x) small.set_black(x, 0);
  const MonoBitmap big = centre_in(small, MonoTarget{300, 20, 10});
  CHECK(big.width == 20);
  CHECK(big.height == 10);
  const Ink i = ink(big);
  CHECK(i.left == 5);
  CHECK(i.right == 14);
  CHECK(i.top == 3);
  CHECK(i.bottom == 3);
}
