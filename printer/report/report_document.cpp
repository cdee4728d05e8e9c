#include "printer/report/report_document.hpp"

#include <unicode/datefmt.h>
#include <unicode/numfmt.h>
#include <unicode/timezone.h>
#include <unicode/unistr.h>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <memory>

#include <fmt/core.h>

#include "printer/report/report_strings.hpp"
#include "shared/domain/clock.hpp"
#include "shared/text/countries.hpp"

namespace accueil::report {

namespace {

std::string utf8(const icu::UnicodeString& s) {
  std::string out;
  s.toUTF8String(out);
  return out;
}

// "jeudi 3 décembre 2026" for "2026-12-03" in French (ICU's full date style);
// the ISO date itself when ICU cannot say it.
std::string long_date(const std::string& iso, std::string_view language) {
  int y = 0, m = 0, d = 0;
  if (std::sscanf(iso.c_str(), "%d-%d-%d", &y, &m, &d) != 3) return iso;
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::DateFormat> format(
      icu::DateFormat::createDateInstance(icu::DateFormat::kFull, icu::Locale(std::string(language).c_str())));
  if (!format) return iso;
  format->adoptTimeZone(icu::TimeZone::createTimeZone("UTC"));
  // Noon UTC of that date, in ms (days from 1970-01-01 by the civil calendar).
  const int yy = y - (m <= 2 ? 1 : 0);
  const int era = (yy >= 0 ? yy : yy - 399) / 400;
  const int yoe = yy - era * 400;
  const int doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
  const int doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
  const double days = static_cast<double>(era) * 146097.0 + doe - 719468.0;
  icu::UnicodeString out;
  format->format(days * 86'400'000.0 + 43'200'000.0, out);
  if (U_FAILURE(status)) return iso;
  return utf8(out);
}

class Texts {
public:
  Texts(const Catalogs& catalogs, std::string_view language) : m_catalogs(catalogs), m_language(language) {}
  std::string operator()(std::string_view english) const { return std::string(m_catalogs.translate(m_language, english)); }

private:
  const Catalogs& m_catalogs;
  std::string_view m_language;
};

std::string cell(std::int64_t came, std::int64_t registered, const Texts& tr, std::string_view language) {
  return fill(tr(text::of_registered),
              {{"arrived", format_count(came, language)}, {"registered", format_count(registered, language)}});
}

Table count_table(const std::vector<CountRow>& rows, std::string_view first, std::int64_t people, const Texts& tr,
                  std::string_view language) {
  Table t;
  t.header = {std::string(first), tr(text::arrived), tr(text::registered), tr(text::share)};
  for (const CountRow& r : rows) {
    if (r.checked_in == 0 && r.registered == 0) continue;
    t.rows.push_back({r.label, format_count(r.checked_in, language), format_count(r.registered, language),
                      format_share(people ? static_cast<double>(r.checked_in) / static_cast<double>(people) : 0.0,
                                   language)});
  }
  return t;
}

NamedList named_list(std::string title, const std::vector<Represented>& list, const Event& event,
                     std::string_view language) {
  NamedList out{std::move(title), {}};
  for (const Represented& r : list) {
    // The name in a Unicode isolate (FSI ... PDI): a name in Arabic keeps its own
    // direction without turning the line around it (" — Maroc (1)") right to left.
    std::string entry = "\u2068" + (r.name.empty() ? std::string("?") : r.name) + "\u2069";
    if (!r.country.empty() && r.country != event.country) entry += " — " + country_name(r.country, language);
    entry += fmt::format(" ({})", format_count(r.people, language));
    out.entries.push_back(std::move(entry));
  }
  return out;
}

DayChart day_chart(const Event& event, const Timeline& t, const std::string& title, const Texts& tr,
                   std::string_view language) {
  DayChart c;
  c.title = title;
  std::vector<std::size_t> columns;  // the timeline's columns that have arrivals
  for (std::size_t i = 0; i < t.categories.size(); ++i) {
    if (t.categories[i].checked_in == 0) continue;
    columns.push_back(i);
    const Category* category = event.category(t.categories[i].key);
    c.series.push_back({t.categories[i].label, category ? category->colour : std::string("#808080")});
  }
  for (const ArrivalBin& bin : t.bins) {
    std::vector<std::int64_t> counts;
    for (std::size_t col : columns) counts.push_back(col < bin.by_category.size() ? bin.by_category[col] : 0);
    c.bins.push_back(std::move(counts));
    c.bin_times.push_back(local_time(bin.start_ms, event.timezone));
    c.max_total = std::max(c.max_total, bin.total);
  }
  c.note = t.bins.empty() ? tr(text::no_arrivals)
                          : fill(tr(text::arrivals_peak), {{"count", format_count(t.peak, language)},
                                                           {"time", local_time(t.peak_start_ms, event.timezone)}});
  return c;
}

}  // namespace

std::string report_language(const Event& event, std::string_view language) {
  if (!language.empty()) return std::string(language);
  return event.languages.empty() ? std::string("fr") : event.languages.front();
}

std::string format_count(std::int64_t n, std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createInstance(icu::Locale(std::string(language).c_str()), status));
  if (U_FAILURE(status) || !format) return std::to_string(n);
  icu::UnicodeString out;
  format->format(static_cast<int64_t>(n), out);
  return utf8(out);
}

std::string format_share(double share, std::string_view language) {
  UErrorCode status = U_ZERO_ERROR;
  std::unique_ptr<icu::NumberFormat> format(
      icu::NumberFormat::createPercentInstance(icu::Locale(std::string(language).c_str()), status));
  if (U_FAILURE(status) || !format) return fmt::format("{:.1f} %", share * 100.0);
  format->setMinimumFractionDigits(1);
  format->setMaximumFractionDigits(1);
  icu::UnicodeString out;
  format->format(share, out);
  return utf8(out);
}

ReportDocument make_document(const Event& event, const ReportData& data, const Catalogs& catalogs,
                             std::string_view language, std::int64_t now_ms) {
  const Texts tr(catalogs, language);
  const EventReport& figures = data.figures;
  ReportDocument doc;
  doc.language = std::string(language);
  doc.event_name = event.name;
  doc.title = tr(text::title);
  std::string dates;
  if (!event.days.empty()) {
    dates = long_date(event.days.front().date, language);
    if (event.days.size() > 1) dates += " – " + long_date(event.days.back().date, language);
  }
  doc.subtitle = event.venue.empty() ? dates : event.venue + " — " + dates;
  doc.made_on = fill(tr(text::made_on), {{"date", local_date_time(now_ms, event.timezone)}});

  doc.figures_title = tr(text::figures);
  doc.figures_note = tr(text::figures_note);
  std::vector<const Figures*> columns;
  doc.figures.header.push_back("");
  for (const Figures& f : figures.days) {
    columns.push_back(&f);
    doc.figures.header.push_back(fill(tr(text::day_n), {{"day", std::to_string(f.day)}}));
  }
  columns.push_back(&figures.total);
  doc.figures.header.push_back(tr(text::whole_event));
  auto row = [&](std::string label, auto value) {
    std::vector<std::string> cells{std::move(label)};
    for (const Figures* f : columns) cells.push_back(value(*f));
    doc.figures.rows.push_back(std::move(cells));
  };
  row(tr(text::participants), [&](const Figures& f) { return cell(f.checked_in.people, f.registered.people, tr, language); });
  row(tr(text::foreign_share), [&](const Figures& f) {
    return fmt::format("{} ({})", format_share(f.checked_in.foreign_share(), language),
                       format_count(f.checked_in.foreign_people, language));
  });
  row(fill(tr(text::local_authorities), {{"country", country_name(event.country, language)}}), [&](const Figures& f) {
    return cell(f.checked_in.local_authorities, f.registered.local_authorities, tr, language);
  });
  row(tr(text::countries), [&](const Figures& f) { return cell(f.checked_in.countries, f.registered.countries, tr, language); });
  row(tr(text::foreign_delegations), [&](const Figures& f) {
    return cell(f.checked_in.foreign_delegations, f.registered.foreign_delegations, tr, language);
  });
  row(tr(text::embassies), [&](const Figures& f) { return cell(f.checked_in.embassies, f.registered.embassies, tr, language); });

  doc.arrivals_title = tr(text::arrivals_title);
  for (std::size_t i = 0; i < data.timelines.size() && i < event.days.size(); ++i) {
    const std::string title = fill(tr(text::day_n), {{"day", std::to_string(i + 1)}}) + " — " +
                              long_date(event.days[i].date, language);
    doc.charts.push_back(day_chart(event, data.timelines[i], title, tr, language));
  }

  doc.by_category_title = tr(text::by_category);
  doc.by_category = count_table(figures.total.by_category, tr(text::category), figures.total.checked_in.people, tr, language);
  doc.by_country_title = tr(text::by_country);
  doc.by_country = count_table(figures.total.by_country, tr(text::country), figures.total.checked_in.people, tr, language);

  const RepresentedLists& named = figures.total.represented;
  doc.lists.push_back(named_list(tr(text::represented_authorities), named.local_authorities, event, language));
  doc.lists.push_back(named_list(tr(text::represented_delegations), named.foreign_delegations, event, language));
  doc.lists.push_back(named_list(tr(text::represented_embassies), named.embassies, event, language));
  doc.none = tr(text::none);
  doc.page_label = tr(text::page_n);
  return doc;
}

ChartShapes chart_shapes(const DayChart& chart, double width, double height, double font_size) {
  ChartShapes s;
  const double left = font_size * 3.0, bottom = height - font_size * 1.8, top = font_size * 0.6;
  s.plot_left = left;
  s.plot_bottom = bottom;
  s.plot_right = width;
  if (chart.bins.empty()) return s;
  // Grid lines at a round step: 1, 2 or 5 times a power of ten, 3 to 6 lines.
  const double max = static_cast<double>(std::max<std::int64_t>(chart.max_total, 1));
  double step = std::pow(10.0, std::floor(std::log10(max / 4.0)));
  for (double f : {1.0, 2.0, 5.0, 10.0})
    if (max / (step * f) <= 5.0) {
      step *= f;
      break;
    }
  step = std::max(step, 1.0);
  const double top_value = std::ceil(max / step) * step;
  const double scale = (bottom - top) / top_value;
  for (double v = 0; v <= top_value + 0.5; v += step) {
    const double y = bottom - v * scale;
    s.grid.push_back({left, y, width, y});
    s.y_labels.push_back({left - font_size * 0.4, y + font_size * 0.35, fmt::format("{}", static_cast<std::int64_t>(v))});
  }
  // At least two hours' worth of slots: a short day's few bars keep the width of a bar.
  const double slot = (width - left) / static_cast<double>(std::max<std::size_t>(chart.bins.size(), 12));
  const double bar = std::max(slot * 0.8, 0.5);
  for (std::size_t i = 0; i < chart.bins.size(); ++i) {
    const double x = left + slot * static_cast<double>(i) + (slot - bar) / 2;
    double y = bottom;
    for (std::size_t k = 0; k < chart.bins[i].size(); ++k) {
      const double h = static_cast<double>(chart.bins[i][k]) * scale;
      if (h <= 0) continue;
      y -= h;
      s.bars.push_back({x, y, bar, h, chart.series[k].colour});
    }
    // A time under the first bin and every hour, when there is room.
    const std::string& t = chart.bin_times[i];
    const bool hour = t.size() == 5 && t.ends_with(":00");
    if (i == 0 || hour) {
      const double cx = left + slot * static_cast<double>(i);
      if (s.x_labels.empty() || cx - s.x_labels.back().x > font_size * 3.2)
        s.x_labels.push_back({cx, bottom + font_size * 1.3, t});
    }
  }
  return s;
}

}  // namespace accueil::report
