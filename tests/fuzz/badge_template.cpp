// Badge templates (TOML). A template that parses has every box on the badge.
#include "printer/render/badge_template.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto t = accueil::render::parse_template(accueil::fuzz::as_text(data, size), "fuzz-badge.toml",
                                           ACCUEIL_SOURCE_DIR "/assets/badges");
  if (!t) ACCUEIL_FUZZ_CHECK(!t.error().message.empty(), "a refused template says why");
  return 0;
}
