// The kiosk app: one full-screen SDL2 window drawn with Dear ImGui, the flow
// state machine, the keyboard-wedge and serial scanners, and the threads that
// do the slow work (the store, badge previews, the print queue).
#pragma once

#include <filesystem>
#include <memory>
#include <string>

#include "kiosk/app/config.hpp"
#include "shared/base/error.hpp"

namespace accueil::kiosk {

struct AppOptions {
  KioskConfig config;
  // Writes a PNG of each new screen here (NN-screen-language.png), and of
  // the current screen on SIGUSR1: for the end-to-end test and for people.
  std::filesystem::path screenshots;
  // Appends "<monotonic ms> <what> <detail>" lines: start, first frame, each
  // scan and screen. For the benchmark that drives the app.
  std::filesystem::path trace;
};

class App {
public:
  static Result<std::unique_ptr<App>> create(AppOptions options);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  // Runs until the window is closed or SIGTERM; returns the exit code.
  int run();

  struct Impl;

private:
  explicit App(std::unique_ptr<Impl> impl);
  std::unique_ptr<Impl> m_impl;
};

}  // namespace accueil::kiosk
