// The trace file (accueil --trace FILE): "<monotonic ms> <what> <detail>"
// lines (start, first frame, each scan, screen and decision) that the
// end-to-end tests and the kiosk benchmark read. Nothing when no file is given.
#pragma once

#include <filesystem>
#include <fstream>
#include <mutex>
#include <string_view>

namespace accueil::kiosk {

// CLOCK_MONOTONIC in milliseconds: the trace's time, and the shell's timers.
double monotonic_ms();

class Trace {
public:
  void open(const std::filesystem::path& path);
  bool enabled() const { return m_enabled; }
  // Any thread.
  void log(std::string_view what, std::string_view detail = {});

private:
  bool m_enabled = false;
  std::mutex m_mutex;
  std::ofstream m_out;
};

}  // namespace accueil::kiosk
