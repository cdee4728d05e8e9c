#include <catch2/catch.hpp>

#include "printer/render/badge_content.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;

TEST_CASE("the badge speaks the attendee's language when the event offers it", "[content]") {
  const Event& event = test::sample_event();  // fr, en, es
  Attendee a;
  a.language = "es";
  CHECK(badge_language(event, a) == "es");
  a.language = "ja";
  CHECK(badge_language(event, a) == "fr");  // the event's first language
  a.language = "";
  CHECK(badge_language(event, a) == "fr");
  Event english = event;
  english.languages = {"en", "fr"};
  a.language = "ar";
  CHECK(badge_language(english, a) == "en");
}

TEST_CASE("country names come from ICU in the badge's language", "[content]") {
  CHECK(country_name("DE", "fr") == "Allemagne");
  CHECK(country_name("DE", "en") == "Germany");
  CHECK(country_name("DE", "es") == "Alemania");
  CHECK(country_name("CI", "fr") == "Côte d’Ivoire");
  CHECK(country_name("MG", "fr") == "Madagascar");
  CHECK(country_name("AM", "fr") == "Arménie");
  CHECK(country_name("JP", "es") == "Japón");
  CHECK(country_name("", "fr").empty());
  CHECK(country_name("ZZZ", "fr") == "ZZZ");  // unknown to ICU: the code as given
}

TEST_CASE("event dates are written the way each language writes them", "[content]") {
  const Event& event = test::sample_event();  // 2026-12-03 and 2026-12-04
  CHECK(event_dates(event, "fr") == "3–4 décembre 2026");
  CHECK(event_dates(event, "es") == "3–4 de diciembre de 2026");
  CHECK_THAT(event_dates(event, "en"), Catch::StartsWith("December 3") && Catch::EndsWith("4, 2026"));
  Event one_day = event;
  one_day.days.resize(1);
  CHECK(event_dates(one_day, "fr") == "3 décembre 2026");
  Event across_months = event;
  across_months.days = {{"2026-11-30", {}}, {"2026-12-01", {}}};
  CHECK(event_dates(across_months, "fr") == "30 novembre\u2009–\u20091 décembre 2026");  // thin spaces
}

TEST_CASE("badge content takes the category's colour and label in the badge's language", "[content]") {
  Attendee a = test::person("Íñigo", "Núñez", "Ayuntamiento de Santiago de Compostela", "Alcalde", "ES",
                            "delegation", "es");
  BadgeContent c = badge_content(test::sample_event(), a, "TOKEN");
  CHECK(c.language == "es");
  CHECK(c.name_language == "es");
  CHECK(c.category == "Delegación");
  CHECK(c.category_colour == *parse_colour("#B5473A"));
  CHECK(c.country == "España");
  CHECK(c.event_name == test::sample_event().name);
  CHECK(c.event_dates == "3–4 de diciembre de 2026");
  CHECK(c.token == "TOKEN");
  CHECK_THAT(c.who, Catch::StartsWith("Íñigo Núñez (ref T-"));
  CHECK(c.text(Field::full_name) == "Íñigo Núñez");
  CHECK(c.text(Field::latin_name).empty());

  Attendee j = test::person("花子", "佐藤", "京都市国際交流協会", "一等書記官", "JP", "intervenant", "ja", "Hanako", "Satō");
  BadgeContent cj = badge_content(test::sample_event(), j, "T");
  CHECK(cj.language == "fr");
  CHECK(cj.name_language == "ja");
  CHECK(cj.category == "Intervenant·e");
  CHECK(cj.country == "Japon");
  CHECK(cj.text(Field::latin_name) == "Hanako Satō");

  Attendee unknown = a;
  unknown.category = "vip-lounge";
  BadgeContent cu = badge_content(test::sample_event(), unknown, "T");
  CHECK(cu.category == "vip-lounge");
  CHECK(cu.category_colour == Rgb{0.5, 0.5, 0.5});
}
