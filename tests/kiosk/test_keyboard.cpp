#include <catch2/catch.hpp>

#include <algorithm>

#include "kiosk/app/modes/selfservice/keyboard.hpp"

using namespace accueil::kiosk;

namespace {
bool has(const std::vector<std::string_view>& keys, std::string_view key) {
  return std::ranges::find(keys, key) != keys.end();
}
}  // namespace

TEST_CASE("AZERTY for French, QWERTY otherwise, with the language's accents", "[keyboard]") {
  const KeyboardLayout& fr = keyboard_for("fr");
  CHECK(fr.rows[0].front() == "a");  // A Z E R T Y
  CHECK(fr.rows[0][1] == "z");
  CHECK(has(fr.accents, "é"));
  CHECK(has(fr.accents, "ç"));
  CHECK(has(fr.accents, "œ"));
  const KeyboardLayout& en = keyboard_for("en");
  CHECK(en.rows[0].front() == "q");
  const KeyboardLayout& es = keyboard_for("es");
  CHECK(es.rows[0].front() == "q");
  CHECK(has(es.rows[1], "ñ"));  // where a Spanish keyboard has it
  CHECK(has(es.accents, "á"));
  CHECK(&keyboard_for("de") == &en);  // other languages: QWERTY
  for (const KeyboardLayout* layout : {&fr, &en, &es}) {
    std::size_t letters = 0;
    for (const auto& row : layout->rows)
      for (std::string_view k : row) letters += k.size() == 1 && k[0] >= 'a' && k[0] <= 'z';
    CHECK(letters == 26);  // every letter is reachable
  }
}

TEST_CASE("keys keep their shape: as wide as thirteen fit, never taller than wide", "[keyboard]") {
  KeyboardMetrics wide = keyboard_metrics(1180, 52);
  CHECK(wide.key_width == Approx(1180 / (13 + 12 * 0.12)));
  CHECK(wide.key_height == 52);
  CHECK(wide.height == Approx(52 * 5 + wide.gap * 4));
  KeyboardMetrics narrow = keyboard_metrics(700, 120);  // a portrait screen
  CHECK(narrow.key_height == Approx(narrow.key_width));
}
