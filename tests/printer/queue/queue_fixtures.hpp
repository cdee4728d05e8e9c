// Doubles for the print queue's edges: a renderer that draws nothing costly,
// a scripted printer driver, a fake clock, and a listener that records what
// it hears and lets a test wait for it.
#pragma once

#include <catch2/catch.hpp>

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <deque>
#include <map>

#include <fmt/core.h>
#include <functional>
#include <mutex>
#include <string>
#include <vector>

#include "printer/queue/print_queue.hpp"
#include "tests/shared/fixtures.hpp"

namespace accueil::testing {

using namespace accueil::printer;

class FakeClock final : public Clock {
public:
  std::int64_t now_ms() const override { return m_now.load(); }
  void advance(std::int64_t ms) { m_now += ms; }
  std::atomic<std::int64_t> m_now{1'800'000'000'000};
};

// Draws a bitmap of the asked size with the attendee's id length as its first
// row (cheap and deterministic), or a "PDF" naming the attendee.
class TestRenderer final : public BadgeRenderer {
public:
  explicit TestRenderer(std::atomic<int>* renders = nullptr) : m_renders(renders) {}
  Result<std::string> pdf(const BadgeSubject& s) override {
    if (m_renders) ++*m_renders;
    if (s.template_id == "broken") return fail("template broken: no such file");
    return fmt::format("%PDF-1.5 badge of {} {} code {} template {}", s.attendee.first_name, s.attendee.last_name,
                       s.code, s.template_id);
  }
  Result<MonoBitmap> mono(const BadgeSubject& s, const MonoTarget& t) override {
    if (m_renders) ++*m_renders;
    if (s.template_id == "broken") return fail("template broken: no such file");
    MonoBitmap b(t.width_dots, t.height_dots > 0 ? t.height_dots : 100, t.dpi);
    for (int x = 0; x < static_cast<int>(s.attendee.last_name.size()) && x < b.width; ++x) b.set_black(x, 0);
    return b;
  }

private:
  std::atomic<int>* m_renders;
};

inline RendererFactory test_renderer(std::atomic<int>* renders = nullptr) {
  return [renders]() -> Result<std::unique_ptr<BadgeRenderer>> { return std::make_unique<TestRenderer>(renders); };
}

// What a fake printer does; shared between the test and its driver.
struct FakePrinter {
  std::mutex mutex;
  // Outcomes of successive deliveries; when empty, each prints.
  std::deque<Delivery> script;
  // A delivery whose outcome is retry with no sending() call: the printer
  // said no before any byte left.
  bool refuse_before_sending = false;
  PrinterState state;                     // what check() says
  RenderTarget target{RenderTarget::Format::mono, {300, 696, 1109}};
  bool hold = false;                      // deliveries wait (as a CUPS job does) until released or cancelled
  PrinterState waiting_state;             // reported while holding
  std::optional<int> job_to_record;       // a CUPS job id to record
  std::function<Delivery(int job_id)> on_resume;

  // What happened.
  std::vector<std::string> delivered;     // titles of jobs that reached the printer
  std::vector<int> resumed;
  int checks = 0;
  std::function<void()> changed;
  std::vector<std::string> failures;      // what went wrong on the worker thread, for the test thread to check

  std::vector<std::string> failures_now() {
    std::lock_guard lock(mutex);
    return failures;
  }

  std::vector<std::string> delivered_now() {
    std::lock_guard lock(mutex);
    return delivered;
  }
  void set_state(PrinterState s) {
    std::lock_guard lock(mutex);
    state = std::move(s);
  }
  void release() {
    std::lock_guard lock(mutex);
    hold = false;
  }
  // What a hotplug does: calls the queue's on_change() callback (outside
  // this mutex, as a transport's event thread would). False when none is set.
  bool fire_changed() {
    std::function<void()> f;
    {
      std::lock_guard lock(mutex);
      f = changed;
    }
    if (!f) return false;
    f();
    return true;
  }
};

class FakeDriver final : public PrinterDriver {
public:
  explicit FakeDriver(std::shared_ptr<FakePrinter> p) : m_p(std::move(p)) {}
  std::string describe() const override { return "fake printer"; }
  RenderTarget target() const override { return m_p->target; }
  PrinterState check() override {
    std::lock_guard lock(m_p->mutex);
    ++m_p->checks;
    return m_p->state;
  }
  Delivery deliver(const RenderedBadge&, JobContext& context) override {
    std::optional<Delivery> scripted;
    {
      std::lock_guard lock(m_p->mutex);
      if (!m_p->script.empty()) {
        scripted = m_p->script.front();
        m_p->script.pop_front();
      }
      if (m_p->refuse_before_sending && scripted) return *scripted;
    }
    auto go = context.sending();
    if (!go) return {DeliveryOutcome::failed, PrinterProblem::none, go.error().message};
    if (!*go) return {DeliveryOutcome::cancelled, PrinterProblem::none, "cancelled before it was sent"};
    // Not REQUIRE: this runs on the queue's worker thread, where an exception
    // would end the process; the test thread checks `failures`.
    if (m_p->job_to_record) {
      if (auto recorded = context.job_created(*m_p->job_to_record, "FakeQueue"); !recorded) {
        std::lock_guard lock(m_p->mutex);
        m_p->failures.push_back("job_created: " + recorded.error().message);
        return {DeliveryOutcome::failed, PrinterProblem::none, recorded.error().message};
      }
    }
    {
      std::lock_guard lock(m_p->mutex);
      m_p->delivered.push_back(context.title());
    }
    for (;;) {
      {
        std::lock_guard lock(m_p->mutex);
        if (!m_p->hold) break;
      }
      if (context.cancel_requested()) return {DeliveryOutcome::cancelled, PrinterProblem::none, "cancelled while waiting"};
      if (context.stopping()) return {DeliveryOutcome::detached, PrinterProblem::none, "still waiting"};
      PrinterState s;
      {
        std::lock_guard lock(m_p->mutex);
        s = m_p->waiting_state;
      }
      context.waiting(s);
      context.pause(5);
    }
    if (scripted) return *scripted;
    return {DeliveryOutcome::printed, PrinterProblem::none, "printed"};
  }
  Delivery resume(int job_id, std::string_view, JobContext& context) override {
    std::function<Delivery(int)> f;
    {
      std::lock_guard lock(m_p->mutex);
      m_p->resumed.push_back(job_id);
      f = m_p->on_resume;
    }
    if (f) return f(job_id);
    (void)context;
    return {DeliveryOutcome::printed, PrinterProblem::none, "completed"};
  }
  void on_change(std::function<void()> callback) override {
    std::lock_guard lock(m_p->mutex);
    m_p->changed = std::move(callback);
  }

private:
  std::shared_ptr<FakePrinter> m_p;
};

inline DriverFactory fake_drivers(std::map<std::string, std::shared_ptr<FakePrinter>> printers) {
  return [printers](const PrinterConfig& c) -> Result<std::unique_ptr<PrinterDriver>> {
    auto it = printers.find(c.name);
    if (it == printers.end()) return fail("no fake printer " + c.name);
    return std::unique_ptr<PrinterDriver>(std::make_unique<FakeDriver>(it->second));
  };
}

// Records the listener's calls; tests wait for what they expect.
class Recorder {
public:
  QueueListener listener() {
    return {[this](const RequestUpdate& u) {
              std::lock_guard lock(m_mutex);
              m_requests.push_back(u);
              m_changed.notify_all();
            },
            [this](const PrinterUpdate& u) {
              std::lock_guard lock(m_mutex);
              m_printers.push_back(u);
              m_changed.notify_all();
            }};
  }
  // Waits until some request update satisfies `pred`.
  bool wait_request(const std::function<bool(const RequestUpdate&)>& pred, int timeout_ms = 5000) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
      return std::any_of(m_requests.begin(), m_requests.end(), pred);
    });
  }
  bool wait_state(RequestId id, RequestState state, int timeout_ms = 5000) {
    return wait_request([&](const RequestUpdate& u) { return u.id == id && u.state == state; }, timeout_ms);
  }
  bool wait_printer(const std::function<bool(const PrinterUpdate&)>& pred, int timeout_ms = 5000) {
    std::unique_lock lock(m_mutex);
    return m_changed.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] {
      return std::any_of(m_printers.begin(), m_printers.end(), pred);
    });
  }
  std::vector<RequestUpdate> requests(std::optional<RequestId> id = {}) {
    std::lock_guard lock(m_mutex);
    std::vector<RequestUpdate> out;
    for (const auto& u : m_requests)
      if (!id || u.id == *id) out.push_back(u);
    return out;
  }
  std::vector<RequestState> states_of(RequestId id) {
    std::vector<RequestState> out;
    for (const auto& u : requests(id))
      if (out.empty() || out.back() != u.state) out.push_back(u.state);
    return out;
  }

private:
  std::mutex m_mutex;
  std::condition_variable m_changed;
  std::vector<RequestUpdate> m_requests;
  std::vector<PrinterUpdate> m_printers;
};

inline PrinterConfig printer_config(std::string name, std::string failover = "") {
  PrinterConfig p;
  p.name = std::move(name);
  p.uri = *parse_printer_uri("file:/dev/null:brother-ql-820nwb");
  p.media = *parse_media("62x100");
  p.template_id = "label-62x100";
  p.failover = std::move(failover);
  return p;
}

// A store on disk (the queue opens its own connections) with the sample
// event and a few attendees.
struct QueueStore {
  TempDir dir;
  std::filesystem::path path = dir.path / "store.db";
  std::vector<Attendee> attendees;

  explicit QueueStore(int count = 3) {
    auto store = Store::open(path);
    REQUIRE(store);
    REQUIRE(store->save_event(sample_event()));
    for (int i = 0; i < count; ++i) {
      Attendee a = make_attendee(fmt::format("R{}", i + 1), "Hélène", fmt::format("Moncond'huy-{}", i + 1));
      REQUIRE(store->insert_attendee(a, AttendeeSource::import));
      attendees.push_back(a);
    }
  }
  Store open() {
    auto store = Store::open(path);
    REQUIRE(store);
    return std::move(*store);
  }
};

}  // namespace accueil::testing
