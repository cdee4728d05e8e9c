// Zebra ZPL II: a bitmap as a ^GFA graphic field on a label, and a parser for
// the ~HQES status reply.
//
// Source: Zebra "ZPL II Programming Guide" (^GF, ^PW, ^LL, ^PQ, ~HQES).
#pragma once

#include <cstdint>
#include <span>
#include <string>
#include <string_view>

#include "printer/bitmap.hpp"
#include "printer/encode/printer_state.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer::zpl {

// How the ^GFA data is written.
enum class Compression {
  none,   // two hex digits per byte, rows back to back
  ascii,  // ZPL's own: repeat counts G..Y (1..19) and g..z (20..400), ',' zeros to
          // the end of the row, ':' same row again. '!' (ones to the end of the
          // row) is never written: readers disagree on it (see zpl.cpp).
};

struct LabelOptions {
  Compression compression = Compression::ascii;
  int quantity = 1;  // ^PQ, 1..99999999
  int x_dots = 0;    // ^FO field origin
  int y_dots = 0;
};

// A complete label: ^XA ^PW ^LL ^FO ^GFA ... ^FS ^PQ ^XZ, with the print
// width and label length set to the bitmap's size (plus the origin). Refuses
// an empty bitmap, a resolution no Zebra printer has (152, 203, 300, 600 dpi)
// and out-of-range options.
Result<std::string> encode_label(const MonoBitmap& bitmap, const LabelOptions& options = {});

// Just the ^GFA data (what follows "^GFA,b,c,d,") for `bitmap`.
std::string graphic_field_data(const MonoBitmap& bitmap, Compression compression);

// ~JX, "Cancel Current Partially Input Format": drops a format the printer
// is still receiving (an ^XA whose ^XZ never came: a job cut off mid-send),
// and nothing else: formats received whole, printing or waiting, are kept
// (the guide: "It does not affect any formats currently being printed, or
// any subsequent formats"), unlike ~JA (cancel all), which would also drop
// badges sent whole before. A control (~) command, it acts as it arrives,
// even inside the unfinished format's ^GFA data, whose ASCII data cannot
// hold a '~'. Sent before every job: a job sent again after a cut, or the
// first job after a crash cut one, then starts clean instead of being read
// as the rest of the unfinished format.
inline constexpr std::string_view k_cancel_partial_format = "~JX";

// ~HQES: the printer's error and warning flags.
inline constexpr std::string_view k_host_query_status = "~HQES";

struct HqesStatus {
  bool error_present = false;
  std::uint32_t errors_group2 = 0;  // the first 8-digit group (reserved so far)
  std::uint32_t errors = 0;         // group 1: the flags below
  bool warning_present = false;
  std::uint32_t warnings_group2 = 0;
  std::uint32_t warnings = 0;
};

// ~HQES error flags (group 1).
namespace hqes_error {
inline constexpr std::uint32_t media_out = 0x00000001;
inline constexpr std::uint32_t ribbon_out = 0x00000002;
inline constexpr std::uint32_t head_open = 0x00000004;
inline constexpr std::uint32_t cutter_fault = 0x00000008;
inline constexpr std::uint32_t head_over_temperature = 0x00000010;
inline constexpr std::uint32_t motor_over_temperature = 0x00000020;
inline constexpr std::uint32_t bad_head_element = 0x00000040;
inline constexpr std::uint32_t head_detection_error = 0x00000080;
inline constexpr std::uint32_t invalid_firmware_config = 0x00000100;
inline constexpr std::uint32_t head_thermistor_open = 0x00000200;
inline constexpr std::uint32_t paper_jam_during_retract = 0x00001000;
inline constexpr std::uint32_t presenter_not_running = 0x00002000;
inline constexpr std::uint32_t paper_feed_error = 0x00004000;
inline constexpr std::uint32_t clear_paper_path_failed = 0x00008000;
inline constexpr std::uint32_t paused = 0x00010000;
inline constexpr std::uint32_t retract_timed_out = 0x00020000;
inline constexpr std::uint32_t black_mark_calibrate_error = 0x00040000;
inline constexpr std::uint32_t black_mark_not_found = 0x00080000;
}  // namespace hqes_error

// ~HQES warning flags (group 1).
namespace hqes_warning {
inline constexpr std::uint32_t need_to_calibrate_media = 0x00000001;
inline constexpr std::uint32_t clean_printhead = 0x00000002;
inline constexpr std::uint32_t replace_printhead = 0x00000004;
inline constexpr std::uint32_t paper_near_end = 0x00000008;
}  // namespace hqes_warning

// One flag: its bit, its name in Zebra's words, and where it lands.
struct Flag {
  std::uint32_t mask;
  std::string_view meaning;
  PrinterProblem problem;  // none for warnings that stop nothing
};
std::span<const Flag> hqes_error_flags();
std::span<const Flag> hqes_warning_flags();

// Parses the reply to ~HQES. Control characters (STX, ETX, CR, LF) are
// ignored; the ERRORS: and WARNINGS: lines must both be there.
Result<HqesStatus> parse_hqes(std::string_view reply);
PrinterState to_printer_state(const HqesStatus& status);

}  // namespace accueil::printer::zpl
