// Writes the inputs of the rastertoptch cross-check (crosscheck-rastertoptch.sh):
// for each case, <dir>/<name>.ours.prn (our encoder) and <dir>/<name>.ras (a
// CUPS raster of the same pages, written with libcups), plus <dir>/cases.txt:
// "name head_bytes rastertoptch-job-options" per line.
//
// The CUPS page is the label's print area plus, on its right, the pins
// between the print area and pin 0 (the manuals' "right margin"): rastertoptch
// (Align=Right) emits a CUPS line right to left from pin 0, so that page puts
// every dot on the pin our encoder chose, and rastertoptch pads the unused
// pins itself. What the comparison checks is everything else: bit order,
// mirroring, line length, padding, line order, blank lines, pages.
#include <cups/raster.h>
#include <fcntl.h>
#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>
#include <vector>

#include "printer/encode/brother_ql.hpp"
#include "test_bitmaps.hpp"

namespace {

using namespace accueil::printer;

struct Case {
  std::string name;
  brother::Model model;
  brother::Media media;
  std::vector<MonoBitmap> pages;
  bool compress;
};

bool write_raster(const std::string& path, const std::vector<MonoBitmap>& pages, int offset) {
  const int fd = ::open(path.c_str(), O_WRONLY | O_CREAT | O_TRUNC, 0644);
  if (fd < 0) return false;
  cups_raster_t* ras = cupsRasterOpen(fd, CUPS_RASTER_WRITE);
  bool ok = ras != nullptr;
  for (const MonoBitmap& p : pages) {
    if (!ok) break;
    const unsigned width = static_cast<unsigned>(p.width + offset);
    cups_page_header2_t h;
    std::memset(&h, 0, sizeof h);
    h.HWResolution[0] = h.HWResolution[1] = 300;
    h.cupsWidth = width;
    h.cupsHeight = static_cast<unsigned>(p.height);
    h.cupsBitsPerColor = 1;
    h.cupsBitsPerPixel = 1;
    h.cupsBytesPerLine = (width + 7) / 8;
    h.cupsColorOrder = CUPS_ORDER_CHUNKED;
    h.cupsColorSpace = CUPS_CSPACE_K;  // 1 = black
    h.cupsNumColors = 1;
    // Page and imaging box both exactly the bitmap, in points: no extra
    // spacing for rastertoptch to add on any side.
    h.cupsPageSize[0] = static_cast<float>(width) * 72.0f / 300.0f;
    h.cupsPageSize[1] = static_cast<float>(p.height) * 72.0f / 300.0f;
    h.cupsImagingBBox[0] = 0;
    h.cupsImagingBBox[1] = 0;
    h.cupsImagingBBox[2] = h.cupsPageSize[0];
    h.cupsImagingBBox[3] = h.cupsPageSize[1];
    h.PageSize[0] = static_cast<unsigned>(h.cupsPageSize[0] + 0.5f);
    h.PageSize[1] = static_cast<unsigned>(h.cupsPageSize[1] + 0.5f);
    h.ImagingBoundingBox[2] = h.PageSize[0];
    h.ImagingBoundingBox[3] = h.PageSize[1];
    std::snprintf(h.MediaClass, sizeof h.MediaClass, "%s", "PwgRaster");
    ok = cupsRasterWriteHeader2(ras, &h) != 0;
    std::vector<unsigned char> line(h.cupsBytesPerLine);
    for (int y = 0; ok && y < p.height; ++y) {
      std::fill(line.begin(), line.end(), 0);
      std::memcpy(line.data(), p.row(y), static_cast<std::size_t>(p.stride()));
      ok = cupsRasterWritePixels(ras, line.data(), h.cupsBytesPerLine) == h.cupsBytesPerLine;
    }
  }
  if (ras) cupsRasterClose(ras);
  ::close(fd);
  return ok;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc != 2) {
    std::fprintf(stderr, "usage: %s OUTPUT_DIR\n", argv[0]);
    return 2;
  }
  const std::string dir = argv[1];
  using brother::Media;
  using brother::Model;
  auto badge = [](Media m, int h) { return test::badge_pattern(brother::info(m).printable_width_dots, h); };
  auto noise = [](Media m, int h, std::uint32_t seed) {
    return test::noise(brother::info(m).printable_width_dots, h, 30, seed);
  };
  std::vector<Case> cases;
  cases.push_back({"ql-800_62mm_uncompressed_2-pages", Model::ql_800, Media::continuous_62mm,
                   {badge(Media::continuous_62mm, 300), noise(Media::continuous_62mm, 150, 7)}, false});
  cases.push_back({"ql-700_29x90_uncompressed", Model::ql_700, Media::die_cut_29x90mm,
                   {badge(Media::die_cut_29x90mm, 991)}, false});
  cases.push_back({"ql-820nwb_29x90_packbits", Model::ql_820nwb, Media::die_cut_29x90mm,
                   {badge(Media::die_cut_29x90mm, 991)}, true});
  cases.push_back({"ql-720nw_62x100_packbits", Model::ql_720nw, Media::die_cut_62x100mm,
                   {badge(Media::die_cut_62x100mm, 1109)}, true});
  cases.push_back({"ql-710w_62mm_packbits_noise", Model::ql_710w, Media::continuous_62mm,
                   {noise(Media::continuous_62mm, 400, 42)}, true});
  cases.push_back({"ql-1100_102mm_packbits", Model::ql_1100, Media::continuous_102mm,
                   {badge(Media::continuous_102mm, 400), noise(Media::continuous_102mm, 301, 9)}, true});
  cases.push_back({"ql-1110nwb_29x90_uncompressed", Model::ql_1110nwb, Media::die_cut_29x90mm,
                   {noise(Media::die_cut_29x90mm, 991, 3)}, false});

  std::ofstream manifest(dir + "/cases.txt");
  for (const Case& c : cases) {
    brother::JobOptions options;
    options.compress = c.compress;
    auto job = brother::encode_job(c.model, c.media, c.pages, options);
    if (!job) {
      std::fprintf(stderr, "%s: %s\n", c.name.c_str(), job.error().message.c_str());
      return 1;
    }
    std::ofstream ours(dir + "/" + c.name + ".ours.prn", std::ios::binary);
    ours.write(reinterpret_cast<const char*>(job->data()), static_cast<std::streamsize>(job->size()));
    const int offset = *brother::print_area_offset(c.model, c.media);
    if (!ours || !write_raster(dir + "/" + c.name + ".ras", c.pages, offset)) {
      std::fprintf(stderr, "%s: cannot write its files in %s\n", c.name.c_str(), dir.c_str());
      return 1;
    }
    const brother::ModelInfo& mi = brother::info(c.model);
    const bool labels = brother::info(c.media).kind == brother::MediaKind::die_cut;
    manifest << c.name << ' ' << mi.bytes_per_line << " QL LabelPreamble BytesPerLine=" << mi.bytes_per_line
             << " PixelXfer=" << (c.compress ? "RLE" : "ULP") << " MediaType=" << (labels ? "Labels" : "Tape")
             << " AutoCut CutLabel=1\n";
  }
  return manifest ? 0 : 1;
}
