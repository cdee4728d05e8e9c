#include <catch2/catch.hpp>

#include <algorithm>
#include <cstdint>
#include <string>
#include <vector>

#include "printer/encode/brother_ql.hpp"
#include "test_bitmaps.hpp"

using namespace accueil::printer;
using namespace accueil::printer::brother;
using Bytes = std::vector<std::uint8_t>;

namespace {

// What a job holds, read by a small walker written for these tests.
struct Walked {
  int invalidate = 0;
  std::vector<Bytes> commands;          // every non-raster command, with its parameters
  std::vector<std::vector<Bytes>> pages;  // per page, the decoded head lines (Z as empty)
  std::vector<std::uint8_t> page_ends;  // FF or 1A
  bool ok = true;
};

Bytes unpack(const std::uint8_t* p, std::size_t n) {
  Bytes out;
  for (std::size_t i = 0; i < n;) {
    const int h = static_cast<std::int8_t>(p[i++]);
    if (h >= 0) {
      out.insert(out.end(), p + i, p + i + h + 1);
      i += static_cast<std::size_t>(h) + 1;
    } else {
      out.insert(out.end(), static_cast<std::size_t>(1 - h), p[i++]);
    }
  }
  return out;
}

Walked walk(const Bytes& d) {
  Walked w;
  std::size_t i = 0;
  while (i < d.size() && d[i] == 0) ++i;
  w.invalidate = static_cast<int>(i);
  bool compressed = false;
  std::vector<Bytes> page;
  while (i < d.size()) {
    const std::uint8_t c = d[i];
    std::size_t len = 0;
    if (c == 0x1B && d[i + 1] == '@') len = 2;
    else if (c == 0x1B && d[i + 2] == 'z') len = 13;
    else if (c == 0x1B && d[i + 2] == 'd') len = 5;
    else if (c == 0x1B && d[i + 2] == 'S') len = 3;
    else if (c == 0x1B) len = 4;
    else if (c == 'M') { len = 2; compressed = d[i + 1] == 2; }
    if (len) {
      w.commands.emplace_back(d.begin() + static_cast<long>(i), d.begin() + static_cast<long>(i + len));
      i += len;
    } else if (c == 'g') {
      const std::size_t n = d[i + 2];
      page.push_back(compressed ? unpack(&d[i + 3], n) : Bytes(d.begin() + static_cast<long>(i + 3),
                                                                  d.begin() + static_cast<long>(i + 3 + n)));
      i += 3 + n;
    } else if (c == 'Z') {
      page.emplace_back();
      ++i;
    } else if (c == 0x0C || c == 0x1A) {
      w.pages.push_back(page);
      page.clear();
      w.page_ends.push_back(c);
      ++i;
    } else {
      w.ok = false;
      break;
    }
  }
  return w;
}

Bytes find(const Walked& w, char letter, int nth = 0) {
  for (const Bytes& c : w.commands)
    if (c.size() >= 3 && c[0] == 0x1B && c[2] == letter && nth-- == 0) return c;
  return {};
}

int count(const Walked& w, char letter) {
  return static_cast<int>(std::count_if(w.commands.begin(), w.commands.end(), [&](const Bytes& c) {
    return c.size() >= 3 && c[0] == 0x1B && c[2] == letter;
  }));
}

MonoBitmap blank(Media m, int height) { return MonoBitmap(info(m).printable_width_dots, height, 300); }

}  // namespace

TEST_CASE("model table", "[brother][tables]") {
  struct Row {
    Model model;
    const char* name;
    std::uint16_t pid;
    int bytes;
    bool packbits;
    bool mode_switch;
    bool two_colour;
  };
  const Row rows[] = {
      {Model::ql_570, "QL-570", 0x2028, 90, false, false, false},
      {Model::ql_700, "QL-700", 0x2042, 90, false, false, false},
      {Model::ql_710w, "QL-710W", 0x2043, 90, true, true, false},
      {Model::ql_720nw, "QL-720NW", 0x2044, 90, true, true, false},
      {Model::ql_800, "QL-800", 0x209B, 90, false, true, true},
      {Model::ql_810w, "QL-810W", 0x209C, 90, true, true, true},
      {Model::ql_820nwb, "QL-820NWB", 0x209D, 90, true, true, true},
      {Model::ql_1100, "QL-1100", 0x20A7, 162, true, true, false},
      {Model::ql_1110nwb, "QL-1110NWB", 0x20A8, 162, true, true, false},
  };
  REQUIRE(models().size() == std::size(rows));
  for (const Row& r : rows) {
    const ModelInfo& m = info(r.model);
    INFO(r.name);
    CHECK(m.name == r.name);
    CHECK(m.usb_product_id == r.pid);
    CHECK(m.bytes_per_line == r.bytes);
    CHECK(m.head_pins() == r.bytes * 8);
    CHECK(m.packbits == r.packbits);
    CHECK(m.mode_switch == r.mode_switch);
    CHECK(m.two_colour == r.two_colour);
    CHECK(model_from_usb(0x04F9, r.pid) == r.model);
    CHECK(model_from_status_code(m.status_model_code) == r.model);
  }
  CHECK_FALSE(model_from_usb(0x04F9, 0x2015).has_value());  // QL-500: not supported
  CHECK_FALSE(model_from_usb(0x0A5F, 0x2042).has_value());  // right pid, wrong vendor (Zebra)
}

TEST_CASE("media table: print areas of the Brother manuals", "[brother][tables]") {
  // 720-pin head: left margin pins = 720 - offset - printable width.
  const MediaInfo& m62 = info(Media::continuous_62mm);
  CHECK(m62.printable_width_dots == 696);
  CHECK(*m62.offset_720 == 12);
  CHECK(720 - *m62.offset_720 - m62.printable_width_dots == 12);
  CHECK(m62.media_type == 0x0A);
  CHECK(m62.length_mm == 0);
  CHECK(m62.margin_dots == 35);
  const MediaInfo& m29 = info(Media::die_cut_29x90mm);
  CHECK(m29.printable_width_dots == 306);
  CHECK(m29.printable_length_dots == 991);
  CHECK(*m29.offset_720 == 6);
  CHECK(720 - *m29.offset_720 - m29.printable_width_dots == 408);
  CHECK(m29.media_type == 0x0B);
  CHECK(m29.margin_dots == 0);
  const MediaInfo& m62x100 = info(Media::die_cut_62x100mm);
  CHECK(m62x100.printable_length_dots == 1109);
  CHECK(m62x100.width_mm == 62);
  CHECK(m62x100.length_mm == 100);
  const MediaInfo& m102 = info(Media::continuous_102mm);
  CHECK(m102.printable_width_dots == 1164);
  CHECK_FALSE(m102.offset_720.has_value());
  CHECK(*m102.offset_1296 + m102.printable_width_dots <= 1296);
  for (const MediaInfo& m : media_table()) {
    INFO(m.name);
    if (m.offset_720) CHECK(*m.offset_720 + m.printable_width_dots <= 720);
    if (m.offset_1296) CHECK(*m.offset_1296 + m.printable_width_dots <= 1296);
  }
  CHECK_FALSE(print_area_offset(Model::ql_820nwb, Media::continuous_102mm).has_value());
  CHECK(print_area_offset(Model::ql_1100, Media::continuous_62mm) == 56);
}

TEST_CASE("refusals say what is wrong", "[brother][refuse]") {
  struct Case {
    const char* what;
    Model model;
    Media media;
    int width;
    int height;
    int dpi;
    const char* message_part;
  };
  const Case cases[] = {
      {"102 mm on a 62 mm printer", Model::ql_800, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-570", Model::ql_570, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-700", Model::ql_700, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-720NW", Model::ql_720nw, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-810W", Model::ql_810w, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-820NWB", Model::ql_820nwb, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"102 mm on the QL-710W", Model::ql_710w, Media::continuous_102mm, 1164, 400, 300, "cannot print on"},
      {"too wide for 62 mm", Model::ql_800, Media::continuous_62mm, 720, 300, 300, "needs exactly 696 dots"},
      {"too narrow for 29 mm", Model::ql_700, Media::die_cut_29x90mm, 300, 991, 300, "needs exactly 306 dots"},
      {"head width instead of print area on 102 mm", Model::ql_1100, Media::continuous_102mm, 1296, 400, 300,
       "needs exactly 1164 dots"},
      {"203 dpi bitmap", Model::ql_820nwb, Media::continuous_62mm, 696, 300, 203, "at 203 dpi"},
      {"600 dpi bitmap", Model::ql_1100, Media::continuous_102mm, 1164, 400, 600, "at 600 dpi"},
      {"die-cut too short", Model::ql_820nwb, Media::die_cut_29x90mm, 306, 990, 300, "needs exactly 991 dots"},
      {"die-cut too long", Model::ql_720nw, Media::die_cut_62x100mm, 696, 1200, 300, "needs exactly 1109 dots"},
      {"continuous too short", Model::ql_570, Media::continuous_62mm, 696, 100, 300, "150 to 11811 dots"},
      {"continuous too long", Model::ql_810w, Media::continuous_62mm, 696, 11812, 300, "150 to 11811 dots"},
      {"QL-1100 continuous too short", Model::ql_1100, Media::continuous_102mm, 1164, 300, 300, "301 to 35434"},
  };
  for (const Case& c : cases) {
    INFO(c.what);
    const MonoBitmap page(c.width, c.height, c.dpi);
    auto job = encode_job(c.model, c.media, std::span(&page, 1));
    REQUIRE_FALSE(job.has_value());
    CHECK_THAT(job.error().message, Catch::Contains(c.message_part));
  }
  SECTION("an empty job") {
    auto job = encode_job(Model::ql_800, Media::continuous_62mm, {});
    REQUIRE_FALSE(job);
    CHECK_THAT(job.error().message, Catch::Contains("at least one page"));
  }
  SECTION("a bad page in the middle is named") {
    const std::vector<MonoBitmap> pages{blank(Media::continuous_62mm, 200), MonoBitmap(700, 200, 300)};
    auto job = encode_job(Model::ql_800, Media::continuous_62mm, pages);
    REQUIRE_FALSE(job);
    CHECK_THAT(job.error().message, Catch::StartsWith("Page 2 is 700 dots wide"));
  }
  SECTION("cut every out of range") {
    const MonoBitmap page = blank(Media::continuous_62mm, 200);
    JobOptions o;
    o.cut_every = 0;
    CHECK_FALSE(encode_job(Model::ql_800, Media::continuous_62mm, std::span(&page, 1), o));
    o.cut_every = 256;
    CHECK_FALSE(encode_job(Model::ql_800, Media::continuous_62mm, std::span(&page, 1), o));
  }
  SECTION("every model takes every 62 mm-class medium") {
    for (const ModelInfo& m : models())
      for (Media media : {Media::continuous_62mm, Media::die_cut_62x100mm, Media::die_cut_29x90mm}) {
        const MediaInfo& md = info(media);
        const int h = md.kind == MediaKind::die_cut ? md.printable_length_dots : m.min_length_dots;
        const MonoBitmap page(md.printable_width_dots, h, 300);
        INFO(m.name << " " << md.name);
        CHECK(encode_job(m.model, media, std::span(&page, 1)).has_value());
      }
  }
}

TEST_CASE("command sequence of an uncompressed job (QL-570, 62 mm)", "[brother][encode]") {
  const MonoBitmap page = blank(Media::continuous_62mm, 300);
  auto job = encode_job(Model::ql_570, Media::continuous_62mm, std::span(&page, 1));
  REQUIRE(job);
  const Walked w = walk(*job);
  REQUIRE(w.ok);
  CHECK(w.invalidate == 200);
  CHECK(w.commands.at(0) == Bytes{0x1B, 0x40});
  CHECK(count(w, 'a') == 0);  // the QL-570 has no command modes to switch
  // ESC i z: recovery | quality | width | kind; continuous; 62 mm; length 0; 300 lines (0x12C); first page.
  CHECK(find(w, 'z') == Bytes{0x1B, 0x69, 0x7A, 0xC6, 0x0A, 0x3E, 0x00, 0x2C, 0x01, 0x00, 0x00, 0x00, 0x00});
  CHECK(find(w, 'M') == Bytes{0x1B, 0x69, 0x4D, 0x40});
  CHECK(find(w, 'A') == Bytes{0x1B, 0x69, 0x41, 0x01});
  CHECK(find(w, 'K') == Bytes{0x1B, 0x69, 0x4B, 0x08});
  CHECK(find(w, 'd') == Bytes{0x1B, 0x69, 0x64, 0x23, 0x00});  // 35 dots = 3 mm
  CHECK(std::none_of(w.commands.begin(), w.commands.end(), [](const Bytes& c) { return c[0] == 'M'; }));
  REQUIRE(w.pages.size() == 1);
  CHECK(w.pages[0].size() == 300);
  for (const Bytes& line : w.pages[0]) CHECK(line == Bytes(90, 0));  // blank lines sent in full, no Z
  CHECK(w.page_ends == Bytes{0x1A});
  CHECK(job->size() == 200 + 2 + 13 + 4 + 4 + 4 + 5 + 300 * 93 + 1);
}

TEST_CASE("print information matches the manuals' examples", "[brother][encode]") {
  SECTION("29 x 90 mm die-cut, speed priority (QL-500..1060N manual: 0E 0B 1D 5A DF 03, plus recovery)") {
    const MonoBitmap page = blank(Media::die_cut_29x90mm, 991);
    JobOptions o;
    o.prefer_quality = false;
    auto job = encode_job(Model::ql_700, Media::die_cut_29x90mm, std::span(&page, 1), o);
    REQUIRE(job);
    CHECK(find(walk(*job), 'z') ==
          Bytes{0x1B, 0x69, 0x7A, 0x8E, 0x0B, 0x1D, 0x5A, 0xDF, 0x03, 0x00, 0x00, 0x00, 0x00});
    CHECK(find(walk(*job), 'd') == Bytes{0x1B, 0x69, 0x64, 0x00, 0x00});  // die-cut: no feed margin
  }
  SECTION("102 mm continuous, 1801 lines (QL-1100 manual: 86 0A 66 00 09 07 00 00 00 00)") {
    const MonoBitmap page = blank(Media::continuous_102mm, 1801);
    JobOptions o;
    o.prefer_quality = false;
    auto job = encode_job(Model::ql_1100, Media::continuous_102mm, std::span(&page, 1), o);
    REQUIRE(job);
    const Walked w = walk(*job);
    CHECK(find(w, 'z') == Bytes{0x1B, 0x69, 0x7A, 0x86, 0x0A, 0x66, 0x00, 0x09, 0x07, 0x00, 0x00, 0x00, 0x00});
    CHECK(w.invalidate == 350);
    CHECK(find(w, 'a') == Bytes{0x1B, 0x69, 0x61, 0x01});
  }
}

TEST_CASE("the head is mirrored: bitmap left is the far end of the line", "[brother][encode]") {
  struct Case {
    Model model;
    Media media;
    int x;
    int pin;
  };
  const Case cases[] = {
      {Model::ql_800, Media::continuous_62mm, 695, 12},   // rightmost column -> first print pin
      {Model::ql_800, Media::continuous_62mm, 0, 707},    // leftmost column -> last print pin
      {Model::ql_800, Media::continuous_62mm, 100, 607},
      {Model::ql_700, Media::die_cut_29x90mm, 305, 6},
      {Model::ql_700, Media::die_cut_29x90mm, 0, 311},
      {Model::ql_1100, Media::continuous_102mm, 1163, 56},
      {Model::ql_1100, Media::continuous_102mm, 0, 1219},
      {Model::ql_1110nwb, Media::die_cut_62x100mm, 0, 751},
  };
  for (const Case& c : cases) {
    const MediaInfo& md = info(c.media);
    const ModelInfo& mi = info(c.model);
    const int h = md.kind == MediaKind::die_cut ? md.printable_length_dots : mi.min_length_dots;
    MonoBitmap page(md.printable_width_dots, h, 300);
    page.set_black(c.x, 1);
    JobOptions o;
    o.compress = false;
    auto job = encode_job(c.model, c.media, std::span(&page, 1), o);
    REQUIRE(job);
    const Walked w = walk(*job);
    REQUIRE(w.pages.size() == 1);
    Bytes want(static_cast<std::size_t>(mi.bytes_per_line), 0);
    want[static_cast<std::size_t>(c.pin / 8)] = static_cast<std::uint8_t>(0x80 >> (c.pin % 8));
    INFO(mi.name << " x=" << c.x << " pin=" << c.pin);
    CHECK(w.pages[0].at(1) == want);
    CHECK(w.pages[0].at(0) == Bytes(static_cast<std::size_t>(mi.bytes_per_line), 0));
  }
}

TEST_CASE("compression changes the bytes, not the dots", "[brother][encode]") {
  const std::vector<MonoBitmap> pages{test::badge_pattern(696, 1109), test::noise(696, 1109, 20, 99)};
  JobOptions plain;
  plain.compress = false;
  auto packed_job = encode_job(Model::ql_720nw, Media::die_cut_62x100mm, pages);
  auto plain_job = encode_job(Model::ql_720nw, Media::die_cut_62x100mm, pages, plain);
  REQUIRE(packed_job);
  REQUIRE(plain_job);
  const Walked a = walk(*packed_job);
  const Walked b = walk(*plain_job);
  REQUIRE(a.ok);
  REQUIRE(b.ok);
  CHECK(std::count(a.commands.begin(), a.commands.end(), Bytes{'M', 0x02}) == 2);  // once per page
  CHECK(packed_job->size() < plain_job->size());
  REQUIRE(a.pages.size() == 2);
  for (std::size_t p = 0; p < 2; ++p)
    for (std::size_t y = 0; y < 1109; ++y) {
      const Bytes& line = a.pages[p][y];
      const Bytes expanded = line.empty() ? Bytes(90, 0) : line;  // Z: blank line
      REQUIRE(expanded == b.pages[p][y]);
    }
  // The QL-800 has no compression: the option is ignored, lines are sent whole.
  auto ql800 = encode_job(Model::ql_800, Media::die_cut_62x100mm, pages);
  REQUIRE(ql800);
  const Walked c = walk(*ql800);
  CHECK(std::count(c.commands.begin(), c.commands.end(), Bytes{'M', 0x02}) == 0);
  CHECK(c.pages.at(0).at(50) == b.pages.at(0).at(50));
}

TEST_CASE("a job of several pages", "[brother][encode]") {
  const std::vector<MonoBitmap> pages{blank(Media::continuous_62mm, 200), blank(Media::continuous_62mm, 300),
                                      blank(Media::continuous_62mm, 150)};
  auto job = encode_job(Model::ql_820nwb, Media::continuous_62mm, pages);
  REQUIRE(job);
  const Walked w = walk(*job);
  REQUIRE(w.ok);
  CHECK(w.invalidate == 400);
  CHECK(count(w, 'z') == 3);
  CHECK(count(w, 'a') == 3);  // raster mode, per page as the manuals show
  CHECK(find(w, 'z', 0).at(11) == 0x00);  // n9: starting page
  CHECK(find(w, 'z', 1).at(11) == 0x01);  // n9: other pages
  CHECK(find(w, 'z', 2).at(11) == 0x01);
  CHECK(find(w, 'z', 1).at(7) == 0x2C);   // 300 lines
  CHECK(find(w, 'z', 1).at(8) == 0x01);
  CHECK(w.page_ends == Bytes{0x0C, 0x0C, 0x1A});
  REQUIRE(w.pages.size() == 3);
  CHECK(w.pages[1].size() == 300);
  CHECK(std::all_of(w.pages[2].begin(), w.pages[2].end(), [](const Bytes& l) { return l.empty(); }));  // all Z
  CHECK(std::count(job->begin(), job->end(), 0x1A) >= 1);
}

TEST_CASE("status request commands", "[brother][encode]") {
  CHECK(status_request() == Bytes{0x1B, 0x69, 0x53});
  const Bytes reset = reset_and_status_request(Model::ql_800);
  REQUIRE(reset.size() == 405);
  CHECK(std::all_of(reset.begin(), reset.begin() + 400, [](std::uint8_t b) { return b == 0; }));
  CHECK(Bytes(reset.begin() + 400, reset.end()) == Bytes{0x1B, 0x40, 0x1B, 0x69, 0x53});
  CHECK(reset_and_status_request(Model::ql_700).size() == 205);
}
