// Which processes use a store file, so that nothing deletes or replaces it
// under them: each holds a shared flock on `<store>.in-use` beside it for its
// life, and whoever would delete the store takes it exclusive first.
//
// A file of its own, not the store itself: SQLite locks the store with POSIX
// fcntl locks, which a process loses when it closes any descriptor of that
// file (so a second descriptor opened for flock would be a hazard), and which
// flock emulates on NFS. The lock file is never deleted: a new one would let
// a newcomer in beside a holder of the old.
#pragma once

#include <sys/types.h>

#include <filesystem>
#include <string>
#include <utility>
#include <vector>

#include "shared/base/error.hpp"

namespace accueil {

class StoreInUse {
public:
  StoreInUse() = default;  // holds nothing
  StoreInUse(StoreInUse&& other) noexcept : m_fd(std::exchange(other.m_fd, -1)) {}
  StoreInUse& operator=(StoreInUse&& other) noexcept;
  ~StoreInUse();

  // A shared hold for a process that keeps the store open. Waits while
  // someone holds it exclusive (a demo being built: seconds). In a folder
  // this process may not write, and for ":memory:", holds nothing.
  static Result<StoreInUse> share(const std::filesystem::path& store);
  // An exclusive hold, without waiting: fails when any process holds it,
  // saying which (pids, when /proc/locks tells).
  static Result<StoreInUse> take(const std::filesystem::path& store);
  // From exclusive to shared: the store is built, now it is used.
  Status share_now();

private:
  explicit StoreInUse(int fd) : m_fd(fd) {}
  int m_fd = -1;
};

std::filesystem::path store_in_use_path(const std::filesystem::path& store);

// The processes holding an flock on `file` (from /proc/locks), this one left out.
std::vector<pid_t> flock_holders(const std::filesystem::path& file);

}  // namespace accueil
