#include <catch2/catch.hpp>

#include "shared/domain/name_fit.hpp"
#include "shared/text/text.hpp"

using namespace accueil;

namespace {
// Every character 10 units wide: a monospaced ruler, enough to test the rule.
float ruler(std::string_view text) { return 10.0f * static_cast<float>(utf8_length(text)); }

Attendee person(std::string first, std::string last) {
  Attendee a;
  a.first_name = std::move(first);
  a.last_name = std::move(last);
  return a;
}
}  // namespace

TEST_CASE("given names shorten to initials, by word and by hyphen", "[names]") {
  CHECK(name_initials("Wolfgang-Johann") == "W.-J.");
  CHECK(name_initials("Marie Claire") == "M. C.");
  CHECK(name_initials("Émilie") == "É.");
  CHECK(name_initials("J.") == "J.");
  CHECK(name_initials("Андрей") == "А.");
  CHECK(name_initials("Wolfgang-Johann-2") == "W.-J.-2");
  // Scripts that do not write initials keep the word.
  CHECK(name_initials("花子") == "花子");
  CHECK(name_initials("فاطمة") == "فاطمة");
  CHECK(name_initials("") == "");
}

TEST_CASE("a long name keeps its family name whole: the given names shorten first", "[names]") {
  const Attendee a = person("Wolfgang-Johann", "Schmidt-Rottluff");
  // The whole name fits: unchanged.
  CHECK(fit_display_name(a, 400, ruler) == "Wolfgang-Johann Schmidt-Rottluff");
  // 32 characters do not fit in 25: initials, the family name whole (22 characters).
  CHECK(fit_display_name(a, 250, ruler) == "W.-J. Schmidt-Rottluff");
  // Narrower still: the same, for the caller's ellipsis to cut at the end.
  CHECK(fit_display_name(a, 100, ruler) == "W.-J. Schmidt-Rottluff");
  // A long Malagasy given name.
  const Attendee m = person("Andrianampoinimerinatompokoindrindra", "Rakotoarisoa");
  CHECK(fit_display_name(m, 300, ruler) == "A. Rakotoarisoa");
}

TEST_CASE("the Latin form shortens its given names the same way", "[names]") {
  Attendee a = person("花子", "山田");
  a.first_name_latin = "Hanako";
  a.last_name_latin = "Yamada";
  CHECK(fit_display_name(a, 400, ruler) == "花子 山田 (Hanako Yamada)");
  CHECK(fit_display_name(a, 150, ruler) == "花子 山田 (H. Yamada)");
  // No given name: nothing to shorten.
  CHECK(fit_display_name(person("", "Rakotoarisoa-Ravalomanana"), 100, ruler) == "Rakotoarisoa-Ravalomanana");
}
