// The organisers' dashboard (accueil --dashboard): the event as it runs, at a
// glance, on a screen in the organisers' office. Read-only: no PIN to look,
// nothing to change; the only key switches the language of the labels (L).
// It polls its feed (feed.hpp) on a worker every half second: reading what is
// new costs a few small queries; the figures are rebuilt only when the list or
// the log moved (and every 30 s, for the rate and the projection).
#pragma once

#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "kiosk/app/modes/dashboard/feed.hpp"
#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "kiosk/app/shell/shell.hpp"

namespace accueil::kiosk {

class DashboardMode : public Mode {
public:
  // `languages`: those the labels cycle through (the first shown first);
  // `vip_sound`: chime when a VIP or delegation head arrives (chime.hpp).
  static std::unique_ptr<DashboardMode> create(std::unique_ptr<DashboardFeed> feed, std::vector<std::string> languages,
                                               bool vip_sound = false);
  virtual void start(const ShellServices& shell) = 0;

  static constexpr std::int64_t k_poll_ms = 500;
  static constexpr std::int64_t k_recompute_ms = 30'000;
};

// accueil --dashboard: the dashboard of the configuration's store, in the
// shell's window; the exit code. What is wrong with the store is said before
// a window opens; with a central list the window opens at once, whether
// central answers or not (it connects in the background, central_feed.cpp).
int run_dashboard(Shell& shell, const KioskConfig& config);

}  // namespace accueil::kiosk
