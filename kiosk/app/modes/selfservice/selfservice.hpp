// The self-service kiosk: attendees scan their ticket or find their name,
// are checked in, and their badge prints. The first mode of the app shell
// (kiosk/app/shell/mode.hpp); its screens are views.*, its state machine is
// shared/flow/kiosk_flow.*.
#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>

#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

// How the central list's first pull is going (main.cpp reads it from the sync
// worker, shared/sync/sync_worker.hpp).
struct FirstPull {
  bool over = false;        // the list is here, or it cannot come now: the doors open
  std::string why_not;      // when over without the list: why (central unreachable...)
  std::int64_t done = 0;    // attendees pulled so far
  std::int64_t total = 0;   // at central (0: not known yet)
};

class SelfServiceMode : public Mode {
public:
  // Reads the event, its languages and the printer from the configuration
  // and the store: what is wrong there is said before a window opens.
  static Result<std::unique_ptr<SelfServiceMode>> load(KioskConfig config, const Clock& clock);
  // Once the window is open: the flow, and the threads that do the slow work
  // (the store, badge previews, "find my name", the print queue).
  virtual void start(const ShellServices& shell) = 0;
  // A kiosk with a central list (before start()): when its store has no
  // attendee yet, it shows "Loading the list..." with the pull's progress
  // until the list is here and indexed, or central cannot be reached (then it
  // opens anyway and says why in the log). Scans meanwhile are answered by
  // that screen only (traced "scan loading"): a code read before its row came
  // would be refused as unknown.
  virtual void follow_first_pull(std::function<FirstPull()> progress) = 0;
};

}  // namespace accueil::kiosk
