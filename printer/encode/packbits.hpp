// TIFF PackBits run-length compression (Apple's scheme, TIFF 6.0 section 9),
// the "TIFF" compression of Brother's raster commands (M 02).
#pragma once

#include <cstdint>
#include <span>
#include <vector>

namespace accueil::printer {

// Appends the PackBits encoding of `in` to `out`. Each packet is a header
// byte n followed by data: 0..127 means n+1 literal bytes follow; -1..-127
// (0xFF..0x81) means the next byte is repeated 1-n times (2..128). -128 (0x80)
// is never written. The output is at most in.size() + ceil(in.size()/128)
// bytes long.
void packbits_encode(std::span<const std::uint8_t> in, std::vector<std::uint8_t>& out);

}  // namespace accueil::printer
