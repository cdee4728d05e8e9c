#include <catch2/catch.hpp>

#include "printer/render/qr_code.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;

TEST_CASE("sample tokens look like the real ones: about 200 characters of base45", "[qr]") {
  std::string token = test::sample_token(1);
  CHECK(token.size() == 200);
  CHECK(token.find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:") == std::string::npos);
  CHECK(test::sample_token(2) != token);
  CHECK(test::sample_token(1) == token);
}

TEST_CASE("a base45 token is encoded in alphanumeric mode", "[qr]") {
  auto m = encode_qr(test::sample_token(1), QrEcc::medium);
  REQUIRE(m);
  // 200 characters in byte mode would need version 10 (57 modules) at level M;
  // alphanumeric mode fits them in version 8.
  CHECK(m->version == 8);
  CHECK(m->size == 49);
  CHECK(m->modules.size() == 49u * 49u);
  // Finder pattern: the top-left 7 x 7 square has a dark border and a light ring.
  CHECK(m->dark(0, 0));
  CHECK(m->dark(6, 6));
  CHECK_FALSE(m->dark(1, 1));
  CHECK(m->dark(3, 3));
  auto high = encode_qr(test::sample_token(1), QrEcc::high);
  REQUIRE(high);
  CHECK(high->version > m->version);
}

TEST_CASE("impossible QR contents are errors that say why", "[qr]") {
  auto empty = encode_qr("", QrEcc::medium);
  REQUIRE_FALSE(empty);
  CHECK_THAT(empty.error().message, Catch::Contains("empty"));
  auto huge = encode_qr(std::string(5000, 'a'), QrEcc::low);
  REQUIRE_FALSE(huge);
  CHECK_THAT(huge.error().message, Catch::Contains("5000-byte text does not fit in a QR code"));
}

TEST_CASE("QR modules are placed on whole device pixels", "[qr]") {
  // 29 mm at 300 dpi: pixels 24 (ceil 23.6) to 366 (floor 366.1) on x.
  RectMm box{2, 69, 29, 29};
  double px_per_mm = 300 / 25.4;
  QrPlacement p = place_qr(box, 49, 4, px_per_mm);
  CHECK(p.module == 6);  // 342 pixels / 57 modules
  CHECK(p.x >= 24);
  CHECK(p.x + 49 * p.module <= 366);
  // Centred: the same margin on both sides, within a pixel.
  int left = p.x - 24, right = 366 - (p.x + 49 * p.module);
  CHECK(std::abs(left - right) <= 1);
  // At 203 dpi the same box gives 4 dots per module (231 dots / 57).
  CHECK(place_qr(box, 49, 4, 203 / 25.4).module == 4);
  CHECK(place_qr({0, 0, 10, 10}, 49, 4, 203 / 25.4).module == 1);
  CHECK(place_qr({0, 0, 5, 5}, 49, 4, 203 / 25.4).module == 0);
  // A wide box: the code is square and centred horizontally.
  QrPlacement wide = place_qr({0, 0, 100, 20}, 21, 4, 10);
  CHECK(wide.module == 6);
  CHECK(wide.y == (200 - 21 * 6) / 2);
  CHECK(wide.x == (1000 - 21 * 6) / 2);
}
