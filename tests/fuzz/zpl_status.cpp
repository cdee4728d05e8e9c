// Zebra ~HQES replies. Invariant: a reply whose ERRORS line says an error
// (the flag, or any bit) is never "ready".
#include "printer/encode/zpl.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil::printer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto status = zpl::parse_hqes(accueil::fuzz::as_text(data, size));
  if (!status) {
    ACCUEIL_FUZZ_CHECK(!status.error().message.empty(), "a refused reply says why");
    return 0;
  }
  const PrinterState state = zpl::to_printer_state(*status);
  if (status->error_present || status->errors != 0 || status->errors_group2 != 0)
    ACCUEIL_FUZZ_CHECK(!state.ready(), "a reply with an error is not ready");
  return 0;
}
