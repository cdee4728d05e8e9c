// Printers as configured: a name, how to reach the printer and what it speaks
// (its URI), the labels loaded in it, the badge template it prints, and the
// printer to use when it cannot print.
//
// URIs:
//   cups:QUEUE                      a CUPS queue (PDF through libcups)
//   usb:brother-ql[:SERIAL]         the first Brother QL found on USB (its model from the product id),
//                                   or the one with this serial number
//   usb:zpl[-300][:SERIAL]          the first Zebra found on USB (203 dpi, or 300)
//   tcp:HOST:PORT:LANGUAGE          raw TCP ("port 9100"); HOST may be [IPv6]
//   file:PATH:LANGUAGE              append jobs to a file (a folder: one file per job)
//   lp:DEVICE:LANGUAGE              a usblp device node, e.g. lp:/dev/usb/lp0:brother-ql-820nwb
// LANGUAGE: brother-ql-MODEL (brother-ql-820nwb, brother-ql-1110nwb, ...), zpl (203 dpi), zpl-300.
//
// Media: "62x100" (die-cut labels, millimetres), "62" (continuous tape of
// that width), or for CUPS also a PWG media name ("oe_62x100mm_62x100mm").
//
// The TOML form ([[printers]] tables) is read by printers_toml.hpp.
#pragma once

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "printer/encode/brother_ql.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer {

enum class Language { brother_ql, zpl };

struct LanguageSpec {
  Language language = Language::brother_ql;
  std::optional<brother::Model> model;  // Brother: empty when it comes from the USB product id
  int dpi = 300;                        // ZPL: 203 or 300; Brother: always 300

  friend bool operator==(const LanguageSpec&, const LanguageSpec&) = default;
};
Result<LanguageSpec> parse_language(std::string_view text);
std::string to_string(const LanguageSpec& language);

enum class Connection { cups, usb, tcp, file, lp };
std::string_view to_string(Connection connection);

struct PrinterUri {
  Connection connection = Connection::file;
  std::string queue;    // cups
  std::string serial;   // usb; "" is the first found
  std::string host;     // tcp
  int port = 9100;      // tcp
  std::string path;     // file, lp
  std::optional<LanguageSpec> language;  // all but cups

  friend bool operator==(const PrinterUri&, const PrinterUri&) = default;
};
// Parses one of the forms above; the error names the part that is wrong.
Result<PrinterUri> parse_printer_uri(std::string_view text);
std::string to_string(const PrinterUri& uri);

struct MediaSpec {
  double width_mm = 0;
  double length_mm = 0;  // 0: continuous tape, cut at the badge's length
  std::string name;      // a PWG media name given as such (CUPS only); "" otherwise

  bool continuous() const { return length_mm == 0 && name.empty(); }
  friend bool operator==(const MediaSpec&, const MediaSpec&) = default;
};
Result<MediaSpec> parse_media(std::string_view text);
std::string to_string(const MediaSpec& media);

// The Brother QL media of these dimensions (62x100 die-cut, 62 continuous, ...).
std::optional<brother::Media> brother_media(const MediaSpec& media);

struct PrinterConfig {
  std::string name;          // how the kiosk and accueilctl name it: "entree-1"
  PrinterUri uri;
  MediaSpec media;
  std::string template_id;   // the badge template it prints ("label-62x100"); "" when requests name one
  std::string failover;      // the printer that takes its badges when it cannot print; "" none
  // A request that waited longer than this in the printer's queue (from when
  // it was queued, or released from the reception list) goes to the reception
  // list instead of printing: its attendee has long left the printer.
  std::int64_t max_wait_ms = k_default_max_wait_ms;

  static constexpr std::int64_t k_default_max_wait_ms = 10 * 60'000;

  friend bool operator==(const PrinterConfig&, const PrinterConfig&) = default;
};

// Checks a whole list: names unique, failovers name another printer of the
// list, media that the printer's language can print.
Status check_printers(const std::vector<PrinterConfig>& printers, std::string_view origin);

const PrinterConfig* find_printer(const std::vector<PrinterConfig>& printers, std::string_view name);

}  // namespace accueil::printer
