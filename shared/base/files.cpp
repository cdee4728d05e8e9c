#include "shared/base/files.hpp"

#include <fcntl.h>
#include <unistd.h>

#include <cerrno>
#include <cstdlib>
#include <cstring>
#include <fstream>

#include <fmt/core.h>
#include <fmt/std.h>

namespace accueil {

Result<std::string> read_file(const std::filesystem::path& path) {
  std::error_code ec;
  if (std::filesystem::is_directory(path, ec))
    return fail(fmt::format("cannot read {}: it is a directory", path));
  std::ifstream in(path, std::ios::binary);
  if (!in) return fail(fmt::format("cannot open {}: {}", path, std::strerror(errno)));
  std::string content;
  in.seekg(0, std::ios::end);
  auto size = in.tellg();
  if (size > 0) {
    content.resize(static_cast<std::size_t>(size));
    in.seekg(0);
    in.read(content.data(), size);
  }
  if (!in && !in.eof()) return fail(fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  return content;
}

std::filesystem::path assets_dir() {
  namespace fs = std::filesystem;
  if (const char* env = std::getenv("ACCUEIL_ASSETS"); env && *env) return env;
  std::error_code ec;
  const fs::path exe = fs::read_symlink("/proc/self/exe", ec);
  if (!ec) {
    // build/bin/program -> assets/ of the source tree; /usr/bin/program -> /usr/share/accueil/assets
    for (const fs::path& candidate : {exe.parent_path() / "../../assets", exe.parent_path() / "../share/accueil/assets"})
      if (fs::is_directory(candidate / "badges", ec)) return fs::weakly_canonical(candidate, ec);
  }
  return fs::path(ACCUEIL_SOURCE_DIR) / "assets";
}

Status write_file(const std::filesystem::path& path, std::string_view content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  if (!out) return fail(fmt::format("cannot create {}: {}", path, std::strerror(errno)));
  out.write(content.data(), static_cast<std::streamsize>(content.size()));
  out.close();
  if (!out) return fail(fmt::format("cannot write {}: {}", path, std::strerror(errno)));
  return {};
}

Status write_file_atomic(const std::filesystem::path& path, std::string_view content, unsigned mode) {
  std::filesystem::path tmp = path;
  tmp += fmt::format(".tmp{}", ::getpid());
  int fd = ::open(tmp.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, mode);
  if (fd < 0) return fail(fmt::format("cannot create {}: {}", tmp, std::strerror(errno)));
  const char* p = content.data();
  std::size_t left = content.size();
  while (left > 0) {
    ssize_t n = ::write(fd, p, left);
    if (n < 0) {
      if (errno == EINTR) continue;
      int err = errno;
      ::close(fd);
      ::unlink(tmp.c_str());
      return fail(fmt::format("cannot write {}: {}", path, std::strerror(err)));
    }
    p += n;
    left -= static_cast<std::size_t>(n);
  }
  if (::fsync(fd) != 0 || ::close(fd) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return fail(fmt::format("cannot write {}: {}", path, std::strerror(err)));
  }
  if (::rename(tmp.c_str(), path.c_str()) != 0) {
    int err = errno;
    ::unlink(tmp.c_str());
    return fail(fmt::format("cannot replace {}: {}", path, std::strerror(err)));
  }
  return {};
}

}  // namespace accueil
