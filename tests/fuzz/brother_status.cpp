// Brother QL status replies (32 bytes, "ESC i S"). The whole input is the
// reply. Invariant: a reply with an error bit set (error information 1 or 2),
// or a status type "error occurred" / "turned off", is never "ready".
#include "printer/encode/brother_ql.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil::printer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  auto status = brother::parse_status(std::span(data, size));
  if (!status) {
    ACCUEIL_FUZZ_CHECK(!status.error().message.empty(), "a refused reply says why");
    return 0;
  }
  const bool error_said = status->error_info_1 != 0 || status->error_info_2 != 0 ||
                          status->status_type == static_cast<std::uint8_t>(brother::StatusType::error_occurred) ||
                          status->status_type == static_cast<std::uint8_t>(brother::StatusType::turned_off);
  const auto media = brother::media_table();
  const PrinterState plain = brother::to_printer_state(*status);
  const PrinterState with_media = brother::to_printer_state(*status, media[data[size / 2] % media.size()].media);
  (void)brother::loaded_media(*status);
  if (error_said) {
    ACCUEIL_FUZZ_CHECK(!plain.ready(), "a reply with an error bit is not ready");
    ACCUEIL_FUZZ_CHECK(!with_media.ready(), "a reply with an error bit is not ready (with media)");
  }
  ACCUEIL_FUZZ_CHECK(plain.issues.empty() == (plain.readiness != Readiness::needs_attention),
                     "issues exactly when it needs attention");
  return 0;
}
