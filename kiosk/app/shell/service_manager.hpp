// systemd's service manager, when the app runs as a service of it
// (deploy/appliance/systemd): READY=1 once the first frame is on screen, and
// WATCHDOG=1 from the frame loop, so that a UI thread stuck for longer than the
// unit's WatchdogSec= gets the app killed and restarted. Outside systemd
// ($NOTIFY_SOCKET unset) every call does nothing.
#pragma once

#include <cstdint>
#include <optional>

namespace accueil::kiosk {

class ServiceManager {
public:
  ServiceManager();  // reads $WATCHDOG_USEC and $NOTIFY_SOCKET

  // The first frame is on screen: the service is up (Type=notify units).
  void ready();
  // The frame loop went round: pings the watchdog when half its interval
  // passed since the last ping. `now_ms` is a monotonic clock.
  void alive(std::int64_t now_ms);
  // The longest the frame loop may sleep and still ping in time; none without a watchdog.
  std::optional<std::int64_t> max_sleep_ms() const;

private:
  std::int64_t m_interval_ms = 0;  // half the watchdog's timeout; 0: no watchdog
  std::int64_t m_last_ping_ms = -1;
  bool m_ready = false;
};

}  // namespace accueil::kiosk
