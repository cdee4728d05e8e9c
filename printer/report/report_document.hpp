// The after-event report as a document: the figures (shared/domain/figures.hpp,
// read by shared/store/report.hpp's build_report_data) turned into the texts,
// tables, charts and lists that the PDF (report_pdf.hpp) and the HTML page
// (report_html.hpp) lay out, in the event's language. Both outputs draw the
// same document, so they say the same thing.
#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "shared/domain/model.hpp"
#include "shared/store/report.hpp"
#include "shared/text/catalog.hpp"

namespace accueil::report {

struct Table {
  std::vector<std::string> header;
  std::vector<std::vector<std::string>> rows;  // cells; the first is a label, the others numbers
};

struct Series {
  std::string label;
  std::string colour;  // "#RRGGBB"
};

// One day's arrivals per 10 minutes, stacked by category.
struct DayChart {
  std::string title;  // "Jour 1 — jeudi 3 décembre 2026"
  std::string note;   // the busiest 10 minutes, or "no arrivals"
  std::vector<Series> series;                      // the categories with arrivals that day
  std::vector<std::vector<std::int64_t>> bins;     // per bin, a count per series
  std::vector<std::string> bin_times;              // per bin, its local start time "08:50"
  std::int64_t max_total = 0;                      // the tallest bin
};

struct NamedList {
  std::string title;
  // "Ville de Dijon (3)", "سفارة المغرب — Maroc (2)": the name between U+2068 and U+2069
  // (first-strong isolate), so that the line reads left to right whatever its script.
  std::vector<std::string> entries;
};

struct ReportDocument {
  std::string language;  // of every text below
  std::string event_name;
  std::string title;     // "Bilan de l'événement"
  std::string subtitle;  // venue and dates
  std::string made_on;
  std::string figures_title;
  std::string figures_note;
  Table figures;  // a row per figure, a column per day and the whole event
  std::string arrivals_title;
  std::vector<DayChart> charts;
  std::string by_category_title;
  Table by_category;  // whole event
  std::string by_country_title;
  Table by_country;
  std::vector<NamedList> lists;  // local authorities, delegations, embassies (whole event)
  std::string none;              // what an empty list says
  std::string page_label;        // "Page {page}"
};

// The event's first language, or `language` when given (fr, en, es, ...).
std::string report_language(const Event& event, std::string_view language);

// `now_ms` dates the document (its "made on" line).
ReportDocument make_document(const Event& event, const ReportData& data, const Catalogs& catalogs,
                             std::string_view language, std::int64_t now_ms);

// 1234 as the language writes it ("1 234" in French, "1,234" in English).
std::string format_count(std::int64_t n, std::string_view language);
// 0.295 as "29,5 %" (fr), "29.5%" (en).
std::string format_share(double share, std::string_view language);

// The chart of one day laid out in a box of width x height (any unit, y down):
// what both outputs draw.
struct ChartShapes {
  struct Bar { double x, y, w, h; std::string colour; };
  struct Label { double x, y; std::string text; };  // x: centre for ticks, y: baseline
  struct Line { double x0, y0, x1, y1; };
  std::vector<Bar> bars;
  std::vector<Label> x_labels;  // a time every hour
  std::vector<Label> y_labels;  // counts at the grid lines, right-aligned at x
  std::vector<Line> grid;
  double plot_left = 0, plot_bottom = 0, plot_right = 0;
};
ChartShapes chart_shapes(const DayChart& chart, double width, double height, double font_size);

}  // namespace accueil::report
