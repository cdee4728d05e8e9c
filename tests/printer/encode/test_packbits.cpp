#include <catch2/catch.hpp>

#include <cstdint>
#include <vector>

#include "printer/encode/packbits.hpp"
#include "test_bitmaps.hpp"

using accueil::printer::packbits_encode;
using Bytes = std::vector<std::uint8_t>;

namespace {

// A deliberately minimal PackBits decoder, written from the TIFF 6.0 text.
// It only adds to the real cross-checks (rastertoptch, ql_explain); it is not
// the encoder run backwards.
Bytes unpack(const Bytes& in) {
  Bytes out;
  std::size_t i = 0;
  while (i < in.size()) {
    const int n = static_cast<std::int8_t>(in[i++]);
    if (n >= 0) {
      for (int k = 0; k <= n; ++k) out.push_back(in.at(i++));
    } else if (n != -128) {
      const std::uint8_t b = in.at(i++);
      for (int k = 0; k < 1 - n; ++k) out.push_back(b);
    }
  }
  return out;
}

Bytes pack(const Bytes& in) {
  Bytes out;
  packbits_encode(in, out);
  return out;
}

}  // namespace

TEST_CASE("PackBits matches the TIFF 6.0 / Apple example", "[packbits]") {
  const Bytes in{0xAA, 0xAA, 0xAA, 0x80, 0x00, 0x2A, 0xAA, 0xAA, 0xAA, 0xAA, 0x80, 0x00,
                 0x2A, 0x22, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA, 0xAA};
  const Bytes want{0xFE, 0xAA, 0x02, 0x80, 0x00, 0x2A, 0xFD, 0xAA, 0x03, 0x80, 0x00, 0x2A, 0x22, 0xF7, 0xAA};
  CHECK(pack(in) == want);
}

TEST_CASE("PackBits packet limits", "[packbits]") {
  CHECK(pack(Bytes{}).empty());
  CHECK(pack(Bytes{0x42}) == Bytes{0x00, 0x42});
  CHECK(pack(Bytes(90, 0x00)) == Bytes{static_cast<std::uint8_t>(257 - 90), 0x00});
  // 128 equal bytes fit one packet (header 0x81); 129 need two; 0x80 is never written.
  CHECK(pack(Bytes(128, 0xFF)) == Bytes{0x81, 0xFF});
  CHECK(pack(Bytes(129, 0xFF)) == Bytes{0x81, 0xFF, 0x00, 0xFF});
  Bytes literal(130);
  for (std::size_t i = 0; i < literal.size(); ++i) literal[i] = static_cast<std::uint8_t>(i);
  const Bytes packed = pack(literal);
  REQUIRE(packed.size() == 132);
  CHECK(packed[0] == 0x7F);    // 128 literal bytes
  CHECK(packed[129] == 0x01);  // then 2
}

TEST_CASE("PackBits round-trips and never grows more than the format allows", "[packbits]") {
  accueil::printer::test::Lcg rng{1234};
  for (int round = 0; round < 300; ++round) {
    const std::size_t n = rng.next() % 400;
    Bytes in(n);
    const int alphabet = 1 + static_cast<int>(rng.next() % 4);  // few values: many runs
    for (auto& b : in) b = static_cast<std::uint8_t>((rng.next() >> 12) % static_cast<std::uint32_t>(alphabet) * 0x55);
    const Bytes packed = pack(in);
    INFO("round " << round << " size " << n);
    CHECK(unpack(packed) == in);
    CHECK(packed.size() <= n + (n + 127) / 128);
    for (std::size_t i = 0; i < packed.size();) {  // no 0x80 header anywhere
      const int h = static_cast<std::int8_t>(packed[i]);
      REQUIRE(h != -128);
      i += h >= 0 ? static_cast<std::size_t>(h) + 2 : 2;
    }
  }
}
