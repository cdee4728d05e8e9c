// accueilctl setup-printer: makes a printer ready for badges, the way the
// appliance needs it (deploy/appliance).
//   --cups QUEUE [--device-uri URI]   a CUPS queue made driverless (lpadmin -m
//                                     everywhere), the badge's media as its
//                                     default, and a test label printed
//   --usb [--serial S]                the Brother QL or Zebra plugged in, found
//                                     with libusb
// Either way, with --config FILE the [[printers]] table is written into that
// kiosk.toml or printers.toml (a table of the same name is replaced).
#pragma once

#include <filesystem>
#include <string>
#include <string_view>

#include "kiosk/cli/commands.hpp"
#include "shared/base/error.hpp"

namespace accueil::cli {

struct SetupPrinterOptions {
  std::string cups_queue;   // --cups QUEUE
  std::string device_uri;   // --device-uri: where CUPS reaches the printer (lpinfo -v lists them)
  bool usb = false;         // --usb
  std::string serial;       // --serial: the USB printer with this serial number
  std::string media;        // --media: 62x100 (default), 29x90, 62, 102x152, or a PWG name for CUPS
  std::string name;         // --name: the printer's name in [[printers]] (default: badges)
  std::string template_id;  // --template (default: the media's)
  std::string config;       // --config: the kiosk.toml or printers.toml to write the table into
  bool test_label = true;   // --no-test-label
  double timeout_s = 60;    // --timeout: for the test label
};

int run_setup_printer(const Globals& g, const SetupPrinterOptions& o);

// Puts `table` (a [[printers]] table, header included) into the TOML file at
// `path`: in place of the [[printers]] table named `name`, else at the end;
// a missing file is created. The result must still read as a printers'
// configuration; nothing is written otherwise. Other lines, comments
// included, are kept.
Status write_printer_table(const std::filesystem::path& path, std::string_view name, std::string_view table);

}  // namespace accueil::cli
