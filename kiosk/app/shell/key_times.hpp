// When each key was pressed, for the keyboard-wedge decoder, which tells a
// scanner's burst from a person's typing by the gaps between keys.
//
// SDL2 stamps a key event with SDL_GetTicks() when the app reads it from the
// display server (SDL_PushEvent), and the app reads only between frames: keys
// typed during a slow frame (a search over 100,000 names, a badge preview's
// texture) arrive together with one stamp, and a person's keys look like a
// scanner's. On X11 the server's own stamp of each key (XKeyEvent.time, set as
// the server received it) comes through SDL_SYSWMEVENT just before the key's
// SDL_KEYDOWN; it is mapped onto SDL's ticks (ServerKeyClock). Elsewhere (Wayland:
// SDL 2.26 passes no key times on) a key read after the app was away longer
// than a scanner's gap, or with two others at once, is marked read late, and
// the decoder does not judge it by its time.
#pragma once

#include <SDL.h>

#include <cstdint>
#include <optional>

#include "shared/flow/key_clock.hpp"

namespace accueil::kiosk {

class KeyTimes {
public:
  // `late_after_ms`: a key that may have waited longer than this in the queue
  // is read late (the decoder's largest gap inside a burst).
  explicit KeyTimes(std::int64_t late_after_ms = 35) : m_late_after_ms(late_after_ms) {}

  // After the window opened: on X11, asks SDL for the server's events.
  void start();
  // Reads the display's events into SDL's queue before the loop takes them:
  // notes whether the app was away long or keys came in a heap, and learns the
  // server's clock from the events read (the freshest first, before any key is judged).
  void pump();
  // A blocking wait returned `returned` (or nothing): the app was listening,
  // unless it was stopped meanwhile and keys came in a heap.
  void listened(const SDL_Event* returned);
  // Each event as the loop takes it. True for the server's copy of an event
  // (SDL_SYSWMEVENT): its time is noted, the loop does nothing else with it.
  bool take(const SDL_Event& event);

  struct KeyTime {
    std::int64_t at_ms = 0;  // SDL's ticks
    bool read_late = false;  // at_ms is only when the app read it
  };
  // When the key of this SDL_KEYDOWN was pressed.
  KeyTime of(const SDL_KeyboardEvent& key);

  // Whether the server's stamps are used (X11); for the trace.
  bool server_times() const { return m_x11; }

private:
  std::int64_t m_late_after_ms;
  bool m_x11 = false;
  ServerKeyClock m_clock;
  std::optional<std::uint32_t> m_pending;  // the server's stamp of the key SDL sends next
  std::int64_t m_last_pump_ms = 0;
  std::int64_t m_late_until_ms = -1;  // keys SDL stamped up to then may have waited
};

}  // namespace accueil::kiosk
