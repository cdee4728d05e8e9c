// The label printers on USB that Accueil speaks to, for `accueilctl printers`
// and `accueilctl setup-printer --usb`.
#pragma once

#include <optional>
#include <string>
#include <vector>

#include "printer/encode/printer_state.hpp"
#include "printer/transport/usb.hpp"
#include "shared/base/error.hpp"

namespace accueil::cli {

struct UsbFound {
  printer::usb::DeviceInfo device;
  std::string language;  // "brother-ql-820nwb", "zpl", "" when we do not speak it
  std::optional<printer::PrinterState> state;
};

// Printers on USB (printer-class interfaces), asked for their state when we
// speak their language.
Result<std::vector<UsbFound>> usb_printers();

}  // namespace accueil::cli
