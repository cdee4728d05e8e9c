// The self-service kiosk: attendees scan their ticket or find their name,
// are checked in, and their badge prints. The first mode of the app shell
// (kiosk/app/shell/mode.hpp); its screens are views.*, its state machine is
// shared/flow/kiosk_flow.*.
#pragma once

#include <memory>

#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

class SelfServiceMode : public Mode {
public:
  // Reads the event, its languages and the printer from the configuration
  // and the store: what is wrong there is said before a window opens.
  static Result<std::unique_ptr<SelfServiceMode>> load(KioskConfig config, const Clock& clock);
  // Once the window is open: the flow, and the threads that do the slow work
  // (the store, badge previews, "find my name", the print queue).
  virtual void start(const ShellServices& shell) = 0;
};

}  // namespace accueil::kiosk
