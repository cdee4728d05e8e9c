#include "shared/store/staff.hpp"

#include <fmt/core.h>

namespace accueil {

namespace {

StaffMember read_member(const sql::Statement& s) {
  return StaffMember{s.text(0), staff_role_from_string(s.text(1)).value_or(StaffRole::desk), s.integer(2),
                     s.integer(3)};
}

Status log_attempt(Store& store, std::string_view terminal, std::string_view name, std::int64_t at_ms,
                   std::string_view outcome) {
  auto stmt = store.database().prepare(
      "INSERT INTO staff_attempts (terminal, name, at_ms, outcome) VALUES (?1, ?2, ?3, ?4)");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, terminal).bind(2, name).bind(3, at_ms).bind(4, outcome).run();
}

}  // namespace

Status check_staff_name(std::string_view name) {
  if (name.empty()) return fail("a staff name cannot be empty");
  if (name.size() > 64) return fail(fmt::format("a staff name has at most 64 bytes, \"{}\" has {}", name, name.size()));
  if (name.front() == ' ' || name.back() == ' ')
    return fail(fmt::format("the staff name \"{}\" starts or ends with a space", name));
  for (unsigned char c : name)
    if (c < 0x20 || c == 0x7F) return fail("a staff name cannot hold control characters");
  return {};
}

Status add_staff(Store& store, std::string_view name, StaffRole role, std::string_view pin, bool replace,
                 PinCost cost) {
  if (auto s = check_staff_name(name); !s) return s;
  if (auto s = check_pin_format(pin); !s) return s;
  auto hash = hash_pin(pin, cost);
  if (!hash) return std::unexpected(hash.error());
  return store.write([&]() -> Status {
    auto existing = staff_member(store, name);
    if (!existing) return std::unexpected(existing.error());
    if (*existing && !replace)
      return fail(fmt::format("there is already a staff member named \"{}\" (use --replace to give them a new "
                              "PIN or role)", name));
    auto stmt = store.database().prepare(
        "INSERT INTO staff (name, role, pin_hash, created_ms, updated_ms) VALUES (?1, ?2, ?3, ?4, ?4) "
        "ON CONFLICT (name) DO UPDATE SET role = excluded.role, pin_hash = excluded.pin_hash, "
        "updated_ms = excluded.updated_ms");
    if (!stmt) return std::unexpected(stmt.error());
    return stmt->bind(1, name).bind(2, to_string(role)).bind(3, *hash).bind(4, now_ms()).run();
  });
}

Result<bool> remove_staff(Store& store, std::string_view name) {
  return store.write([&]() -> Result<bool> {
    auto stmt = store.database().prepare("DELETE FROM staff WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    if (auto s = stmt->bind(1, name).run(); !s) return std::unexpected(s.error());
    return store.database().changes() > 0;
  });
}

Result<std::vector<StaffMember>> staff_members(Store& store) {
  auto stmt = store.database().prepare("SELECT name, role, created_ms, updated_ms FROM staff ORDER BY name");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->rows(read_member);
}

Result<std::optional<StaffMember>> staff_member(Store& store, std::string_view name) {
  auto stmt = store.database().prepare("SELECT name, role, created_ms, updated_ms FROM staff WHERE name = ?1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, name).first_row(read_member);
}

std::string_view to_string(PinOutcome outcome) {
  switch (outcome) {
    case PinOutcome::right: return "right";
    case PinOutcome::lockout: return "lockout";
    case PinOutcome::refused: return "refused";
    case PinOutcome::wrong: break;
  }
  return "wrong";
}

Result<PinGuard> pin_guard_of(Store& store, std::string_view terminal, std::int64_t now_ms, const PinPolicy& policy) {
  // The tries that still count: after the last right one, within forget_after_ms.
  auto stmt = store.database().prepare(
      "SELECT at_ms, outcome FROM staff_attempts WHERE terminal = ?1 AND at_ms > ?2 AND seq > "
      "coalesce((SELECT max(seq) FROM staff_attempts WHERE terminal = ?1 AND outcome = 'right'), 0) ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  auto rows = stmt->bind(1, terminal).bind(2, now_ms - policy.forget_after_ms).rows([](const sql::Statement& s) {
    return std::pair{s.integer(0), s.text(1)};
  });
  if (!rows) return std::unexpected(rows.error());
  PinGuard guard(policy);
  for (const auto& [at, outcome] : *rows)
    if (outcome == "wrong" || outcome == "lockout" || outcome == "unknown") guard.wrong(at);
  return guard;
}

Result<PinCheck> check_staff_pin(Store& store, std::string_view terminal, std::string_view name,
                                 std::string_view pin, std::int64_t now_ms, const PinPolicy& policy) {
  auto guard = pin_guard_of(store, terminal, now_ms, policy);
  if (!guard) return std::unexpected(guard.error());
  PinCheck check;
  if (!guard->allowed(now_ms)) {
    check.outcome = PinOutcome::refused;
    check.allowed_from_ms = guard->allowed_from_ms();
    check.locked = guard->locked_out(now_ms);
    if (auto s = log_attempt(store, terminal, name, now_ms, "refused"); !s) return std::unexpected(s.error());
    return check;
  }
  auto member = staff_member(store, name);
  if (!member) return std::unexpected(member.error());
  std::string hash;
  if (*member) {
    auto stmt = store.database().prepare("SELECT pin_hash FROM staff WHERE name = ?1");
    if (!stmt) return std::unexpected(stmt.error());
    auto row = stmt->bind(1, name).first_row([](const sql::Statement& s) { return s.text(0); });
    if (!row) return std::unexpected(row.error());
    hash = row->value_or("");
  }
  const bool right = *member && pin_matches(pin, hash);
  if (right) {
    check.outcome = PinOutcome::right;
    check.member = std::move(*member);
    if (auto s = log_attempt(store, terminal, name, now_ms, "right"); !s) return std::unexpected(s.error());
    return check;
  }
  const bool locked = guard->wrong(now_ms);
  check.outcome = locked ? PinOutcome::lockout : PinOutcome::wrong;
  check.allowed_from_ms = guard->allowed_from_ms();
  check.locked = locked;
  // A name nobody has is logged as such (a guesser may be trying names), and counts as wrong.
  const std::string_view logged = locked ? "lockout" : *member ? "wrong" : "unknown";
  if (auto s = log_attempt(store, terminal, name, now_ms, logged); !s) return std::unexpected(s.error());
  return check;
}

Result<std::vector<PinAttempt>> pin_attempts(Store& store, std::int64_t since_ms) {
  auto stmt = store.database().prepare(
      "SELECT terminal, name, at_ms, outcome FROM staff_attempts WHERE at_ms >= ?1 ORDER BY seq");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->bind(1, since_ms).rows([](const sql::Statement& s) {
    return PinAttempt{s.text(0), s.text(1), s.integer(2), s.text(3)};
  });
}

}  // namespace accueil
