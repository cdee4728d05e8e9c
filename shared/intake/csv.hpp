// Reading and writing CSV as registration platforms and spreadsheets export it:
// UTF-8 with or without a byte order mark, UTF-16 with one (Excel's "Unicode
// text"), or Windows-1252 (what uchardet calls ISO-8859-1 is read as its
// superset Windows-1252, as Excel writes it); fields separated
// by ',', ';' or tab (detected from the header); quoted fields may hold
// separators and line breaks. Parsing is libcsv's.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil {

struct CsvRecord {
  std::size_t line = 0;  // the file line the record starts on (1-based)
  std::vector<std::string> fields;
};

struct CsvTable {
  std::string encoding;  // what the file was decoded from: "UTF-8", "WINDOWS-1252", ...
  char separator = ',';
  std::vector<CsvRecord> records;  // the header first; blank lines skipped
};

// Decodes and splits `bytes`. Fails, naming `origin` and the line, when the
// file is empty, not text, in an encoding it cannot tell, or has a quoted field
// that never closes.
Result<CsvTable> parse_csv(std::string_view bytes, std::string_view origin);

// uchardet's guess at the encoding of `bytes`, upper-case ("WINDOWS-1252",
// "ISO-8859-1", ...); empty when it cannot tell.
std::string detect_charset(std::string_view bytes);

// Converts `bytes` to UTF-8, returning the encoding it was in.
Result<std::pair<std::string, std::string>> decode_text(std::string_view bytes, std::string_view origin);

// Appends one record, quoting fields that need it, ending with CRLF as RFC 4180 says.
void append_csv_record(std::string& out, const std::vector<std::string>& fields, char separator = ',');

}  // namespace accueil
