// Work handed to the UI thread: worker threads post closures, the UI thread
// runs them at the start of a frame. Posting wakes the UI thread from
// SDL_WaitEventTimeout with an event of its own type.
#pragma once

#include <SDL.h>

#include <deque>
#include <functional>
#include <mutex>

namespace accueil::kiosk {

class UiQueue {
public:
  // Call from the UI thread after SDL_Init.
  UiQueue() : m_wake_event(SDL_RegisterEvents(1)) {}

  // Any thread.
  void post(std::function<void()> work) {
    {
      std::lock_guard lock(m_mutex);
      m_work.push_back(std::move(work));
    }
    SDL_Event wake{};
    wake.type = m_wake_event;
    SDL_PushEvent(&wake);  // thread-safe in SDL2
  }

  // The UI thread: runs what was posted. Returns whether anything ran.
  bool drain() {
    std::deque<std::function<void()>> work;
    {
      std::lock_guard lock(m_mutex);
      work.swap(m_work);
    }
    for (auto& w : work) w();
    return !work.empty();
  }

  bool is_wake_event(const SDL_Event& event) const { return event.type == m_wake_event; }

private:
  Uint32 m_wake_event;
  std::mutex m_mutex;
  std::deque<std::function<void()>> m_work;
};

}  // namespace accueil::kiosk
