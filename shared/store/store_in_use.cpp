#include "shared/store/store_in_use.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <sys/stat.h>
#include <sys/sysmacros.h>
#include <unistd.h>

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <fstream>
#include <sstream>

#include <fmt/core.h>
#include <fmt/std.h>

namespace accueil {

namespace fs = std::filesystem;

fs::path store_in_use_path(const fs::path& store) { return fs::path(store.string() + ".in-use"); }

std::vector<pid_t> flock_holders(const fs::path& file) {
  std::vector<pid_t> pids;
  struct stat st {};
  if (::stat(file.c_str(), &st) != 0) return pids;
  // Lines such as "3: FLOCK  ADVISORY  READ  1234 08:01:5678 0 EOF", the
  // device in hex; a waiter's line has "->" after the number.
  const std::string device = fmt::format("{:02x}:{:02x}:{}", major(st.st_dev), minor(st.st_dev), st.st_ino);
  std::ifstream locks("/proc/locks");
  std::string line;
  while (std::getline(locks, line)) {
    std::istringstream fields(line);
    std::string number, kind, advisory, mode, where;
    long pid = 0;
    if (!(fields >> number >> kind) || kind != "FLOCK") continue;
    if (!(fields >> advisory >> mode >> pid >> where) || where != device) continue;
    if (pid > 0 && pid != ::getpid()) pids.push_back(static_cast<pid_t>(pid));
  }
  return pids;
}

StoreInUse& StoreInUse::operator=(StoreInUse&& other) noexcept {
  if (this != &other) {
    if (m_fd >= 0) ::close(m_fd);
    m_fd = std::exchange(other.m_fd, -1);
  }
  return *this;
}

StoreInUse::~StoreInUse() {
  if (m_fd >= 0) ::close(m_fd);  // the system lets go of the flock
}

Result<StoreInUse> StoreInUse::share(const fs::path& store) {
  if (store.empty() || store == ":memory:") return StoreInUse();
  const fs::path path = store_in_use_path(store);
  int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  // A store in a folder this process cannot write (a dashboard's read-only
  // copy): nothing here can guard it, and it is not ours to delete either.
  if (fd < 0) return StoreInUse();
  StoreInUse held(fd);
  while (::flock(fd, LOCK_SH) != 0)
    if (errno != EINTR) return fail(fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
  return held;
}

Result<StoreInUse> StoreInUse::take(const fs::path& store) {
  const fs::path path = store_in_use_path(store);
  const int fd = ::open(path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (fd < 0) return fail(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  StoreInUse held(fd);
  if (::flock(fd, LOCK_EX | LOCK_NB) == 0) return held;
  if (errno != EWOULDBLOCK) return fail(fmt::format("cannot lock {}: {}", path, std::strerror(errno)));
  std::string pids;
  for (pid_t pid : flock_holders(path)) pids += fmt::format("{}{}", pids.empty() ? "" : ", ", pid);
  return fail(fmt::format("an accueil{} has the store {} open", pids.empty() ? "" : fmt::format(" (pid {})", pids),
                          store));
}

Status StoreInUse::share_now() {
  if (m_fd >= 0 && ::flock(m_fd, LOCK_SH) != 0) return fail(fmt::format("cannot share a store's lock: {}", std::strerror(errno)));
  return {};
}

}  // namespace accueil
