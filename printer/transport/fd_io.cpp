#include "printer/transport/fd_io.hpp"

#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>
#include <chrono>
#include <system_error>

#include <fmt/core.h>

namespace accueil::printer::detail {

namespace {

std::int64_t steady_ms() {
  using namespace std::chrono;
  return duration_cast<milliseconds>(steady_clock::now().time_since_epoch()).count();
}

// Waits up to `timeout_ms` for `events` on `fd`. Returns the revents, 0 on
// timeout, -1 with errno on failure.
int wait_for(int fd, short events, int timeout_ms) {
  pollfd p{fd, events, 0};
  for (;;) {
    int n = ::poll(&p, 1, timeout_ms);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return n;
    return p.revents;
  }
}

}  // namespace

std::string errno_text(int error) { return std::system_category().message(error); }

PrinterProblem problem_of_errno(int error) {
  switch (error) {
    case ENOSPC:
    case EDQUOT:
    case EACCES:
    case EPERM:
    case EROFS: return PrinterProblem::other;  // nothing a printer can fix: disk full, permissions
    default: return PrinterProblem::offline;   // gone, unplugged, refused, reset, timed out
  }
}

TransportStatus write_all(int fd, std::span<const std::uint8_t> bytes, const TransportLimits& limits,
                          const Interrupt& interrupt, std::string_view what, bool is_socket) {
  std::size_t sent = 0;
  std::int64_t last_progress = steady_ms();
  while (sent < bytes.size()) {
    if (interrupt && interrupt()) return transport_fail(PrinterProblem::none, fmt::format("{}: stopped", what), sent);
    const int left_ms = static_cast<int>(limits.stall_timeout_ms - (steady_ms() - last_progress));
    if (left_ms <= 0)
      return transport_fail(PrinterProblem::offline,
                            fmt::format("{} took no data for {} s after {} of {} bytes: it is stuck or gone", what,
                                        limits.stall_timeout_ms / 1000.0, sent, bytes.size()),
                            sent);
    // Poll in short slices so that an interrupt is noticed while the printer is busy.
    const int ready = wait_for(fd, POLLOUT, std::min(left_ms, 200));
    if (ready < 0) return transport_fail(problem_of_errno(errno), fmt::format("{}: {}", what, errno_text(errno)), sent);
    if (ready == 0) continue;
    if (ready & (POLLERR | POLLHUP | POLLNVAL)) {
      // The error itself comes with the write below; a hang-up has none.
      if (!(ready & POLLOUT) && (ready & POLLHUP))
        return transport_fail(PrinterProblem::offline,
                              fmt::format("{} closed the connection after {} of {} bytes", what, sent, bytes.size()),
                              sent);
    }
    const std::size_t chunk = std::min(limits.chunk_bytes, bytes.size() - sent);
    const ssize_t n = is_socket ? ::send(fd, bytes.data() + sent, chunk, MSG_NOSIGNAL)
                                : ::write(fd, bytes.data() + sent, chunk);
    if (n < 0) {
      if (errno == EINTR || errno == EAGAIN) continue;
      const int error = errno;
      return transport_fail(problem_of_errno(error),
                            fmt::format("{}: {} after {} of {} bytes", what, errno_text(error), sent, bytes.size()),
                            sent);
    }
    if (n > 0) {
      sent += static_cast<std::size_t>(n);
      last_progress = steady_ms();
    }
  }
  return {};
}

TransportResult<std::vector<std::uint8_t>> read_some(int fd, std::size_t max_bytes, int timeout_ms,
                                                     std::string_view what) {
  std::vector<std::uint8_t> out(max_bytes);
  const int ready = wait_for(fd, POLLIN, timeout_ms);
  if (ready < 0) return transport_fail(problem_of_errno(errno), fmt::format("{}: {}", what, errno_text(errno)));
  if (ready == 0) return std::vector<std::uint8_t>{};
  for (;;) {
    const ssize_t n = ::read(fd, out.data(), out.size());
    if (n < 0 && errno == EINTR) continue;
    if (n < 0 && errno == EAGAIN) return std::vector<std::uint8_t>{};
    if (n < 0) return transport_fail(problem_of_errno(errno), fmt::format("{}: {}", what, errno_text(errno)));
    if (n == 0) return transport_fail(PrinterProblem::offline, fmt::format("{} closed the connection", what));
    out.resize(static_cast<std::size_t>(n));
    return out;
  }
}

}  // namespace accueil::printer::detail
