// When a key was pressed, on the app's clock, from the display server's own
// stamp. SDL2 stamps a key event with SDL_GetTicks() when the app reads it from
// the display server, not when the key was pressed: keys that waited in the
// queue through a slow frame all get nearly the same stamp, and a person's keys
// then look like a scanner's burst. An X server stamps each key (XKeyEvent.time,
// 32-bit milliseconds that wrap) when it receives it; this maps that stamp onto
// the app's clock, so that the keyboard-wedge decoder keeps one clock.
//
// The two clocks differ by an offset the app cannot ask for: it is learnt from
// events as they are read. An event read at `read_ms` was stamped no later than
// that, so `read_ms - server` bounds the offset from above, and the freshest
// event (read at once) gives the tightest bound: the offset is the smallest bound
// seen. It may creep up by 1 ms a second (a server on another machine whose clock
// runs slower than ours), never faster, so gaps between keys stay as the server
// saw them. Pure: the app feeds stamps and reads times.
#pragma once

#include <cstdint>

namespace accueil {

class ServerKeyClock {
public:
  // An event the server stamped `server_ms` was read at `read_ms` (the app's clock).
  void observe(std::uint32_t server_ms, std::int64_t read_ms);
  // Whether observe() was called: before, local_ms() has no offset to use.
  bool learnt() const { return m_learnt; }
  // The server's stamp `server_ms` on the app's clock (within 24 days of the
  // last observed stamp, either way). Never later than the last observed read.
  std::int64_t local_ms(std::uint32_t server_ms) const;

private:
  // The stamp as a count that does not wrap, from the last one observed.
  std::int64_t unwrapped(std::uint32_t server_ms) const;

  bool m_learnt = false;
  std::uint32_t m_last_server = 0;
  std::int64_t m_last_unwrapped = 0;
  std::int64_t m_last_read = 0;
  std::int64_t m_offset = 0;  // app time minus server time, ms
};

}  // namespace accueil
