#include "kiosk/app/shell/trace.hpp"

#include <ctime>
#include <string>

#include <fmt/core.h>

namespace accueil::kiosk {

double monotonic_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

void Trace::open(const std::filesystem::path& path) {
  if (path.empty()) return;
  m_out.open(path, std::ios::app);
  m_enabled = true;
}

void Trace::log(std::string_view what, std::string_view detail) {
  std::lock_guard lock(m_mutex);
  if (!m_out) return;
  // One line per entry, whatever the detail holds (libpq's messages span lines).
  std::string one_line(detail);
  for (char& c : one_line)
    if (c == '\n' || c == '\r') c = ' ';
  m_out << fmt::format("{:.3f} {} {}\n", monotonic_ms(), what, one_line) << std::flush;
}

}  // namespace accueil::kiosk
