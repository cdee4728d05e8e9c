// Many badges laid out on sheets of paper (A4 by default) in one PDF, with
// crop marks: for pre-printing VIP badges on an office printer or a print shop.
#pragma once

#include <filesystem>
#include <span>
#include <string>
#include <vector>

#include "printer/render/badge_content.hpp"
#include "printer/render/badge_layout.hpp"
#include "printer/render/outputs.hpp"
#include "printer/render/typesetter.hpp"
#include "shared/base/error.hpp"

namespace accueil::render {

struct SheetOptions {
  double paper_width_mm = 210;   // A4 portrait
  double paper_height_mm = 297;
  double margin_mm = 5;          // kept clear at the paper's edges
  double gap_mm = 6;             // between badges; the crop marks go there
  bool crop_marks = true;
  PdfOptions pdf;
  LayoutOptions layout;
};

// A line segment in millimetres on the sheet.
struct SegmentMm {
  double x0 = 0, y0 = 0, x1 = 0, y1 = 0;
  friend bool operator==(const SegmentMm&, const SegmentMm&) = default;
};

// Where the badges go on each sheet.
struct SheetPlan {
  int columns = 0;
  int rows = 0;
  // Badges touch each other and the paper's edges need not stay clear: used
  // when that fits more badges than the margins and gaps allow (four A6 on
  // A4, for perforated badge card). Cut along the badges' edges.
  bool butted = false;
  std::vector<RectMm> slots;                   // row by row, left to right
  std::vector<std::vector<SegmentMm>> crop_marks;  // crop_marks[i]: the marks of slots[i]

  int per_sheet() const { return columns * rows; }
};

// Plans a sheet for badges of `badge_width_mm` x `badge_height_mm`: as many as
// fit in rows and columns, centred on the paper. Fails when not one fits.
Result<SheetPlan> plan_sheet(double badge_width_mm, double badge_height_mm, const SheetOptions& options);

struct SheetsPdf {
  std::string pdf;
  int badges = 0;
  int sheets = 0;
  std::vector<std::string> warnings;  // from the layouts (see BadgeLayout::warnings)
};

// Lays out every badge (one at a time: memory stays flat for thousands) and
// draws them on sheets. Fails, naming each attendee concerned (up to ten),
// when any badge cannot be laid out; no partial PDF is returned.
Result<SheetsPdf> render_sheets(Typesetter& typesetter, const BadgeTemplate& badge,
                                std::span<const BadgeContent> contents, const SheetOptions& options = {});

// render_sheets() written atomically to `path`.
Result<SheetsPdf> write_sheets(Typesetter& typesetter, const BadgeTemplate& badge,
                               std::span<const BadgeContent> contents, const std::filesystem::path& path,
                               const SheetOptions& options = {});

}  // namespace accueil::render
