// Raw TCP printing ("port 9100", JetDirect/AppSocket): the printer takes the
// job's bytes on a socket; one connection per job. Zebra printers answer
// status queries (~HQES) on the same socket; Brother QL network models print
// from it but answer nothing there.
#pragma once

#include <string>

#include "printer/transport/transport.hpp"

namespace accueil::printer {

class TcpTransport final : public Transport {
public:
  TcpTransport(std::string host, int port, TransportLimits limits = {});
  ~TcpTransport() override;
  TcpTransport(const TcpTransport&) = delete;
  TcpTransport& operator=(const TcpTransport&) = delete;

  std::string describe() const override;
  // Connects within limits.connect_timeout_ms, trying each address of the host.
  TransportStatus open() override;
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) override;
  bool can_read() const override { return true; }
  TransportResult<std::vector<std::uint8_t>> read(std::size_t max_bytes, int timeout_ms) override;
  // Half-closes (the printer sees the end of the job), then closes.
  void close() override;

private:
  std::string m_host;
  int m_port;
  TransportLimits m_limits;
  int m_fd = -1;
};

}  // namespace accueil::printer
