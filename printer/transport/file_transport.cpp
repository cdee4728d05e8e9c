#include "printer/transport/file_transport.hpp"

#include <fcntl.h>
#include <linux/lp.h>
#include <sys/ioctl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>

#include <fmt/core.h>
#include <fmt/std.h>

#include "printer/transport/fd_io.hpp"

namespace accueil::printer {

namespace fs = std::filesystem;
using detail::errno_text;

namespace {

// The next job-<n>.prn in `folder`: n is one more than the largest there.
fs::path next_job_file(const fs::path& folder) {
  long largest = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    if (!name.starts_with("job-") || !name.ends_with(".prn")) continue;
    long n = 0;
    const char* first = name.data() + 4;
    const char* last = name.data() + name.size() - 4;
    if (std::from_chars(first, last, n).ptr == last) largest = std::max(largest, n);
  }
  return folder / fmt::format("job-{}.prn", largest + 1);
}

}  // namespace

// --- FileTransport ---------------------------------------------------------------------

FileTransport::FileTransport(fs::path path, TransportLimits limits) : m_path(std::move(path)), m_limits(limits) {
  std::error_code ec;
  m_folder = !m_path.has_filename() || fs::is_directory(m_path, ec);
}
FileTransport::~FileTransport() { close(); }

std::string FileTransport::describe() const { return fmt::format("file {}", m_path); }

TransportStatus FileTransport::open() {
  if (m_fd >= 0) return {};
  std::error_code ec;
  if (m_folder && !fs::is_directory(m_path, ec)) {
    // Gone, or never made: jobs appended to a file of that name would look
    // printed and be lost among each other.
    return transport_fail(PrinterProblem::offline,
                          fmt::format("the folder {} the badges go to does not exist (or is not a folder)", m_path));
  }
  if (m_folder) {
    // A folder: each job gets a file of its own, made by its first byte, so
    // that a status check (open, ask, close) leaves no empty job behind.
    if (::access(m_path.c_str(), W_OK) != 0) {
      const int error = errno;
      return transport_fail(detail::problem_of_errno(error), fmt::format("cannot write in {}: {}", m_path, errno_text(error)));
    }
    return {};
  }
  return open_file(m_path, O_APPEND);
}

TransportStatus FileTransport::open_file(const fs::path& target, int mode) {
  m_fd = ::open(target.c_str(), O_WRONLY | O_CREAT | O_CLOEXEC | mode, 0644);
  if (m_fd < 0) {
    const int error = errno;
    return transport_fail(detail::problem_of_errno(error), fmt::format("cannot open {}: {}", target, errno_text(error)));
  }
  return {};
}

TransportStatus FileTransport::write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) {
  if (auto opened = open(); !opened) return opened;
  // O_EXCL for a folder's job file: two jobs never share one.
  if (m_fd < 0)
    if (auto made = open_file(next_job_file(m_path), O_EXCL); !made) return made;
  return detail::write_all(m_fd, bytes, m_limits, interrupt, describe());
}

void FileTransport::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
}

// --- LpTransport -----------------------------------------------------------------------

LpTransport::LpTransport(fs::path device, TransportLimits limits) : m_device(std::move(device)), m_limits(limits) {}
LpTransport::~LpTransport() { close(); }

std::string LpTransport::describe() const { return fmt::format("printer device {}", m_device); }

TransportStatus LpTransport::open() {
  if (m_fd >= 0) return {};
  // Read and write when the device allows it (status replies come back on
  // the same node); write only otherwise. Non-blocking: poll() waits.
  m_fd = ::open(m_device.c_str(), O_RDWR | O_NONBLOCK | O_CLOEXEC);
  m_readable = m_fd >= 0;
  if (m_fd < 0 && (errno == EACCES || errno == EROFS || errno == EISDIR))
    m_fd = ::open(m_device.c_str(), O_WRONLY | O_NONBLOCK | O_CLOEXEC);
  if (m_fd < 0) {
    const int error = errno;
    if (error == ENOENT || error == ENODEV || error == ENXIO)
      return transport_fail(PrinterProblem::offline,
                            fmt::format("{} does not exist: is the printer plugged in and switched on?", m_device));
    return transport_fail(detail::problem_of_errno(error), fmt::format("cannot open {}: {}", m_device, errno_text(error)));
  }
  struct stat st {};
  // A regular file stands in for a device in tests: nothing to read back.
  if (::fstat(m_fd, &st) == 0 && !S_ISCHR(st.st_mode)) m_readable = false;
  return {};
}

TransportStatus LpTransport::write(std::span<const std::uint8_t> bytes, const Interrupt& interrupt) {
  if (auto opened = open(); !opened) return opened;
  auto written = detail::write_all(m_fd, bytes, m_limits, interrupt, describe());
  if (!written && (written.error().message.find(errno_text(ENODEV)) != std::string::npos))
    written.error().message = fmt::format("{} was unplugged after {} of {} bytes", describe(),
                                          written.error().bytes_sent, bytes.size());
  return written;
}

TransportResult<std::vector<std::uint8_t>> LpTransport::read(std::size_t max_bytes, int timeout_ms) {
  if (!can_read()) return std::vector<std::uint8_t>{};
  return detail::read_some(m_fd, max_bytes, timeout_ms, describe());
}

void LpTransport::close() {
  if (m_fd >= 0) ::close(m_fd);
  m_fd = -1;
  m_readable = false;
}

PrinterState LpTransport::line_status() {
  const bool was_open = m_fd >= 0;
  if (auto opened = open(); !opened) {
    PrinterState state;
    state.add(opened.error().problem, opened.error().message);
    return state;
  }
  int status = 0;
  PrinterState state;
  struct stat st {};
  if (::fstat(m_fd, &st) == 0 && S_ISCHR(st.st_mode) && ::ioctl(m_fd, LPGETSTATUS, &status) == 0)
    state = state_from_lp_status(status);
  if (!was_open) close();
  return state;
}

PrinterState state_from_lp_status(int status) {
  PrinterState state;
  if (status & LP_POUTPA) state.add(PrinterProblem::media_empty, "IEEE 1284 status: paper out");
  if (!(status & LP_PSELECD)) state.add(PrinterProblem::offline, "IEEE 1284 status: not selected (offline)");
  if (!(status & LP_PERRORP) && state.issues.empty())
    state.add(PrinterProblem::other, "IEEE 1284 status: error");
  return state;
}

}  // namespace accueil::printer
