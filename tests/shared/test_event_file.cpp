#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "shared/domain/event_file.hpp"

using namespace accueil;

TEST_CASE("the sample event file loads", "[event]") {
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  REQUIRE(event.has_value());
  CHECK(event->id == "rencontres-2026");
  CHECK(event->day_count() == 2);
  CHECK(event->days[0].date == "2026-12-03");
  CHECK(event->day_of("2026-12-04") == 2);
  CHECK_FALSE(event->day_of("2026-12-05").has_value());
  CHECK(event->languages.front() == "fr");
  const Category* elu = event->category("elu");
  REQUIRE(elu != nullptr);
  CHECK(elu->role == CategoryRole::local_government);
  CHECK(elu->label("en") == "Elected official");
  CHECK(elu->label("de") == "Élu·e");  // falls back to French
}

TEST_CASE("an event survives a round trip through TOML", "[event]") {
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  REQUIRE(event);
  auto again = parse_event(event_to_toml(*event), "round-trip");
  REQUIRE(again);
  CHECK(again->id == event->id);
  CHECK(again->days.size() == event->days.size());
  CHECK(again->days[1].labels == event->days[1].labels);
  REQUIRE(again->categories.size() == event->categories.size());
  CHECK(again->categories[3].colour == event->categories[3].colour);
  CHECK(again->categories[3].labels == event->categories[3].labels);
}

TEST_CASE("bad event files are refused with the place and the reason", "[event]") {
  const char* base = R"(id = "e"
name = "E"
[[days]]
date = 2026-12-03
[[categories]]
key = "a"
)";
  REQUIRE(parse_event(base, "ok.toml"));

  auto syntax = parse_event("id = \"e\"\nname = ", "broken.toml");
  REQUIRE_FALSE(syntax);
  CHECK_THAT(syntax.error().message, Catch::StartsWith("broken.toml:2:"));

  auto no_days = parse_event("id = \"e\"\nname = \"E\"\n[[categories]]\nkey = \"a\"\n", "x.toml");
  REQUIRE_FALSE(no_days);
  CHECK_THAT(no_days.error().message, Catch::Contains("days"));

  auto bad_colour = parse_event(std::string(base) + "colour = \"blue\"\n", "x.toml");
  REQUIRE_FALSE(bad_colour);
  CHECK_THAT(bad_colour.error().message, Catch::Contains("categories[0].colour"));

  auto bad_id = parse_event("id = \"Mon Événement\"\nname = \"E\"\n", "x.toml");
  REQUIRE_FALSE(bad_id);
  CHECK_THAT(bad_id.error().message, Catch::Contains("x.toml: id"));

  auto unordered = parse_event(R"(id = "e"
name = "E"
[[days]]
date = 2026-12-04
[[days]]
date = 2026-12-03
[[categories]]
key = "a"
)", "x.toml");
  REQUIRE_FALSE(unordered);
  CHECK_THAT(unordered.error().message, Catch::Contains("days[1].date"));
}

TEST_CASE("the event's name-search rules: read, kept through the store's TOML, checked", "[event][privacy]") {
  const std::string base = "id = \"e\"\nname = \"E\"\n[[days]]\ndate = 2026-12-03\n[[categories]]\nkey = \"a\"\n";
  auto plain = parse_event(base, "plain.toml");
  REQUIRE(plain);
  CHECK_FALSE(plain->name_search.vip);  // VIPs are not found by name unless the event says so
  CHECK(plain->name_search.check == NameSearchRules::Check::none);

  auto strict = parse_event(base + "[name_search]\nvip = true\ncheck = \"email\"\ncheck_letters = 4\n", "strict.toml");
  REQUIRE(strict);
  CHECK(strict->name_search.vip);
  CHECK(strict->name_search.check == NameSearchRules::Check::email);
  CHECK(strict->name_search.check_letters == 4);
  auto again = parse_event(event_to_toml(*strict), "round-trip");
  REQUIRE(again);
  CHECK(again->name_search.vip);
  CHECK(again->name_search.check == NameSearchRules::Check::email);
  CHECK(again->name_search.check_letters == 4);

  auto bad_check = parse_event(base + "[name_search]\ncheck = \"birthday\"\n", "x.toml");
  REQUIRE_FALSE(bad_check);
  CHECK_THAT(bad_check.error().message, Catch::Contains("x.toml: name_search.check") && Catch::Contains("birthday"));
  auto bad_vip = parse_event(base + "[name_search]\nvip = \"yes\"\n", "x.toml");
  REQUIRE_FALSE(bad_vip);
  CHECK_THAT(bad_vip.error().message, Catch::Contains("name_search.vip"));
  auto bad_letters = parse_event(base + "[name_search]\ncheck_letters = 0\n", "x.toml");
  REQUIRE_FALSE(bad_letters);
  CHECK_THAT(bad_letters.error().message, Catch::Contains("name_search.check_letters"));
}

TEST_CASE("a misspelt time zone is refused with its line and the nearest zone", "[event]") {
  auto with_zone = [](std::string_view zone) {
    return fmt::format("id = \"e\"\nname = \"E\"\n\n{}\n[[days]]\ndate = 2026-12-03\n[[categories]]\nkey = \"a\"\n",
                       zone.empty() ? std::string() : fmt::format("timezone = {}", zone));
  };
  auto misspelt = parse_event(with_zone("\"America/Los_Angles\""), "salon.toml");
  REQUIRE_FALSE(misspelt);
  CHECK_THAT(misspelt.error().message, Catch::StartsWith("salon.toml:4:") && Catch::Contains("\"America/Los_Angles\"") &&
                                           Catch::Contains("did you mean \"America/Los_Angeles\"?"));
  auto lower = parse_event(with_zone("\"europe/pari\""), "x.toml");
  REQUIRE_FALSE(lower);
  CHECK_THAT(lower.error().message, Catch::Contains("did you mean \"Europe/Paris\"?"));
  auto not_text = parse_event(with_zone("1"), "x.toml");
  REQUIRE_FALSE(not_text);
  CHECK_THAT(not_text.error().message, Catch::StartsWith("x.toml:4:") && Catch::Contains("timezone"));

  for (std::string_view good : {"\"America/Los_Angeles\"", "\"Europe/Paris\"", "\"UTC\"", "\"Africa/Dakar\""}) {
    auto event = parse_event(with_zone(good), "ok.toml");
    REQUIRE(event);
    CHECK(fmt::format("\"{}\"", event->timezone) == good);
  }
  auto unset = parse_event(with_zone(""), "ok.toml");
  REQUIRE(unset);
  CHECK(unset->timezone == "Europe/Paris");
}
