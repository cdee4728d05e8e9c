#include "kiosk/app/shell/service_manager.hpp"

#include <systemd/sd-daemon.h>

#include <algorithm>
#include <cstdlib>

namespace accueil::kiosk {

ServiceManager::ServiceManager() {
  // Not sd_watchdog_enabled(): it wants $WATCHDOG_PID to be this process,
  // and under cage the service's main process is cage, which starts us (the
  // unit says NotifyAccess=all so that our pings count).
  const char* text = std::getenv("WATCHDOG_USEC");
  if (!text || !*text || !std::getenv("NOTIFY_SOCKET")) return;
  char* end = nullptr;
  const unsigned long long usec = std::strtoull(text, &end, 10);
  if (*end != '\0' || usec == 0) return;
  m_interval_ms = std::max<std::int64_t>(1, static_cast<std::int64_t>(usec / 2000));
}

void ServiceManager::ready() {
  if (m_ready) return;
  m_ready = true;
  sd_notify(0, "READY=1\nSTATUS=showing the first screen");
}

void ServiceManager::alive(std::int64_t now_ms) {
  if (m_interval_ms == 0) return;
  if (m_last_ping_ms >= 0 && now_ms - m_last_ping_ms < m_interval_ms) return;
  m_last_ping_ms = now_ms;
  sd_notify(0, "WATCHDOG=1");
}

std::optional<std::int64_t> ServiceManager::max_sleep_ms() const {
  if (m_interval_ms == 0) return std::nullopt;
  return m_interval_ms;
}

}  // namespace accueil::kiosk
