// Base45 (RFC 9285): bytes as text in the 45-character alphabet of QR codes'
// alphanumeric mode, which packs 2 characters in 11 bits. 2 bytes become 3
// characters; a QR code holds ~30% more of it than of base64 in byte mode.
#pragma once

#include <cstdint>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace accueil {

std::string base45_encode(std::span<const std::uint8_t> bytes);
// nullopt when `text` has a character outside the alphabet, a bad length, or a
// group whose value does not fit its bytes.
std::optional<std::vector<std::uint8_t>> base45_decode(std::string_view text);

}  // namespace accueil
