// Staff PINs: who may open the desk, and how hard guessing is made.
//
// A PIN is kept only as an Argon2id hash string (libsodium's
// crypto_pwhash_str: "$argon2id$v=19$m=...,t=...,p=1$salt$hash"); the PIN
// itself is never stored, logged or traced. Hashing costs about 0.1 s and 64 MiB
// on purpose: call it off the UI thread.
//
// PinGuard is the policy against guessing at one terminal, pure and driven by
// the caller's clock: after each wrong PIN the next try waits longer (1, 2, 4,
// 8 s); the fifth wrong PIN in a row locks the terminal for a minute, after
// which the count starts again. A right PIN clears the count.
#pragma once

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

#include "shared/base/error.hpp"

namespace accueil {

enum class StaffRole { desk, admin };
std::string_view to_string(StaffRole role);
std::optional<StaffRole> staff_role_from_string(std::string_view text);

// A PIN is 4 to 12 digits. The error says why another text is not one.
Status check_pin_format(std::string_view pin);
// How much work a PIN hash costs. Interactive (2 passes over 64 MiB) is what
// staff PINs get; `minimal` exists only so that unit tests of the lockout can
// try many PINs quickly (still Argon2id).
struct PinCost {
  unsigned long long passes;
  std::size_t memory_bytes;
  static PinCost interactive();
  static PinCost minimal();
};
// The Argon2id hash string of `pin` (which must pass check_pin_format).
Result<std::string> hash_pin(std::string_view pin, PinCost cost = PinCost::interactive());
// Whether `pin` matches `hash` (a string from hash_pin). False for a malformed hash.
bool pin_matches(std::string_view pin, const std::string& hash);
// Whether `text` is an Argon2id hash string as hash_pin writes it.
bool is_argon2id_hash(std::string_view text);

struct PinPolicy {
  int tries_before_lockout = 5;
  std::int64_t lockout_ms = 60'000;
  std::int64_t first_delay_ms = 1'000;  // after the first wrong PIN; doubles after each next one
  std::int64_t forget_after_ms = 600'000;  // wrong PINs older than this no longer count
};

class PinGuard {
public:
  explicit PinGuard(PinPolicy policy = {}) : m_policy(policy) {}

  // When a try is allowed again: now_ms or earlier means now.
  std::int64_t allowed_from_ms() const { return m_allowed_from_ms; }
  bool allowed(std::int64_t now_ms) const { return now_ms >= m_allowed_from_ms; }
  bool locked_out(std::int64_t now_ms) const { return m_locked && now_ms < m_allowed_from_ms; }
  int failures() const { return m_failures; }

  // A wrong PIN at `now_ms`. Returns true when it locked the terminal.
  bool wrong(std::int64_t now_ms);
  // A right PIN: the count starts again.
  void right();

private:
  PinPolicy m_policy;
  int m_failures = 0;  // wrong PINs in a row since the last right one or the last lockout
  bool m_locked = false;
  std::int64_t m_allowed_from_ms = 0;
};

}  // namespace accueil
