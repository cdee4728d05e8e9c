// A self-service kiosk with the reception desk's screens behind a gesture:
// the mode the shell drives on a kiosk whose store has staff. It owns the
// self-service mode and a desk (DeskMode, on_kiosk) and forwards the shell's
// calls to the one that has the window; both keep their own work running.
//
// Getting in: a press held 3 seconds in the top-left corner of the screen
// (DeskOptions::gesture_hold_ms; no attendee holds a bare corner that long,
// and a tap there does nothing), then a staff PIN. The PIN screen goes back to
// self-service after 30 s without input; the staff screens lock after 2
// minutes without input, and on "Verrouiller", back to self-service.
//
// Leaving: the window's close request (Alt+F4 through a window manager) is
// refused; the app catches Alt+F4, F11, Ctrl+Q and Ctrl+W and ignores them
// (Escape stays the kiosk's "back"); an admin quits from the staff screens
// ("Quitter l'application", which a desk PIN does not open).
#pragma once

#include <memory>

#include "kiosk/app/modes/desk/desk_mode.hpp"
#include "kiosk/app/modes/selfservice/selfservice.hpp"

namespace accueil::kiosk {

class KioskGate final : public Mode {
public:
  KioskGate(std::unique_ptr<SelfServiceMode> kiosk, std::unique_ptr<DeskMode> desk);
  ~KioskGate() override;
  void start(const ShellServices& shell);

  void on_scan(const std::string& code) override;
  void on_key(SDL_Scancode key) override;
  void on_key_with(SDL_Scancode key, KeyMods with) override;
  void tick() override;
  bool draw(const Frame& frame) override;
  void after_frame() override;
  std::string screen() const override;
  std::string screen_key() const override;
  bool ready_to_capture(double ms_on_screen) const override;
  bool animates() const override;
  std::optional<std::int64_t> next_wake_ms() const override;
  bool on_close_request() override;

  // The corner the gesture starts in, pixels from the top-left.
  static constexpr float k_corner_px = 120;

private:
  Mode& shown() const;

  std::unique_ptr<SelfServiceMode> m_kiosk;
  std::unique_ptr<DeskMode> m_desk;
  std::optional<ShellServices> m_services;
  bool m_pressing = false;      // a press began in the corner and goes on
  bool m_drew_desk = false;     // which one drew the last frame
};

}  // namespace accueil::kiosk
