// The printers' configuration (printers.toml / [[printers]] tables).
#include "printer/queue/printers_toml.hpp"
#include "tests/fuzz/fuzz.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto printers = accueil::printer::parse_printers_text(accueil::fuzz::as_text(data, size), "fuzz-printers.toml");
  if (!printers) ACCUEIL_FUZZ_CHECK(!printers.error().message.empty(), "a refused printers file says why");
  return 0;
}
