// Signed tickets ("AC1:" + Base45 of payload and Ed25519 signature). The first
// byte picks what the rest is:
//   0: the scanned text, verified with the fuzz key;
//   1: a payload, signed here with the fuzz key (so the fuzzer reaches the
//      payload decoder past the signature), then verified;
//   2: claims, fields separated by '|', issued with sign_ticket and verified.
// Invariants: a ticket that verifies re-encodes (sign_ticket of its claims)
// to the same text; an issued ticket verifies to the same claims.
#include <sodium.h>

#include <vector>

#include "shared/base/base45.hpp"
#include "shared/domain/ticket.hpp"
#include "tests/fuzz/fuzz.hpp"
#include "tests/fuzz/fuzz_key.hpp"

using namespace accueil;

namespace {

void check_verified(std::string_view text) {
  const SecretKey& key = fuzz::fuzz_secret_key();
  VerifiedTicket t = verify_ticket(text, key.public_key());
  if (t.check != TicketCheck::valid) return;
  auto again = sign_ticket(t.claims, key);
  ACCUEIL_FUZZ_CHECK(again, "a ticket that verified can be issued again");
  ACCUEIL_FUZZ_CHECK(*again == text, "a ticket that verified re-encodes to the same text");
}

std::vector<std::string> split(std::string_view text, char sep) {
  std::vector<std::string> out;
  std::size_t start = 0;
  for (;;) {
    std::size_t end = text.find(sep, start);
    out.emplace_back(text.substr(start, end == std::string_view::npos ? std::string_view::npos : end - start));
    if (end == std::string_view::npos) break;
    start = end + 1;
  }
  return out;
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  fuzz::Input in(data, size);
  const SecretKey& key = fuzz::fuzz_secret_key();
  switch (in.byte() % 3) {
    case 0: check_verified(in.rest()); break;
    case 1: {
      std::vector<std::uint8_t> bytes(in.rest_bytes().begin(), in.rest_bytes().end());
      const std::size_t payload = bytes.size();
      bytes.resize(payload + crypto_sign_BYTES);
      crypto_sign_detached(bytes.data() + payload, nullptr, bytes.data(), payload, key.bytes.data());
      const std::string text = std::string(k_ticket_prefix) + base45_encode(bytes);
      VerifiedTicket t = verify_ticket(text, key.public_key());
      ACCUEIL_FUZZ_CHECK(t.check != TicketCheck::bad_signature, "a ticket signed with the key is not called forged");
      check_verified(text);
      break;
    }
    default: {
      auto f = split(in.rest(), '|');
      f.resize(12);
      TicketClaims c;
      c.event_tag = event_tag(f[0]);
      c.ticket_code = f[1];
      c.first_name = f[2];
      c.last_name = f[3];
      c.first_name_latin = f[4];
      c.last_name_latin = f[5];
      c.organisation = f[6];
      c.category = f[7];
      c.country = f[8];
      c.language = f[9];
      c.days = DaySet::from_bits(static_cast<std::uint32_t>(fuzz::fnv1a(f[10])));
      auto text = sign_ticket(c, key);
      if (!text) break;  // too long for a QR code: refused with a message
      VerifiedTicket t = verify_ticket(*text, key.public_key());
      ACCUEIL_FUZZ_CHECK(t.check == TicketCheck::valid, "an issued ticket verifies");
      check_verified(*text);
      break;
    }
  }
  return 0;
}
