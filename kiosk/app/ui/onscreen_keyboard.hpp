// An on-screen keyboard for the staff screens of a touch-only kiosk: drawn
// with ImGui, docked at the bottom of the screen, keys large enough for a
// finger. AZERTY when the screen is in French, QWERTY otherwise; a row of
// digits, a row of accented letters (é è ê ë à â ç ô ù û ï î ñ ü ö ...), the
// @ . - ' _ of e-mails and names, shift (for one letter), erase, space,
// Enter, and a key that hides it (a small "Keyboard" button brings it back).
//
// It types nowhere by itself: draw() returns what was pressed, and the mode
// puts it into the field it has focused. A tap on a key does not move that
// focus (the desk's fields keep theirs: desk_screens.hpp). The caller makes
// room for it: it is height() tall at the bottom of the window, and the
// screen above shrinks to what is left and scrolls.
//
// The layouts and what a key types are plain data and functions, unit-tested
// without a window (tests/kiosk/test_onscreen_keyboard.cpp).
#pragma once

#include <imgui.h>

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil::kiosk {

enum class OskKeyKind { text, space, shift, backspace, enter, hide };

struct OskKey {
  OskKeyKind kind = OskKeyKind::text;
  std::string_view text;  // what a text key types unshifted, UTF-8
  float width = 1;        // in key widths
};

struct OskLayout {
  std::string_view name;                // "azerty", "qwerty"
  std::vector<std::vector<OskKey>> rows;  // top row first
};

// The layout for a screen language: AZERTY for "fr", QWERTY for any other;
// the accents are those of French names, and Spanish's acute vowels for "es".
const OskLayout& osk_layout_for(std::string_view language);

// The id a key is reported under for the end-to-end tests: "osk:a", "osk:é",
// "osk:7", "osk:at", "osk:dot", "osk:hyphen", "osk:apostrophe",
// "osk:underscore", "osk:space", "osk:shift", "osk:backspace", "osk:enter",
// "osk:hide" (and "osk:show" for the button that brings it back).
std::string osk_key_id(const OskKey& key);

// A letter in capitals ("é" -> "É", "œ" -> "Œ", "a" -> "A"); anything else as it is.
std::string osk_upper(std::string_view key);

// One thing a key did, in the order pressed.
struct OskPress {
  enum class Kind { text, backspace, enter } kind = Kind::text;
  std::string text;  // for text: UTF-8
};
using OskInput = std::vector<OskPress>;

// Words on the wide keys, in the screen's language.
struct OskLabels {
  std::string space, erase, enter, shift, hide, show;
};

// Sizes in pixels for a window `screen_w` x `screen_h`: keys as wide as
// twelve and a half fit across (at most 1,400 px of keyboard), no taller than
// wide, the whole keyboard no more than 42 % of the height unless that would
// make keys shorter than a fingertip (40 px).
struct OskMetrics {
  float width = 0;       // of the keyboard, centred
  float unit = 0;        // one key's width
  float key_height = 0;
  float gap = 0;
  float height = 0;      // of the whole docked area, margins included
};
OskMetrics osk_metrics(const OskLayout& layout, float screen_w, float screen_h);

class OnscreenKeyboard {
public:
  // A key pressed: what it types goes to `out`; shift and hide change the keyboard.
  void press(const OskKey& key, OskInput& out);

  bool shifted() const { return m_shift; }
  bool hidden() const { return m_hidden; }
  void show() { m_hidden = false; }

  // How much of the bottom of the window the keyboard (or, hidden, its
  // "show" button) takes.
  float height(const OskLayout& layout, float screen_w, float screen_h) const;

  // Draws it in a window of its own at the bottom of the screen and returns
  // what was pressed this frame. `report(id, min, max)` is told where each key
  // is (may be empty).
  OskInput draw(const OskLayout& layout, const OskLabels& labels, float screen_w, float screen_h,
                const std::function<void(std::string_view, ImVec2, ImVec2)>& report);

private:
  bool m_shift = false;   // the next letter in capitals
  bool m_hidden = false;  // put away by its "hide" key
};

}  // namespace accueil::kiosk
