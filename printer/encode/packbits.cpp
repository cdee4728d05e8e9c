#include "printer/encode/packbits.hpp"

#include <cstddef>

namespace accueil::printer {

namespace {
constexpr std::size_t k_max_packet = 128;  // bytes covered by one packet
}

void packbits_encode(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out) {
  std::size_t i = 0;
  const std::size_t n = in.size();
  while (i < n) {
    // Length of the run of equal bytes starting at i.
    std::size_t run = 1;
    while (i + run < n && run < k_max_packet && in[i + run] == in[i]) ++run;
    if (run >= 2) {
      // Repeat packet: header 1 - run as a signed byte (-1 .. -127).
      out.push_back(static_cast<std::uint8_t>(257 - run));
      out.push_back(in[i]);
      i += run;
      continue;
    }
    // Literal packet: take bytes until a run of 3 starts (a run of 2 inside a
    // literal costs no more than breaking the literal for it) or 128 bytes.
    std::size_t start = i;
    std::size_t len = 0;
    while (i < n && len < k_max_packet) {
      if (i + 2 < n && in[i] == in[i + 1] && in[i] == in[i + 2]) break;
      ++i;
      ++len;
    }
    out.push_back(static_cast<std::uint8_t>(len - 1));
    out.insert(out.end(), in.begin() + static_cast<std::ptrdiff_t>(start), in.begin() + static_cast<std::ptrdiff_t>(i));
  }
}

}  // namespace accueil::printer
