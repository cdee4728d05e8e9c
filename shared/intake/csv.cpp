#include "shared/intake/csv.hpp"

#include <csv.h>
#include <iconv.h>
#include <uchardet/uchardet.h>

#include <algorithm>
#include <array>
#include <cerrno>
#include <memory>

#include <fmt/core.h>

#include "shared/text/text.hpp"

namespace accueil {

namespace {

std::size_t line_at(std::string_view text, std::size_t offset) {
  return 1 + static_cast<std::size_t>(std::count(text.begin(), text.begin() + static_cast<std::ptrdiff_t>(offset), '\n'));
}

Result<std::string> convert(std::string_view bytes, const char* from, std::string_view origin) {
  iconv_t cd = iconv_open("UTF-8", from);
  if (cd == reinterpret_cast<iconv_t>(-1)) return fail(fmt::format("{}: cannot decode {}", origin, from));
  std::unique_ptr<void, int (*)(iconv_t)> guard(cd, iconv_close);
  std::string out(bytes.size() * 2 + 16, '\0');
  char* in = const_cast<char*>(bytes.data());  // iconv's signature; it does not write the input
  std::size_t in_left = bytes.size();
  std::size_t done = 0;
  while (in_left > 0) {
    char* dst = out.data() + done;
    std::size_t dst_left = out.size() - done;
    std::size_t rc = iconv(cd, &in, &in_left, &dst, &dst_left);
    done = out.size() - dst_left;
    if (rc != static_cast<std::size_t>(-1)) break;
    if (errno == E2BIG) {
      out.resize(out.size() * 2);
      continue;
    }
    std::size_t offset = bytes.size() - in_left;
    return fail(fmt::format("{}: line {}: byte 0x{:02X} is not valid {}", origin, line_at(bytes, offset),
                            static_cast<unsigned char>(bytes[offset]), from));
  }
  out.resize(done);
  return out;
}

// The offset of the first byte that is not valid UTF-8, and whether valid
// multi-byte sequences come before it (a file that mixes encodings).
struct Utf8Scan {
  std::size_t first_invalid = std::string_view::npos;
  bool has_multibyte = false;
};

Utf8Scan scan_utf8(std::string_view text) {
  Utf8Scan scan;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) { ++i; continue; }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : c >= 0xC2 ? 2 : 0;
    if (n == 0 || i + n > text.size() || c > 0xF4 || !is_valid_utf8(text.substr(i, n))) {
      if (scan.first_invalid == std::string_view::npos) scan.first_invalid = i;
      ++i;
      continue;
    }
    scan.has_multibyte = true;
    i += n;
  }
  return scan;
}

// Whether every non-ASCII character of `text` (UTF-8) is one that Western
// European names and French typography use, with no more than three in a row
// (text in another script, read with the wrong code page, gives long runs of
// accented letters such as å ð ò that French does not use).
bool reads_as_western(std::string_view text) {
  static constexpr std::u32string_view k_western =
      U"ÀÁÂÃÄÆÇÈÉÊËÌÍÎÏÑÒÓÔÕÖÙÚÛÜßàáâãäæçèéêëìíîïñòóôõöùúûüÿŒœŠšŽžŸ"
      U"‘’‚“”„«»–—…•€°·\u00A0";
  int run = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x80) {
      run = 0;
      ++i;
      continue;
    }
    std::size_t n = c >= 0xF0 ? 4 : c >= 0xE0 ? 3 : 2;
    char32_t cp = n == 2 ? c & 0x1F : n == 3 ? c & 0x0F : c & 0x07;
    for (std::size_t k = 1; k < n && i + k < text.size(); ++k) cp = (cp << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3F);
    if (k_western.find(cp) == std::u32string_view::npos || ++run > 3) return false;
    i += n;
  }
  return true;
}

}  // namespace

std::string detect_charset(std::string_view bytes) {
  uchardet_t ud = uchardet_new();
  uchardet_handle_data(ud, bytes.data(), bytes.size());
  uchardet_data_end(ud);
  std::string charset = uchardet_get_charset(ud);
  uchardet_delete(ud);
  std::ranges::transform(charset, charset.begin(), [](char c) { return static_cast<char>(std::toupper(static_cast<unsigned char>(c))); });
  return charset;
}

namespace {

char detect_separator(std::string_view text) {
  std::array<std::size_t, 3> counts{};  // ';', ',', tab: ties go to the first
  constexpr std::array<char, 3> candidates{';', ',', '\t'};
  bool quoted = false;
  for (char c : text) {
    if (c == '"') quoted = !quoted;
    if (quoted) continue;
    if (c == '\n' || c == '\r') break;
    for (std::size_t k = 0; k < candidates.size(); ++k)
      if (c == candidates[k]) ++counts[k];
  }
  auto best = std::ranges::max_element(counts);
  return *best == 0 ? ',' : candidates[static_cast<std::size_t>(best - counts.begin())];
}

struct Collector {
  std::vector<CsvRecord> records;
  std::vector<std::string> fields;
  std::size_t current_line = 1;
  std::size_t last_end_line = 0;  // the line the last complete record ended on
};

void on_field(void* data, std::size_t len, void* user) {
  auto* c = static_cast<Collector*>(user);
  c->fields.emplace_back(static_cast<const char*>(data), len);
}

void on_record(int, void* user) {
  auto* c = static_cast<Collector*>(user);
  // The record ends on the current line; line breaks inside quoted fields say
  // how many lines earlier it began.
  std::size_t inner_breaks = 0;
  for (const auto& f : c->fields) inner_breaks += static_cast<std::size_t>(std::ranges::count(f, '\n'));
  c->records.push_back({c->current_line - inner_breaks, std::move(c->fields)});
  c->last_end_line = c->current_line;
  c->fields.clear();
}

int is_space(unsigned char c) { return c == ' '; }  // so that tab can separate fields

}  // namespace

Result<std::pair<std::string, std::string>> decode_text(std::string_view bytes, std::string_view origin) {
  using Decoded = std::pair<std::string, std::string>;
  if (bytes.starts_with("\xEF\xBB\xBF")) {
    std::string_view rest = bytes.substr(3);
    if (auto bad = scan_utf8(rest).first_invalid; bad != std::string_view::npos)
      return fail(fmt::format("{}: line {}: byte 0x{:02X} is not valid UTF-8, although the file starts with a "
                              "UTF-8 byte order mark", origin, line_at(rest, bad), static_cast<unsigned char>(rest[bad])));
    return Decoded{"UTF-8", std::string(rest)};
  }
  if (bytes.starts_with("\xFF\xFE") || bytes.starts_with("\xFE\xFF")) {
    const char* charset = bytes[0] == '\xFF' ? "UTF-16LE" : "UTF-16BE";
    auto text = convert(bytes.substr(2), charset, origin);
    if (!text) return std::unexpected(text.error());
    return Decoded{charset, std::move(*text)};
  }
  if (auto nul = bytes.find('\0'); nul != std::string_view::npos)
    return fail(fmt::format("{}: line {}: a NUL byte: this is not a text file (or it is UTF-16 without a byte "
                            "order mark; save it as CSV UTF-8)", origin, line_at(bytes, nul)));
  Utf8Scan scan = scan_utf8(bytes);
  if (scan.first_invalid == std::string_view::npos) return Decoded{"UTF-8", std::string(bytes)};
  if (scan.has_multibyte)
    return fail(fmt::format("{}: line {}: byte 0x{:02X} is not valid UTF-8, but other lines are UTF-8: the "
                            "file mixes two encodings; re-export it as CSV UTF-8", origin,
                            line_at(bytes, scan.first_invalid), static_cast<unsigned char>(bytes[scan.first_invalid])));
  // A single-byte encoding: what French spreadsheets save as "CSV" is
  // Windows-1252. uchardet often calls it ISO-8859-1 or -15, which have the
  // same letters but control characters where Windows-1252 has ’ œ Œ € … – “ ”
  // (0x80-0x9F): decoded as ISO-8859-1, "Œillet" would become an invisible
  // U+008C and "illet". It calls some files whose only such byte is ’ Central
  // European (Windows-1250); those are read as Windows-1252 when that gives
  // the characters of Western text.
  std::string charset = detect_charset(bytes);
  const bool western = charset.empty() || charset == "ASCII" || charset == "WINDOWS-1252" ||
                       charset == "ISO-8859-1" || charset == "ISO-8859-15";
  auto text = convert(bytes, "WINDOWS-1252", origin);
  if (!western && (!text || !reads_as_western(*text)))
    return fail(fmt::format("{}: the file is not UTF-8 and looks like {}, which Accueil does not read: save it "
                            "as CSV UTF-8", origin, charset));
  if (!text) return std::unexpected(text.error());
  return Decoded{"WINDOWS-1252", std::move(*text)};
}

Result<CsvTable> parse_csv(std::string_view bytes, std::string_view origin) {
  if (trim(bytes).empty()) return fail(fmt::format("{}: the file is empty", origin));
  auto decoded = decode_text(bytes, origin);
  if (!decoded) return std::unexpected(decoded.error());
  CsvTable table;
  table.encoding = decoded->first;
  std::string& text = decoded->second;
  // Classic Mac line ends only: make them line feeds so that lines can be counted.
  if (text.find('\n') == std::string::npos) std::ranges::replace(text, '\r', '\n');
  table.separator = detect_separator(text);

  csv_parser parser;
  // Lenient while parsing: a stray quote inside an unquoted field stays a
  // literal quote, as spreadsheets read it.
  if (csv_init(&parser, 0) != 0) return fail("out of memory");
  std::unique_ptr<csv_parser, void (*)(csv_parser*)> guard(&parser, csv_free);
  // libcsv grows a field's buffer by this many bytes at a time. Its default
  // (128) makes a huge field quadratic wherever realloc cannot grow in place.
  csv_set_blk_size(&parser, 1 << 20);
  csv_set_delim(&parser, static_cast<unsigned char>(table.separator));
  csv_set_space_func(&parser, is_space);

  Collector collector;
  std::string_view rest = text;
  while (!rest.empty()) {
    std::size_t end = rest.find('\n');
    std::string_view line = end == std::string_view::npos ? rest : rest.substr(0, end + 1);
    if (csv_parse(&parser, line.data(), line.size(), on_field, on_record, &collector) != line.size())
      return fail(fmt::format("{}: line {}: {}", origin, collector.current_line, csv_strerror(csv_error(&parser))));
    rest.remove_prefix(line.size());
    if (end != std::string_view::npos && !rest.empty()) ++collector.current_line;
  }
  // Strict at the end only: a quoted field still open at the end of the file
  // swallowed every line after its start, so the file is refused.
  csv_set_opts(&parser, CSV_STRICT | CSV_STRICT_FINI);
  if (csv_fini(&parser, on_field, on_record, &collector) != 0) {
    return fail(fmt::format("{}: line {}: a quoted field that starts on or after this line is never closed", origin,
                            collector.last_end_line + 1));
  }
  table.records = std::move(collector.records);
  return table;
}

void append_csv_record(std::string& out, const std::vector<std::string>& fields, char separator) {
  for (std::size_t i = 0; i < fields.size(); ++i) {
    if (i > 0) out += separator;
    const std::string& f = fields[i];
    bool needs_quotes = f.find_first_of(std::string("\"\r\n") + separator) != std::string::npos ||
                        (!f.empty() && (f.front() == ' ' || f.back() == ' '));
    if (!needs_quotes) {
      out += f;
      continue;
    }
    out += '"';
    for (char c : f) {
      if (c == '"') out += '"';
      out += c;
    }
    out += '"';
  }
  out += "\r\n";
}

}  // namespace accueil
