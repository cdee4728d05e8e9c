// A serial scanner's byte stream cut into codes: each code ends at CR or LF
// and is trimmed; empty lines give nothing. A line longer than k_max_line
// bytes keeps its first k_max_line bytes (a scanner never sends one; noise on
// the line must not grow memory). Pure: the serial thread feeds what read()
// returned, however the bytes were split.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace accueil {

class ScanLineReader {
public:
  static constexpr std::size_t k_max_line = 4096;

  // The codes that `bytes` completes, in order.
  std::vector<std::string> feed(std::string_view bytes);
  // Forgets a partial line (the device went away).
  void reset() { m_line.clear(); }

private:
  std::string m_line;
};

}  // namespace accueil
