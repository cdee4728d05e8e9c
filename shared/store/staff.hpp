// Reception staff in the store: names, roles and Argon2id hashes of their
// PINs (shared/domain/staff_pin.hpp), and the log of every PIN typed at a
// terminal, from which the guard against guessing is rebuilt, so that
// restarting the app does not give a guesser five fresh tries.
#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/staff_pin.hpp"
#include "shared/store/store.hpp"

namespace accueil {

struct StaffMember {
  std::string name;
  StaffRole role = StaffRole::desk;
  std::int64_t created_ms = 0;
  std::int64_t updated_ms = 0;
};

// A staff name is 1 to 64 characters, printable, with no leading or trailing space.
Status check_staff_name(std::string_view name);

// Adds a staff member. With `replace`, an existing one gets the new role and
// PIN; without, an existing name is an error.
Status add_staff(Store& store, std::string_view name, StaffRole role, std::string_view pin, bool replace = false,
                 PinCost cost = PinCost::interactive());
// False when there was nobody by that name.
Result<bool> remove_staff(Store& store, std::string_view name);
Result<std::vector<StaffMember>> staff_members(Store& store);
Result<std::optional<StaffMember>> staff_member(Store& store, std::string_view name);

enum class PinOutcome {
  right,
  wrong,    // a wrong PIN (or a name nobody has): the next try waits
  lockout,  // the wrong PIN that locked the terminal
  refused,  // typed while the terminal waited or was locked: not even checked
};
std::string_view to_string(PinOutcome outcome);

struct PinCheck {
  PinOutcome outcome = PinOutcome::wrong;
  std::optional<StaffMember> member;  // right: who
  std::int64_t allowed_from_ms = 0;   // not right: the next try is taken from then
  bool locked = false;                // the wait is a lockout
};

// Checks the PIN `name` typed at `terminal` at `now_ms`, under `policy`, and
// logs the try (never the PIN). The guard is rebuilt from the log, so tries
// from several programs on one terminal count together.
Result<PinCheck> check_staff_pin(Store& store, std::string_view terminal, std::string_view name,
                                 std::string_view pin, std::int64_t now_ms, const PinPolicy& policy = {});

// The guard of `terminal` as its log leaves it at `now_ms`.
Result<PinGuard> pin_guard_of(Store& store, std::string_view terminal, std::int64_t now_ms,
                              const PinPolicy& policy = {});

struct PinAttempt {
  std::string terminal;
  std::string name;
  std::int64_t at_ms = 0;
  std::string outcome;  // right, wrong, lockout, refused, unknown (a name nobody has)
};
// Every PIN try since `since_ms`, oldest first.
Result<std::vector<PinAttempt>> pin_attempts(Store& store, std::int64_t since_ms = 0);

}  // namespace accueil
