#include "kiosk/cli/usb_printers.hpp"

#include "printer/encode/brother_ql.hpp"
#include "printer/queue/direct_driver.hpp"
#include "printer/transport/usb_libusb.hpp"

namespace accueil::cli {

using namespace accueil::printer;

// Printers on USB (printer-class interfaces), asked for their state when we
// speak their language.
Result<std::vector<UsbFound>> usb_printers() {
  auto bus = usb::open_libusb_bus();
  if (!bus) return std::unexpected(bus.error());
  auto devices = (*bus)->devices();
  if (!devices) return std::unexpected(devices.error());
  std::vector<UsbFound> out;
  for (const usb::DeviceInfo& d : *devices) {
    if (!usb::find_printer_interface(d)) continue;
    UsbFound f{d, "", std::nullopt};
    usb::Match match{d.vendor_id, d.product_id, {}, d.serial, "USB printer"};
    DirectOptions o;
    if (auto model = brother::model_from_usb(d.vendor_id, d.product_id)) {
      o.language = LanguageSpec{Language::brother_ql, *model, brother::k_dpi};
      f.language = to_string(o.language);
    } else if (d.vendor_id == 0x0A5F) {  // Zebra Technologies
      o.language = LanguageSpec{Language::zpl, std::nullopt, 203};
      f.language = "zpl";
    }
    if (!f.language.empty()) {
      DirectDriver driver(std::make_unique<usb::UsbTransport>(*bus, match), o);
      f.state = driver.check();
    }
    out.push_back(std::move(f));
  }
  return out;
}


}  // namespace accueil::cli
