// The golden print jobs: one per model family and per media kind, each made
// from badge_pattern() so that the files stay byte-for-byte stable. Used by
// the golden test and by tools/make_golden (approve-golden.sh).
#pragma once

#include <string_view>
#include <vector>

#include "printer/encode/brother_ql.hpp"
#include "test_bitmaps.hpp"

namespace accueil::printer::test {

struct GoldenCase {
  std::string_view name;  // file stem in golden/
  brother::Model model;
  brother::Media media;
  std::vector<int> page_heights;  // dots; die-cut pages use the label length
  brother::JobOptions options;
};

inline std::vector<GoldenCase> golden_cases() {
  using brother::Media;
  using brother::Model;
  return {
      // No compression, no mode switch, 200 invalidate bytes.
      {"ql-570_62mm-continuous", Model::ql_570, Media::continuous_62mm, {300}, {}},
      {"ql-700_29x90-die-cut", Model::ql_700, Media::die_cut_29x90mm, {991}, {}},
      // PackBits, mode switch.
      {"ql-720nw_62x100-die-cut", Model::ql_720nw, Media::die_cut_62x100mm, {1109}, {}},
      // QL-800 series: 400 invalidate bytes; a two-page job (FF then Control-Z).
      {"ql-800_62mm-continuous_2-pages", Model::ql_800, Media::continuous_62mm, {300, 200}, {}},
      {"ql-820nwb_29x90-die-cut", Model::ql_820nwb, Media::die_cut_29x90mm, {991}, {}},
      // QL-1100 series: 162-byte lines on the 1296-pin head.
      {"ql-1100_102mm-continuous", Model::ql_1100, Media::continuous_102mm, {400}, {}},
      {"ql-1110nwb_62x100-die-cut", Model::ql_1110nwb, Media::die_cut_62x100mm, {1109}, {}},
  };
}

inline std::vector<MonoBitmap> golden_pages(const GoldenCase& c) {
  std::vector<MonoBitmap> pages;
  const int width = brother::info(c.media).printable_width_dots;
  for (int h : c.page_heights) pages.push_back(badge_pattern(width, h));
  return pages;
}

}  // namespace accueil::printer::test
