#include "kiosk/app/modes/desk/kiosk_gate.hpp"

#include <algorithm>

#include "kiosk/app/shell/trace.hpp"

namespace accueil::kiosk {

KioskGate::KioskGate(std::unique_ptr<SelfServiceMode> kiosk, std::unique_ptr<DeskMode> desk)
    : m_kiosk(std::move(kiosk)), m_desk(std::move(desk)) {}

// The desk first: its threads post to the UI queue, as the kiosk's do.
KioskGate::~KioskGate() {
  m_desk.reset();
  m_kiosk.reset();
}

void KioskGate::start(const ShellServices& shell) {
  m_services.emplace(shell);
  m_kiosk->start(shell);
  m_desk->start(shell);
}

Mode& KioskGate::shown() const {
  if (m_desk->showing()) return *m_desk;
  return *m_kiosk;
}

void KioskGate::on_scan(const std::string& code) { shown().on_scan(code); }

void KioskGate::on_key(SDL_Scancode key) {
  const SDL_Keymod now = SDL_GetModState();
  on_key_with(key, KeyMods{.shift = (now & KMOD_SHIFT) != 0, .ctrl = (now & KMOD_CTRL) != 0,
                           .altgr = (now & KMOD_RALT) != 0});
}

void KioskGate::on_key_with(SDL_Scancode key, KeyMods with) {
  // What would leave or close a window elsewhere does nothing here. Ctrl comes
  // with the key (the shell hands a person's keys over late, when Shift or Ctrl
  // may be up already); Alt is never held back, so it is read now.
  const bool ctrl = with.ctrl || (SDL_GetModState() & KMOD_CTRL) != 0;
  const bool alt = (SDL_GetModState() & KMOD_ALT) != 0;
  if (key == SDL_SCANCODE_F11 || (alt && key == SDL_SCANCODE_F4) || (alt && key == SDL_SCANCODE_TAB) ||
      (ctrl && (key == SDL_SCANCODE_Q || key == SDL_SCANCODE_W))) {
    m_services->trace.log("key_ignored", SDL_GetScancodeName(key));
    return;
  }
  // With its modifiers, or the desk's screens type "jean" for "Jean".
  shown().on_key_with(key, with);
}

void KioskGate::tick() {
  m_kiosk->tick();  // its timers and workers go on under the staff screens
  m_desk->tick();   // the gesture's hold, the idle lock
}

bool KioskGate::draw(const Frame& frame) {
  // The corner gesture, on the self-service screens only: a press that
  // starts in the corner and is held (the desk's flow times it).
  if (!m_desk->showing()) {
    const ImGuiIO& io = ImGui::GetIO();
    if (ImGui::IsMouseClicked(0) && io.MouseClickedPos[0].x < k_corner_px && io.MouseClickedPos[0].y < k_corner_px) {
      m_pressing = true;
      m_desk->corner(true);
      m_services->trace.log("corner", "pressed");
    }
  }
  if (m_pressing && !ImGui::IsMouseDown(0)) {
    m_pressing = false;
    m_desk->corner(false);
  }
  m_drew_desk = m_desk->showing();
  return shown().draw(frame);
}

void KioskGate::after_frame() {
  if (m_drew_desk) m_desk->after_frame();
  else m_kiosk->after_frame();
}

std::string KioskGate::screen() const {
  return m_desk->showing() ? "desk-" + m_desk->screen() : m_kiosk->screen();
}
std::string KioskGate::screen_key() const { return shown().screen_key(); }
bool KioskGate::ready_to_capture(double ms_on_screen) const { return shown().ready_to_capture(ms_on_screen); }
bool KioskGate::animates() const { return shown().animates(); }

std::optional<std::int64_t> KioskGate::next_wake_ms() const {
  auto a = m_kiosk->next_wake_ms();
  auto b = m_desk->next_wake_ms();
  if (!a) return b;
  if (!b) return a;
  return std::min(*a, *b);
}

bool KioskGate::on_close_request() {
  m_services->trace.log("close", "refused: an admin quits from the staff screens");
  return false;
}

}  // namespace accueil::kiosk
