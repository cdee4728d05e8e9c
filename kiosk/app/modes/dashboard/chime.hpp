// The dashboard's optional sound: a short two-note chime when a VIP or the
// head of a delegation arrives (a new entry in the protocol feed), for
// protocol staff who are not watching the screen. Off unless the
// configuration asks for it ([dashboard] vip_sound = true).
//
// The tone is made in code (no file to install) and handed to SDL's audio
// queue: SDL plays it on its own thread, the UI never waits. No audio device
// (a headless machine, no sound card): one log line, and the dashboard runs
// silent.
#pragma once

#include <cstdint>
#include <functional>
#include <set>
#include <string>
#include <utility>
#include <vector>

#include "shared/domain/arrivals.hpp"

namespace accueil::kiosk {

class ProtocolChime {
public:
  // `log`: where the one line about a missing audio device goes.
  ProtocolChime(bool enabled, std::function<void(const std::string&)> log);
  ~ProtocolChime();
  ProtocolChime(const ProtocolChime&) = delete;
  ProtocolChime& operator=(const ProtocolChime&) = delete;

  // The feed of a refresh: chimes once when someone arrived that the last
  // feed did not have. The first feed only sets what is known (those who
  // arrived before the dashboard started make no sound). Returns whether it
  // chimed.
  bool on_feed(const ProtocolFeed& feed);

  // The chime as 16-bit mono samples at k_rate Hz (about 0.6 s).
  static std::vector<std::int16_t> samples();
  static constexpr int k_rate = 22050;

private:
  bool open();

  bool m_enabled;
  std::function<void(const std::string&)> m_log;
  bool m_tried = false;
  std::uint32_t m_device = 0;  // SDL_AudioDeviceID; 0: none
  bool m_first = true;
  std::set<std::pair<std::string, std::int64_t>> m_known;  // arrived: attendee id, time
};

}  // namespace accueil::kiosk
