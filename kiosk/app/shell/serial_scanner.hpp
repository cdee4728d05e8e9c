// A barcode scanner on a serial line (USB CDC-ACM, /dev/ttyACM*): it sends
// each code as a line of text. A thread reads it and reopens the device when
// it is unplugged and plugged back.
#pragma once

#include <atomic>
#include <functional>
#include <string>
#include <thread>

namespace accueil::kiosk {

class SerialScanner {
public:
  // `on_scan` is called on the scanner's thread with each code read.
  SerialScanner(std::string device, std::function<void(std::string)> on_scan);
  ~SerialScanner();
  SerialScanner(const SerialScanner&) = delete;
  SerialScanner& operator=(const SerialScanner&) = delete;

private:
  void loop();

  std::string m_device;
  std::function<void(std::string)> m_on_scan;
  std::atomic<bool> m_stop{false};
  std::thread m_thread;
};

}  // namespace accueil::kiosk
