// Brother QL raster language: printer models and media as data tables, a
// pure encoder from bitmaps to a print job, and the 32-byte status reply.
//
// Sources: Brother "Software Developer's Manual, Raster Command Reference"
// for QL-500/550/560/570/580N/650TD/700/1050/1060N, QL-710W/720NW,
// QL-800/810W/820NWB and QL-1100/1110NWB/1115NWB; cross-checked against
// Debian's rastertoptch (printer-driver-ptouch) and the brother_ql project.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

#include "printer/bitmap.hpp"
#include "printer/encode/printer_state.hpp"
#include "shared/base/error.hpp"

namespace accueil::printer::brother {

inline constexpr std::uint16_t k_usb_vendor_brother = 0x04F9;
inline constexpr int k_dpi = 300;  // every QL model prints at 300 x 300 dpi

enum class Model { ql_570, ql_700, ql_710w, ql_720nw, ql_800, ql_810w, ql_820nwb, ql_1100, ql_1110nwb };

struct ModelInfo {
  Model model;
  std::string_view name;            // "QL-820NWB"
  std::uint16_t usb_product_id;     // with vendor k_usb_vendor_brother
  int bytes_per_line;               // raster line length: 90 (720 pins) or 162 (1296 pins)
  bool packbits;                    // accepts M 02 (TIFF/PackBits) raster lines
  bool mode_switch;                 // accepts ESC i a (its P-touch Template mode must be left)
  bool two_colour;                  // can print black and red on DK-22251
  int invalidate_bytes;             // NUL bytes its manual asks for before ESC @
  std::uint8_t status_model_code;   // byte 4 of its status reply
  int min_length_dots;              // shortest continuous-tape page
  int max_length_dots;              // longest continuous-tape page
  int head_pins() const { return bytes_per_line * 8; }
};

// Every supported model, in enum order.
std::span<const ModelInfo> models();
const ModelInfo& info(Model model);
std::optional<Model> model_from_usb(std::uint16_t vendor_id, std::uint16_t product_id);
std::optional<Model> model_from_status_code(std::uint8_t model_code);

enum class MediaKind { continuous, die_cut };

enum class Media { continuous_62mm, die_cut_62x100mm, die_cut_29x90mm, continuous_102mm };

struct MediaInfo {
  Media media;
  std::string_view name;        // "62 mm continuous (DK-22205)"
  MediaKind kind;
  int width_mm;                 // ESC i z n3
  int length_mm;                // ESC i z n4; 0 for continuous tape
  std::uint8_t media_type;      // ESC i z n2: 0x0A continuous, 0x0B die-cut
  int printable_width_dots;     // the bitmap width the encoder expects
  int printable_length_dots;    // die-cut: the bitmap height expected; 0 for continuous
  std::optional<int> offset_720;   // pins from pin 0 to the print area on a 720-pin head
  std::optional<int> offset_1296;  // same on the 1296-pin head of the QL-1100 series
  int margin_dots;              // ESC i d feed margin: 35 (3 mm) continuous, 0 die-cut
};

std::span<const MediaInfo> media_table();
const MediaInfo& info(Media media);
// Pins between pin 0 (the first bit of a raster line) and the print area, or
// nothing when the model cannot take this media.
std::optional<int> print_area_offset(Model model, Media media);

struct JobOptions {
  bool auto_cut = true;        // ESC i M bit 6, with ESC i A cut_every
  int cut_every = 1;           // labels between cuts, 1..255
  bool cut_at_end = true;      // ESC i K bit 3
  bool prefer_quality = true;  // ESC i z valid flag 0x40: quality before speed
  bool compress = true;        // PackBits lines when the model accepts them
};

// The complete job for `pages`, one bitmap per label, each at 300 dpi with
// the media's printable width and, for die-cut labels, its printable length.
// Refuses (with a sentence saying what is wrong) unsupported media, wrong
// width, resolution or length, and an empty job.
Result<std::vector<std::uint8_t>> encode_job(Model model, Media media, std::span<const MonoBitmap> pages,
                                             const JobOptions& options = {});

// ESC i S: asks for the 32-byte status reply.
std::vector<std::uint8_t> status_request();
// What to send to a printer in an unknown state before asking its status:
// invalidate, ESC @, ESC i S (the manuals' "normal flow").
std::vector<std::uint8_t> reset_and_status_request(Model model);

inline constexpr std::size_t k_status_size = 32;

enum class StatusType : std::uint8_t {
  reply_to_request = 0x00,
  printing_completed = 0x01,
  error_occurred = 0x02,
  exit_ifmode = 0x03,  // QL-800 series and later: left "IF mode"
  turned_off = 0x04,
  notification = 0x05,
  phase_change = 0x06,
};

enum class PhaseType : std::uint8_t { receiving = 0x00, printing = 0x01 };

// The 32-byte reply, each field as sent, plus the decoded bits.
struct Status {
  std::uint8_t print_head_mark = 0;  // byte 0, always 0x80
  std::uint8_t size = 0;             // byte 1, always 0x20 (32)
  std::uint8_t brother_code = 0;     // byte 2, always 'B'
  std::uint8_t series_code = 0;      // byte 3
  std::uint8_t model_code = 0;       // byte 4; see model_from_status_code
  std::optional<Model> model;
  std::uint8_t error_info_1 = 0;     // byte 8
  std::uint8_t error_info_2 = 0;     // byte 9
  int media_width_mm = 0;            // byte 10
  std::uint8_t media_type = 0;       // byte 11: 0 none, 0x0A/0x4A continuous, 0x0B/0x4B die-cut
  std::optional<MediaKind> media_kind;
  std::uint8_t mode = 0;             // byte 15: the last ESC i M value
  int media_length_mm = 0;           // byte 17
  std::uint8_t status_type = 0;      // byte 18, see StatusType
  std::uint8_t phase_type = 0;       // byte 19, see PhaseType
  int phase_number = 0;              // bytes 20 (high) and 21 (low)
  std::uint8_t notification = 0;     // byte 22: 0 none, 1 cover open, 2 cover closed, 3/4 cooling started/finished
  std::vector<std::string> errors;   // one English phrase per error bit set
};

// Parses a status reply. Refuses a reply of the wrong size or without the
// 0x80 0x20 'B' signature.
Result<Status> parse_status(std::span<const std::uint8_t> reply);

// The reply in the common vocabulary.
PrinterState to_printer_state(const Status& status);

// The labels a reply says are loaded (bytes 10, 11 and 17): "62 mm continuous
// (DK-22205)", "24 x 24 mm die-cut"; "" when it names none (type 00).
std::string loaded_media(const Status& status);

// Whether the loaded labels are the `expected` ones, compared before a job is
// sent (a job for other labels fails on the printer, after it was sent, with
// "replace media"). "" when they are, or when the reply names no labels;
// else a sentence for the staff: "labels loaded: 62 mm continuous
// (DK-22205); configured: 29 x 90 mm die-cut (DK-11201)". Width and length
// are compared within 1 mm: a QL-1050 reports its 102 x 152 mm labels as
// 102 x 153.
std::string media_mismatch(const Status& status, Media expected);

// to_printer_state() plus, when the loaded labels are not `expected`, a
// wrong_media issue saying which are loaded and which are configured.
PrinterState to_printer_state(const Status& status, Media expected);

// One error bit of the reply: which byte and bit, what it means, and where
// it lands in the common vocabulary (none: not a problem, e.g. "in use").
struct ErrorBit {
  int byte;  // 8 (error information 1) or 9 (error information 2)
  int bit;   // 0..7
  std::string_view meaning;
  PrinterProblem problem;
};
std::span<const ErrorBit> error_bits();

}  // namespace accueil::printer::brother
