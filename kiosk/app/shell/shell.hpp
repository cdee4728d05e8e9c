// The app shell: one SDL2 window drawn with Dear ImGui, its fonts, the frame
// loop, the scanners (keyboard wedge and serial), screenshots (on each new
// screen, and on SIGUSR1) and the trace. What the window is for is a Mode
// (mode.hpp): the shell drives one.
//
//   auto shell = Shell::create(options);  // the trace, the clock; no window yet
//   ... load the mode's data, so that bad input is said before a window opens
//   shell->open_window();
//   mode->start(shell->services());
//   shell->run(*mode);                    // the mode is destroyed before the shell
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

struct ShellOptions {
  KioskConfig config;  // the screen, the scanners
  // Writes a PNG of each new screen here (NN-screen-language.png), and of
  // the current screen on SIGUSR1: for the end-to-end test and for people.
  std::filesystem::path screenshots;
  // Appends "<monotonic ms> <what> <detail>" lines: start, first frame, each
  // scan and screen. For the benchmark that drives the app.
  std::filesystem::path trace;
};

class Shell {
public:
  static Result<std::unique_ptr<Shell>> create(ShellOptions options);
  ~Shell();
  Shell(const Shell&) = delete;
  Shell& operator=(const Shell&) = delete;

  Trace& trace();
  const OffsetClock& clock() const;
  // Opens the window (and ImGui, the fonts); then services() can be lent.
  Status open_window();
  ShellServices services();

  // Runs `mode` until the window is closed or SIGTERM; returns the exit code.
  int run(Mode& mode);

  struct Impl;

private:
  explicit Shell(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace accueil::kiosk
