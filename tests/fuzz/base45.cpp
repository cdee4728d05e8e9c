// Base45 (RFC 9285). Invariants: text that decodes encodes back to the same
// text (one text per byte string); any bytes encode and decode back.
#include "shared/base/base45.hpp"
#include "tests/fuzz/fuzz.hpp"

using namespace accueil;

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text = fuzz::as_text(data, size);
  if (auto bytes = base45_decode(text)) {
    ACCUEIL_FUZZ_CHECK(base45_encode(*bytes) == text, "decoded Base45 encodes back to the same text");
  }
  const std::span<const std::uint8_t> raw(data, size);
  auto back = base45_decode(base45_encode(raw));
  ACCUEIL_FUZZ_CHECK(back && std::equal(back->begin(), back->end(), raw.begin(), raw.end()),
                     "encoded bytes decode back to the same bytes");
  return 0;
}
