// The event file (TOML). Invariant: an event that parses writes back
// (event_to_toml) to a file that parses to the same text again.
#include "shared/domain/event_file.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto event = parse_event(fuzz::as_text(data, size), "fuzz-event.toml");
  if (!event) {
    ACCUEIL_FUZZ_CHECK(!event.error().message.empty(), "a refused event file says why");
    return 0;
  }
  const std::string written = event_to_toml(*event);
  auto again = parse_event(written, "written-event.toml");
  if (!again) std::fprintf(stderr, "%s\n---\n%s\n", again.error().message.c_str(), written.c_str());
  ACCUEIL_FUZZ_CHECK(again, "an event that parsed writes back to a file that parses");
  ACCUEIL_FUZZ_CHECK(event_to_toml(*again) == written, "an event written back reads as the same event");
  return 0;
}
