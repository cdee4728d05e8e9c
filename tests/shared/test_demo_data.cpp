#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "fixtures.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/intake/import.hpp"

using namespace accueil;
using namespace accueil::testing;

TEST_CASE("demo data is deterministic for a seed", "[demo]") {
  Event event = sample_event();
  auto a = generate_demo_attendees(event, {200, 7});
  auto b = generate_demo_attendees(event, {200, 7});
  auto c = generate_demo_attendees(event, {200, 8});
  CHECK(a == b);
  CHECK(a != c);
  CHECK(demo_export_csv(a, event) == demo_export_csv(b, event));
}

TEST_CASE("demo data looks like the events we serve", "[demo]") {
  Event event = sample_event();
  auto list = generate_demo_attendees(event, {1500, 1});
  REQUIRE(list.size() == 1500);
  std::set<std::string> countries, refs, codes, categories;
  std::size_t foreign = 0, latin_forms = 0, long_names = 0, apostrophes = 0, hyphens = 0;
  bool arabic = false, japanese = false, armenian = false;
  for (const Attendee& a : list) {
    countries.insert(a.country);
    refs.insert(a.external_ref);
    codes.insert(a.ticket_code);
    categories.insert(a.category);
    REQUIRE(event.category(a.category) != nullptr);
    if (a.country != "FR") ++foreign;
    if (!a.first_name_latin.empty()) ++latin_forms;
    if (a.last_name.size() >= 25) ++long_names;
    if (a.last_name.find('\'') != std::string::npos) ++apostrophes;
    if (a.first_name.find('-') != std::string::npos || a.last_name.find('-') != std::string::npos) ++hyphens;
    arabic |= a.first_name.starts_with("\xD9") || a.first_name.starts_with("\xD8");          // U+0600 block
    japanese |= a.country == "JP" && !a.first_name_latin.empty() && a.first_name != a.first_name_latin;
    armenian |= a.country == "AM" && !a.first_name_latin.empty() && a.first_name.starts_with("\xD4");  // U+0500 block
  }
  CHECK(refs.size() == list.size());
  CHECK(codes.size() == list.size());
  CHECK(countries.size() > 30);
  // Every category but the catch-all of role "other" (the importer's default for values it cannot tell).
  CHECK(categories.size() == static_cast<std::size_t>(std::ranges::count_if(
                                 event.categories, [](const Category& c) { return c.role != CategoryRole::other; })));
  const double share = static_cast<double>(foreign) / static_cast<double>(list.size());
  CHECK(share > 0.2);
  CHECK(share < 0.4);
  CHECK(latin_forms > 20);
  CHECK(long_names > 0);
  CHECK(apostrophes > 0);
  CHECK(hyphens > 0);
  CHECK(arabic);
  CHECK(japanese);
  CHECK(armenian);
}

TEST_CASE("the demo export imports without a rejected row", "[demo]") {
  Event event = sample_event();
  Store store = memory_store();
  auto list = generate_demo_attendees(event, {1500, 3});
  auto report = import_registrations(store, event, demo_export_csv(list, event), "demo.csv");
  REQUIRE(report);
  for (const RowIssue& r : report->rejected) FAIL_CHECK("line " << r.line << " " << r.field << ": " << r.reason);
  CHECK(report->warnings.empty());
  CHECK(report->inserted == list.size());
  CHECK(report->ignored_columns.empty());
  // What went in is what was generated.
  for (std::size_t i : {0u, 17u, 499u, 1499u}) {
    auto stored = store.attendee_by_ref(list[i].external_ref).value().value();
    stored.id.clear();
    CHECK(stored == list[i]);
  }
}
