#include <catch2/catch.hpp>

#include "shared/flow/key_clock.hpp"

using namespace accueil;

TEST_CASE("keys read together after a stall keep the server's gaps on the app's clock", "[wedge][clock]") {
  ServerKeyClock clock;
  CHECK_FALSE(clock.learnt());
  // Keys read as they came: the server's clock is 1,000,000 ms ahead of ours.
  clock.observe(1'000'000, 0);
  clock.observe(1'000'120, 120);
  CHECK(clock.learnt());
  CHECK(clock.local_ms(1'000'120) == 120);
  // Then the app was busy for 400 ms: five keys typed 50 ms apart read at once.
  const std::uint32_t typed[] = {1'000'300, 1'000'350, 1'000'400, 1'000'450, 1'000'500};
  for (std::uint32_t t : typed) clock.observe(t, 700);
  for (std::size_t i = 0; i < 5; ++i) CHECK(clock.local_ms(typed[i]) == 300 + 50 * static_cast<std::int64_t>(i));
}

TEST_CASE("the offset is learnt from the freshest event of a batch", "[wedge][clock]") {
  // The first events the app ever reads waited 300 ms; the last of the batch did not wait.
  ServerKeyClock clock;
  clock.observe(5'000, 400);
  clock.observe(5'050, 400);
  clock.observe(5'400, 401);  // read at once: the offset is -4999
  CHECK(clock.local_ms(5'000) == 1);
  CHECK(clock.local_ms(5'050) == 51);
}

TEST_CASE("the server's 32-bit stamp wraps without a jump", "[wedge][clock]") {
  ServerKeyClock clock;
  clock.observe(0xFFFF'FFF0u, 10'000);
  clock.observe(0x0000'0010u, 10'032);  // 32 ms later, past the wrap
  CHECK(clock.local_ms(0xFFFF'FFF0u) == 10'000);
  CHECK(clock.local_ms(0x0000'0010u) == 10'032);
  CHECK(clock.local_ms(0x0000'0000u) == 10'016);
}

TEST_CASE("a time is never later than the events read, and drift moves the offset slowly", "[wedge][clock]") {
  ServerKeyClock clock;
  clock.observe(1'000, 1'000);
  // An hour later the server's clock has lost 200 ms against ours: events
  // read at once look 200 ms late; the offset follows at 1 ms a second.
  clock.observe(3'601'000 - 200, 3'601'000);
  CHECK(clock.local_ms(3'601'000 - 200) == 3'601'000);
  // A key the server stamped 100 ms later, read 400 ms later (the app was
  // busy): the offset is not raised by the wait.
  clock.observe(3'601'000 - 100, 3'601'400);
  CHECK(clock.local_ms(3'601'000 - 100) == 3'601'100);
}
