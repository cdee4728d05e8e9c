// The printers' configuration in TOML: an array of tables, in a file of its
// own or inside the kiosk's configuration.
//
//   [[printers]]
//   name = "entree-1"
//   uri = "usb:brother-ql"            # see printer_config.hpp for every form
//   media = "62x100"
//   template = "label-62x100"         # optional when every request names one
//   failover = "entree-2"             # optional
//   max_wait_s = 600                  # optional: a request that waited longer goes to
//                                     # the reception list instead of printing (default 600)
//
// Separate from printer_config.hpp so that only code that reads TOML
// includes toml++.
#pragma once

#include <toml++/toml.h>

#include <filesystem>
#include <string_view>
#include <vector>

#include "printer/queue/printer_config.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer {

// Reads the `printers` array of `root` (the file's or the kiosk's table).
// `origin` names the file in errors: "printers.toml: printers[2] (desk): ...".
// A table without `printers` gives an empty list.
Result<std::vector<PrinterConfig>> parse_printers(const toml::table& root, std::string_view origin);

// The same from TOML text, and from a file.
Result<std::vector<PrinterConfig>> parse_printers_text(std::string_view toml_text, std::string_view origin);
Result<std::vector<PrinterConfig>> load_printers_file(const std::filesystem::path& path);

}  // namespace accueil::printer
