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

TEST_CASE("centre_in moves every dot as a dot-by-dot copy would, at any offset and clipped", "[render]") {
  // The reference: each black dot moved to (x + dx, y + dy) when it lands inside.
  auto dot_by_dot = [](const MonoBitmap& b, const MonoTarget& t) {
    const int height = t.height_dots > 0 ? t.height_dots : b.height;
    MonoBitmap out(t.width_dots, height, t.dpi);
    const int dx = (t.width_dots - b.width) / 2, dy = (height - b.height) / 2;
    for (int y = 0; y < b.height; ++y)
      for (int x = 0; x < b.width; ++x)
        if (b.black(x, y) && x + dx >= 0 && x + dx < out.width && y + dy >= 0 && y + dy < height)
          out.set_black(x + dx, y + dy);
    return out;
  };
  std::uint32_t seed = 12345;
  auto next = [&] { return seed = seed * 1664525u + 1013904223u; };
  int compared = 0;
  for (int width : {1, 7, 8, 9, 13, 16, 31, 64, 100}) {
    MonoBitmap b(width, 5, 300);
    for (int y = 0; y < b.height; ++y)
      for (int x = 0; x < width; ++x)
        if (next() >> 31) b.set_black(x, y);
    for (int target_width : {1, 5, 8, 9, 15, 16, 17, 24, 33, 64, 101, 130})
      for (int target_height : {0, 3, 5, 9}) {
        const MonoTarget t{300, target_width, target_height};
        INFO("bitmap " << width << " wide into " << target_width << " x " << target_height);
        CHECK(centre_in(b, t) == dot_by_dot(b, t));
        ++compared;
      }
  }
  CHECK(compared == 9 * 12 * 4);
}
