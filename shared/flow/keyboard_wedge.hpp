// Barcode scanners in keyboard-wedge mode type what they read as fast USB
// keystrokes. This decoder tells such a burst from a person typing, by timing,
// and turns the burst's physical keys back into text with the layout the
// scanner is configured for (US by default), whatever layout the system uses:
// a French venue's AZERTY must not turn a ticket's "A" into "Q".
//
// Keys are USB HID keyboard usages (page 0x07), which are also SDL scancodes.
// Pure logic: the app feeds key presses with their time and polls.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace accueil {

// HID usages this decoder cares about by name.
namespace hid {
inline constexpr int enter = 40;
inline constexpr int escape = 41;
inline constexpr int backspace = 42;
inline constexpr int tab = 43;
inline constexpr int keypad_enter = 88;
}  // namespace hid

// What a key produces in a layout, with Shift up and down, and with AltGr.
enum class ScannerLayout { us, fr, de, gb };
std::optional<ScannerLayout> scanner_layout_from_string(std::string_view name);  // "us", "fr", "de", "gb"

// The character the key `usage` types in `layout`, or nothing (a key that types
// no character, or a dead key).
std::optional<char32_t> key_character(ScannerLayout layout, int usage, bool shift, bool altgr);

// The physical key and modifiers that type `c` in `layout`, if any: what a
// scanner's firmware sends. For tests and for the end-to-end test driver.
struct KeyStroke {
  int usage = 0;
  bool shift = false;
  bool altgr = false;
};
std::optional<KeyStroke> key_for_character(ScannerLayout layout, char32_t c);

struct WedgeOptions {
  ScannerLayout layout = ScannerLayout::us;
  // Keys closer together than this belong to one burst. Scanners send a key
  // every 2-20 ms; people rarely type two keys within 40 ms, and never ten.
  std::int64_t max_gap_ms = 35;
  // A burst shorter than this is a person's quick double key, not a scan.
  std::size_t min_length = 6;
  // Once `min_length` keys came that fast, it is a scan, and it survives a
  // pause up to this long: the keys of one scan can stall on their way (a USB
  // hub, a busy display server), and a scan cut in two is two unknown codes.
  // A scan ends at Enter (or Tab), or after this pause when the scanner sends
  // no Enter. A burst most of whose keys were read late (KeyPress::read_late)
  // is a scan only if it ends at Enter or Tab: its timing says nothing, and
  // a person typing a word does not end it with Enter within a scanner's gap.
  // A stall among the first keys, before the burst is known for one, is met
  // the same way: the keys that went out as a person's keys up to this long
  // before the burst are the start of the scan too.
  std::int64_t max_pause_ms = 250;
};

struct KeyPress {
  int usage = 0;
  bool shift = false;
  bool altgr = false;
  std::int64_t at_ms = 0;
  bool ctrl = false;  // a person's shortcut (Ctrl+P); carried, not decoded (last: positional initialisers)
  // `at_ms` is only when the app read the key: it waited in the queue longer
  // than a scanner's gap (the app was busy), so it may have been pressed any
  // time before. Keys that waited together look like a burst whoever typed them.
  bool read_late = false;
};

// What came out: a complete scan, or a key a person pressed (to be handled as
// typing, in the system's own layout).
struct WedgeOutput {
  enum class Kind { scan, person_key } kind = Kind::scan;
  std::string text;  // scan: the decoded UTF-8 text
  KeyPress key;      // person_key
};

class KeyboardWedge {
public:
  explicit KeyboardWedge(WedgeOptions options = {}) : m_options(options) {}

  // A key was pressed (key repeat events should not be fed).
  std::vector<WedgeOutput> press(const KeyPress& key);
  // Time passed: a burst that stopped without Enter ends here, and keys held
  // back to see whether a burst follows go out as a person's keys.
  std::vector<WedgeOutput> poll(std::int64_t now_ms);
  // When poll() next has something to do, if anything is held back.
  std::optional<std::int64_t> next_deadline_ms() const;

private:
  // `ended`: the burst ended at Enter or Tab (the scanner's suffix).
  void flush(std::vector<WedgeOutput>& out, bool ended = false);
  // How long the held keys wait for the next one before they go out.
  std::int64_t patience_ms() const;
  // Whether the held keys' times say anything: most of them were not read late.
  bool timing_known() const;

  WedgeOptions m_options;
  std::vector<KeyPress> m_held;    // keys of a possible burst, not yet classified
  std::vector<KeyPress> m_recent;  // keys that went out as a person's, in the last max_pause_ms
  std::size_t m_absorbed = 0;      // the first keys of m_held that came back from m_recent (already out)
};

}  // namespace accueil
