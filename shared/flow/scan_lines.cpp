#include "shared/flow/scan_lines.hpp"

#include "shared/text/text.hpp"

namespace accueil {

std::vector<std::string> ScanLineReader::feed(std::string_view bytes) {
  std::vector<std::string> codes;
  for (char c : bytes) {
    if (c == '\r' || c == '\n') {
      std::string code(trim(m_line));
      m_line.clear();
      if (!code.empty()) codes.push_back(std::move(code));
    } else if (m_line.size() < k_max_line) {
      m_line += c;
    }
  }
  return codes;
}

}  // namespace accueil
