#include "kiosk/app/shell/trace.hpp"

#include <ctime>

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
  m_out << fmt::format("{:.3f} {} {}\n", monotonic_ms(), what, detail) << std::flush;
}

}  // namespace accueil::kiosk
