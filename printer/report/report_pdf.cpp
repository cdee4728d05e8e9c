#include "printer/report/report_pdf.hpp"

#include <cairo-pdf.h>
#include <cairo.h>
#include <pango/pangocairo.h>

#include <algorithm>
#include <memory>

#include <fmt/core.h>

namespace accueil::report {

namespace {

// A4 in points (1/72 inch), and the margins.
constexpr double k_page_w = 595.28, k_page_h = 841.89;
constexpr double k_margin = 50, k_footer = 28;
constexpr double k_body_pt = 9.5;

struct LayoutUnref {
  void operator()(PangoLayout* l) const { g_object_unref(l); }
};
using LayoutPtr = std::unique_ptr<PangoLayout, LayoutUnref>;

struct Rgb {
  double r = 0, g = 0, b = 0;
};
Rgb rgb_of(std::string_view hex) {
  unsigned v = 0x808080;
  if (hex.size() == 7 && hex[0] == '#') v = static_cast<unsigned>(std::strtoul(std::string(hex.substr(1)).c_str(), nullptr, 16));
  return {((v >> 16) & 0xFF) / 255.0, ((v >> 8) & 0xFF) / 255.0, (v & 0xFF) / 255.0};
}

cairo_status_t append(void* closure, const unsigned char* data, unsigned int length) {
  static_cast<std::string*>(closure)->append(reinterpret_cast<const char*>(data), length);
  return CAIRO_STATUS_SUCCESS;
}

// Sets the document top to bottom, page after page.
class Pages {
public:
  Pages(cairo_t* cr, PangoContext* context, const ReportDocument& doc) : m_cr(cr), m_context(context), m_doc(doc) {
    m_families = render::Typesetter::font_families("Noto Sans", doc.language);
  }

  LayoutPtr text(std::string_view s, double size_pt, bool bold, double width_pt,
                 PangoAlignment align = PANGO_ALIGN_LEFT) const {
    LayoutPtr l(pango_layout_new(m_context));
    PangoFontDescription* desc = pango_font_description_new();
    pango_font_description_set_family(desc, m_families.c_str());
    pango_font_description_set_weight(desc, bold ? PANGO_WEIGHT_BOLD : PANGO_WEIGHT_NORMAL);
    pango_font_description_set_absolute_size(desc, size_pt * PANGO_SCALE);
    pango_layout_set_font_description(l.get(), desc);
    pango_font_description_free(desc);
    pango_layout_set_width(l.get(), static_cast<int>(width_pt * PANGO_SCALE));
    pango_layout_set_wrap(l.get(), PANGO_WRAP_WORD_CHAR);
    pango_layout_set_alignment(l.get(), align);
    pango_layout_set_text(l.get(), s.data(), static_cast<int>(s.size()));
    return l;
  }
  static double height(PangoLayout* l) {
    int w = 0, h = 0;
    pango_layout_get_size(l, &w, &h);
    return static_cast<double>(h) / PANGO_SCALE;
  }
  void draw(PangoLayout* l, double x, double y, Rgb colour = {}) {
    cairo_set_source_rgb(m_cr, colour.r, colour.g, colour.b);
    cairo_move_to(m_cr, x, y);
    pango_cairo_show_layout(m_cr, l);
  }

  double width() const { return k_page_w - 2 * k_margin; }
  double y() const { return m_y; }
  void advance(double dy) { m_y += dy; }
  // Starts a new page unless `h` points fit on this one.
  void need(double h) {
    if (m_y + h > k_page_h - k_margin - k_footer) new_page();
  }
  void new_page() {
    footer();
    cairo_show_page(m_cr);
    ++m_page;
    m_y = k_margin;
  }
  void finish() { footer(); }

  void paragraph(std::string_view s, double size_pt, bool bold, Rgb colour = {}, double after = 4) {
    LayoutPtr l = text(s, size_pt, bold, width());
    const double h = height(l.get());
    need(h);
    draw(l.get(), k_margin, m_y, colour);
    m_y += h + after;
  }
  void heading(std::string_view s) {
    need(60);  // a heading never ends a page
    m_y += 10;
    paragraph(s, 13, true, {0.12, 0.37, 0.68}, 2);
    cairo_set_source_rgb(m_cr, 0.12, 0.37, 0.68);
    cairo_set_line_width(m_cr, 1.2);
    cairo_move_to(m_cr, k_margin, m_y);
    cairo_line_to(m_cr, k_margin + width(), m_y);
    cairo_stroke(m_cr);
    m_y += 6;
  }

  // A table: the first column takes what the others leave.
  void table(const Table& t, double number_w) {
    if (t.header.empty()) return;
    const std::size_t n = t.header.size();
    const double first_w = width() - number_w * static_cast<double>(n - 1);
    auto row = [&](const std::vector<std::string>& cells, bool bold, bool shade) {
      std::vector<LayoutPtr> layouts;
      double h = 0;
      for (std::size_t i = 0; i < n; ++i) {
        const std::string& c = i < cells.size() ? cells[i] : std::string();
        layouts.push_back(text(c, k_body_pt, bold, (i == 0 ? first_w : number_w) - 6,
                               i == 0 ? PANGO_ALIGN_LEFT : PANGO_ALIGN_RIGHT));
        h = std::max(h, height(layouts.back().get()));
      }
      h += 5;
      need(h);
      if (shade) {
        cairo_set_source_rgb(m_cr, 0.93, 0.95, 0.98);
        cairo_rectangle(m_cr, k_margin, m_y, width(), h);
        cairo_fill(m_cr);
      }
      double x = k_margin;
      for (std::size_t i = 0; i < n; ++i) {
        draw(layouts[i].get(), x + 3, m_y + 2.5);
        x += i == 0 ? first_w : number_w;
      }
      m_y += h;
      cairo_set_source_rgb(m_cr, 0.85, 0.85, 0.85);
      cairo_set_line_width(m_cr, 0.5);
      cairo_move_to(m_cr, k_margin, m_y);
      cairo_line_to(m_cr, k_margin + width(), m_y);
      cairo_stroke(m_cr);
    };
    row(t.header, true, true);
    for (const auto& cells : t.rows) row(cells, false, false);
    m_y += 4;
  }

  void chart(const DayChart& c) {
    constexpr double chart_h = 170, font = 7.5;
    need(c.bins.empty() ? 40 : chart_h + 90);  // the title, the chart and its legend on one page
    paragraph(c.title, 10.5, true);
    paragraph(c.note, k_body_pt, false, {0.35, 0.35, 0.35});
    if (c.bins.empty()) return;
    const ChartShapes s = chart_shapes(c, width(), chart_h, font);
    cairo_save(m_cr);
    cairo_translate(m_cr, k_margin, m_y);
    cairo_set_line_width(m_cr, 0.4);
    cairo_set_source_rgb(m_cr, 0.85, 0.85, 0.85);
    for (const auto& l : s.grid) {
      cairo_move_to(m_cr, l.x0, l.y0);
      cairo_line_to(m_cr, l.x1, l.y1);
    }
    cairo_stroke(m_cr);
    for (const auto& b : s.bars) {
      const Rgb colour = rgb_of(b.colour);
      cairo_set_source_rgb(m_cr, colour.r, colour.g, colour.b);
      cairo_rectangle(m_cr, b.x, b.y, b.w, b.h);
      cairo_fill(m_cr);
    }
    cairo_set_source_rgb(m_cr, 0.35, 0.35, 0.35);
    cairo_set_line_width(m_cr, 0.8);
    cairo_move_to(m_cr, s.plot_left, s.plot_bottom);
    cairo_line_to(m_cr, s.plot_right, s.plot_bottom);
    cairo_stroke(m_cr);
    // Labels: y is a baseline; a layout is placed by its top, about 0.95 em above.
    for (const auto& l : s.y_labels) {
      LayoutPtr t = text(l.text, font, false, 30, PANGO_ALIGN_RIGHT);
      draw(t.get(), l.x - 30, l.y - font * 0.95, {0.35, 0.35, 0.35});
    }
    for (const auto& l : s.x_labels) {
      LayoutPtr t = text(l.text, font, false, 40, PANGO_ALIGN_CENTER);
      draw(t.get(), l.x - 20, l.y - font * 0.95, {0.35, 0.35, 0.35});
    }
    cairo_restore(m_cr);
    m_y += chart_h + 4;
    // The legend: a swatch and a label per category, flowing along lines.
    double x = k_margin;
    for (const Series& k : c.series) {
      LayoutPtr t = text(k.label, k_body_pt, false, -1);
      int w = 0, h = 0;
      pango_layout_get_size(t.get(), &w, &h);
      const double tw = static_cast<double>(w) / PANGO_SCALE;
      if (x + tw + 14 > k_margin + width()) {
        x = k_margin;
        m_y += 14;
      }
      const Rgb colour = rgb_of(k.colour);
      cairo_set_source_rgb(m_cr, colour.r, colour.g, colour.b);
      cairo_rectangle(m_cr, x, m_y + 2, 8, 8);
      cairo_fill(m_cr);
      draw(t.get(), x + 11, m_y);
      x += tw + 24;
    }
    m_y += 22;
  }

  // Names in two columns, the left one read first: balanced when the rest
  // fits on this page, else both filled to the bottom and on to the next.
  void names(const std::vector<std::string>& entries) {
    constexpr double gap = 18;
    const double col_w = (width() - gap) / 2;
    const double bottom = k_page_h - k_margin - k_footer;
    std::vector<LayoutPtr> layouts;
    std::vector<double> heights;
    double left_to_set = 0;
    for (const std::string& e : entries) {
      layouts.push_back(text(e, k_body_pt, false, col_w - 10));
      pango_layout_set_auto_dir(layouts.back().get(), FALSE);  // left to right; the name is an isolate
      heights.push_back(height(layouts.back().get()) + 2);
      left_to_set += heights.back();
    }
    std::size_t i = 0;
    while (i < layouts.size()) {
      need(heights[i]);
      const double top = m_y, room = bottom - top;
      // Where the left column ends: half of what is left, or the page's bottom.
      const double left_h = left_to_set <= 2 * room ? left_to_set / 2 : room;
      double lowest = top;
      for (int column = 0; column < 2 && i < layouts.size(); ++column) {
        double y = top;
        const double x = k_margin + column * (col_w + gap);
        while (i < layouts.size() && y + heights[i] <= bottom &&
               (column == 1 || y == top || y + heights[i] / 2 <= top + left_h)) {
          cairo_new_path(m_cr);
          cairo_set_source_rgb(m_cr, 0.12, 0.37, 0.68);
          cairo_arc(m_cr, x + 3, y + k_body_pt * 0.7, 1.5, 0, 6.2832);
          cairo_fill(m_cr);
          draw(layouts[i].get(), x + 10, y);
          y += heights[i];
          left_to_set -= heights[i];
          ++i;
        }
        lowest = std::max(lowest, y);
      }
      m_y = lowest;
      if (i < layouts.size()) new_page();
    }
    m_y += 4;
  }

private:
  void footer() {
    const std::string s = m_doc.event_name + " — " + fill(m_doc.page_label, {{"page", std::to_string(m_page)}});
    LayoutPtr l = text(s, 7.5, false, width(), PANGO_ALIGN_CENTER);
    draw(l.get(), k_margin, k_page_h - k_margin + 6, {0.45, 0.45, 0.45});
  }

  cairo_t* m_cr;
  PangoContext* m_context;
  const ReportDocument& m_doc;
  std::string m_families;
  double m_y = k_margin;
  int m_page = 1;
};

}  // namespace

Result<std::string> render_pdf(const ReportDocument& doc, render::Typesetter& typesetter) {
  std::string bytes;
  cairo_surface_t* surface = cairo_pdf_surface_create_for_stream(append, &bytes, k_page_w, k_page_h);
  if (cairo_surface_status(surface) != CAIRO_STATUS_SUCCESS) {
    const std::string why = cairo_status_to_string(cairo_surface_status(surface));
    cairo_surface_destroy(surface);
    return fail("Cairo could not start the report's PDF: " + why);
  }
  const std::string title = doc.event_name + " — " + doc.title;
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_TITLE, title.c_str());
  cairo_pdf_surface_set_metadata(surface, CAIRO_PDF_METADATA_CREATOR, "Accueil");
  cairo_t* cr = cairo_create(surface);
  {
    Pages pages(cr, typesetter.pango_context(), doc);
    pages.paragraph(doc.event_name, 18, true, {}, 2);
    pages.paragraph(doc.title + " · " + doc.subtitle, 11, false, {0.3, 0.3, 0.3}, 2);
    pages.paragraph(doc.made_on, 8.5, false, {0.45, 0.45, 0.45}, 6);
    pages.heading(doc.figures_title);
    pages.table(doc.figures, 92);
    pages.paragraph(doc.figures_note, 8.5, false, {0.35, 0.35, 0.35});
    pages.heading(doc.arrivals_title);
    for (const DayChart& c : doc.charts) pages.chart(c);
    pages.heading(doc.by_category_title);
    pages.table(doc.by_category, 70);
    pages.heading(doc.by_country_title);
    pages.table(doc.by_country, 70);
    for (const NamedList& list : doc.lists) {
      pages.heading(list.title);
      if (list.entries.empty()) pages.paragraph(doc.none, k_body_pt, false);
      else pages.names(list.entries);
    }
    pages.finish();
  }
  cairo_destroy(cr);
  cairo_surface_finish(surface);
  const cairo_status_t status = cairo_surface_status(surface);
  cairo_surface_destroy(surface);
  if (status != CAIRO_STATUS_SUCCESS) return fail(fmt::format("Cairo could not write the report's PDF: {}", cairo_status_to_string(status)));
  return bytes;
}

}  // namespace accueil::report
