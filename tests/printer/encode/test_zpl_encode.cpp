#include <catch2/catch.hpp>

#include <string>

#include "printer/encode/zpl.hpp"
#include "test_bitmaps.hpp"

using namespace accueil::printer;
using namespace accueil::printer::zpl;

namespace {

MonoBitmap rows_of(int width, std::initializer_list<const char*> rows) {
  MonoBitmap b(width, static_cast<int>(rows.size()), 300);
  int y = 0;
  for (const char* r : rows) {
    for (int x = 0; r[x]; ++x)
      if (r[x] == '#') b.set_black(x, y);
    ++y;
  }
  return b;
}

MonoBitmap filled(int width, int height) {
  MonoBitmap b(width, height, 300);
  for (int y = 0; y < height; ++y)
    for (int x = 0; x < width; ++x) b.set_black(x, y);
  return b;
}

}  // namespace

TEST_CASE("a complete label", "[zpl][encode]") {
  const MonoBitmap b = rows_of(16, {"########........", "................"});
  LabelOptions o;
  o.quantity = 3;
  auto label = encode_label(b, o);
  REQUIRE(label);
  CHECK(*label ==
        "^XA\n"
        "^PW16\n"
        "^LL2\n"
        "^FO0,0^GFA,4,4,2,FF,,^FS\n"
        "^PQ3\n"
        "^XZ\n");
}

TEST_CASE("uncompressed data is plain hex, rows back to back", "[zpl][encode]") {
  const MonoBitmap b = rows_of(12, {"#.#.#.#.#.#.", "############", "............"});
  CHECK(graphic_field_data(b, Compression::none) == "AAA0FFF00000");
  // 12 dots take 2 bytes a row: the 4 padding bits are 0.
  CHECK(graphic_field_data(b, Compression::none).size() == 3u * 2u * 2u);
}

TEST_CASE("ZPL ASCII compression", "[zpl][encode]") {
  SECTION("a white row is ','; a black row is a counted run of F, never '!'") {
    CHECK(graphic_field_data(MonoBitmap(80, 1, 300), Compression::ascii) == ",");
    CHECK(graphic_field_data(filled(80, 1), Compression::ascii) == "gF");  // 20 x F
    CHECK(graphic_field_data(filled(696, 2), Compression::ascii) == "nTF:");  // 174 = 160 + 14
  }
  SECTION("a repeated row is ':'") {
    const MonoBitmap b = rows_of(16, {"#.#.#.#.#.#.#.#.", "#.#.#.#.#.#.#.#.", "#.#.#.#.#.#.#.#."});
    CHECK(graphic_field_data(b, Compression::ascii) == "JA::");  // 4 x A, then twice the same row
  }
  SECTION("repeat counts: G..Y are 1..19, g..z are 20..400, added up") {
    // 327 hex digits of A then a 1: "vM" (320 + 7) A.
    MonoBitmap b(1312, 1, 300);  // 164 bytes = 328 digits
    for (int x = 0; x < 1308; ++x)
      if (x % 2 == 0) b.set_black(x, 0);
    b.set_black(1311, 0);
    CHECK(graphic_field_data(b, Compression::ascii) == "vMA1");
  }
  SECTION("exact multiples of 20 and runs beyond 419 digits") {
    MonoBitmap b(3400, 1, 300);  // 850 digits
    for (int x = 0; x < 3400; x += 2) b.set_black(x, 0);
    // 850 = 419 + 419 + 12: "zYA" + "zYA" + "RA", no trailing filler needed.
    CHECK(graphic_field_data(b, Compression::ascii) == "zYAzYARA");
    MonoBitmap c(160, 1, 300);  // 40 digits of A
    for (int x = 0; x < 160; x += 2) c.set_black(x, 0);
    CHECK(graphic_field_data(c, Compression::ascii) == "hA");
  }
  SECTION("short runs stay literal; trailing zeros end the row") {
    const MonoBitmap b = rows_of(32, {"#.#.##..########........", "..#.....########################"});
    // row 0: A C F F 0 0 0 0 -> "ACFF," ; row 1: 2 0 F F F F F F -> "20LF" (6 x F)
    CHECK(graphic_field_data(b, Compression::ascii) == "ACFF,20LF");
  }
  SECTION("a single trailing zero is written, not ','") {
    const MonoBitmap b = rows_of(8, {"###....."});  // E0
    CHECK(graphic_field_data(b, Compression::ascii) == "E0");
  }
}

TEST_CASE("refusals", "[zpl][encode]") {
  CHECK_THAT(encode_label(MonoBitmap(0, 10, 300)).error().message, Catch::Contains("0 x 10 dots"));
  CHECK_THAT(encode_label(MonoBitmap(10, 10, 72)).error().message, Catch::Contains("72 dpi"));
  LabelOptions o;
  o.quantity = 0;
  CHECK_THAT(encode_label(MonoBitmap(10, 10, 203), o).error().message, Catch::Contains("^PQ"));
  o = {};
  o.x_dots = -1;
  CHECK_FALSE(encode_label(MonoBitmap(10, 10, 203), o));
  o = {};
  o.x_dots = 31995;
  CHECK_THAT(encode_label(MonoBitmap(10, 10, 203), o).error().message, Catch::Contains("at most 32000"));
  CHECK(encode_label(MonoBitmap(10, 10, 203)));
  CHECK(encode_label(MonoBitmap(10, 10, 600)));
}

TEST_CASE("field origin widens the label", "[zpl][encode]") {
  LabelOptions o;
  o.x_dots = 10;
  o.y_dots = 20;
  o.compression = Compression::none;
  auto label = encode_label(MonoBitmap(8, 2, 203), o);
  REQUIRE(label);
  CHECK_THAT(*label, Catch::Contains("^PW18\n^LL22\n^FO10,20^GFA,2,2,1,0000^FS"));
}

TEST_CASE("compressed data is much shorter on a badge", "[zpl][encode]") {
  const MonoBitmap b = test::badge_pattern(696, 1109);
  const auto plain = graphic_field_data(b, Compression::none);
  const auto packed = graphic_field_data(b, Compression::ascii);
  CHECK(plain.size() == 87u * 2u * 1109u);
  CHECK(packed.size() * 4 < plain.size());
}
