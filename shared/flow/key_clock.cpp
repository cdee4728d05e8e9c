#include "shared/flow/key_clock.hpp"

#include <algorithm>

namespace accueil {

std::int64_t ServerKeyClock::unwrapped(std::uint32_t server_ms) const {
  // The signed 32-bit difference: a stamp just past the wrap is just after.
  const auto delta = static_cast<std::int32_t>(server_ms - m_last_server);
  return m_last_unwrapped + delta;
}

void ServerKeyClock::observe(std::uint32_t server_ms, std::int64_t read_ms) {
  if (!m_learnt) {
    m_learnt = true;
    m_last_server = server_ms;
    m_last_unwrapped = server_ms;
    m_last_read = read_ms;
    m_offset = read_ms - static_cast<std::int64_t>(server_ms);
    return;
  }
  const std::int64_t server = unwrapped(server_ms);
  // Drift allowance: up by 1 ms for each second since the last event read.
  const std::int64_t allowed = m_offset + std::max<std::int64_t>(0, read_ms - m_last_read) / 1000;
  m_offset = std::min(read_ms - server, allowed);
  if (server > m_last_unwrapped) {
    m_last_unwrapped = server;
    m_last_server = server_ms;
  }
  m_last_read = std::max(m_last_read, read_ms);
}

std::int64_t ServerKeyClock::local_ms(std::uint32_t server_ms) const {
  return std::min(unwrapped(server_ms) + m_offset, m_last_read);
}

}  // namespace accueil
