// The in-use lock beside a store: any number of users share it; whoever would
// delete the store gets it only when nobody else holds it, and is told who does.
#include <catch2/catch.hpp>

#include <sys/wait.h>
#include <unistd.h>

#include <string>

#include "fixtures.hpp"
#include "shared/store/store_in_use.hpp"

using namespace accueil;
using namespace accueil::testing;

TEST_CASE("store in use: shared by users, exclusive only when nobody holds it") {
  TempDir dir;
  const auto store = dir.path / "accueil.db";
  {
    auto first = StoreInUse::share(store);
    auto second = StoreInUse::share(store);
    REQUIRE(first);
    REQUIRE(second);  // a kiosk and its desk on one store
    auto taken = StoreInUse::take(store);
    REQUIRE_FALSE(taken);
    CHECK_THAT(taken.error().message, Catch::Contains("has the store") && Catch::Contains("accueil.db"));
  }
  auto taken = StoreInUse::take(store);
  REQUIRE(taken);
  CHECK_FALSE(StoreInUse::take(store));
  REQUIRE(taken->share_now());  // built: now a user like the others
  CHECK(StoreInUse::share(store));
}

TEST_CASE("store in use: the refusal names the process that holds it") {
  TempDir dir;
  const auto store = dir.path / "accueil.db";
  int ready[2], done[2];
  REQUIRE(::pipe(ready) == 0);
  REQUIRE(::pipe(done) == 0);
  const pid_t child = ::fork();
  REQUIRE(child >= 0);
  if (child == 0) {
    ::close(ready[0]);
    ::close(done[1]);  // or its own copy would keep the pipe open
    auto held = StoreInUse::share(store);
    char c = held ? 'y' : 'n';
    (void)!::write(ready[1], &c, 1);
    (void)!::read(done[0], &c, 1);  // until the parent closes its end
    ::_exit(0);
  }
  ::close(ready[1]);
  ::close(done[0]);
  char c = 0;
  REQUIRE(::read(ready[0], &c, 1) == 1);
  REQUIRE(c == 'y');
  auto taken = StoreInUse::take(store);
  REQUIRE_FALSE(taken);
  CHECK_THAT(taken.error().message, Catch::Contains("(pid " + std::to_string(child) + ")"));
  ::close(done[1]);
  int status = 0;
  ::waitpid(child, &status, 0);
  CHECK(StoreInUse::take(store));  // it ended: the system let go of its lock
  ::close(ready[0]);
}
