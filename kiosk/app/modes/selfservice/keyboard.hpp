// The on-screen keyboard of the "find my name" screen: AZERTY for French,
// QWERTY otherwise (with ñ for Spanish), and a row of the accented letters of
// the screen's language. Search ignores accents, but people type them.
#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil::kiosk {

struct KeyboardLayout {
  std::vector<std::vector<std::string_view>> rows;  // letter keys, top row first
  std::vector<std::string_view> accents;
};

// The layout for a screen language ("fr", "en", "es", ...).
const KeyboardLayout& keyboard_for(std::string_view language);

// Key sizes for a keyboard `width` pixels wide: keys as wide as thirteen fit
// (the longest row, the accents), 12 % gaps, and no taller than `max_key_height`.
struct KeyboardMetrics {
  float key_width = 0;
  float key_height = 0;
  float gap = 0;
  float height = 0;  // of the whole keyboard: four rows of letters and accents, and the space bar row
};
KeyboardMetrics keyboard_metrics(float width, float max_key_height);

struct KeyboardLabels {
  std::string_view space, erase, clear;
};

struct KeyboardInput {
  std::string typed;
  bool backspace = false;
  bool clear = false;
};

// Draws the keyboard in the current ImGui window, `width` pixels wide (see
// keyboard_metrics), and returns what was pressed this frame.
// `report(id)` is called after each key with its id ("key:a", "key:space",
// "key:delete", "key:clear"), so that the caller can note where it is.
KeyboardInput draw_keyboard(const KeyboardLayout& layout, const KeyboardLabels& labels, float width, float max_key_height,
                            const std::function<void(std::string_view id)>& report = {});

}  // namespace accueil::kiosk
