#include "printer/report/report_html.hpp"

#include <fmt/core.h>

namespace accueil::report {

std::string html_escape(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&': out += "&amp;"; break;
      case '<': out += "&lt;"; break;
      case '>': out += "&gt;"; break;
      case '"': out += "&quot;"; break;
      case '\'': out += "&#39;"; break;
      default: out += c;
    }
  }
  return out;
}

namespace {

constexpr std::string_view k_style = R"(
body { font-family: "Noto Sans", "DejaVu Sans", sans-serif; color: #1a1a1a; max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
h1 { font-size: 1.6rem; margin-bottom: 0.2rem; }
h2 { font-size: 1.25rem; margin-top: 2rem; border-bottom: 2px solid #1F5FAD; padding-bottom: 0.2rem; }
h3 { font-size: 1rem; margin-bottom: 0.3rem; }
.sub, .note { color: #555; }
table { border-collapse: collapse; margin: 0.5rem 0; }
th, td { padding: 0.25rem 0.7rem; border-bottom: 1px solid #ddd; text-align: right; }
th:first-child, td:first-child { text-align: start; }
th { background: #eef3fa; }
.legend span { display: inline-block; margin-right: 1rem; }
.legend i { display: inline-block; width: 0.8rem; height: 0.8rem; margin-right: 0.3rem; vertical-align: -0.1rem; }
ul.names { columns: 2; padding-left: 1.2rem; }
svg { display: block; max-width: 100%; }
)";

void table(std::string& out, const Table& t, std::string_view id) {
  out += fmt::format("<table id=\"{}\">\n<tr>", id);
  for (const std::string& h : t.header) out += "<th>" + html_escape(h) + "</th>";
  out += "</tr>\n";
  for (const auto& row : t.rows) {
    out += "<tr>";
    for (const std::string& c : row) out += "<td>" + html_escape(c) + "</td>";
    out += "</tr>\n";
  }
  out += "</table>\n";
}

void chart(std::string& out, const DayChart& c, std::size_t index) {
  out += "<h3>" + html_escape(c.title) + "</h3>\n";
  out += "<p class=\"note\">" + html_escape(c.note) + "</p>\n";
  if (c.bins.empty()) return;
  constexpr double w = 900, h = 260, font = 12;
  const ChartShapes s = chart_shapes(c, w, h, font);
  out += fmt::format("<svg id=\"chart-{}\" viewBox=\"0 0 {} {}\" width=\"{}\" height=\"{}\" role=\"img\" "
                     "xmlns=\"http://www.w3.org/2000/svg\" font-size=\"{}\">\n",
                     index + 1, w, h, w, h, font);
  for (const auto& l : s.grid)
    out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#ddd\"/>\n", l.x0, l.y0, l.x1, l.y1);
  for (const auto& b : s.bars)
    out += fmt::format("<rect x=\"{:.2f}\" y=\"{:.2f}\" width=\"{:.2f}\" height=\"{:.2f}\" fill=\"{}\"/>\n", b.x, b.y, b.w,
                       b.h, html_escape(b.colour));
  for (const auto& l : s.y_labels)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"end\" fill=\"#555\">{}</text>\n", l.x, l.y,
                       html_escape(l.text));
  for (const auto& l : s.x_labels)
    out += fmt::format("<text x=\"{:.1f}\" y=\"{:.1f}\" text-anchor=\"middle\" fill=\"#555\">{}</text>\n", l.x, l.y,
                       html_escape(l.text));
  out += fmt::format("<line x1=\"{:.1f}\" y1=\"{:.1f}\" x2=\"{:.1f}\" y2=\"{:.1f}\" stroke=\"#555\"/>\n", s.plot_left,
                     s.plot_bottom, s.plot_right, s.plot_bottom);
  out += "</svg>\n<p class=\"legend\">";
  for (const Series& k : c.series)
    out += fmt::format("<span><i style=\"background:{}\"></i>{}</span>", html_escape(k.colour), html_escape(k.label));
  out += "</p>\n";
}

}  // namespace

std::string render_html(const ReportDocument& doc) {
  std::string out;
  out += fmt::format("<!DOCTYPE html>\n<html lang=\"{}\">\n<head>\n<meta charset=\"utf-8\">\n", html_escape(doc.language));
  out += "<meta name=\"viewport\" content=\"width=device-width, initial-scale=1\">\n";
  out += "<title>" + html_escape(doc.event_name + " — " + doc.title) + "</title>\n";
  out += "<style>" + std::string(k_style) + "</style>\n</head>\n<body>\n";
  out += "<h1>" + html_escape(doc.event_name) + "</h1>\n";
  out += "<p class=\"sub\">" + html_escape(doc.title) + " · " + html_escape(doc.subtitle) + "</p>\n";
  out += "<p class=\"note\">" + html_escape(doc.made_on) + "</p>\n";
  out += "<h2>" + html_escape(doc.figures_title) + "</h2>\n";
  table(out, doc.figures, "figures");
  out += "<p class=\"note\">" + html_escape(doc.figures_note) + "</p>\n";
  out += "<h2>" + html_escape(doc.arrivals_title) + "</h2>\n";
  for (std::size_t i = 0; i < doc.charts.size(); ++i) chart(out, doc.charts[i], i);
  out += "<h2>" + html_escape(doc.by_category_title) + "</h2>\n";
  table(out, doc.by_category, "by-category");
  out += "<h2>" + html_escape(doc.by_country_title) + "</h2>\n";
  table(out, doc.by_country, "by-country");
  static constexpr std::string_view ids[] = {"local-authorities", "delegations", "embassies"};
  for (std::size_t i = 0; i < doc.lists.size(); ++i) {
    const NamedList& list = doc.lists[i];
    out += fmt::format("<h2>{}</h2>\n", html_escape(list.title));
    if (list.entries.empty()) {
      out += "<p>" + html_escape(doc.none) + "</p>\n";
      continue;
    }
    out += fmt::format("<ul class=\"names\" id=\"{}\">\n", i < std::size(ids) ? ids[i] : "list");
    for (const std::string& e : list.entries) out += "<li>" + html_escape(e) + "</li>\n";
    out += "</ul>\n";
  }
  out += "</body>\n</html>\n";
  return out;
}

}  // namespace accueil::report
