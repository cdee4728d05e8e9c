#include "shared/base/base45.hpp"

namespace accueil {

namespace {
constexpr std::string_view k_alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";

int value_of(char c) {
  auto pos = k_alphabet.find(c);
  return pos == std::string_view::npos ? -1 : static_cast<int>(pos);
}
}  // namespace

std::string base45_encode(std::span<const std::uint8_t> bytes) {
  std::string out;
  out.reserve(bytes.size() / 2 * 3 + 2);
  std::size_t i = 0;
  for (; i + 1 < bytes.size(); i += 2) {
    unsigned n = bytes[i] * 256u + bytes[i + 1];  // at most 65535 = 45*45*32 + 15
    out += k_alphabet[n % 45];
    out += k_alphabet[n / 45 % 45];
    out += k_alphabet[n / (45 * 45)];
  }
  if (i < bytes.size()) {
    unsigned n = bytes[i];
    out += k_alphabet[n % 45];
    out += k_alphabet[n / 45];
  }
  return out;
}

std::optional<std::vector<std::uint8_t>> base45_decode(std::string_view text) {
  if (text.size() % 3 == 1) return std::nullopt;
  std::vector<std::uint8_t> out;
  out.reserve(text.size() / 3 * 2 + 1);
  std::size_t i = 0;
  for (; i + 2 < text.size(); i += 3) {
    int c = value_of(text[i]), d = value_of(text[i + 1]), e = value_of(text[i + 2]);
    if (c < 0 || d < 0 || e < 0) return std::nullopt;
    unsigned n = static_cast<unsigned>(c + d * 45 + e * 45 * 45);
    if (n > 0xFFFF) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(n >> 8));
    out.push_back(static_cast<std::uint8_t>(n & 0xFF));
  }
  if (i < text.size()) {
    int c = value_of(text[i]), d = value_of(text[i + 1]);
    if (c < 0 || d < 0) return std::nullopt;
    unsigned n = static_cast<unsigned>(c + d * 45);
    if (n > 0xFF) return std::nullopt;
    out.push_back(static_cast<std::uint8_t>(n));
  }
  return out;
}

}  // namespace accueil
