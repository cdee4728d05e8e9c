// What every fuzz target shares: the libFuzzer entry point's declaration, a
// reader that draws choices (options, timings, chunk sizes) from the input,
// and invariant checks that stop the run loudly.
//
// Each target defines LLVMFuzzerTestOneInput. Under the fuzz preset (clang)
// libFuzzer calls it; under the normal presets replay_main.cpp calls it once
// per corpus file, so that ctest replays the corpus (tests "fuzz replay: X").
#pragma once

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <span>
#include <string>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size);

namespace accueil::fuzz {

// An invariant broke: say which, and abort so that libFuzzer keeps the input.
[[noreturn]] inline void invariant_failed(const char* what, const char* file, int line) {
  std::fprintf(stderr, "%s:%d: fuzz invariant failed: %s\n", file, line, what);
  std::abort();
}

#define ACCUEIL_FUZZ_CHECK(cond, what) \
  do { if (!(cond)) ::accueil::fuzz::invariant_failed(what, __FILE__, __LINE__); } while (0)

// Takes choices from the front of the input; the rest is the text to parse.
// Past the end every choice is 0, so that any input is a valid one.
class Input {
public:
  Input(const std::uint8_t* data, std::size_t size) : m_bytes(data, size) {}
  std::uint8_t byte() { return m_pos < m_bytes.size() ? m_bytes[m_pos++] : 0; }
  bool flag() { return (byte() & 1) != 0; }
  // The rest of the input, as text.
  std::string_view rest() {
    std::string_view all(reinterpret_cast<const char*>(m_bytes.data()), m_bytes.size());
    return all.substr(m_pos < all.size() ? m_pos : all.size());
  }
  std::span<const std::uint8_t> rest_bytes() { return m_bytes.subspan(m_pos < m_bytes.size() ? m_pos : m_bytes.size()); }
  bool empty() const { return m_pos >= m_bytes.size(); }

private:
  std::span<const std::uint8_t> m_bytes;
  std::size_t m_pos = 0;
};

inline std::string_view as_text(const std::uint8_t* data, std::size_t size) {
  return {reinterpret_cast<const char*>(data), size};
}

// 64-bit FNV-1a, to compare tables before and after.
inline std::uint64_t fnv1a(std::string_view bytes, std::uint64_t h = 1469598103934665603ull) {
  for (unsigned char c : bytes) { h ^= c; h *= 1099511628211ull; }
  return h;
}

}  // namespace accueil::fuzz
