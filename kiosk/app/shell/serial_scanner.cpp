#include "kiosk/app/shell/serial_scanner.hpp"

#include <fcntl.h>
#include <poll.h>
#include <termios.h>
#include <unistd.h>

#include <chrono>

#include "shared/flow/scan_lines.hpp"

namespace accueil::kiosk {

SerialScanner::SerialScanner(std::string device, std::function<void(std::string)> on_scan)
    : m_device(std::move(device)), m_on_scan(std::move(on_scan)), m_thread([this] { loop(); }) {}

SerialScanner::~SerialScanner() {
  m_stop = true;
  m_thread.join();  // the loop looks at m_stop at least every 200 ms
}

void SerialScanner::loop() {
  ScanLineReader lines;
  while (!m_stop) {
    int fd = ::open(m_device.c_str(), O_RDONLY | O_NOCTTY | O_NONBLOCK | O_CLOEXEC);
    if (fd < 0) {  // not plugged in (yet): look again shortly
      std::this_thread::sleep_for(std::chrono::milliseconds(200));
      continue;
    }
    termios tio{};
    if (::tcgetattr(fd, &tio) == 0) {  // a pty or a tty: raw bytes, no echo
      ::cfmakeraw(&tio);
      ::cfsetspeed(&tio, B9600);  // CDC-ACM ignores it; a real UART scanner is usually 9600
      ::tcsetattr(fd, TCSANOW, &tio);
    }
    lines.reset();
    while (!m_stop) {
      pollfd p{fd, POLLIN, 0};
      int ready = ::poll(&p, 1, 200);
      if (ready == 0) continue;
      if (ready < 0 || (p.revents & (POLLERR | POLLHUP | POLLNVAL))) break;  // unplugged
      char buf[512];
      ssize_t n = ::read(fd, buf, sizeof buf);
      if (n <= 0) break;
      for (std::string& code : lines.feed(std::string_view(buf, static_cast<std::size_t>(n))))
        m_on_scan(std::move(code));
    }
    ::close(fd);
  }
}

}  // namespace accueil::kiosk
