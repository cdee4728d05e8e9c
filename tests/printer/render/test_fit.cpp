#include <catch2/catch.hpp>

#include <fmt/core.h>

#include "shared/intake/demo_data.hpp"
#include "support.hpp"

using namespace accueil;
using namespace accueil::render;

namespace {

BadgeLayout lay_out(const std::string& template_id, const Attendee& a) {
  auto layout = test::typesetter().layout(test::shipped_template(template_id), test::content_of(a));
  if (!layout) FAIL(layout.error().message);
  return *layout;
}

// Checks, from the layout value, what the fit promises for every box.
void check_fit(const BadgeLayout& layout, const BadgeTemplate& badge) {
  for (const TextBox& t : layout.texts) {
    INFO(layout.template_id << " / " << layout.who << " / " << to_string(t.field) << " \"" << t.text << "\" at "
                            << t.size_pt << " pt, " << t.line_count << " lines, " << to_string(t.fit) << ", extent "
                            << t.extent.x << "," << t.extent.y << " " << t.extent.width << "x" << t.extent.height
                            << " in box " << t.box.x << "," << t.box.y << " " << t.box.width << "x" << t.box.height);
    CHECK_FALSE(t.overflows());
    CHECK(badge.bounds().contains(t.extent, 0.01));
    CHECK(t.missing_glyphs() == 0);
    if (t.text.empty()) continue;
    CHECK(t.size_pt >= t.min_size_pt);
    CHECK(t.size_pt <= t.max_size_pt);
    CHECK(t.line_count >= 1);
    CHECK(t.line_count <= t.max_lines);
    switch (t.fit) {
      case Fit::natural: CHECK(t.size_pt == t.max_size_pt); CHECK(t.line_count == 1); break;
      case Fit::shrunk: CHECK(t.line_count == 1); break;
      case Fit::wrapped: CHECK(t.line_count > 1); break;
      case Fit::broken: CHECK(t.size_pt == t.min_size_pt); CHECK(t.line_count > 1); break;
      case Fit::ellipsized: CHECK(t.size_pt == t.min_size_pt); break;
    }
  }
  CHECK(layout.warnings.empty());
}

}  // namespace

TEST_CASE("long names shrink, then wrap, then are ellipsized, and never leave their box", "[fit]") {
  const auto cases = test::worst_cases();
  auto find = [&](std::string_view label) {
    for (const auto& c : cases)
      if (c.label == label) return c.attendee;
    FAIL("no worst case " << label);
    return Attendee{};
  };

  SECTION("a long compound first name shrinks on one line") {
    BadgeLayout l = lay_out("label-62x100", find("long French compound name"));
    const TextBox* first = l.text(Field::first_name);
    REQUIRE(first);
    CHECK(first->text == "Marie-Hélène");
    CHECK(first->fit == Fit::shrunk);
    CHECK(first->line_count == 1);
    CHECK(first->size_pt < first->max_size_pt);
    CHECK(first->size_pt >= first->min_size_pt);
    const TextBox* last = l.text(Field::last_name);
    REQUIRE(last);
    CHECK(last->text == "Loison-Duforestel");
    CHECK(last->line_count == 1);
    const TextBox* org = l.text(Field::organisation);
    REQUIRE(org);
    CHECK(org->text == "Montpellier Méditerranée Métropole");
    CHECK_FALSE(org->ellipsized());
    check_fit(l, test::shipped_template("label-62x100"));
  }

  SECTION("a Malagasy name shrinks further in the narrow continuous badge than on A6") {
    const Attendee a = find("long Malagasy name");
    BadgeLayout narrow = lay_out("continuous-62", a);
    BadgeLayout wide = lay_out("a6", a);
    const TextBox* n = narrow.text(Field::last_name);
    const TextBox* w = wide.text(Field::last_name);
    REQUIRE(n);
    REQUIRE(w);
    CHECK(n->text == "Andrianarivelo-Razafindrakoto");
    CHECK(n->size_pt < w->size_pt);
    CHECK_FALSE(n->ellipsized());
    check_fit(narrow, test::shipped_template("continuous-62"));
    check_fit(wide, test::shipped_template("a6"));
  }

  SECTION("text too long for one line at the minimum size wraps to two") {
    BadgeLayout l = lay_out("label-62x100", find("long Spanish name"));
    const TextBox* last = l.text(Field::last_name);
    REQUIRE(last);
    CHECK(last->fit == Fit::wrapped);
    CHECK(last->line_count == 2);
    CHECK_FALSE(last->ellipsized());
    check_fit(l, test::shipped_template("label-62x100"));
  }

  SECTION("text too long for its lines at the minimum size is ellipsized") {
    BadgeLayout l = lay_out("label-62x100", find("absurdly long organisation"));
    const TextBox* org = l.text(Field::organisation);
    REQUIRE(org);
    CHECK(org->fit == Fit::ellipsized);
    CHECK(org->ellipsized());
    CHECK(org->size_pt == org->min_size_pt);
    CHECK(org->line_count == 2);
    const TextBox* function = l.text(Field::function);
    REQUIRE(function);
    CHECK(function->ellipsized());
    check_fit(l, test::shipped_template("label-62x100"));
  }

  SECTION("a word longer than the box is broken rather than left overflowing") {
    BadgeLayout l = lay_out("continuous-62", find("one unbreakable word longer than any box"));
    const TextBox* last = l.text(Field::last_name);
    REQUIRE(last);
    CHECK(last->text == "Razafindrakotomanantsoambolamanana");
    CHECK(last->fit == Fit::broken);
    CHECK(last->line_count == 2);
    CHECK_FALSE(last->ellipsized());
    check_fit(l, test::shipped_template("continuous-62"));
  }

  SECTION("an empty box stays empty") {
    BadgeLayout l = lay_out("label-62x100", find("long French compound name"));
    const TextBox* latin = l.text(Field::latin_name);
    REQUIRE(latin);
    CHECK(latin->text.empty());
    CHECK(latin->line_count == 0);
    CHECK_FALSE(latin->overflows());
  }
}

TEST_CASE("short names keep the template's size", "[fit]") {
  BadgeLayout l = lay_out("label-62x100", test::person("Zoé", "Li", "Ville de Paris", "Maire", "FR", "elu", "fr"));
  const TextBox* first = l.text(Field::first_name);
  REQUIRE(first);
  CHECK(first->fit == Fit::natural);
  CHECK(first->size_pt == 28);
  CHECK(first->line_count == 1);
}

TEST_CASE("the category label sits in its colour band in the badge's language", "[fit]") {
  BadgeLayout l = lay_out("label-62x100", test::person("Íñigo", "Núñez", "Ayuntamiento", "Alcalde", "ES", "presse", "es"));
  REQUIRE(l.band);
  CHECK(l.band->colour == *parse_colour("#333333"));
  REQUIRE_FALSE(l.texts.empty());
  const TextBox& label = l.texts.front();
  CHECK(label.on_band);
  CHECK(label.field == Field::category);
  CHECK(label.text == "Prensa");
  CHECK(l.band->box.contains(label.extent, 0.01));
  CHECK(l.language == "es");
}

TEST_CASE("text is cleaned of line breaks and refused when it is not UTF-8", "[fit]") {
  Attendee a = test::person("Jean\n  Pierre", "Dupont\t", "Ville\r\nde Paris", "Maire", "FR", "elu", "fr");
  BadgeLayout l = lay_out("label-62x100", a);
  CHECK(l.text(Field::first_name)->text == "Jean Pierre");
  CHECK(l.text(Field::last_name)->text == "Dupont");
  CHECK(l.text(Field::organisation)->text == "Ville de Paris");

  Attendee bad = a;
  bad.organisation = "Mairie de B\xE9ziers";  // Latin-1, not UTF-8
  auto refused = test::typesetter().layout(test::shipped_template("label-62x100"), test::content_of(bad));
  REQUIRE_FALSE(refused);
  CHECK_THAT(refused.error().message, Catch::Contains("its organisation is not valid UTF-8"));
  CHECK_THAT(refused.error().message, Catch::Contains("Jean\n  Pierre Dupont"));
}

TEST_CASE("no text box overflows and first names keep their minimum size, for a large set of attendees", "[fit][slow]") {
  // The core's demo registration list (French authorities, embassies,
  // delegations from 30+ countries, names in a dozen scripts, long Malagasy
  // names), with the worst cases and one attendee per script added.
#if defined(__SANITIZE_ADDRESS__)
  constexpr std::size_t count = 200;  // AddressSanitizer's slow unwinder makes each layout ~40x slower
#else
  constexpr std::size_t count = 750;
#endif
  std::vector<Attendee> attendees = generate_demo_attendees(test::sample_event(), {.count = count, .seed = 2026});
  for (const auto& w : test::worst_cases()) attendees.push_back(w.attendee);
  for (const auto& s : test::script_samples()) attendees.push_back(s.attendee);
  int layouts = 0, shrunk = 0, wrapped = 0, broken = 0, ellipsized = 0;
  for (const std::string& id : test::shipped_template_ids()) {
    const BadgeTemplate& badge = test::shipped_template(id);
    for (const Attendee& a : attendees) {
      auto layout = test::typesetter().layout(badge, test::content_of(a));
      INFO(id << " / " << a.first_name << " " << a.last_name);
      REQUIRE(layout);
      ++layouts;
      for (const TextBox& t : layout->texts) {
        // CHECK inside a loop of 20,000 boxes: count failures, report the first.
        if (t.overflows() || t.missing_glyphs() > 0 || (!t.text.empty() && t.size_pt < t.min_size_pt)) {
          INFO(to_string(t.field) << " \"" << t.text << "\" at " << t.size_pt << " pt");
          CHECK_FALSE(t.overflows());
          CHECK(t.missing_glyphs() == 0);
          CHECK(t.size_pt >= t.min_size_pt);
        }
        shrunk += t.fit == Fit::shrunk;
        wrapped += t.fit == Fit::wrapped;
        broken += t.fit == Fit::broken;
        ellipsized += t.fit == Fit::ellipsized;
      }
      const TextBox* first = layout->text(Field::first_name);
      REQUIRE(first);
      CHECK(first->size_pt >= first->min_size_pt);
      CHECK(layout->warnings.empty());
    }
  }
  // The set exercises every way of fitting.
  CHECK(layouts == static_cast<int>(4 * attendees.size()));
  CHECK(shrunk > 0);
  CHECK(wrapped > 0);
  CHECK(ellipsized > 0);
  WARN(fmt::format("{} layouts: {} boxes shrunk, {} wrapped, {} broken inside a word, {} ellipsized", layouts, shrunk,
                   wrapped, broken, ellipsized));
}
