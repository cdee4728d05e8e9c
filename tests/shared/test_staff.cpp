// Staff PINs: Argon2id hashes only, the guard against guessing rebuilt from
// the store's log, and the PIN itself nowhere in the store's files.
#include <catch2/catch.hpp>

#include "fixtures.hpp"
#include "shared/base/files.hpp"
#include "shared/store/staff.hpp"

using namespace accueil;
using namespace accueil::testing;

namespace {

constexpr std::int64_t k_t0 = 1'796'284'620'000;  // 2026-12-03 08:57 Paris

std::string file_bytes(const std::filesystem::path& path) {
  auto bytes = read_file(path);
  REQUIRE(bytes);
  return *bytes;
}

}  // namespace

TEST_CASE("a PIN is 4 to 12 digits", "[staff]") {
  CHECK(check_pin_format("0000"));
  CHECK(check_pin_format("123456789012"));
  CHECK_FALSE(check_pin_format("123"));
  CHECK_FALSE(check_pin_format("1234567890123"));
  auto letters = check_pin_format("12a4");
  REQUIRE_FALSE(letters);
  CHECK(letters.error().message == "a PIN has only digits (0-9)");
}

TEST_CASE("the guard: waits 1, 2, 4, 8 s after wrong PINs, locks a minute at the fifth", "[staff]") {
  PinGuard guard;
  std::int64_t t = 1000;
  CHECK(guard.allowed(t));
  CHECK_FALSE(guard.wrong(t));
  CHECK(guard.allowed_from_ms() == t + 1000);
  CHECK_FALSE(guard.allowed(t + 999));
  t += 1000;
  CHECK_FALSE(guard.wrong(t));
  CHECK(guard.allowed_from_ms() == t + 2000);
  t += 2000;
  CHECK_FALSE(guard.wrong(t));
  CHECK(guard.allowed_from_ms() == t + 4000);
  t += 4000;
  CHECK_FALSE(guard.wrong(t));
  CHECK(guard.allowed_from_ms() == t + 8000);
  t += 8000;
  CHECK(guard.wrong(t));  // the fifth
  CHECK(guard.locked_out(t + 59'999));
  CHECK_FALSE(guard.allowed(t + 59'999));
  CHECK(guard.allowed(t + 60'000));
  // After the lockout the count starts again: one wrong PIN waits a second.
  CHECK_FALSE(guard.wrong(t + 60'000));
  CHECK(guard.allowed_from_ms() == t + 61'000);
  guard.right();
  CHECK(guard.allowed(t + 60'001));
  CHECK(guard.failures() == 0);
}

TEST_CASE("a staff PIN is stored as an Argon2id hash and the PIN appears nowhere in the store", "[staff]") {
  TempDir dir;
  const auto path = dir.path / "accueil.db";
  const std::string pin = "48151623";
  {
    auto store = Store::open(path);
    REQUIRE(store);
    REQUIRE(add_staff(*store, "Camille Martin", StaffRole::desk, pin));  // the real cost
    auto check = check_staff_pin(*store, "desk-1", "Camille Martin", pin, k_t0);
    REQUIRE(check);
    CHECK(check->outcome == PinOutcome::right);
    REQUIRE(check->member);
    CHECK(check->member->role == StaffRole::desk);
    auto hash = store->database().prepare("SELECT pin_hash FROM staff WHERE name = 'Camille Martin'");
    REQUIRE(hash);
    auto text = hash->first_row([](const sql::Statement& s) { return s.text(0); });
    REQUIRE(text);
    REQUIRE(*text);
    CHECK(is_argon2id_hash(**text));
    CHECK((*text)->starts_with("$argon2id$v=19$m=65536,t=2,p=1$"));
    CHECK((*text)->find(pin) == std::string::npos);
  }
  // The database, its write-ahead log and anything else beside it.
  int files = 0;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path)) {
    ++files;
    INFO(entry.path());
    CHECK(file_bytes(entry.path()).find(pin) == std::string::npos);
  }
  CHECK(files >= 1);
}

TEST_CASE("adding staff: names and PINs are checked, an existing name needs replace", "[staff]") {
  Store store = memory_store();
  REQUIRE(add_staff(store, "Léa", StaffRole::admin, "1234", false, PinCost::minimal()));
  auto again = add_staff(store, "Léa", StaffRole::desk, "5678", false, PinCost::minimal());
  REQUIRE_FALSE(again);
  CHECK(again.error().message.find("already a staff member named \"Léa\"") != std::string::npos);
  REQUIRE(add_staff(store, "Léa", StaffRole::desk, "5678", true, PinCost::minimal()));
  auto members = staff_members(store).value();
  REQUIRE(members.size() == 1);
  CHECK(members[0].role == StaffRole::desk);
  CHECK(check_staff_pin(store, "t", "Léa", "5678", k_t0)->outcome == PinOutcome::right);
  CHECK_FALSE(add_staff(store, " Léa", StaffRole::desk, "5678"));
  CHECK_FALSE(add_staff(store, "", StaffRole::desk, "5678"));
  CHECK_FALSE(add_staff(store, "Tom", StaffRole::desk, "12"));
  CHECK(staff_members(store)->size() == 1);
  CHECK(remove_staff(store, "Léa").value());
  CHECK_FALSE(remove_staff(store, "Léa").value());
  CHECK(staff_members(store)->empty());
}

TEST_CASE("wrong PINs: the terminal waits longer each time, locks for a minute at the fifth, all logged", "[staff]") {
  TempDir dir;
  auto store = Store::open(dir.path / "accueil.db");
  REQUIRE(store);
  REQUIRE(add_staff(*store, "Léa", StaffRole::desk, "2468", false, PinCost::minimal()));
  std::int64_t t = k_t0;
  auto attempt = [&](std::string_view name, std::string_view pin) {
    auto check = check_staff_pin(*store, "desk-1", name, pin, t);
    REQUIRE(check);
    return *check;
  };
  PinCheck c = attempt("Léa", "1111");
  CHECK(c.outcome == PinOutcome::wrong);
  CHECK(c.allowed_from_ms == t + 1000);
  // Too soon: not even checked, even the right PIN.
  t += 500;
  c = attempt("Léa", "2468");
  CHECK(c.outcome == PinOutcome::refused);
  CHECK_FALSE(c.locked);
  t += 500;
  CHECK(attempt("Léa", "1112").outcome == PinOutcome::wrong);
  t += 2000;
  CHECK(attempt("Nobody", "1113").outcome == PinOutcome::wrong);  // a name nobody has counts too
  t += 4000;
  CHECK(attempt("Léa", "1114").outcome == PinOutcome::wrong);
  t += 8000;
  c = attempt("Léa", "1115");
  CHECK(c.outcome == PinOutcome::lockout);
  CHECK(c.locked);
  CHECK(c.allowed_from_ms == t + 60'000);
  // A restarted app (a new connection) is locked out just the same.
  {
    auto other = Store::open(dir.path / "accueil.db");
    REQUIRE(other);
    auto during = check_staff_pin(*other, "desk-1", "Léa", "2468", t + 30'000);
    REQUIRE(during);
    CHECK(during->outcome == PinOutcome::refused);
    CHECK(during->locked);
    // Another terminal is not locked.
    CHECK(check_staff_pin(*other, "kiosk-2", "Léa", "2468", t + 30'000)->outcome == PinOutcome::right);
  }
  t += 60'000;
  c = attempt("Léa", "2468");
  CHECK(c.outcome == PinOutcome::right);
  CHECK(c.member->name == "Léa");
  // After a right PIN a wrong one waits only a second again.
  t += 1;
  CHECK(attempt("Léa", "0000").allowed_from_ms == t + 1000);

  auto log = pin_attempts(*store).value();
  std::vector<std::string> outcomes;
  for (const auto& a : log)
    if (a.terminal == "desk-1") outcomes.push_back(a.outcome);
  CHECK(outcomes == std::vector<std::string>{"wrong", "refused", "wrong", "unknown", "wrong", "lockout", "refused",
                                             "right", "wrong"});
  CHECK(log[3].name == "Nobody");
}

TEST_CASE("wrong PINs older than ten minutes no longer count", "[staff]") {
  Store store = memory_store();
  REQUIRE(add_staff(store, "Léa", StaffRole::desk, "2468", false, PinCost::minimal()));
  std::int64_t t = k_t0;
  for (int i = 0; i < 4; ++i, t += 20'000) REQUIRE(check_staff_pin(store, "d", "Léa", "9999", t)->outcome == PinOutcome::wrong);
  t += 600'000;
  auto c = check_staff_pin(store, "d", "Léa", "9999", t);
  CHECK(c->outcome == PinOutcome::wrong);  // not a lockout: the four before are forgotten
  CHECK(c->allowed_from_ms == t + 1000);
}
