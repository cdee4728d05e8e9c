// A test label: a made-up attendee's badge ("Étiquette d'essai"), sent
// straight to one printer with its own driver, outside the print queue (it
// is nobody's badge: no request, nothing in the log). Staff print one to see
// that a printer, its labels and its template work.
#pragma once

#include <chrono>
#include <string>

#include "printer/queue/badge_renderer.hpp"
#include "printer/queue/printer_config.hpp"
#include "printer/queue/printer_driver.hpp"

namespace accueil::printer {

// The attendee on a test label, and what its QR code holds.
Attendee test_label_attendee(const Event& event);
inline constexpr std::string_view k_test_label_code = "ACCUEIL-TEST-LABEL";

// Renders the test label for `printer` and delivers it through `driver`,
// giving up (the job cancelled where it can be) after `patience`: a printer in
// trouble does not hold the caller for ever. Runs on the caller's thread.
Delivery print_test_label(const Event& event, const PrinterConfig& printer, PrinterDriver& driver,
                          BadgeRenderer& renderer, std::chrono::milliseconds patience);

}  // namespace accueil::printer
