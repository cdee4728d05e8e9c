// The staff screens' on-screen keyboard without a window: its layouts, what
// each key types (shift for one letter, accented capitals), its ids and sizes.
#include <catch2/catch.hpp>

#include <algorithm>
#include <set>

#include "kiosk/app/ui/onscreen_keyboard.hpp"

using namespace accueil::kiosk;

namespace {

std::vector<std::string_view> texts_of(const OskLayout& layout) {
  std::vector<std::string_view> out;
  for (const auto& row : layout.rows)
    for (const OskKey& k : row)
      if (k.kind == OskKeyKind::text) out.push_back(k.text);
  return out;
}

const OskKey& key_of(const OskLayout& layout, OskKeyKind kind, std::string_view text = {}) {
  for (const auto& row : layout.rows)
    for (const OskKey& k : row)
      if (k.kind == kind && k.text == text) return k;
  FAIL("no such key: " << std::string(text));
  throw;  // not reached
}

std::string typed(const OskInput& input) {
  std::string out;
  for (const OskPress& p : input)
    if (p.kind == OskPress::Kind::text) out += p.text;
    else if (p.kind == OskPress::Kind::backspace) out += "<bs>";
    else out += "<enter>";
  return out;
}

}  // namespace

TEST_CASE("on-screen keyboard: AZERTY in French, QWERTY otherwise", "[keyboard][osk]") {
  const OskLayout& fr = osk_layout_for("fr");
  const OskLayout& en = osk_layout_for("en");
  CHECK(fr.name == "azerty");
  CHECK(en.name == "qwerty");
  CHECK(osk_layout_for("es").name == "qwerty-es");
  CHECK(&osk_layout_for("de") == &en);
  // The first row of letters (after the digits) says which it is.
  auto letters = [](const OskLayout& l) {
    std::string s;
    for (const OskKey& k : l.rows[1])
      if (k.text.size() == 1 && k.text[0] >= 'a' && k.text[0] <= 'z') s += k.text;
    return s;
  };
  CHECK(letters(fr) == "azertyuiop");
  CHECK(letters(en) == "qwertyuiop");
  CHECK(letters(osk_layout_for("es")) == "qwertyuiop");
}

TEST_CASE("on-screen keyboard: every letter, digit, the e-mail and name marks, the accents", "[keyboard][osk]") {
  for (std::string_view language : {"fr", "en", "es"}) {
    INFO(language);
    const OskLayout& l = osk_layout_for(language);
    const auto keys = texts_of(l);
    auto has = [&](std::string_view k) { return std::ranges::find(keys, k) != keys.end(); };
    for (char c = 'a'; c <= 'z'; ++c) CHECK(has(std::string(1, c)));
    for (char c = '0'; c <= '9'; ++c) CHECK(has(std::string(1, c)));
    for (std::string_view mark : {"@", ".", "-", "'", "_"}) CHECK(has(mark));
    for (std::string_view accent : {"é", "è", "ê", "ë", "à", "â", "ç", "ô", "ù", "û", "ï", "î", "ñ", "ü", "ö"}) {
      if (language == "es" && (accent == "ù" || accent == "û" || accent == "ö")) continue;
      CHECK(has(accent));
    }
    if (language == "es")
      for (std::string_view accent : {"á", "í", "ó", "ú"}) CHECK(has(accent));
    // One key each: the tests find a key by its id.
    std::set<std::string> ids;
    std::size_t count = 0;
    for (const auto& row : l.rows)
      for (const OskKey& k : row) {
        ids.insert(osk_key_id(k));
        ++count;
      }
    CHECK(ids.size() == count);
    for (OskKeyKind kind : {OskKeyKind::space, OskKeyKind::shift, OskKeyKind::backspace, OskKeyKind::enter,
                            OskKeyKind::hide})
      CHECK(ids.contains(osk_key_id(OskKey{kind, {}, 1})));
  }
  CHECK(osk_key_id(OskKey{OskKeyKind::text, "@", 1}) == "osk:at");
  CHECK(osk_key_id(OskKey{OskKeyKind::text, "é", 1}) == "osk:é");
  CHECK(osk_key_id(OskKey{OskKeyKind::backspace, {}, 2}) == "osk:backspace");
}

TEST_CASE("on-screen keyboard: shift gives one capital, accented ones too", "[keyboard][osk]") {
  const OskLayout& fr = osk_layout_for("fr");
  OnscreenKeyboard kb;
  OskInput out;
  kb.press(key_of(fr, OskKeyKind::shift), out);
  CHECK(kb.shifted());
  kb.press(key_of(fr, OskKeyKind::text, "é"), out);
  CHECK_FALSE(kb.shifted());  // for one letter
  kb.press(key_of(fr, OskKeyKind::text, "l"), out);
  kb.press(key_of(fr, OskKeyKind::text, "o"), out);
  kb.press(key_of(fr, OskKeyKind::text, "d"), out);
  kb.press(key_of(fr, OskKeyKind::text, "i"), out);
  kb.press(key_of(fr, OskKeyKind::text, "e"), out);
  kb.press(key_of(fr, OskKeyKind::space), out);
  kb.press(key_of(fr, OskKeyKind::shift), out);
  kb.press(key_of(fr, OskKeyKind::text, "œ"), out);
  kb.press(key_of(fr, OskKeyKind::backspace), out);
  kb.press(key_of(fr, OskKeyKind::text, "'"), out);
  kb.press(key_of(fr, OskKeyKind::enter), out);
  CHECK(typed(out) == "Élodie Œ<bs>'<enter>");
  // Shift twice: off again.
  OskInput again;
  kb.press(key_of(fr, OskKeyKind::shift), again);
  kb.press(key_of(fr, OskKeyKind::shift), again);
  kb.press(key_of(fr, OskKeyKind::text, "a"), again);
  CHECK(typed(again) == "a");
  // Marks and digits are the same shifted.
  kb.press(key_of(fr, OskKeyKind::shift), again);
  kb.press(key_of(fr, OskKeyKind::text, "@"), again);
  kb.press(key_of(fr, OskKeyKind::shift), again);
  kb.press(key_of(fr, OskKeyKind::text, "7"), again);
  CHECK(typed(again) == "a@7");
}

TEST_CASE("on-screen keyboard: capitals of the letters it has", "[keyboard][osk]") {
  CHECK(osk_upper("a") == "A");
  CHECK(osk_upper("ç") == "Ç");
  CHECK(osk_upper("ñ") == "Ñ");
  CHECK(osk_upper("ü") == "Ü");
  CHECK(osk_upper("œ") == "Œ");
  CHECK(osk_upper("@") == "@");
  CHECK(osk_upper("\xC3") == "\xC3");  // not UTF-8: as it is
}

TEST_CASE("on-screen keyboard: hidden by its key, and it then takes less room", "[keyboard][osk]") {
  const OskLayout& en = osk_layout_for("en");
  OnscreenKeyboard kb;
  const float shown = kb.height(en, 1280, 800);
  OskInput out;
  kb.press(key_of(en, OskKeyKind::shift), out);
  kb.press(key_of(en, OskKeyKind::hide), out);
  CHECK(out.empty());
  CHECK(kb.hidden());
  CHECK_FALSE(kb.shifted());
  CHECK(kb.height(en, 1280, 800) < shown / 3);
  kb.show();
  CHECK(kb.height(en, 1280, 800) == shown);
}

TEST_CASE("on-screen keyboard: keys for a finger, the screen keeps most of its height", "[keyboard][osk]") {
  for (auto [w, h] : {std::pair{1280.0f, 800.0f}, std::pair{1920.0f, 1080.0f}, std::pair{800.0f, 1280.0f},
                      std::pair{1024.0f, 600.0f}}) {
    INFO(w << " x " << h);
    const OskLayout& fr = osk_layout_for("fr");
    const OskMetrics m = osk_metrics(fr, w, h);
    if (h >= 800) CHECK(m.height <= h * 0.42f + 0.5f);
    CHECK(m.height <= h * 0.6f);
    CHECK(m.key_height >= std::min(40.0f, m.unit));  // about 1 cm on a kiosk's screen
    CHECK(m.key_height <= m.unit);
    CHECK(m.width <= w);
    // The widest row fits across.
    for (const auto& row : fr.rows) {
      float row_w = -m.gap;
      for (const OskKey& k : row) row_w += k.width * m.unit + std::max(0.0f, k.width - 1) * m.gap + m.gap;
      CHECK(row_w <= m.width + 0.5f);
    }
  }
}
