#include "printer/transport/tcp_transport.hpp"

#include <fcntl.h>
#include <netdb.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cerrno>

#include <fmt/core.h>

#include "printer/transport/fd_io.hpp"

namespace accueil::printer {

using detail::errno_text;

TcpTransport::TcpTransport(std::string host, int port, TransportLimits limits)
    : m_host(std::move(host)), m_port(port), m_limits(limits) {}

TcpTransport::~TcpTransport() { close(); }

std::string TcpTransport::describe() const {
  const bool v6 = m_host.find(':') != std::string::npos;
  return v6 ? fmt::format("printer at TCP [{}]:{}", m_host, m_port) : fmt::format("printer at TCP {}:{}", m_host, m_port);
}

TransportStatus TcpTransport::open() {
  if (m_fd >= 0) return {};
  addrinfo hints{};
  hints.ai_family = AF_UNSPEC;
  hints.ai_socktype = SOCK_STREAM;
  addrinfo* found = nullptr;
  const std::string port = std::to_string(m_port);
  if (int rc = ::getaddrinfo(m_host.c_str(), port.c_str(), &hints, &found); rc != 0)
    return transport_fail(PrinterProblem::offline,
                          fmt::format("cannot find the printer's address {}: {}", m_host, ::gai_strerror(rc)));
  std::string last_error = "no address";
  for (addrinfo* a = found; a; a = a->ai_next) {
    int fd = ::socket(a->ai_family, a->ai_socktype | SOCK_NONBLOCK | SOCK_CLOEXEC, a->ai_protocol);
    if (fd < 0) {
      last_error = errno_text(errno);
      continue;
    }
    int rc = ::connect(fd, a->ai_addr, a->ai_addrlen);
    if (rc < 0 && errno == EINPROGRESS) {
      pollfd p{fd, POLLOUT, 0};
      int n;
      do n = ::poll(&p, 1, m_limits.connect_timeout_ms); while (n < 0 && errno == EINTR);
      if (n == 0) {
        last_error = fmt::format("no answer within {} s", m_limits.connect_timeout_ms / 1000.0);
        ::close(fd);
        continue;
      }
      int error = 0;
      socklen_t len = sizeof error;
      ::getsockopt(fd, SOL_SOCKET, SO_ERROR, &error, &len);
      rc = error ? -1 : 0;
      errno = error;
    }
    if (rc < 0) {
      last_error = errno_text(errno);
      ::close(fd);
      continue;
    }
    m_fd = fd;
    break;
  }
  ::freeaddrinfo(found);
  if (m_fd < 0)
    return transport_fail(PrinterProblem::offline, fmt::format("cannot connect to the {}: {}", describe(), last_error));
  return {};
}

TransportStatus TcpTransport::write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) {
  if (auto opened = open(); !opened) return opened;
  return detail::write_all(m_fd, bytes, m_limits, interrupt, describe(), true);
}

TransportResult<std::vector<std::uint8_t>> TcpTransport::read(std::size_t max_bytes, int timeout_ms) {
  if (auto opened = open(); !opened) return std::unexpected(opened.error());
  return detail::read_some(m_fd, max_bytes, timeout_ms, describe());
}

void TcpTransport::close() {
  if (m_fd < 0) return;
  ::shutdown(m_fd, SHUT_WR);
  // Read what the printer already sent: closing with unread data makes the
  // kernel reset the connection, and a reset may drop the end of the job on
  // the printer's side before it read it.
  std::uint8_t sink[512];
  while (::recv(m_fd, sink, sizeof sink, MSG_DONTWAIT) > 0) {
  }
  ::close(m_fd);
  m_fd = -1;
}

}  // namespace accueil::printer
