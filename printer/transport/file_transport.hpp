// Two transports over file descriptors: a plain file (or a folder, one file
// per job), for tests and for keeping what a printer would have received;
// and a usblp device node (/dev/usb/lp0), the kernel's USB printer driver.
#pragma once

#include <filesystem>
#include <string>

#include "printer/transport/transport.hpp"

namespace accueil::printer {

// `file:PATH`. A job is appended to PATH; when PATH is a folder, each job
// that writes something (open() to close()) gets a file of its own in it,
// named job-<n>.prn with n one more than the largest there. PATH is a folder
// when it ends with '/' or is one when the transport is made: such a folder
// missing later is printer trouble ("offline", saying so), never a plain file
// made in its place.

class FileTransport final : public Transport {
public:
  explicit FileTransport(std::filesystem::path path, TransportLimits limits = {});
  ~FileTransport() override;
  FileTransport(const FileTransport&) = delete;
  FileTransport& operator=(const FileTransport&) = delete;

  std::string describe() const override;
  TransportStatus open() override;
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) override;
  void close() override;

private:
  TransportStatus open_file(const std::filesystem::path& target, int mode);

  std::filesystem::path m_path;
  TransportLimits m_limits;
  bool m_folder = false;  // jobs go to files of their own in m_path
  int m_fd = -1;
};

// `lp:/dev/usb/lpN`: writes with poll() so that a printer that stops taking
// data is noticed (stall timeout) instead of blocking forever; reads replies
// when the device was opened for reading; reports the IEEE 1284 status lines
// (paper out, not selected, error) that usblp gives with LPGETSTATUS.
class LpTransport final : public Transport {
public:
  explicit LpTransport(std::filesystem::path device, TransportLimits limits = {});
  ~LpTransport() override;
  LpTransport(const LpTransport&) = delete;
  LpTransport& operator=(const LpTransport&) = delete;

  std::string describe() const override;
  TransportStatus open() override;
  TransportStatus write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) override;
  bool can_read() const override { return m_fd >= 0 && m_readable; }
  TransportResult<std::vector<std::uint8_t>> read(std::size_t max_bytes, int timeout_ms) override;
  void close() override;
  PrinterState line_status() override;

private:
  std::filesystem::path m_device;
  TransportLimits m_limits;
  int m_fd = -1;
  bool m_readable = false;
};

// The IEEE 1284 status byte (LPGETSTATUS) in the common vocabulary. Bits:
// 0x20 paper out (set: out), 0x10 selected (clear: offline), 0x08 error
// (active low: clear means an error).
PrinterState state_from_lp_status(int status_byte);

}  // namespace accueil::printer
