// Writes the inputs of the ZPL render check (zpl-render-check.sh): for each
// bitmap, <dir>/<name>.pbm (the source, P4) and one ZPL label per encoding,
// <dir>/<name>.<none|ascii>.zpl, plus <dir>/cases.txt: "name width height dpi".
#include <cstdio>
#include <fstream>
#include <string>
#include <vector>

#include "printer/encode/zpl.hpp"
#include "test_bitmaps.hpp"

namespace {

using namespace accueil::printer;

bool write_pbm(const std::string& path, const MonoBitmap& b) {
  std::ofstream out(path, std::ios::binary);
  out << "P4\n" << b.width << ' ' << b.height << '\n';
  out.write(reinterpret_cast<const char*>(b.bits.data()), static_cast<std::streamsize>(b.bits.size()));
  return static_cast<bool>(out);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  struct Named {
    std::string name;
    MonoBitmap bitmap;
  };
  std::vector<Named> cases;
  cases.push_back({"badge-696x300", test::badge_pattern(696, 300)});
  {
    MonoBitmap qr(333, 333, 300);  // odd width, QR-like modules of 9 dots
    test::draw_qr_like(qr, 0, 0, 333, 9, 17u);
    cases.push_back({"qr-333x333", qr});
  }
  {
    MonoBitmap black(57, 20, 300);  // every row all black, odd width
    for (int y = 0; y < 20; ++y)
      for (int x = 0; x < 57; ++x) black.set_black(x, y);
    cases.push_back({"all-black-57x20", black});
  }
  cases.push_back({"all-white-100x10", MonoBitmap(100, 10, 300)});
  {
    MonoBitmap rows(203, 12, 300);  // alternating full, empty, half rows
    for (int y = 0; y < 12; ++y)
      for (int x = 0; x < 203; ++x)
        if (y % 3 == 0 || (y % 3 == 1 && x < 101)) rows.set_black(x, y);
    cases.push_back({"rows-203x12", rows});
  }
  cases.push_back({"noise-203x151", test::noise(203, 151, 35, 5)});
  {
    // 1700 dots: rows of 850 hex digits, longer than one repeat count can say.
    MonoBitmap wide(1700, 6, 300);
    for (int x = 0; x < 1700; ++x) {
      wide.set_black(x, 0);
      if (x >= 3) wide.set_black(x, 2);
      if (x < 1650) wide.set_black(x, 4);
    }
    cases.push_back({"wide-1700x6", wide});
  }
  cases.push_back({"one-dot-1x1", [] {
                     MonoBitmap b(1, 1, 300);
                     b.set_black(0, 0);
                     return b;
                   }()});

  std::ofstream manifest(dir + "/cases.txt");
  for (const Named& c : cases) {
    if (!write_pbm(dir + "/" + c.name + ".pbm", c.bitmap)) return 1;
    for (auto [suffix, compression] : {std::pair{"none", zpl::Compression::none},
                                       std::pair{"ascii", zpl::Compression::ascii}}) {
      zpl::LabelOptions options;
      options.compression = compression;
      auto label = zpl::encode_label(c.bitmap, options);
      if (!label) {
        std::fprintf(stderr, "%s: %s\n", c.name.c_str(), label.error().message.c_str());
        return 1;
      }
      std::ofstream out(dir + "/" + c.name + "." + suffix + ".zpl", std::ios::binary);
      out << *label;
      if (!out) return 1;
    }
    manifest << c.name << ' ' << c.bitmap.width << ' ' << c.bitmap.height << ' ' << c.bitmap.dpi << '\n';
  }
  return manifest ? 0 : 1;
}
