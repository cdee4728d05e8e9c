// Signed tickets: what the confirmation's QR code holds when Accueil issues it.
//
// A ticket is "AC1:" followed by Base45 of a compact binary payload and its
// Ed25519 signature (libsodium). It carries what a kiosk needs to check in and
// print a badge for someone it has never seen: names, organisation, category,
// country, language, days, and a tag of the event. The organiser keeps the
// secret key; kiosks hold only the public key.
#pragma once

#include <array>
#include <cstdint>
#include <filesystem>
#include <string>
#include <string_view>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"

namespace accueil {

inline constexpr std::string_view k_ticket_prefix = "AC1:";

struct TicketClaims {
  std::uint32_t event_tag = 0;  // event_tag(event.id)
  std::string ticket_code;
  std::string first_name;
  std::string last_name;
  std::string first_name_latin;
  std::string last_name_latin;
  std::string organisation;
  std::string category;
  std::string country;
  std::string language;
  DaySet days;

  friend bool operator==(const TicketClaims&, const TicketClaims&) = default;
};

TicketClaims claims_for(const Attendee& attendee, const Event& event);

// Someone first known from their signed ticket (checked in before the list
// reached this kiosk) has "ticket:" and their ticket code as reference; an
// imported list may not use references of that form.
inline constexpr std::string_view k_ticket_ref_prefix = "ticket:";
inline std::string ticket_ref(std::string_view ticket_code) {
  return std::string(k_ticket_ref_prefix).append(ticket_code);
}
inline bool is_ticket_ref(std::string_view external_ref) { return external_ref.starts_with(k_ticket_ref_prefix); }
// A 32-bit tag of an event id, so that a ticket for another event is told apart.
std::uint32_t event_tag(std::string_view event_id);

struct PublicKey {
  std::array<std::uint8_t, 32> bytes{};
};
struct SecretKey {
  std::array<std::uint8_t, 64> bytes{};  // libsodium's seed || public key
  PublicKey public_key() const;
};

SecretKey generate_secret_key();
std::string public_key_to_text(const PublicKey& key);  // base64
Result<PublicKey> public_key_from_text(std::string_view text);
std::string secret_key_to_text(const SecretKey& key);  // the secret key file's content
Result<SecretKey> secret_key_from_text(std::string_view text, std::string_view origin);
Result<SecretKey> load_secret_key(const std::filesystem::path& path);

// Fails when the payload would make a QR code too dense to scan from a phone.
Result<std::string> sign_ticket(const TicketClaims& claims, const SecretKey& key);

bool looks_like_signed_ticket(std::string_view text);

enum class TicketCheck { valid, malformed, bad_signature };
struct VerifiedTicket {
  TicketCheck check = TicketCheck::malformed;
  TicketClaims claims;  // filled when the payload could be read, even with a bad signature
};
VerifiedTicket verify_ticket(std::string_view text, const PublicKey& key);

}  // namespace accueil
