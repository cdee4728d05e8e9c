// The kiosk's configuration: a TOML file given with `accueil --config FILE`.
// Paths in it are relative to the file. Documented in README.md.
//
//   store = "accueil.db"                 # the kiosk's own store (created by accueilctl init)
//   event = "rencontres-2026.toml"       # optional: the store's event otherwise
//   kiosk = "entree-1"                   # its name in the check-in log (default: the host name)
//   central = "postgresql://kiosk1@db/accueil"  # optional: sync with the central list (shared/sync)
//   rehearsal_day = 1                    # optional: a fixed day, shown as a rehearsal (the clock's otherwise)
//   languages = ["fr", "en", "es"]       # optional: the event's otherwise
//   idle_timeout_s = 45
//   print_timeout_s = 60                 # no badge by then: "your badge will be at reception"
//   list_check_s = 5                     # how often the attendee list is checked for changes
//   print_queue_retry_s = 5              # while another program runs the store's print queue: how often to try
//   printer = "entree-1"                 # which of the printers below this kiosk prints on
//   template = "label-62x100"            # optional: the printer's otherwise
//   [templates]                          # optional, per category
//   presse = "label-62x100"
//   [done_message]                       # the practical line of the "welcome" screen
//   fr = "Plénière d'ouverture à 9 h 30 en salle Bordeaux. Wi-Fi : Rencontres2026"
//   en = "Opening plenary at 9:30 in room Bordeaux. Wi-Fi: Rencontres2026"
//   [scanner]
//   layout = "us"                        # the layout the scanner types in: us, fr, de, gb
//   serial = ["/dev/ttyACM0"]            # serial (USB CDC-ACM) scanners, read line by line
//   max_gap_ms = 35                      # keys closer than this start a scan (a person is slower)
//   max_pause_ms = 250                   # a started scan survives a stall this long
//   [camera]                             # optional: QR codes read by a V4L2 camera (off without it)
//   device = "/dev/video0"
//   width = 640                          # asked of the camera; it picks the nearest it has
//   height = 480
//   fps = 10                             # frames decoded a second
//   [screen]
//   fullscreen = true
//   width = 1280                         # when not full screen
//   height = 800
//   touch_keyboard = "auto"              # on-screen keyboard on the staff screens: auto (a kiosk's, not the desk's), on, off
//   [[printers]]                         # see printer/queue/printers_toml.hpp
//   name = "entree-1"
//   uri = "usb:brother-ql"
//   media = "62x100"
//   template = "label-62x100"
//   failover = "accueil"
#pragma once

#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <vector>

#include "printer/queue/printer_config.hpp"
#include "shared/base/error.hpp"
#include "shared/flow/keyboard_wedge.hpp"

namespace accueil::kiosk {

// The on-screen keyboard of the staff screens ([screen] touch_keyboard):
// automatic shows it on a self-service kiosk's staff screens (a touch screen,
// no keyboard) and not on `accueil --desk` (a physical keyboard).
enum class TouchKeyboard { automatic, on, off };

struct KioskConfig {
  std::filesystem::path store;
  std::filesystem::path event_file;  // empty: the store's event
  std::string kiosk_id;              // empty: the host name
  std::string central;               // empty: no central list (the store alone)
  std::optional<int> rehearsal_day;  // empty: the day follows the event's clock
  std::int64_t print_queue_retry_ms = 5'000;
  std::vector<std::string> languages;  // empty: the event's
  std::int64_t idle_timeout_ms = 45'000;
  std::int64_t print_timeout_ms = 60'000;
  std::int64_t list_check_ms = 5'000;
  std::string printer;                 // empty: the first printer
  std::string template_id;             // empty: the printer's
  std::map<std::string, std::string> templates;     // category -> template
  std::map<std::string, std::string> done_message;  // language -> text
  ScannerLayout scanner_layout = ScannerLayout::us;
  std::vector<std::string> serial_scanners;
  std::int64_t scanner_max_gap_ms = 35;
  std::int64_t scanner_max_pause_ms = 250;
  std::string camera_device;  // empty: no camera (the default)
  int camera_width = 640;
  int camera_height = 480;
  int camera_fps = 10;
  bool fullscreen = true;
  bool dashboard_vip_sound = false;  // [dashboard] vip_sound: a chime when a VIP arrives
  int width = 1280;
  int height = 800;
  TouchKeyboard touch_keyboard = TouchKeyboard::automatic;
  std::vector<printer::PrinterConfig> printers;

  // The template to print `category`'s badges with.
  std::string template_for(std::string_view category) const;
  const printer::PrinterConfig* kiosk_printer() const;
  // The self-service kiosk prints: it needs [[printers]] (the dashboard does not).
  Status check_kiosk_printer() const;
  std::string origin;                  // the file it was read from, for messages
};

Result<KioskConfig> parse_kiosk_config(std::string_view toml_text, const std::filesystem::path& origin);
Result<KioskConfig> load_kiosk_config(const std::filesystem::path& path);

}  // namespace accueil::kiosk
