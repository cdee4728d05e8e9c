#include <catch2/catch.hpp>

#include <regex>
#include <set>

#include "fixtures.hpp"
#include "printer/report/report_document.hpp"
#include "printer/report/report_html.hpp"
#include "printer/report/report_strings.hpp"
#include "shared/store/checkin.hpp"

using namespace accueil;
using namespace accueil::report;
using namespace accueil::testing;

namespace {

std::set<std::string> marks(std::string_view text) {
  std::set<std::string> out;
  std::string s(text);
  static const std::regex mark(R"(\{[a-z_]+\})");
  for (auto it = std::sregex_iterator(s.begin(), s.end(), mark); it != std::sregex_iterator(); ++it) out.insert(it->str());
  return out;
}

Catalogs catalogs() {
  auto c = Catalogs::load(ACCUEIL_SOURCE_DIR "/assets/i18n", {"fr", "es"});
  REQUIRE(c);
  return std::move(*c);
}

}  // namespace

TEST_CASE("French and Spanish translate every text of the report, keeping its marks", "[report-doc]") {
  const Catalogs c = catalogs();
  for (const char* language : {"fr", "es"}) {
    const auto* messages = c.messages(language);
    REQUIRE(messages != nullptr);
    for (std::string_view english : text::all) {
      INFO(language << ": \"" << english << "\"");
      auto it = messages->find(std::string(english));
      REQUIRE(it != messages->end());
      CHECK_FALSE(it->second.empty());
      CHECK(marks(it->second) == marks(english));
    }
  }
  std::set<std::string_view> seen(std::begin(text::all), std::end(text::all));
  CHECK(seen.size() == std::size(text::all));
}

TEST_CASE("numbers are written as the language writes them", "[report-doc]") {
  CHECK(format_count(1234, "en") == "1,234");
  CHECK(format_count(1234, "fr") == "1\u202f234");  // a narrow no-break space
  CHECK(format_count(12, "fr") == "12");
  CHECK(format_share(0.295, "en") == "29.5%");
  CHECK(format_share(0.295, "fr") == "29,5\u00a0%");
  CHECK(format_share(0.0, "es") == "0,0\u00a0%");
}

TEST_CASE("the document says the figures, with country names, in the event's language", "[report-doc]") {
  Event event = sample_event();
  Store store = memory_store();
  REQUIRE(store.save_event(event));
  Attendee dijon = make_attendee("e1", "Claire", "Moreau", "Ville de Dijon");
  Attendee yokohama = make_attendee("d1", "太郎", "山田", "横浜市国際局");
  yokohama.category = "delegation";
  yokohama.country = "JP";
  yokohama.delegation = "横浜市代表団";
  Attendee erevan = make_attendee("d2", "Արամ", "Պետրոսյան", "Երևանի <b>քաղաքապետարան</b>");
  erevan.category = "delegation";
  erevan.country = "AM";
  for (const Attendee& a : {dijon, yokohama, erevan}) REQUIRE(store.insert_attendee(a, AttendeeSource::import));
  for (const Attendee& a : {dijon, yokohama, erevan})
    REQUIRE(check_in_attendee(store, event, a.id, {1, "k", "", 0})->outcome == Outcome::ok);
  REQUIRE(check_in_attendee(store, event, dijon.id, {2, "k", "", 0})->outcome == Outcome::ok);

  CHECK(report_language(event, "") == "fr");
  CHECK(report_language(event, "es") == "es");
  auto data = build_report_data(store, event, "fr");
  REQUIRE(data);
  REQUIRE(data->timelines.size() == 2);
  const ReportDocument doc = make_document(event, *data, catalogs(), "fr", 1'796'288'400'000);
  CHECK(doc.title == "Bilan de l’événement");
  REQUIRE(doc.figures.header.size() == 4);  // label, day 1, day 2, whole event
  CHECK(doc.figures.header[3] == "Ensemble de l’événement");
  CHECK(doc.figures.rows[0] == std::vector<std::string>{"Participants", "3 sur 3", "1 sur 3", "3 sur 3"});
  CHECK(doc.figures.rows[2][0] == "Collectivités territoriales (France)");
  std::set<std::string> countries;
  for (const auto& row : doc.by_country.rows) countries.insert(row[0]);
  CHECK(countries == std::set<std::string>{"France", "Japon", "Arménie"});
  REQUIRE(doc.lists.size() == 3);
  CHECK(doc.lists[0].entries == std::vector<std::string>{"\u2068Ville de Dijon\u2069 (1)"});
  CHECK(doc.lists[1].entries == std::vector<std::string>{"\u2068Երևանի <b>քաղաքապետարան</b>\u2069 — Arménie (1)",
                                                         "\u2068横浜市代表団\u2069 — Japon (1)"});
  CHECK(doc.lists[2].entries.empty());
  REQUIRE(doc.charts.size() == 2);
  CHECK(doc.charts[0].title == "Jour 1 — jeudi 3 décembre 2026");
  CHECK(doc.charts[0].max_total == 3);

  // Spanish, from the same figures.
  auto es_data = build_report_data(store, event, "es");
  REQUIRE(es_data);
  const ReportDocument es = make_document(event, *es_data, catalogs(), "es", 0);
  CHECK(es.figures.rows[0][1] == "3 de 3");
  CHECK(es.lists[1].entries[1] == "\u2068横浜市代表団\u2069 — Japón (1)");

  // The HTML page escapes what people typed.
  const std::string html = render_html(doc);
  CHECK(html.find("Երևանի &lt;b&gt;քաղաքապետարան&lt;/b&gt;") != std::string::npos);
  CHECK(html.find("<b>") == std::string::npos);
  CHECK(html.find("<html lang=\"fr\">") != std::string::npos);
}

TEST_CASE("the chart stacks each bin's categories, to scale", "[report-doc]") {
  DayChart c;
  c.series = {{"A", "#FF0000"}, {"B", "#00FF00"}};
  c.bins = {{2, 1}, {0, 0}, {4, 0}};
  c.bin_times = {"08:50", "09:00", "09:10"};
  c.max_total = 4;
  const ChartShapes s = chart_shapes(c, 600, 200, 10);
  REQUIRE(s.bars.size() == 3);  // empty segments are not drawn
  const double unit = s.bars[0].h / 2;  // A in the first bin: 2 arrivals
  CHECK(s.bars[1].h == Approx(unit));   // B in the first bin, on top of A
  CHECK(s.bars[1].y + s.bars[1].h == Approx(s.bars[0].y));
  CHECK(s.bars[2].h == Approx(4 * unit));
  CHECK(s.bars[0].y + s.bars[0].h == Approx(s.plot_bottom));
  CHECK(s.bars[2].colour == "#FF0000");
  // Times under the first bin and on the hour.
  REQUIRE(s.x_labels.size() == 2);
  CHECK(s.x_labels[0].text == "08:50");
  CHECK(s.x_labels[1].text == "09:00");
  CHECK(s.y_labels.front().text == "0");
}
