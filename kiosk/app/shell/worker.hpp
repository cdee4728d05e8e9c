// A thread that owns one resource (a store connection, a typesetter) and runs
// jobs on it in order, so that the UI thread never waits for a disk flush or a
// badge rendering. Jobs post their results back to the UI queue themselves.
#pragma once

#include <condition_variable>
#include <deque>
#include <functional>
#include <mutex>
#include <optional>
#include <thread>

#include "kiosk/app/shell/ui_queue.hpp"
#include "shared/base/error.hpp"

namespace accueil::kiosk {

template <class Resource>
class Worker {
public:
  // `open` makes the resource on the worker thread; when it fails,
  // `on_open_failed` is posted to the UI and the jobs never run.
  Worker(std::function<Result<Resource>()> open, UiQueue& ui, std::function<void(Error)> on_open_failed)
      : m_ui(ui), m_thread([this, open = std::move(open), f = std::move(on_open_failed)] { loop(open, f); }) {}

  // Finishes every job already queued (a check-in under way is written, not dropped), then stops.
  ~Worker() {
    {
      std::lock_guard lock(m_mutex);
      m_stopping = true;
    }
    m_wake.notify_one();
    m_thread.join();
  }
  Worker(const Worker&) = delete;
  Worker& operator=(const Worker&) = delete;

  // Runs `job` with the resource on the worker thread. Any thread.
  void run(std::function<void(Resource&)> job) {
    {
      std::lock_guard lock(m_mutex);
      m_jobs.push_back(std::move(job));
    }
    m_wake.notify_one();
  }

private:
  void loop(const std::function<Result<Resource>()>& open, const std::function<void(Error)>& on_open_failed) {
    Result<Resource> resource = open();
    if (!resource) {
      m_ui.post([f = on_open_failed, e = resource.error()] { f(e); });
      return;
    }
    for (;;) {
      std::function<void(Resource&)> job;
      {
        std::unique_lock lock(m_mutex);
        m_wake.wait(lock, [&] { return m_stopping || !m_jobs.empty(); });
        if (m_jobs.empty()) return;
        job = std::move(m_jobs.front());
        m_jobs.pop_front();
      }
      job(*resource);
    }
  }

  UiQueue& m_ui;
  std::mutex m_mutex;
  std::condition_variable m_wake;
  std::deque<std::function<void(Resource&)>> m_jobs;
  bool m_stopping = false;
  std::thread m_thread;  // last: starts once everything above exists
};

}  // namespace accueil::kiosk
