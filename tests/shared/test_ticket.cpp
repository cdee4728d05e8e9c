#include <catch2/catch.hpp>

#include "shared/base45.hpp"
#include "shared/ticket.hpp"

using namespace accueil;

namespace {
TicketClaims sample_claims() {
  TicketClaims c;
  c.event_tag = event_tag("rencontres-2026");
  c.ticket_code = "RIC-2026-004211";
  c.first_name = "Արամ";
  c.last_name = "Պետրոսյան";
  c.first_name_latin = "Aram";
  c.last_name_latin = "Petrosyan";
  c.organisation = "Mairie d'Erevan";
  c.category = "delegation";
  c.country = "AM";
  c.language = "en";
  c.days = DaySet::from_bits(0b11);
  return c;
}
}  // namespace

TEST_CASE("base45 follows RFC 9285's examples", "[ticket]") {
  auto bytes = [](std::string_view s) { return std::vector<std::uint8_t>(s.begin(), s.end()); };
  CHECK(base45_encode(bytes("AB")) == "BB8");
  CHECK(base45_encode(bytes("Hello!!")) == "%69 VD92EX0");
  CHECK(base45_encode(bytes("base-45")) == "UJCLQE7W581");
  CHECK(base45_decode("QED8WEX0") == bytes("ietf!"));
  CHECK_FALSE(base45_decode("GGW").has_value());   // 65536 + ... does not fit two bytes
  CHECK_FALSE(base45_decode("ab").has_value());    // lower case is not in the alphabet
  CHECK_FALSE(base45_decode("A").has_value());     // a lone character is not a group
  std::vector<std::uint8_t> all(256);
  for (int i = 0; i < 256; ++i) all[static_cast<std::size_t>(i)] = static_cast<std::uint8_t>(i);
  CHECK(base45_decode(base45_encode(all)) == all);
}

TEST_CASE("a signed ticket verifies and carries its claims", "[ticket]") {
  SecretKey key = generate_secret_key();
  auto token = sign_ticket(sample_claims(), key);
  REQUIRE(token);
  CHECK(token->starts_with("AC1:"));
  CHECK(token->find_first_not_of("0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:") == std::string::npos);
  CHECK(token->size() < 300);  // fits a QR code of version 10 at level M

  VerifiedTicket v = verify_ticket(*token, key.public_key());
  CHECK(v.check == TicketCheck::valid);
  CHECK(v.claims == sample_claims());
}

TEST_CASE("every altered character of a ticket is rejected", "[ticket]") {
  SecretKey key = generate_secret_key();
  std::string token = sign_ticket(sample_claims(), key).value();
  constexpr std::string_view alphabet = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZ $%*+-./:";
  for (std::size_t i = 4; i < token.size(); ++i) {
    std::string altered = token;
    altered[i] = alphabet[(alphabet.find(token[i]) + 1) % alphabet.size()];
    INFO("position " << i);
    CHECK(verify_ticket(altered, key.public_key()).check != TicketCheck::valid);
  }
  CHECK(verify_ticket(token.substr(0, token.size() - 3), key.public_key()).check != TicketCheck::valid);
  CHECK(verify_ticket(token + "AAA", key.public_key()).check != TicketCheck::valid);
}

TEST_CASE("a ticket signed by another key is rejected", "[ticket]") {
  SecretKey ours = generate_secret_key();
  SecretKey theirs = generate_secret_key();
  std::string token = sign_ticket(sample_claims(), theirs).value();
  VerifiedTicket v = verify_ticket(token, ours.public_key());
  CHECK(v.check == TicketCheck::bad_signature);
  CHECK(v.claims.event_tag == sample_claims().event_tag);  // readable, but not trusted
}

TEST_CASE("keys survive their text forms", "[ticket]") {
  SecretKey key = generate_secret_key();
  auto again = secret_key_from_text(secret_key_to_text(key), "test");
  REQUIRE(again);
  CHECK(again->bytes == key.bytes);
  auto pk = public_key_from_text(public_key_to_text(key.public_key()));
  REQUIRE(pk);
  CHECK(pk->bytes == key.public_key().bytes);

  CHECK_FALSE(public_key_from_text("not a key"));
  auto bad = secret_key_from_text("# comment\nAAAA\n", "keys/secret.key");
  REQUIRE_FALSE(bad);
  CHECK_THAT(bad.error().message, Catch::Contains("keys/secret.key"));
}

TEST_CASE("an over-long organisation is shortened so the QR code stays scannable", "[ticket]") {
  SecretKey key = generate_secret_key();
  TicketClaims c = sample_claims();
  c.organisation = std::string(60, 'x') + "é" + std::string(200, 'y');
  auto token = sign_ticket(c, key);
  REQUIRE(token);
  VerifiedTicket v = verify_ticket(*token, key.public_key());
  REQUIRE(v.check == TicketCheck::valid);
  CHECK(v.claims.organisation.size() < c.organisation.size());
  CHECK(c.organisation.starts_with(v.claims.organisation));

  c.first_name = std::string(300, 'n');  // a name cannot be shortened
  CHECK_FALSE(sign_ticket(c, key));
}
