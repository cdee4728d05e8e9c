// The kiosk's configuration (kiosk.toml, with its printers).
#include "kiosk/app/setup/config.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto config = accueil::kiosk::parse_kiosk_config(accueil::fuzz::as_text(data, size), "/nonexistent/fuzz-kiosk.toml");
  if (!config) ACCUEIL_FUZZ_CHECK(!config.error().message.empty(), "a refused kiosk.toml says why");
  else (void)config->kiosk_printer();
  return 0;
}
