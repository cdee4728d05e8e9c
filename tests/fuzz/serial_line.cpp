// The serial scanner's line reader. The input is the byte stream; its first
// byte seeds how it is cut into read() chunks. Invariants: the codes do not
// depend on how the bytes were split, hold no CR or LF, are trimmed, not
// empty, and no longer than k_max_line.
#include "shared/flow/scan_lines.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  std::uint32_t seed = in.byte() | 1u;
  const std::string_view stream = in.rest();

  ScanLineReader whole;
  const std::vector<std::string> expected = whole.feed(stream);

  ScanLineReader chunked;
  std::vector<std::string> got;
  for (std::size_t pos = 0; pos < stream.size();) {
    seed = seed * 1103515245u + 12345u;
    const std::size_t n = 1 + (seed >> 16) % 512;  // read() returns up to 512 bytes
    for (std::string& code : chunked.feed(stream.substr(pos, n))) got.push_back(std::move(code));
    pos += n;
  }
  ACCUEIL_FUZZ_CHECK(got == expected, "the codes do not depend on how the bytes arrived");
  for (const std::string& code : expected) {
    ACCUEIL_FUZZ_CHECK(!code.empty(), "no empty code");
    ACCUEIL_FUZZ_CHECK(code.size() <= ScanLineReader::k_max_line, "a code is at most k_max_line bytes");
    ACCUEIL_FUZZ_CHECK(code.find_first_of("\r\n") == std::string::npos, "a code holds no line break");
    ACCUEIL_FUZZ_CHECK(code.front() != ' ' && code.back() != ' ', "a code is trimmed");
  }
  return 0;
}
