// Xlib's macros (Status, None, Bool...) stay in this file: SDL_syswm.h brings them.
#include "kiosk/app/shell/key_times.hpp"

#include <SDL_syswm.h>

#include <array>
#include <cstdlib>
#include <string_view>
#include <utility>

namespace accueil::kiosk {

namespace {

// The server's stamp of an X event that carries one.
std::optional<std::uint32_t> x11_time(const SDL_Event& event) {
  if (event.type != SDL_SYSWMEVENT || !event.syswm.msg || event.syswm.msg->subsystem != SDL_SYSWM_X11) return std::nullopt;
  const XEvent& x = event.syswm.msg->msg.x11.event;
  switch (x.type) {
    case KeyPress: case KeyRelease: return static_cast<std::uint32_t>(x.xkey.time);
    case ButtonPress: case ButtonRelease: return static_cast<std::uint32_t>(x.xbutton.time);
    case MotionNotify: return static_cast<std::uint32_t>(x.xmotion.time);
    case EnterNotify: case LeaveNotify: return static_cast<std::uint32_t>(x.xcrossing.time);
    case PropertyNotify: return static_cast<std::uint32_t>(x.xproperty.time);
    default: return std::nullopt;
  }
}

bool is_x11_key_press(const SDL_Event& event) {
  return event.type == SDL_SYSWMEVENT && event.syswm.msg && event.syswm.msg->subsystem == SDL_SYSWM_X11 &&
         event.syswm.msg->msg.x11.event.type == KeyPress;
}

std::int64_t ticks() { return static_cast<std::int64_t>(SDL_GetTicks64()); }

// Key presses waiting in SDL's queue.
int queued_keys() { return SDL_PeepEvents(nullptr, 0, SDL_PEEKEVENT, SDL_KEYDOWN, SDL_KEYDOWN); }

// This many keys read at once were not read as they came: a person's keys
// come one by one, and the loop reads a scanner's as fast as they come.
constexpr int k_heap = 3;

}  // namespace

void KeyTimes::start() {
  const char* driver = SDL_GetCurrentVideoDriver();
  m_x11 = driver && std::string_view(driver) == "x11";
  // Tests only: the times a display server that passes none on (Wayland) leaves.
  if (const char* forced = std::getenv("ACCUEIL_KEY_TIMES"); forced && std::string_view(forced) == "read") m_x11 = false;
  if (m_x11) SDL_EventState(SDL_SYSWMEVENT, SDL_ENABLE);
  m_last_pump_ms = ticks();
}

void KeyTimes::pump() {
  const bool away = ticks() - m_last_pump_ms > m_late_after_ms;
  const int queued = queued_keys();
  SDL_PumpEvents();
  m_last_pump_ms = ticks();
  // What this pump read may have waited that long, or came in a heap.
  if (away || queued_keys() - queued >= k_heap) m_late_until_ms = m_last_pump_ms;
  if (!m_x11) return;
  // Every stamp read so far, before the keys among them are judged: the
  // freshest (read the moment it came) pins the offset best.
  std::array<SDL_Event, 256> events;
  const int n = SDL_PeepEvents(events.data(), static_cast<int>(events.size()), SDL_PEEKEVENT, SDL_SYSWMEVENT, SDL_SYSWMEVENT);
  for (int i = 0; i < n; ++i)
    if (auto t = x11_time(events[static_cast<std::size_t>(i)])) m_clock.observe(*t, events[static_cast<std::size_t>(i)].syswm.timestamp);
}

void KeyTimes::listened(const SDL_Event* returned) {
  m_last_pump_ms = ticks();
  // The app may have been stopped inside the wait (SIGSTOP, a suspended
  // session): keys that came meanwhile are read together.
  const int keys = queued_keys() + (returned && returned->type == SDL_KEYDOWN ? 1 : 0);
  if (keys >= k_heap) m_late_until_ms = m_last_pump_ms;
}

bool KeyTimes::take(const SDL_Event& event) {
  if (event.type != SDL_SYSWMEVENT) return false;
  const auto t = x11_time(event);
  if (t) m_clock.observe(*t, event.syswm.timestamp);
  // SDL sends a KeyPress's SDL_KEYDOWN right after its copy; anything else between drops the stamp.
  m_pending = is_x11_key_press(event) ? t : std::nullopt;
  return true;
}

KeyTimes::KeyTime KeyTimes::of(const SDL_KeyboardEvent& key) {
  const auto pending = std::exchange(m_pending, std::nullopt);
  if (pending && m_clock.learnt()) return {m_clock.local_ms(*pending), false};
  const auto stamp = static_cast<std::int64_t>(key.timestamp);
  return {stamp, stamp <= m_late_until_ms};
}

}  // namespace accueil::kiosk
