#include "printer/encode/brother_ql.hpp"

#include <algorithm>
#include <array>
#include <cstdlib>

#include <fmt/format.h>

#include "printer/encode/packbits.hpp"

namespace accueil::printer::brother {

namespace {

// Protocol bytes, named once.
constexpr std::uint8_t NUL = 0x00;
constexpr std::uint8_t ESC = 0x1B;
constexpr std::uint8_t FF = 0x0C;     // print command: print this page, more follow
constexpr std::uint8_t CTRL_Z = 0x1A; // print command with feeding: last page of the job

// Why the invalidate bytes: a printer may still be inside a command from an
// aborted job (say, waiting for the 90 bytes of a raster line). NUL is a
// no-op between commands, so enough of them complete any pending command and
// leave the printer waiting for a new one. Each manual gives its own count:
// 200 bytes (QL-570/700/710W/720NW), 400 (QL-800 series), 350 (QL-1100 series).
constexpr std::array<ModelInfo, 9> k_models{{
    //  model             name         USB pid  bytes packbits mode_sw 2-col inval code  min    max
    {Model::ql_570,     "QL-570",     0x2028,  90,   false,   false,  false, 200, 0x32, 150, 11811},
    {Model::ql_700,     "QL-700",     0x2042,  90,   false,   false,  false, 200, 0x35, 150, 11811},
    {Model::ql_710w,    "QL-710W",    0x2043,  90,   true,    true,   false, 200, 0x36, 150, 11811},
    {Model::ql_720nw,   "QL-720NW",   0x2044,  90,   true,    true,   false, 200, 0x37, 150, 11811},
    {Model::ql_800,     "QL-800",     0x209B,  90,   false,   true,   true,  400, 0x38, 150, 11811},
    {Model::ql_810w,    "QL-810W",    0x209C,  90,   true,    true,   true,  400, 0x39, 150, 11811},
    {Model::ql_820nwb,  "QL-820NWB",  0x209D,  90,   true,    true,   true,  400, 0x41, 150, 11811},
    {Model::ql_1100,    "QL-1100",    0x20A7,  162,  true,    true,   false, 350, 0x43, 301, 35434},
    {Model::ql_1110nwb, "QL-1110NWB", 0x20A8,  162,  true,    true,   false, 350, 0x44, 301, 35434},
}};

// Offsets are the manuals' "right margin" pins (pin 0 side). The 1296-pin
// head of the QL-1100 series puts media 44 pins further in than the 720-pin
// head (as brother_ql has it for the QL-1050/1060N/1100 family).
constexpr std::array<MediaInfo, 4> k_media{{
    {Media::continuous_62mm, "62 mm continuous (DK-22205)", MediaKind::continuous,
     62, 0, 0x0A, 696, 0, 12, 56, 35},
    {Media::die_cut_62x100mm, "62 x 100 mm die-cut (DK-11202)", MediaKind::die_cut,
     62, 100, 0x0B, 696, 1109, 12, 56, 0},
    {Media::die_cut_29x90mm, "29 x 90 mm die-cut (DK-11201)", MediaKind::die_cut,
     29, 90, 0x0B, 306, 991, 6, 50, 0},
    {Media::continuous_102mm, "102 mm continuous (DK-22243)", MediaKind::continuous,
     102, 0, 0x0A, 1164, 0, std::nullopt, 56, 35},
}};

// ESC i z n1, the "valid flag" bits.
constexpr std::uint8_t PI_KIND = 0x02;     // n2 (media type) is valid
constexpr std::uint8_t PI_WIDTH = 0x04;    // n3 (media width) is valid
constexpr std::uint8_t PI_LENGTH = 0x08;   // n4 (media length) is valid
constexpr std::uint8_t PI_QUALITY = 0x40;  // priority given to print quality
constexpr std::uint8_t PI_RECOVER = 0x80;  // printer recovery always on

constexpr std::array<ErrorBit, 16> k_error_bits{{
    {8, 0, "no media", PrinterProblem::media_empty},
    {8, 1, "end of media (die-cut labels)", PrinterProblem::media_empty},
    {8, 2, "cutter jam", PrinterProblem::media_jam},
    {8, 3, "weak batteries", PrinterProblem::other},
    {8, 4, "printer in use", PrinterProblem::none},
    {8, 5, "printer turned off", PrinterProblem::offline},
    {8, 6, "high-voltage adapter", PrinterProblem::other},
    {8, 7, "fan motor error", PrinterProblem::other},
    // Bit 0 is also what the printer reports when the loaded roll does not
    // match ESC i z (width, length, type; black/red media for two-colour data).
    {9, 0, "replace media", PrinterProblem::wrong_media},
    {9, 1, "expansion buffer full", PrinterProblem::other},
    {9, 2, "communication error", PrinterProblem::other},
    {9, 3, "communication buffer full", PrinterProblem::other},
    {9, 4, "cover open", PrinterProblem::cover_open},
    {9, 5, "overheating", PrinterProblem::other},
    {9, 6, "media cannot be fed", PrinterProblem::media_jam},
    {9, 7, "system error", PrinterProblem::other},
}};

void put(std::vector<std::uint8_t>& out, std::initializer_list<std::uint8_t> bytes) {
  out.insert(out.end(), bytes);
}

void put_u16(std::vector<std::uint8_t>& out, int v) {
  out.push_back(static_cast<std::uint8_t>(v & 0xFF));
  out.push_back(static_cast<std::uint8_t>((v >> 8) & 0xFF));
}

// One raster line as the head sees it. Pin k is bit 7 - k % 8 of byte k / 8;
// the print head is mirrored relative to the bitmap: the bitmap's rightmost
// column lands on pin `offset` and its leftmost on pin offset + width - 1.
// Pins outside the print area stay 0.
void head_line(const MonoBitmap& page, int y, int offset, std::vector<std::uint8_t>& line) {
  std::fill(line.begin(), line.end(), std::uint8_t{0});
  const std::uint8_t* row = page.row(y);
  const int w = page.width;
  for (int x = 0; x < w; ++x) {
    if (!((row[x / 8] >> (7 - x % 8)) & 1)) continue;
    const int pin = offset + (w - 1 - x);
    line[static_cast<std::size_t>(pin / 8)] |= static_cast<std::uint8_t>(0x80u >> (pin % 8));
  }
}

}  // namespace

std::span<const ModelInfo> models() { return k_models; }

const ModelInfo& info(Model model) { return k_models[static_cast<std::size_t>(model)]; }

std::optional<Model> model_from_usb(std::uint16_t vendor_id, std::uint16_t product_id) {
  if (vendor_id != k_usb_vendor_brother) return std::nullopt;
  for (const auto& m : k_models)
    if (m.usb_product_id == product_id) return m.model;
  return std::nullopt;
}

std::optional<Model> model_from_status_code(std::uint8_t model_code) {
  for (const auto& m : k_models)
    if (m.status_model_code == model_code) return m.model;
  return std::nullopt;
}

std::span<const MediaInfo> media_table() { return k_media; }

const MediaInfo& info(Media media) { return k_media[static_cast<std::size_t>(media)]; }

std::optional<int> print_area_offset(Model model, Media media) {
  const MediaInfo& m = info(media);
  return info(model).bytes_per_line == 162 ? m.offset_1296 : m.offset_720;
}

Result<std::vector<std::uint8_t>> encode_job(Model model, Media media, std::span<const MonoBitmap> pages,
                                             const JobOptions& options) {
  const ModelInfo& mi = info(model);
  const MediaInfo& md = info(media);
  const std::optional<int> offset = print_area_offset(model, media);
  if (!offset)
    return fail(fmt::format("The {} cannot print on {}: choose a medium this model takes.", mi.name, md.name));
  if (pages.empty()) return fail("A print job needs at least one page; this one has none.");
  if (options.cut_every < 1 || options.cut_every > 255)
    return fail(fmt::format("Cut every {} labels is out of range: use 1 to 255.", options.cut_every));
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const MonoBitmap& p = pages[i];
    const std::size_t page_no = i + 1;
    if (p.dpi != k_dpi)
      return fail(fmt::format("Page {} is at {} dpi; Brother QL printers print at {} dpi: render it again at {} dpi.",
                              page_no, p.dpi, k_dpi, k_dpi));
    if (p.width != md.printable_width_dots)
      return fail(fmt::format("Page {} is {} dots wide; {} needs exactly {} dots (its printable width at 300 dpi).",
                              page_no, p.width, md.name, md.printable_width_dots));
    if (p.bits.size() != static_cast<std::size_t>(p.stride()) * static_cast<std::size_t>(std::max(p.height, 0)))
      return fail(fmt::format("Page {} holds {} bytes of dots, not the {} x {} its size says.", page_no,
                              p.bits.size(), p.stride(), p.height));
    if (md.kind == MediaKind::die_cut && p.height != md.printable_length_dots)
      return fail(fmt::format("Page {} is {} dots long; a {} label needs exactly {} dots.", page_no, p.height,
                              md.name, md.printable_length_dots));
    if (md.kind == MediaKind::continuous && (p.height < mi.min_length_dots || p.height > mi.max_length_dots))
      return fail(fmt::format("Page {} is {} dots long; the {} prints {} to {} dots on continuous tape.", page_no,
                              p.height, mi.name, mi.min_length_dots, mi.max_length_dots));
  }

  const bool compress = options.compress && mi.packbits;
  std::vector<std::uint8_t> out;
  out.reserve(static_cast<std::size_t>(mi.invalidate_bytes) + pages.size() * static_cast<std::size_t>(pages[0].height) *
                                                                   static_cast<std::size_t>(mi.bytes_per_line + 3));

  out.insert(out.end(), static_cast<std::size_t>(mi.invalidate_bytes), NUL);  // invalidate (see k_models)
  put(out, {ESC, '@'});                                                        // initialise: clear buffer and modes

  std::vector<std::uint8_t> line(static_cast<std::size_t>(mi.bytes_per_line));
  std::vector<std::uint8_t> packed;
  for (std::size_t i = 0; i < pages.size(); ++i) {
    const MonoBitmap& page = pages[i];
    const bool first = i == 0;
    const bool last = i + 1 == pages.size();

    // Control codes, repeated for every page as the manuals show them.
    if (mi.mode_switch) put(out, {ESC, 'i', 'a', 0x01});  // switch dynamic command mode: 01 = raster

    std::uint8_t valid = PI_RECOVER | PI_KIND | PI_WIDTH;
    if (md.kind == MediaKind::die_cut) valid |= PI_LENGTH;
    if (options.prefer_quality) valid |= PI_QUALITY;
    put(out, {ESC, 'i', 'z', valid,                    // print information
              md.media_type,                           // n2: 0A continuous, 0B die-cut
              static_cast<std::uint8_t>(md.width_mm),  // n3: media width, mm
              static_cast<std::uint8_t>(md.length_mm)}); // n4: media length, mm (0 continuous)
    const auto lines = static_cast<std::uint32_t>(page.height);
    put(out, {static_cast<std::uint8_t>(lines), static_cast<std::uint8_t>(lines >> 8),  // n5..n8: raster
              static_cast<std::uint8_t>(lines >> 16), static_cast<std::uint8_t>(lines >> 24)});  // lines, LE
    put(out, {static_cast<std::uint8_t>(first ? 0 : 1),  // n9: 0 starting page, 1 other pages
              0x00});                                     // n10: fixed 0

    put(out, {ESC, 'i', 'M', static_cast<std::uint8_t>(options.auto_cut ? 0x40 : 0x00)});  // various mode: bit 6 auto cut
    if (options.auto_cut)
      put(out, {ESC, 'i', 'A', static_cast<std::uint8_t>(options.cut_every)});  // cut every n labels
    put(out, {ESC, 'i', 'K', static_cast<std::uint8_t>(options.cut_at_end ? 0x08 : 0x00)});  // expanded mode:
    // bit 3 cut at end; bit 6 (600 dpi lengthwise) and bit 0 (two-colour) stay off
    put(out, {ESC, 'i', 'd'});  // margin (feed) amount in dots, LE
    put_u16(out, md.margin_dots);
    if (compress) put(out, {'M', 0x02});  // compression mode: 02 = TIFF (PackBits)

    for (int y = 0; y < page.height; ++y) {
      head_line(page, y, *offset, line);
      if (compress) {
        if (std::all_of(line.begin(), line.end(), [](std::uint8_t b) { return b == 0; })) {
          out.push_back('Z');  // zero raster graphics: one blank line (only sent with compression on)
          continue;
        }
        packed.clear();
        packbits_encode(line, packed);
        put(out, {'g', 0x00, static_cast<std::uint8_t>(packed.size())});  // raster graphics: g 00 n, n bytes follow
        out.insert(out.end(), packed.begin(), packed.end());
      } else {
        put(out, {'g', 0x00, static_cast<std::uint8_t>(mi.bytes_per_line)});  // always the full head line
        out.insert(out.end(), line.begin(), line.end());
      }
    }
    out.push_back(last ? CTRL_Z : FF);  // print: FF between pages, Control-Z (feed, cut) after the last
  }
  return out;
}

std::vector<std::uint8_t> status_request() { return {ESC, 'i', 'S'}; }

std::vector<std::uint8_t> reset_and_status_request(Model model) {
  std::vector<std::uint8_t> out(static_cast<std::size_t>(info(model).invalidate_bytes), NUL);
  put(out, {ESC, '@', ESC, 'i', 'S'});
  return out;
}

std::span<const ErrorBit> error_bits() { return k_error_bits; }

Result<Status> parse_status(std::span<const std::uint8_t> reply) {
  if (reply.size() != k_status_size)
    return fail(fmt::format("A Brother status reply is 32 bytes; this one has {}.", reply.size()));
  if (reply[0] != 0x80 || reply[1] != 0x20 || reply[2] != 'B')
    return fail(fmt::format("Not a Brother status reply: it starts {:02X} {:02X} {:02X}, not 80 20 42.", reply[0],
                            reply[1], reply[2]));
  Status s;
  s.print_head_mark = reply[0];
  s.size = reply[1];
  s.brother_code = reply[2];
  s.series_code = reply[3];
  s.model_code = reply[4];
  s.model = model_from_status_code(s.model_code);
  s.error_info_1 = reply[8];
  s.error_info_2 = reply[9];
  s.media_width_mm = reply[10];
  s.media_type = reply[11];
  // The QL-800 series sets bit 6 in its reply (4A/4B); the kind is the same.
  switch (s.media_type & 0xBF) {
    case 0x0A: s.media_kind = MediaKind::continuous; break;
    case 0x0B: s.media_kind = MediaKind::die_cut; break;
    default: break;
  }
  s.mode = reply[15];
  s.media_length_mm = reply[17];
  s.status_type = reply[18];
  s.phase_type = reply[19];
  s.phase_number = reply[20] << 8 | reply[21];
  s.notification = reply[22];
  for (const ErrorBit& e : k_error_bits)
    if ((reply[static_cast<std::size_t>(e.byte)] >> e.bit) & 1) s.errors.emplace_back(e.meaning);
  return s;
}

PrinterState to_printer_state(const Status& status) {
  PrinterState state;
  bool busy = status.phase_type == static_cast<std::uint8_t>(PhaseType::printing);
  for (const ErrorBit& e : k_error_bits) {
    const std::uint8_t byte = e.byte == 8 ? status.error_info_1 : status.error_info_2;
    if (!((byte >> e.bit) & 1)) continue;
    if (e.problem == PrinterProblem::none) {
      busy = true;  // "printer in use": another job or host has it
      continue;
    }
    state.add(e.problem, fmt::format("Brother error information {}, bit {}: {}", e.byte - 7, e.bit, e.meaning));
  }
  if (status.status_type == static_cast<std::uint8_t>(StatusType::turned_off) && !state.has(PrinterProblem::offline))
    state.add(PrinterProblem::offline, "Brother status type 04: turned off");
  if (status.status_type == static_cast<std::uint8_t>(StatusType::error_occurred) && state.issues.empty())
    state.add(PrinterProblem::other, "Brother status type 02: error occurred, no error bit set");
  switch (status.notification) {
    case 0x03: state.notes.emplace_back("cooling started: printing pauses until the head cools"); busy = true; break;
    case 0x04: state.notes.emplace_back("cooling finished"); break;
    default: break;
  }
  if (state.issues.empty() && busy) state.readiness = Readiness::busy;
  return state;
}

namespace {

std::string media_words(MediaKind kind, int width_mm, int length_mm) {
  // The DK roll's name when the table knows these labels.
  for (const MediaInfo& m : k_media)
    if (m.kind == kind && m.width_mm == width_mm && (kind == MediaKind::continuous || m.length_mm == length_mm))
      return std::string(m.name);
  return kind == MediaKind::continuous ? fmt::format("{} mm continuous", width_mm)
                                       : fmt::format("{} x {} mm die-cut", width_mm, length_mm);
}

}  // namespace

std::string loaded_media(const Status& status) {
  if (status.media_type == 0x00 && status.media_width_mm == 0) return {};  // no media information
  if (!status.media_kind)
    return fmt::format("{} mm wide, of unknown type {:02X}", status.media_width_mm, status.media_type);
  return media_words(*status.media_kind, status.media_width_mm, status.media_length_mm);
}

std::string media_mismatch(const Status& status, Media expected) {
  const std::string loaded = loaded_media(status);
  if (loaded.empty()) return {};
  const MediaInfo& want = info(expected);
  const bool same_width = std::abs(status.media_width_mm - want.width_mm) <= 1;
  const bool same_kind = !status.media_kind || *status.media_kind == want.kind;
  const bool same_length = want.kind == MediaKind::continuous || !status.media_kind ||
                           std::abs(status.media_length_mm - want.length_mm) <= 1;
  if (same_width && same_kind && same_length) return {};
  return fmt::format("labels loaded: {}; configured: {}", loaded, want.name);
}

PrinterState to_printer_state(const Status& status, Media expected) {
  PrinterState state = to_printer_state(status);
  if (std::string mismatch = media_mismatch(status, expected); !mismatch.empty())
    state.add(PrinterProblem::wrong_media, mismatch);
  return state;
}

}  // namespace accueil::printer::brother
