#include "printer/render/sheets.hpp"

#include <cmath>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/render/draw.hpp"
#include "printer/render/internal.hpp"
#include "printer/render/pdf_date.hpp"
#include "shared/base/files.hpp"

namespace accueil::render {

namespace {

constexpr double k_mark_offset_mm = 1.0;  // crop marks start this far from the badge's corner
constexpr double k_mark_length_mm = 4.0;
constexpr double k_mark_width_pt = 0.3;
constexpr double k_eps = 1e-6;

int how_many(double available, double size, double gap) {
  if (available + k_eps < size) return 0;
  return static_cast<int>(std::floor((available + gap + k_eps) / (size + gap)));
}

}  // namespace

Result<SheetPlan> plan_sheet(double w, double h, const SheetOptions& o) {
  if (!(w > 0 && h > 0 && o.paper_width_mm > 0 && o.paper_height_mm > 0 && o.margin_mm >= 0 && o.gap_mm >= 0))
    return fail(fmt::format("cannot plan a sheet of {} x {} mm badges on {} x {} mm paper with {} mm margins and {} mm "
                            "gaps: every size must be positive", w, h, o.paper_width_mm, o.paper_height_mm, o.margin_mm, o.gap_mm));
  SheetPlan plan;
  double gap = o.gap_mm;
  plan.columns = how_many(o.paper_width_mm - 2 * o.margin_mm, w, gap);
  plan.rows = how_many(o.paper_height_mm - 2 * o.margin_mm, h, gap);
  int butted_columns = how_many(o.paper_width_mm, w, 0), butted_rows = how_many(o.paper_height_mm, h, 0);
  if (butted_columns * butted_rows > plan.columns * plan.rows) {
    plan.butted = true;
    plan.columns = butted_columns;
    plan.rows = butted_rows;
    gap = 0;
  }
  if (plan.per_sheet() == 0)
    return fail(fmt::format("a {} x {} mm badge does not fit on {} x {} mm paper", w, h, o.paper_width_mm, o.paper_height_mm));
  double used_w = plan.columns * w + (plan.columns - 1) * gap;
  double used_h = plan.rows * h + (plan.rows - 1) * gap;
  double left = (o.paper_width_mm - used_w) / 2, top = (o.paper_height_mm - used_h) / 2;
  for (int r = 0; r < plan.rows; ++r)
    for (int c = 0; c < plan.columns; ++c) plan.slots.push_back({left + c * (w + gap), top + r * (h + gap), w, h});

  plan.crop_marks.resize(plan.slots.size());
  if (!o.crop_marks) return plan;
  // Each badge's edges extended outwards, stopping short of the neighbour's
  // marks (half the gap) and of the paper's edge.
  double between = gap / 2 - k_mark_offset_mm;
  double outside_x = left - k_mark_offset_mm, outside_y = top - k_mark_offset_mm;
  for (int r = 0; r < plan.rows; ++r) {
    for (int c = 0; c < plan.columns; ++c) {
      const auto index = static_cast<std::size_t>(r * plan.columns + c);
      const RectMm& s = plan.slots[index];
      std::vector<SegmentMm>& marks = plan.crop_marks[index];
      double room_left = c == 0 ? outside_x : between, room_right = c == plan.columns - 1 ? outside_x : between;
      double room_top = r == 0 ? outside_y : between, room_bottom = r == plan.rows - 1 ? outside_y : between;
      double len_left = std::min(k_mark_length_mm, room_left), len_right = std::min(k_mark_length_mm, room_right);
      double len_top = std::min(k_mark_length_mm, room_top), len_bottom = std::min(k_mark_length_mm, room_bottom);
      for (double y : {s.y, s.bottom()}) {
        if (len_left >= 1) marks.push_back({s.x - k_mark_offset_mm - len_left, y, s.x - k_mark_offset_mm, y});
        if (len_right >= 1) marks.push_back({s.right() + k_mark_offset_mm, y, s.right() + k_mark_offset_mm + len_right, y});
      }
      for (double x : {s.x, s.right()}) {
        if (len_top >= 1) marks.push_back({x, s.y - k_mark_offset_mm - len_top, x, s.y - k_mark_offset_mm});
        if (len_bottom >= 1) marks.push_back({x, s.bottom() + k_mark_offset_mm, x, s.bottom() + k_mark_offset_mm + len_bottom});
      }
    }
  }
  return plan;
}

Result<SheetsPdf> render_sheets(Typesetter& typesetter, const BadgeTemplate& badge,
                                std::span<const BadgeContent> contents, const SheetOptions& options) {
  auto plan = plan_sheet(badge.width_mm, badge.height_mm, options);
  if (!plan) return std::unexpected(plan.error());
  if (contents.empty()) return fail("no badge to print on sheets: the list of attendees is empty");
  SheetsPdf out;
  auto made = detail::make_pdf_surface(out.pdf, options.paper_width_mm * pt_per_mm,
                                       options.paper_height_mm * pt_per_mm, options.pdf);
  if (!made) return std::unexpected(made.error());
  detail::SurfacePtr surface = std::move(*made);
  detail::CairoPtr cr(cairo_create(surface.get()));

  std::vector<std::string> errors;
  const int per_sheet = plan->per_sheet();
  int on_sheet = 0;
  auto finish_sheet = [&] {
    if (options.crop_marks && on_sheet > 0) {
      cairo_save(cr.get());
      cairo_set_source_rgb(cr.get(), 0, 0, 0);
      cairo_set_line_width(cr.get(), k_mark_width_pt);
      // Marks of the badges on this sheet only (a last sheet may be partial).
      for (int i = 0; i < on_sheet; ++i) {
        for (const SegmentMm& m : plan->crop_marks[static_cast<std::size_t>(i)]) {
          cairo_move_to(cr.get(), m.x0 * pt_per_mm, m.y0 * pt_per_mm);
          cairo_line_to(cr.get(), m.x1 * pt_per_mm, m.y1 * pt_per_mm);
        }
      }
      cairo_stroke(cr.get());
      cairo_restore(cr.get());
    }
    cairo_show_page(cr.get());
    ++out.sheets;
    on_sheet = 0;
  };

  for (const BadgeContent& content : contents) {
    auto layout = typesetter.layout(badge, content, options.layout);
    if (!layout) {
      errors.push_back(layout.error().message);
      continue;
    }
    if (!errors.empty()) continue;  // only gathering the other failures now
    for (auto& w : layout->warnings) out.warnings.push_back(std::move(w));
    const RectMm& slot = plan->slots[static_cast<std::size_t>(on_sheet)];
    cairo_save(cr.get());
    cairo_translate(cr.get(), slot.x * pt_per_mm, slot.y * pt_per_mm);
    cairo_rectangle(cr.get(), 0, 0, slot.width * pt_per_mm, slot.height * pt_per_mm);
    cairo_clip(cr.get());
    detail::draw_badge(cr.get(), *layout, {.qr_paths = options.pdf.qr_as_paths});
    cairo_restore(cr.get());
    if (cairo_status(cr.get()) != CAIRO_STATUS_SUCCESS)
      return fail(fmt::format("Cairo could not draw the badge of {} on sheet {}: {}", content.who, out.sheets + 1,
                              cairo_status_to_string(cairo_status(cr.get()))));
    ++out.badges;
    if (++on_sheet == per_sheet) finish_sheet();
  }
  if (!errors.empty()) {
    std::string list;
    for (std::size_t i = 0; i < errors.size() && i < 10; ++i) list += "\n  " + errors[i];
    if (errors.size() > 10) list += fmt::format("\n  … and {} more", errors.size() - 10);
    return fail(fmt::format("{} of {} badges cannot be printed:{}", errors.size(), contents.size(), list));
  }
  if (on_sheet > 0) finish_sheet();
  cr.reset();
  cairo_surface_finish(surface.get());
  if (cairo_surface_status(surface.get()) != CAIRO_STATUS_SUCCESS)
    return fail(fmt::format("Cairo could not write the PDF: {}", cairo_status_to_string(cairo_surface_status(surface.get()))));
  detail::fix_pdf_creation_date(out.pdf);
  return out;
}

Result<SheetsPdf> write_sheets(Typesetter& typesetter, const BadgeTemplate& badge,
                               std::span<const BadgeContent> contents, const std::filesystem::path& path,
                               const SheetOptions& options) {
  auto sheets = render_sheets(typesetter, badge, contents, options);
  if (!sheets) return sheets;
  if (auto s = write_file_atomic(path, sheets->pdf); !s) return std::unexpected(s.error());
  return sheets;
}

}  // namespace accueil::render
