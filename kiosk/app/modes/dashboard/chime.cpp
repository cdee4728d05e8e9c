#include "kiosk/app/modes/dashboard/chime.hpp"

#include <cmath>
#include <numbers>

#include <SDL.h>
#include <fmt/core.h>

namespace accueil::kiosk {

ProtocolChime::ProtocolChime(bool enabled, std::function<void(const std::string&)> log)
    : m_enabled(enabled), m_log(std::move(log)) {}

ProtocolChime::~ProtocolChime() {
  if (m_device) SDL_CloseAudioDevice(m_device);
  if (m_tried && m_enabled) SDL_QuitSubSystem(SDL_INIT_AUDIO);
}

std::vector<std::int16_t> ProtocolChime::samples() {
  // Two notes, E6 then A5 (a falling fourth, like a doorbell), each with a
  // quick attack and an exponential decay so that nothing clicks.
  const struct {
    double hz, start_s, length_s;
  } notes[] = {{1318.5, 0.0, 0.30}, {880.0, 0.22, 0.40}};
  const std::size_t total = static_cast<std::size_t>(0.62 * k_rate);
  std::vector<double> mix(total, 0.0);
  for (const auto& n : notes) {
    const std::size_t from = static_cast<std::size_t>(n.start_s * k_rate);
    const std::size_t count = static_cast<std::size_t>(n.length_s * k_rate);
    for (std::size_t i = 0; i < count && from + i < total; ++i) {
      const double t = static_cast<double>(i) / k_rate;
      const double attack = std::min(1.0, t / 0.005);
      const double decay = std::exp(-t * 7.0);
      mix[from + i] += 0.35 * attack * decay * std::sin(2 * std::numbers::pi * n.hz * t);
    }
  }
  std::vector<std::int16_t> out(total);
  for (std::size_t i = 0; i < total; ++i)
    out[i] = static_cast<std::int16_t>(std::lround(std::clamp(mix[i], -1.0, 1.0) * 32767.0));
  return out;
}

bool ProtocolChime::open() {
  if (m_tried) return m_device != 0;
  m_tried = true;
  if (SDL_InitSubSystem(SDL_INIT_AUDIO) != 0) {
    m_log(fmt::format("no sound for the protocol feed: SDL audio cannot start ({})", SDL_GetError()));
    return false;
  }
  SDL_AudioSpec want{};
  want.freq = k_rate;
  want.format = AUDIO_S16SYS;
  want.channels = 1;
  want.samples = 1024;
  want.callback = nullptr;  // queued with SDL_QueueAudio: nothing of ours runs on SDL's thread
  SDL_AudioSpec got{};
  m_device = SDL_OpenAudioDevice(nullptr, 0, &want, &got, 0);
  if (m_device == 0) {
    m_log(fmt::format("no sound for the protocol feed: no audio device ({})", SDL_GetError()));
    return false;
  }
  SDL_PauseAudioDevice(m_device, 0);
  return true;
}

bool ProtocolChime::on_feed(const ProtocolFeed& feed) {
  bool someone_new = false;
  for (const ProtocolEntry& e : feed.arrived)
    if (m_known.emplace(e.attendee_id, e.at_ms).second) someone_new = true;
  const bool first = std::exchange(m_first, false);
  if (!m_enabled) return false;
  if (first) {
    open();  // at start, not at the first arrival: opening a device may take a moment
    return false;
  }
  if (!someone_new || !open()) return false;
  static const std::vector<std::int16_t> chime = samples();
  SDL_ClearQueuedAudio(m_device);  // two arrivals at once: one chime
  if (SDL_QueueAudio(m_device, chime.data(), static_cast<Uint32>(chime.size() * sizeof(std::int16_t))) != 0) {
    m_log(fmt::format("the protocol chime could not be played: {}", SDL_GetError()));
    return false;
  }
  return true;
}

}  // namespace accueil::kiosk
