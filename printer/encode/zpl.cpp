#include "printer/encode/zpl.hpp"

#include <algorithm>
#include <array>
#include <charconv>
#include <cstring>
#include <vector>

#include <fmt/format.h>

namespace accueil::printer::zpl {

namespace {

constexpr char k_hex[] = "0123456789ABCDEF";
constexpr int k_max_segment = 419;  // largest count one lowercase + one uppercase letter can say (400 + 19)

// Appends a run of `n` copies of hex digit `d` in ZPL's repeat-count form.
// Counts are additive letters: G..Y = 1..19, g..z = 20..400 in steps of 20
// (so 327 is "vM"); longer runs are split into several counted segments.
void put_run(std::string& out, char d, int n) {
  if (n < 3) {  // "H0" is no shorter than "00"
    out.append(static_cast<std::size_t>(n), d);
    return;
  }
  while (n > 0) {
    const int seg = std::min(n, k_max_segment);
    if (seg / 20 > 0) out.push_back(static_cast<char>('f' + seg / 20));  // g = 20 ... z = 400
    if (seg % 20 > 0) out.push_back(static_cast<char>('F' + seg % 20));  // G = 1 ... Y = 19
    out.push_back(d);
    n -= seg;
  }
}

void put_row_compressed(std::string& out, std::string_view hex) {
  // Trailing zeros become ',' (the rest of the row is 0, white) when that is
  // shorter. Trailing F's are written as a counted run, never as '!': the
  // guide says '!' fills the row "with ones (1)", which some readers take as
  // black dots and others (zebrash, zpl-renderer-js) as the hex digit 1.
  std::size_t end = hex.size();
  std::size_t tz = 0;
  while (tz < hex.size() && hex[hex.size() - 1 - tz] == '0') ++tz;
  const bool comma = tz >= 2;
  if (comma) end -= tz;
  std::size_t i = 0;
  while (i < end) {
    std::size_t j = i + 1;
    while (j < end && hex[j] == hex[i]) ++j;
    put_run(out, hex[i], static_cast<int>(j - i));
    i = j;
  }
  if (comma) out.push_back(',');
}

bool zebra_dpi(int dpi) { return dpi == 152 || dpi == 203 || dpi == 300 || dpi == 600; }

constexpr std::array<Flag, 18> k_error_flags{{
    {hqes_error::media_out, "media out", PrinterProblem::media_empty},
    {hqes_error::ribbon_out, "ribbon out", PrinterProblem::ribbon_empty},
    {hqes_error::head_open, "head open", PrinterProblem::cover_open},
    {hqes_error::cutter_fault, "cutter fault", PrinterProblem::media_jam},
    {hqes_error::head_over_temperature, "printhead over temperature", PrinterProblem::other},
    {hqes_error::motor_over_temperature, "motor over temperature", PrinterProblem::other},
    {hqes_error::bad_head_element, "bad printhead element", PrinterProblem::other},
    {hqes_error::head_detection_error, "printhead detection error", PrinterProblem::other},
    {hqes_error::invalid_firmware_config, "invalid firmware configuration", PrinterProblem::other},
    {hqes_error::head_thermistor_open, "printhead thermistor open", PrinterProblem::other},
    {hqes_error::paper_jam_during_retract, "paper jam during retract", PrinterProblem::media_jam},
    {hqes_error::presenter_not_running, "presenter not running", PrinterProblem::other},
    {hqes_error::paper_feed_error, "paper feed error", PrinterProblem::media_jam},
    {hqes_error::clear_paper_path_failed, "clear paper path failed", PrinterProblem::media_jam},
    {hqes_error::paused, "paused", PrinterProblem::offline},
    {hqes_error::retract_timed_out, "retract function timed out", PrinterProblem::other},
    {hqes_error::black_mark_calibrate_error, "black mark calibrate error", PrinterProblem::other},
    {hqes_error::black_mark_not_found, "black mark not found", PrinterProblem::wrong_media},
}};

constexpr std::array<Flag, 4> k_warning_flags{{
    {hqes_warning::need_to_calibrate_media, "need to calibrate media", PrinterProblem::none},
    {hqes_warning::clean_printhead, "clean printhead", PrinterProblem::none},
    {hqes_warning::replace_printhead, "replace printhead", PrinterProblem::none},
    {hqes_warning::paper_near_end, "paper near end", PrinterProblem::none},
}};

bool is_space(char c) { return c == ' ' || c == '\t' || c == '\r' || c == '\n' || c == '\x02' || c == '\x03'; }

std::string_view skip_space(std::string_view s) {
  while (!s.empty() && is_space(s.front())) s.remove_prefix(1);
  return s;
}

// Reads "<flag> <8 hex> <8 hex>" after a label such as "ERRORS:".
Result<std::array<std::uint32_t, 3>> read_flag_line(std::string_view reply, std::string_view label) {
  const auto at = reply.find(label);
  if (at == std::string_view::npos)
    return fail(fmt::format("The ~HQES reply has no \"{}\" line; is this a ~HQES reply?", label));
  std::string_view s = reply.substr(at + label.size());
  std::array<std::uint32_t, 3> v{};
  for (int k = 0; k < 3; ++k) {
    s = skip_space(s);
    const int base = k == 0 ? 10 : 16;
    const char* first = s.data();
    const char* last = s.data() + s.size();
    auto r = std::from_chars(first, last, v[static_cast<std::size_t>(k)], base);
    const auto digits = static_cast<std::size_t>(r.ptr - first);
    if (r.ec != std::errc{} || (k == 0 ? digits != 1 : digits != 8))
      return fail(fmt::format("The ~HQES \"{}\" line is malformed: expected a 0/1 flag and two 8-digit hex groups.",
                              label));
    s.remove_prefix(digits);
  }
  return v;
}

}  // namespace

std::string graphic_field_data(const MonoBitmap& bitmap, Compression compression) {
  const int stride = bitmap.stride();
  std::string out;
  std::string hex(static_cast<std::size_t>(stride) * 2, '0');
  for (int y = 0; y < bitmap.height; ++y) {
    const std::uint8_t* row = bitmap.row(y);
    for (int i = 0; i < stride; ++i) {
      hex[static_cast<std::size_t>(2 * i)] = k_hex[row[i] >> 4];
      hex[static_cast<std::size_t>(2 * i + 1)] = k_hex[row[i] & 0x0F];
    }
    if (compression == Compression::none) {
      out += hex;
    } else if (y > 0 && std::memcmp(row, bitmap.row(y - 1), static_cast<std::size_t>(stride)) == 0) {
      out.push_back(':');  // this row repeats the previous one
    } else {
      put_row_compressed(out, hex);
    }
  }
  return out;
}

Result<std::string> encode_label(const MonoBitmap& bitmap, const LabelOptions& options) {
  if (bitmap.width <= 0 || bitmap.height <= 0)
    return fail(fmt::format("The label bitmap is {} x {} dots; it needs at least one dot each way.", bitmap.width,
                            bitmap.height));
  if (!zebra_dpi(bitmap.dpi))
    return fail(fmt::format("The label bitmap is at {} dpi; Zebra printers print at 152, 203, 300 or 600 dpi.",
                            bitmap.dpi));
  if (bitmap.bits.size() != static_cast<std::size_t>(bitmap.stride()) * static_cast<std::size_t>(bitmap.height))
    return fail("The label bitmap holds fewer or more bytes than its size says.");
  if (options.quantity < 1 || options.quantity > 99'999'999)
    return fail(fmt::format("Quantity {} is out of range: ^PQ takes 1 to 99999999.", options.quantity));
  if (options.x_dots < 0 || options.y_dots < 0 || options.x_dots > 32000 || options.y_dots > 32000)
    return fail("The field origin is out of range: ^FO takes 0 to 32000 dots.");
  const int width = options.x_dots + bitmap.width;
  const int length = options.y_dots + bitmap.height;
  if (width > 32000 || length > 32000)
    return fail(fmt::format("The label is {} x {} dots; ZPL allows at most 32000 each way.", width, length));

  const int bytes_per_row = bitmap.stride();
  const int total_bytes = bytes_per_row * bitmap.height;
  std::string out;
  out += "^XA\n";                                     // start of label format
  out += fmt::format("^PW{}\n", width);               // print width, dots
  out += fmt::format("^LL{}\n", length);              // label length, dots
  out += fmt::format("^FO{},{}", options.x_dots, options.y_dots);  // field origin, dots
  // Graphic field: A = ASCII hex (compressed or not), binary byte count,
  // graphic field count (both the uncompressed size), bytes per row.
  out += fmt::format("^GFA,{},{},{},", total_bytes, total_bytes, bytes_per_row);
  out += graphic_field_data(bitmap, options.compression);
  out += "^FS\n";                                     // field separator
  out += fmt::format("^PQ{}\n", options.quantity);    // print quantity
  out += "^XZ\n";                                     // end of label format
  return out;
}

std::span<const Flag> hqes_error_flags() { return k_error_flags; }
std::span<const Flag> hqes_warning_flags() { return k_warning_flags; }

Result<HqesStatus> parse_hqes(std::string_view reply) {
  auto errors = read_flag_line(reply, "ERRORS:");
  if (!errors) return std::unexpected(errors.error());
  auto warnings = read_flag_line(reply, "WARNINGS:");
  if (!warnings) return std::unexpected(warnings.error());
  HqesStatus s;
  s.error_present = (*errors)[0] != 0;
  s.errors_group2 = (*errors)[1];
  s.errors = (*errors)[2];
  s.warning_present = (*warnings)[0] != 0;
  s.warnings_group2 = (*warnings)[1];
  s.warnings = (*warnings)[2];
  return s;
}

PrinterState to_printer_state(const HqesStatus& status) {
  PrinterState state;
  std::uint32_t known = 0;
  for (const Flag& f : k_error_flags) {
    known |= f.mask;
    if (status.errors & f.mask) state.add(f.problem, fmt::format("Zebra ~HQES error: {}", f.meaning));
  }
  const std::uint32_t unknown = status.errors & ~known;
  if (unknown || status.errors_group2)
    state.add(PrinterProblem::other,
              fmt::format("Zebra ~HQES error flags not known here: {:08X} {:08X}", status.errors_group2, unknown));
  if (status.error_present && state.issues.empty())
    state.add(PrinterProblem::other, "Zebra ~HQES reports an error without flags");
  for (const Flag& f : k_warning_flags)
    if (status.warnings & f.mask) state.notes.push_back(fmt::format("Zebra ~HQES warning: {}", f.meaning));
  return state;
}

}  // namespace accueil::printer::zpl
