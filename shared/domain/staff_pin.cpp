#include "shared/domain/staff_pin.hpp"

#include <sodium.h>

#include <fmt/core.h>

namespace accueil {

std::string_view to_string(StaffRole role) { return role == StaffRole::admin ? "admin" : "desk"; }

std::optional<StaffRole> staff_role_from_string(std::string_view text) {
  if (text == "desk") return StaffRole::desk;
  if (text == "admin") return StaffRole::admin;
  return std::nullopt;
}

Status check_pin_format(std::string_view pin) {
  if (pin.size() < 4 || pin.size() > 12)
    return fail(fmt::format("a PIN has 4 to 12 digits, this one has {} characters", pin.size()));
  for (char c : pin)
    if (c < '0' || c > '9') return fail("a PIN has only digits (0-9)");
  return {};
}

PinCost PinCost::interactive() {
  return {crypto_pwhash_OPSLIMIT_INTERACTIVE, crypto_pwhash_MEMLIMIT_INTERACTIVE};
}
PinCost PinCost::minimal() { return {crypto_pwhash_OPSLIMIT_MIN, crypto_pwhash_MEMLIMIT_MIN}; }

Result<std::string> hash_pin(std::string_view pin, PinCost cost) {
  if (auto s = check_pin_format(pin); !s) return std::unexpected(s.error());
  if (sodium_init() < 0) return fail("cannot start libsodium");
  char out[crypto_pwhash_STRBYTES];
  // crypto_pwhash_str is Argon2id since libsodium 1.0.15; "interactive" limits
  // (2 passes, 64 MiB) keep a try near 0.1 s on a kiosk.
  if (crypto_pwhash_str(out, pin.data(), pin.size(), cost.passes, cost.memory_bytes) != 0)
    return fail("cannot hash the PIN: out of memory (Argon2id needs 64 MiB)");
  std::string hash(out);
  sodium_memzero(out, sizeof out);
  return hash;
}

bool pin_matches(std::string_view pin, const std::string& hash) {
  if (sodium_init() < 0 || !is_argon2id_hash(hash)) return false;
  return crypto_pwhash_str_verify(hash.c_str(), pin.data(), pin.size()) == 0;
}

bool is_argon2id_hash(std::string_view text) {
  return text.starts_with("$argon2id$v=19$m=") && text.size() < crypto_pwhash_STRBYTES;
}

bool PinGuard::wrong(std::int64_t now_ms) {
  ++m_failures;
  if (m_failures >= m_policy.tries_before_lockout) {
    m_failures = 0;
    m_locked = true;
    m_allowed_from_ms = now_ms + m_policy.lockout_ms;
    return true;
  }
  m_locked = false;
  m_allowed_from_ms = now_ms + (m_policy.first_delay_ms << (m_failures - 1));
  return false;
}

void PinGuard::right() {
  m_failures = 0;
  m_locked = false;
  m_allowed_from_ms = 0;
}

}  // namespace accueil
