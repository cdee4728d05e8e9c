// The keyboard-wedge decoder, fed keys with timings drawn from the input:
// byte 0 picks the scanner layout; then each key is 3 bytes: the HID usage,
// modifiers and a time step (bit 0 shift, bit 1 altgr, bit 2 "poll before
// this key", bit 4 "read late"), and the gap to the previous key in ms (fast keys mostly).
// Invariants: the scans are no longer than the keys typed (in characters),
// no key comes out twice as a person's, scans are valid UTF-8, and once
// enough time has passed nothing stays held back.
#include "shared/flow/keyboard_wedge.hpp"
#include "shared/text/text.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil;

namespace {

std::size_t code_points(std::string_view utf8) {
  std::size_t n = 0;
  for (unsigned char c : utf8) n += (c & 0xC0) != 0x80;
  return n;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  WedgeOptions options;
  options.layout = static_cast<ScannerLayout>(in.byte() % 4);
  KeyboardWedge wedge(options);

  std::size_t typed = 0;       // keys pressed
  std::size_t scanned = 0;     // characters that came out in scans
  std::size_t person_keys = 0; // keys that came out as a person's
  std::int64_t now = 1000;
  auto take = [&](const std::vector<WedgeOutput>& out) {
    for (const WedgeOutput& o : out) {
      if (o.kind == WedgeOutput::Kind::scan) {
        ACCUEIL_FUZZ_CHECK(is_valid_utf8(o.text), "a scan is valid UTF-8");
        ACCUEIL_FUZZ_CHECK(!o.text.empty(), "a scan is not empty");
        scanned += code_points(o.text);
      } else {
        ++person_keys;
      }
    }
    ACCUEIL_FUZZ_CHECK(scanned <= typed, "the scans are no longer than what was typed");
    // A key can come out twice: as a person's, then as the start of a scan
    // that stalled on its way (WedgeOptions::max_pause_ms); never more often.
    ACCUEIL_FUZZ_CHECK(person_keys <= typed, "every key comes out as a person's at most once");
  };

  while (!in.empty()) {
    KeyPress key;
    key.usage = in.byte();
    const std::uint8_t mods = in.byte();
    const std::uint8_t gap = in.byte();
    key.shift = (mods & 1) != 0;
    key.altgr = (mods & 2) != 0;
    key.read_late = (mods & 16) != 0;
    // Small gaps are a scanner's, up to ~255 ms a person's, scaled up rarely.
    now += (mods & 8) ? std::int64_t{gap} * 40 : std::int64_t{gap} / 4;
    if (mods & 4) take(wedge.poll(now));
    key.at_ms = now;
    ++typed;
    take(wedge.press(key));
  }
  take(wedge.poll(now + 60'000));
  take(wedge.poll(now + 120'000));
  ACCUEIL_FUZZ_CHECK(!wedge.next_deadline_ms(), "nothing is held back once the keys stopped long ago");
  return 0;
}
