// CUPS printer-state-reasons as the IPP reply gives them. Byte 0 picks the
// printer state (3 idle, 4 processing, 5 stopped, or a value out of range)
// and whether the queue accepts jobs; the rest is the reasons, one a line,
// then the printer-state-message after a line "--".
// Invariants: a reason marked "-error" (RFC 8011: the printer stops) is never
// "ready"; neither is a stopped queue nor one that refuses jobs.
#include <vector>

#include "printer/cups/cups_reasons.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil::printer;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  accueil::fuzz::Input in(data, size);
  const std::uint8_t choice = in.byte();
  const int ipp_state = (choice & 0x08) ? static_cast<int>(choice) : 3 + choice % 3;
  const bool accepting = (choice & 0x80) == 0;
  std::string_view text = in.rest();
  std::string_view message;
  if (std::size_t m = text.find("\n--\n"); m != std::string_view::npos) {
    message = text.substr(m + 4);
    text = text.substr(0, m);
  }
  std::vector<std::string> reasons;
  for (std::size_t start = 0; start <= text.size();) {
    std::size_t end = text.find('\n', start);
    if (end == std::string_view::npos) end = text.size();
    reasons.emplace_back(text.substr(start, end - start));
    start = end + 1;
  }
  const PrinterState state = cups::printer_state("fuzz-queue", ipp_state, reasons, message, accepting);
  bool error_said = ipp_state == cups::k_printer_stopped || !accepting;
  for (const std::string& r : reasons) {
    const std::string_view base = cups::base_keyword(r);
    if (r.ends_with("-error") && base != r && !base.empty() && base != "none") error_said = true;
    (void)cups::problem_of_reason(r);
  }
  if (error_said) ACCUEIL_FUZZ_CHECK(!state.ready(), "a printer that reports an error is not ready");
  (void)cups::job_end_detail(cups::JobState::aborted, reasons, message);
  return 0;
}
