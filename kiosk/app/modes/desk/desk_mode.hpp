// The reception desk (accueil --desk): staff screens behind a PIN, a peer of
// the self-service mode under the app shell. Its state machine is
// shared/flow/desk_flow.*; this draws DeskFlow::state() and performs its
// effects on a store worker (PIN checks, staff actions, print requests put in
// the store's print queue for the desk's printer).
#pragma once

#include <memory>

#include "kiosk/app/setup/config.hpp"
#include "kiosk/app/shell/mode.hpp"
#include "shared/base/error.hpp"
#include "shared/domain/clock.hpp"

namespace accueil::kiosk {

class DeskMode : public Mode {
public:
  // Reads the event and the staff from the configuration's store: what is
  // wrong there (no staff yet) is said before a window opens.
  // `on_kiosk`: staff screens inside a self-service kiosk (kiosk_gate.hpp):
  // closed until the corner gesture and a PIN, closed again on lock or idle.
  static Result<std::unique_ptr<DeskMode>> load(KioskConfig config, const Clock& clock, bool on_kiosk = false);
  virtual void start(const ShellServices& shell) = 0;
  // On a kiosk: whether the staff screens (the PIN screen or after) have the window.
  virtual bool showing() const = 0;
  // On a kiosk: the press in the corner began (true) or ended (false).
  virtual void corner(bool pressed) = 0;
};

}  // namespace accueil::kiosk
