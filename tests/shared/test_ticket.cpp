#include <catch2/catch.hpp>

#include "shared/base/base45.hpp"
#include "shared/domain/ticket.hpp"

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

// Known answers: Ed25519 signatures are deterministic, so a fixed key and fixed
// claims give one token. A change to the wire format (field order, byte order of
// the event tag, the days' encoding, the version byte) breaks tickets already
// sent to attendees, and fails here.
TEST_CASE("a ticket whose text is not UTF-8 is not issued", "[ticket]") {
  // Found by fuzzing (tests/fuzz/corpus/signed_ticket/crash-latin1-category):
  // it was issued, and every kiosk read it as malformed.
  SecretKey key = generate_secret_key();
  TicketClaims c = sample_claims();
  c.category = "d\xe9l\xe9gation";
  auto token = sign_ticket(c, key);
  REQUIRE_FALSE(token);
  CHECK(token.error().message.find("category is not valid UTF-8") != std::string::npos);
}

TEST_CASE("the ticket wire format is pinned by a known answer", "[ticket]") {
  // libsodium's secret key for the seed 00 01 02 .. 1f: seed || public key.
  const SecretKey key = secret_key_from_text(
      "AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8DoQe/884Qvh1w3RjnS8CZZ+TWMJulDV8d3IZkElUxuA==\n", "test key")
                            .value();
  CHECK(public_key_to_text(key.public_key()) == "A6EHv/POEL4dcN0Y50vAmWfk1jCbpQ1fHdyGZBJVMbg=");

  TicketClaims c;
  c.event_tag = 0x12345678;
  c.ticket_code = "T-1";
  c.first_name = "\u00c9lise";  // É is two bytes in UTF-8
  c.last_name = "Roy";
  c.first_name_latin = "Elise";
  c.last_name_latin = "";
  c.organisation = "ACME";
  c.category = "vip";
  c.country = "FR";
  c.language = "fr";
  c.days = DaySet::from_bits(0x81);  // days 1 and 8: a two-byte varint

  // Written by hand from the format, not by the encoder:
  const std::vector<std::uint8_t> expected_payload = {
      0x01,                                // version
      0x12, 0x34, 0x56, 0x78,              // event tag, big-endian
      0x81, 0x01,                          // days 0x81 as a LEB128 varint
      0x03, 'T', '-', '1',                 // ticket code: varint length, then UTF-8
      0x06, 0xC3, 0x89, 'l', 'i', 's', 'e',  // first name
      0x03, 'R', 'o', 'y',                 // last name
      0x05, 'E', 'l', 'i', 's', 'e',       // first name, Latin
      0x00,                                // last name, Latin (empty)
      0x04, 'A', 'C', 'M', 'E',            // organisation
      0x03, 'v', 'i', 'p',                 // category
      0x02, 'F', 'R',                      // country
      0x02, 'f', 'r',                      // language
  };

  auto token = sign_ticket(c, key);
  REQUIRE(token);
  CHECK(*token ==
        "AC1:460XR6OAFY50*SA+86HWOXVDLQE+I074E:T0XVDLQE400CB8QY9VJ0$ED.C0OGA .C7+D$KGW56NHBZFBDRS3:RJFO-U4HXQ5AJRUJAZV"
        "$QP212JKJOKO9AG7RF/VMP/D%GB4 S:X69IP9$R6OF7C7E%RE3LJ7QN/7");

  REQUIRE(token->starts_with("AC1:"));
  auto bytes = base45_decode(std::string_view(*token).substr(4));
  REQUIRE(bytes);
  REQUIRE(bytes->size() == expected_payload.size() + 64);  // payload || Ed25519 signature
  CHECK(std::vector<std::uint8_t>(bytes->begin(), bytes->begin() + static_cast<std::ptrdiff_t>(expected_payload.size())) ==
        expected_payload);

  VerifiedTicket v = verify_ticket(*token, key.public_key());
  CHECK(v.check == TicketCheck::valid);
  CHECK(v.claims == c);
}

TEST_CASE("the event tag is pinned by a known answer", "[ticket]") {
  // The first four bytes of BLAKE2b-256 of the event id, big-endian.
  CHECK(event_tag("rencontres-2026") == 0x70e67a63u);
}
