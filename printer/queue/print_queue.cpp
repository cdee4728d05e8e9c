#include "printer/queue/print_queue.hpp"

#include <fcntl.h>
#include <sys/file.h>
#include <unistd.h>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cmath>
#include <condition_variable>
#include <limits>
#include <mutex>
#include <set>
#include <thread>
#include <utility>

#include <fmt/core.h>
#include <fmt/std.h>

namespace accueil::printer {

namespace {

// The file whose lock says which process runs the queue of a store.
std::string queue_lock_path(const std::filesystem::path& store_path) { return store_path.string() + ".print-queue.lock"; }


constexpr std::int64_t k_never = std::numeric_limits<std::int64_t>::max() / 4;

// This process, in print_queue_holders.
std::string holder_id() {
  char host[256] = {};
  ::gethostname(host, sizeof host - 1);
  return fmt::format("{}:{}", *host ? host : "localhost", ::getpid());
}

// Puts this process in print_queue_holders, alone: it holds the queue's lock,
// so any other entry is left by a process that ended without removing it.
Status publish_holder(Store& store, const std::string& holder, const std::string& program,
                      const std::vector<PrinterConfig>& printers, std::int64_t now) {
  std::string names;
  for (const PrinterConfig& p : printers) names += (names.empty() ? "" : "\n") + p.name;
  return store.write([&]() -> Status {
    auto& db = store.database();
    if (auto s = db.exec("DELETE FROM print_queue_holders"); !s) return s;
    auto stmt = db.prepare(
        "INSERT INTO print_queue_holders (holder, program, printers, started_ms, heartbeat_ms) VALUES (?1, ?2, ?3, ?4, ?4)");
    if (!stmt) return std::unexpected(stmt.error());
    return stmt->bind(1, holder).bind(2, program).bind(3, names).bind(4, now).run();
  });
}

// Who a job is for, in its title: the attendee's name, or their reference.
std::string person(const Attendee& a) {
  std::string name = display_name(a);
  return name.empty() ? a.external_ref : name;
}

// Who a request's badge is for, as its job title says it: the same words
// when a job is made and when it is followed again after a restart, since a
// CUPS job is recognised by its title (an id alone can be reused).
std::string who_of(Store& store, const RequestRecord& r) {
  if (auto a = store.attendee_by_id(r.attendee_id); a && *a) return person(**a);
  return fmt::format("attendee {}", r.attendee_id);
}

}  // namespace

bool QueueHolder::serves(std::string_view printer) const {
  return std::find(printers.begin(), printers.end(), printer) != printers.end();
}

Result<std::optional<QueueHolder>> queue_holder(Store& store) {
  auto stmt = store.database().prepare(
      "SELECT holder, program, printers, started_ms, heartbeat_ms FROM print_queue_holders "
      "ORDER BY heartbeat_ms DESC LIMIT 1");
  if (!stmt) return std::unexpected(stmt.error());
  return stmt->first_row([](const sql::Statement& row) {
    QueueHolder h;
    h.holder = row.text(0);
    h.program = row.text(1);
    const std::string names = row.text(2);
    for (std::size_t at = 0; at < names.size();) {
      std::size_t end = names.find('\n', at);
      if (end == std::string::npos) end = names.size();
      if (end > at) h.printers.push_back(names.substr(at, end - at));
      at = end + 1;
    }
    h.started_ms = row.integer(3);
    h.heartbeat_ms = row.integer(4);
    return h;
  });
}

std::vector<std::string> request_warnings(std::string_view detail) {
  std::vector<std::string> out;
  for (std::size_t at = detail.find(k_warning_mark); at != std::string_view::npos;) {
    const std::size_t from = at + k_warning_mark.size();
    const std::size_t next = detail.find(k_warning_mark, from);
    out.emplace_back(detail.substr(from, next == std::string_view::npos ? std::string_view::npos : next - from));
    at = next;
  }
  return out;
}

int backoff_ms(const BackoffOptions& b, int attempt) {
  double delay = b.first_ms * std::pow(std::max(b.factor, 1.0), std::max(attempt - 1, 0));
  return static_cast<int>(std::min<double>(delay, b.max_ms));
}

// One configured printer and the thread that serves it. `next_check` is the
// worker thread's own; `poked` (look again now) and `changed` (the printer
// may have come or gone: ask its state now) are guarded by Impl::mutex.
struct PrinterWorker {
  const PrinterConfig* config = nullptr;
  std::unique_ptr<PrinterDriver> driver;
  std::thread thread;
  bool poked = false;
  bool changed = false;
  std::int64_t next_check = 0;  // by the queue's clock: when to ask the printer's state again
};

struct PrintQueue::Impl {
  PrintQueueOptions options;
  SystemClock system_clock;
  const Clock* clock = nullptr;
  Event event;
  int lock_fd = -1;
  std::string holder = holder_id();
  std::thread heartbeat;

  std::mutex front_mutex;  // the front connection: submit, cancel, request
  std::optional<Store> front;

  mutable std::mutex mutex;  // everything below
  std::condition_variable wake_cv;
  std::map<std::string, PrinterState> states;
  std::set<RequestId> cancels;
  std::atomic<bool> stopping{false};
  std::vector<std::unique_ptr<PrinterWorker>> workers;

  ~Impl() {
    if (lock_fd >= 0) ::close(lock_fd);
  }

  std::int64_t now() const { return clock->now_ms(); }

  void emit(const RequestUpdate& update) const {
    if (options.listener.on_request) options.listener.on_request(update);
  }

  void emit(const RequestRecord& r, RequestState state, PrinterProblem problem, std::string detail,
            std::optional<std::string> printer = {}, std::optional<int> attempts = {}) const {
    emit(RequestUpdate{r.id, r.attendee_id, printer.value_or(r.printer), state, problem, std::move(detail),
                       attempts.value_or(r.attempts)});
  }

  void set_state(const std::string& printer, const PrinterState& state) {
    {
      std::lock_guard lock(mutex);
      auto it = states.find(printer);
      if (it != states.end() && it->second == state) return;
      states[printer] = state;
    }
    if (options.listener.on_printer) options.listener.on_printer(PrinterUpdate{printer, state});
  }

  PrinterState state_of(const std::string& printer) const {
    std::lock_guard lock(mutex);
    auto it = states.find(printer);
    return it == states.end() ? PrinterState{} : it->second;
  }

  PrinterWorker* worker(std::string_view printer) {
    for (auto& w : workers)
      if (w->config->name == printer) return w.get();
    return nullptr;
  }

  void poke(std::string_view printer) {
    std::lock_guard lock(mutex);
    if (PrinterWorker* w = worker(printer)) w->poked = true;
    wake_cv.notify_all();
  }

  // The driver's on_change(): from any thread (e.g. libusb's hotplug).
  void printer_changed(PrinterWorker& w) {
    std::lock_guard lock(mutex);
    w.changed = true;
    w.poked = true;  // also ends a Context::pause()
    wake_cv.notify_all();
  }

  bool take_changed(PrinterWorker& w) {
    std::lock_guard lock(mutex);
    return std::exchange(w.changed, false);
  }

  bool cancel_asked(RequestId id) const {
    std::lock_guard lock(mutex);
    return cancels.contains(id);
  }

  // The printer that takes this printer's badges now, if it has one that
  // is not in trouble itself.
  std::optional<std::string> failover_of(const PrinterWorker& w) const {
    const std::string& f = w.config->failover;
    if (f.empty()) return std::nullopt;
    if (state_of(f).readiness == Readiness::needs_attention) return std::nullopt;
    return f;
  }

  void run(PrinterWorker& w);
  void beat();
  std::optional<std::string> hold_reason(RequestStore& requests, const RequestRecord& r, const PrinterConfig& printer,
                                         std::int64_t now) const;
  void park(RequestStore& requests, const RequestRecord& r, PrinterProblem problem, const std::string& why);
  PrinterState check(PrinterWorker& w, std::int64_t now);
  std::int64_t check_interval(const PrinterState& state) const;
  void resume_recorded(PrinterWorker& w, Store& store, RequestStore& requests);
  void process(PrinterWorker& w, Store& store, RequestStore& requests, BadgeRenderer* renderer,
               const Result<std::unique_ptr<BadgeRenderer>>& made, const RequestRecord& r);
  Result<RenderedBadge> render(PrinterWorker& w, Store& store, BadgeRenderer& renderer, const RequestRecord& r,
                               const Attendee& attendee);
  void apply(PrinterWorker& w, RequestStore& requests, const RequestRecord& r, const Delivery& d, bool resumed);
  void move_to(RequestStore& requests, const RequestRecord& r, const std::string& to, PrinterProblem problem,
               const std::string& detail);
};

namespace {

// What a driver sees of the queue while it delivers one request.
class Context final : public JobContext {
public:
  Context(PrintQueue::Impl& q, PrinterWorker& w, RequestStore& requests, const RequestRecord& r, std::string who,
          bool started)
      : m_q(q), m_w(w), m_requests(requests), m_r(r), m_who(std::move(who)), m_started(started) {}

  Result<bool> sending() override {
    auto ok = m_requests.start_sending(m_r.id, m_w.config->name, m_q.now());
    if (ok && *ok) {
      m_started = true;
      m_q.emit(m_r, RequestState::sending, PrinterProblem::none, "");
    }
    return ok;
  }
  Status job_created(int job_id, std::string_view queue) override {
    return m_requests.record_job(m_r.id, job_id, queue, m_q.now());
  }
  void waiting(const PrinterState& state) override {
    m_q.set_state(m_w.config->name, state);
    if (!m_started) return;
    const PrinterProblem problem = state.main_problem();
    std::string detail = state.main_detail();
    if (problem == m_problem && detail == m_detail) return;
    m_problem = problem;
    m_detail = detail;
    (void)m_requests.note_problem(m_r.id, problem, detail, m_q.now());
    m_q.emit(m_r, RequestState::sending, problem, detail);
  }
  // Asked in this process (cancel()), or in another (accueilctl print-queue
  // --cancel writes the store): the store is looked at twice a second.
  bool cancel_requested() override {
    if (m_q.cancel_asked(m_r.id)) return true;
    // Held by printer trouble past the printer's max wait: the attendee has
    // left it; stopped, it goes to the reception list (see apply()).
    if (m_started && !m_overdue && m_problem != PrinterProblem::none &&
        m_q.now() - m_r.queued_ms > m_w.config->max_wait_ms) {
      m_overdue = true;
      const std::string why = fmt::format(
          "not printed: it waited {} s for printer {} ({}), more than its max_wait_s of {} s",
          (m_q.now() - m_r.queued_ms) / 1000, m_w.config->name, m_detail, m_w.config->max_wait_ms / 1000);
      if (auto h = m_requests.to_reception(m_r.id, why, m_q.now()); h && *h == HandoverResult::requested) {
        std::lock_guard lock(m_q.mutex);
        m_q.cancels.insert(m_r.id);
        return true;
      }
    }
    const auto now = std::chrono::steady_clock::now();
    if (now - m_store_looked < std::chrono::milliseconds(500)) return false;
    m_store_looked = now;
    auto asked = m_requests.cancel_requested(m_r.id);
    if (!asked || !*asked) return false;
    std::lock_guard lock(m_q.mutex);
    m_q.cancels.insert(m_r.id);
    return true;
  }
  bool stopping() override { return m_q.stopping; }
  void pause(int ms) override {
    std::unique_lock lock(m_q.mutex);
    m_q.wake_cv.wait_for(lock, std::chrono::milliseconds(ms),
                         [&] { return m_q.stopping || m_w.poked || m_q.cancels.contains(m_r.id); });
    m_w.poked = false;
  }
  std::string title() const override { return fmt::format("Badge {}: {}", m_r.id, m_who); }
  bool started() const { return m_started; }

private:
  PrintQueue::Impl& m_q;
  PrinterWorker& m_w;
  RequestStore& m_requests;
  const RequestRecord& m_r;
  std::string m_who;
  bool m_started;
  PrinterProblem m_problem = PrinterProblem::none;
  std::string m_detail;
  bool m_overdue = false;
  std::chrono::steady_clock::time_point m_store_looked{};
};

}  // namespace

void PrintQueue::Impl::run(PrinterWorker& w) {
  const std::string& name = w.config->name;
  auto store = Store::open(options.store_path);
  if (!store) {
    PrinterState s;
    s.add(PrinterProblem::other, fmt::format("the print queue of {} cannot open the store: {}", name,
                                             store.error().message));
    set_state(name, s);
    return;
  }
  RequestStore requests(*store);
  auto made = options.renderer ? options.renderer() : Result<std::unique_ptr<BadgeRenderer>>(fail("no renderer"));
  BadgeRenderer* renderer = made ? made->get() : nullptr;
  w.driver->on_change([this, &w] { printer_changed(w); });

  resume_recorded(w, *store, requests);
  while (!stopping) {
    const std::int64_t now = this->now();
    if (take_changed(w)) {
      // Plugged in, switched on: ask at once. A printer back from trouble
      // takes at once what waits in back-off for it.
      const bool was_troubled = state_of(name).readiness == Readiness::needs_attention;
      const PrinterState state = check(w, now);
      if (was_troubled && state.readiness != Readiness::needs_attention) (void)requests.due_now(name, now);
    }
    auto due = requests.next_due(name, now);
    if (due && *due) {
      // The driver asks the printer itself before the job: no timed check
      // on the way to it.
      if (now >= w.next_check) w.next_check = now + check_interval(state_of(name));
      process(w, *store, requests, renderer, made, **due);
      continue;
    }
    if (now >= w.next_check) check(w, now);
    std::int64_t until = w.next_check;
    if (!due) {
      until = std::min(until, now + options.check_troubled_ms);  // the store failed: try again soon
    } else if (auto next = requests.next_due_time(name); next && *next) {
      until = std::min(until, **next);
    }
    std::unique_lock lock(mutex);
    const std::int64_t wait_ms = std::clamp<std::int64_t>(until - now, 1, std::max(options.store_poll_ms, 1));
    wake_cv.wait_for(lock, std::chrono::milliseconds(wait_ms), [&] { return stopping || w.poked; });
    w.poked = false;
  }
}

// Asks the printer's state, publishes it, and says when to ask again.
PrinterState PrintQueue::Impl::check(PrinterWorker& w, std::int64_t now) {
  PrinterState state = w.driver->check();
  set_state(w.config->name, state);
  w.next_check = now + check_interval(state);
  return state;
}

std::int64_t PrintQueue::Impl::check_interval(const PrinterState& state) const {
  if (state.readiness == Readiness::needs_attention) return options.check_troubled_ms;
  return options.check_idle_ms > 0 ? options.check_idle_ms : k_never;
}

void PrintQueue::Impl::resume_recorded(PrinterWorker& w, Store& store, RequestStore& requests) {
  auto sending = requests.in_state(RequestState::sending, w.config->name);
  if (!sending) return;
  for (const RequestRecord& r : *sending) {
    if (stopping) return;
    if (!r.job_id) continue;  // settled by start()
    // Too old, or its attendee served meanwhile: its job is cancelled if it
    // has not printed, and the request goes to the reception list. (One that
    // a person moved to another printer is being stopped already, and goes there.)
    if (auto why = r.move_to.empty() ? hold_reason(requests, r, *w.config, now()) : std::nullopt) {
      if (auto h = requests.to_reception(r.id, *why, now()); h && *h == HandoverResult::requested) {
        std::lock_guard lock(mutex);
        cancels.insert(r.id);
      }
    }
    if (r.cancel_requested) {
      std::lock_guard lock(mutex);
      cancels.insert(r.id);
    }
    // The same title as when the job was made (see who_of): the driver knows its job by it.
    Context context(*this, w, requests, r, who_of(store, r), true);
    const Delivery d = w.driver->resume(*r.job_id, r.job_queue, context);
    apply(w, requests, r, d, true);
  }
}

Result<RenderedBadge> PrintQueue::Impl::render(PrinterWorker& w, Store& store, BadgeRenderer& renderer,
                                               const RequestRecord& r, const Attendee& attendee) {
  auto code = store.badge_code(r.attendee_id);
  if (!code) return std::unexpected(code.error());
  const std::string& template_id = r.template_id.empty() ? w.config->template_id : r.template_id;
  if (template_id.empty())
    return fail(fmt::format("no badge template for printer {}: set its template in the printers' configuration",
                            w.config->name));
  const BadgeSubject subject{event, attendee, *code, template_id};
  const RenderTarget target = w.driver->target();
  RenderedBadge badge;
  if (target.format == RenderTarget::Format::pdf) {
    auto pdf = renderer.pdf(subject);
    if (!pdf) return std::unexpected(pdf.error());
    badge.pdf = std::move(*pdf);
  } else {
    auto mono = renderer.mono(subject, target.mono);
    if (!mono) return std::unexpected(mono.error());
    badge.mono = std::move(*mono);
  }
  badge.warnings = renderer.warnings();
  return badge;
}

std::optional<std::string> PrintQueue::Impl::hold_reason(RequestStore& requests, const RequestRecord& r,
                                                         const PrinterConfig& printer, std::int64_t t) const {
  if (auto served = requests.served_since(r.attendee_id, r.queued_ms, r.id); served && *served) {
    const RequestRecord& s = **served;
    if (s.state == RequestState::handed)
      return fmt::format("not printed: the attendee's badge was handed at reception meanwhile (request {})", s.id);
    return fmt::format("not printed: a badge was printed for the attendee meanwhile, on {} (request {})", s.printer,
                       s.id);
  }
  if (t - r.queued_ms > printer.max_wait_ms)
    return fmt::format("not printed: it waited {} s for printer {}, more than its max_wait_s of {} s",
                       (t - r.queued_ms) / 1000, printer.name, printer.max_wait_ms / 1000);
  return std::nullopt;
}

void PrintQueue::Impl::park(RequestStore& requests, const RequestRecord& r, PrinterProblem problem,
                            const std::string& why) {
  auto moved = requests.settle_at_reception(r.id, problem, why, now());
  if (moved && *moved) emit(r, RequestState::reception, problem, why);
}

// The heartbeat of this process's entry in print_queue_holders; the entry
// goes when the queue stops.
void PrintQueue::Impl::beat() {
  auto store = Store::open(options.store_path);
  if (!store) return;
  for (;;) {
    {
      std::unique_lock lock(mutex);
      wake_cv.wait_for(lock, std::chrono::milliseconds(std::max(options.heartbeat_ms, 10)),
                       [&] { return stopping.load(); });
      if (stopping) break;
    }
    if (auto stmt = store->database().kept("UPDATE print_queue_holders SET heartbeat_ms = ?2 WHERE holder = ?1"))
      (void)(*stmt)->bind(1, holder).bind(2, now()).run();
  }
  if (auto stmt = store->database().prepare("DELETE FROM print_queue_holders WHERE holder = ?1"))
    (void)stmt->bind(1, holder).run();
}

void PrintQueue::Impl::move_to(RequestStore& requests, const RequestRecord& r, const std::string& to,
                               PrinterProblem problem, const std::string& detail) {
  const std::string why = fmt::format("{}; sent to {} instead", detail, to);
  auto moved = requests.requeue(r.id, to, now(), problem, why, now());
  if (moved && *moved) {
    emit(r, RequestState::queued, problem, why, to, r.attempts + 1);
    poke(to);
  }
}

void PrintQueue::Impl::process(PrinterWorker& w, Store& store, RequestStore& requests, BadgeRenderer* renderer,
                               const Result<std::unique_ptr<BadgeRenderer>>& made, const RequestRecord& r) {
  const std::string& name = w.config->name;
  // Nothing prints without a person saying so once it is too old or its
  // attendee was served elsewhere.
  if (auto why = hold_reason(requests, r, *w.config, now())) {
    park(requests, r, r.problem, *why);
    return;
  }
  // Known trouble here and a failover printer that is fine: go there at once.
  const PrinterState here = state_of(name);
  if (here.readiness == Readiness::needs_attention) {
    if (auto to = failover_of(w)) {
      move_to(requests, r, *to, here.main_problem(), fmt::format("{}: {}", name, here.main_detail()));
      return;
    }
  }
  std::string who = who_of(store, r);
  Result<RenderedBadge> badge = fail("");
  if (!renderer) {
    badge = fail(fmt::format("badges cannot be drawn: {}", made ? "no renderer" : made.error().message));
  } else if (auto attendee = store.attendee_by_id(r.attendee_id); !attendee) {
    badge = std::unexpected(attendee.error());
  } else if (!*attendee) {
    badge = fail(fmt::format("attendee {} is not in the store any more", r.attendee_id));
  } else {
    badge = render(w, store, *renderer, r, **attendee);
  }
  if (!badge) {
    auto done = requests.finish(r.id, RequestState::failed, PrinterProblem::none,
                                fmt::format("the badge cannot be drawn: {}", badge.error().message), now());
    if (done && *done)
      emit(r, RequestState::failed, PrinterProblem::none,
           fmt::format("the badge cannot be drawn: {}", badge.error().message));
    return;
  }
  Context context(*this, w, requests, r, who, false);
  Delivery d = w.driver->deliver(*badge, context);
  // The badge's warnings stay with the request once it ended: the desk
  // hears what it left out (accueilctl print, print-queue).
  if (d.outcome == DeliveryOutcome::printed || d.outcome == DeliveryOutcome::failed)
    for (const std::string& warning : badge->warnings) d.detail += fmt::format("{}{}", k_warning_mark, warning);
  apply(w, requests, r, d, false);
}

void PrintQueue::Impl::apply(PrinterWorker& w, RequestStore& requests, const RequestRecord& r, const Delivery& d,
                             bool resumed) {
  const std::string& name = w.config->name;
  const std::int64_t t = now();
  {
    std::lock_guard lock(mutex);
    cancels.erase(r.id);
  }
  auto finish = [&](RequestState state, PrinterProblem problem, const std::string& detail) {
    auto done = requests.finish(r.id, state, problem, detail, t);
    if (done && *done) emit(r, state, problem, detail, name);
  };
  // Asked to the reception list while it was being sent (a kiosk handed it
  // over, or it waited too long): there, whatever stopped it, unless it printed.
  // Asked to another printer (a move at the desk, request_moves.hpp): there,
  // once its job stopped without printing (cancelled, or no complete job
  // reached the printer); a job that may have printed goes to the reception
  // list instead, so that the badge never comes out at both printers.
  if (d.outcome != DeliveryOutcome::printed && d.outcome != DeliveryOutcome::detached) {
    if (auto now_r = requests.get(r.id); now_r && *now_r && (*now_r)->to_reception) {
      const RequestRecord& current = **now_r;
      const bool stopped = d.outcome == DeliveryOutcome::cancelled || d.outcome == DeliveryOutcome::retry;
      if (!current.move_to.empty() && stopped) {
        // How its job stopped stays with it: a printer that had the job
        // already may still print it (the CUPS driver says so).
        const std::string why = fmt::format("{} ({} on {})", current.detail, d.detail, name);
        if (auto moved = requests.settle_move(r.id, why, t); moved && *moved) {
          emit(r, RequestState::queued, PrinterProblem::none, why, current.move_to);
          poke(current.move_to);
        }
        return;
      }
      std::string why = fmt::format("{} ({})", current.detail, d.detail);
      if (!current.move_to.empty())
        why += fmt::format("; not moved to {}: it may have printed on {}", current.move_to, name);
      park(requests, current, d.problem, why);
      return;
    }
  }
  switch (d.outcome) {
    case DeliveryOutcome::printed:
      finish(RequestState::printed, PrinterProblem::none, d.detail);
      // Printed on a printer last known in trouble: its state is stale, ask again.
      if (state_of(name).readiness == Readiness::needs_attention) w.next_check = t;
      return;
    case DeliveryOutcome::cancelled: finish(RequestState::cancelled, PrinterProblem::none, d.detail); return;
    case DeliveryOutcome::failed: finish(RequestState::failed, d.problem, d.detail); return;
    case DeliveryOutcome::detached: return;  // followed again at the next start
    case DeliveryOutcome::retry: break;
  }
  if (resumed) {  // never sent again by itself
    finish(RequestState::failed, d.problem, d.detail + ": check whether it printed, and reprint it if not");
    return;
  }
  if (d.problem != PrinterProblem::none) {
    PrinterState trouble;
    trouble.add(d.problem, d.detail);
    set_state(name, trouble);
    w.next_check = t + options.check_troubled_ms;  // and look again soon
  }
  const int attempts = r.attempts + 1;
  if (stopping && d.problem == PrinterProblem::none) {
    if (auto again = requests.requeue(r.id, name, t, d.problem, d.detail, t); again && *again)
      emit(r, RequestState::queued, d.problem, d.detail, name, attempts);
    return;
  }
  if (auto to = failover_of(w)) {
    move_to(requests, r, *to, d.problem, fmt::format("{}: {}", name, d.detail));
    return;
  }
  if (options.backoff.max_attempts > 0 && attempts >= options.backoff.max_attempts) {
    finish(RequestState::failed, d.problem, fmt::format("{} (gave up after {} attempts)", d.detail, attempts));
    return;
  }
  auto again = requests.requeue(r.id, name, t + backoff_ms(options.backoff, attempts), d.problem, d.detail, t);
  if (again && *again) emit(r, RequestState::queued, d.problem, d.detail, name, attempts);
}

// --- PrintQueue ------------------------------------------------------------------------

PrintQueue::PrintQueue(std::unique_ptr<Impl> impl) : m_impl(std::move(impl)) {}

PrintQueue::~PrintQueue() { stop(); }

bool PrintQueue::runs_elsewhere(const std::filesystem::path& store_path) {
  const int fd = ::open(queue_lock_path(store_path).c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return false;  // no lock file: no queue ever ran here
  const bool held = ::flock(fd, LOCK_EX | LOCK_NB) != 0 && errno == EWOULDBLOCK;
  ::close(fd);  // releases the probe's lock, if it took it
  return held;
}

Result<std::unique_ptr<PrintQueue>> PrintQueue::start(PrintQueueOptions options) {
  auto impl = std::make_unique<Impl>();
  impl->options = std::move(options);
  PrintQueueOptions& o = impl->options;
  impl->clock = o.clock ? o.clock : &impl->system_clock;
  if (!o.renderer) return fail("the print queue needs a badge renderer");
  if (auto checked = check_printers(o.printers, "the print queue's printers"); !checked)
    return std::unexpected(checked.error());
  if (!o.drivers) o.drivers = default_drivers();

  // One queue per store: two would both settle and send the same requests.
  const std::string lock_path = queue_lock_path(o.store_path);
  impl->lock_fd = ::open(lock_path.c_str(), O_RDWR | O_CREAT | O_CLOEXEC, 0644);
  if (impl->lock_fd < 0)
    return fail(fmt::format("cannot create the print queue's lock {}: {}", lock_path,
                            std::system_category().message(errno)));
  if (::flock(impl->lock_fd, LOCK_EX | LOCK_NB) != 0)
    return fail(fmt::format("another program runs the print queue of {} (it holds {}): only one may print from "
                            "a store at a time", o.store_path, lock_path));

  auto front = Store::open(o.store_path);
  if (!front) return std::unexpected(front.error());
  impl->front = std::move(*front);
  if (o.event) {
    impl->event = *o.event;
  } else {
    auto event = impl->front->event();
    if (!event) return std::unexpected(event.error());
    if (!*event) return fail(fmt::format("the store {} has no event: badges need one (accueilctl init)", o.store_path));
    impl->event = std::move(**event);
  }

  for (const PrinterConfig& p : o.printers) {
    auto driver = o.drivers(p);
    if (!driver) return fail(fmt::format("printer {}: {}", p.name, driver.error().message));
    auto w = std::make_unique<PrinterWorker>();
    w->config = &p;
    w->driver = std::move(*driver);
    impl->workers.push_back(std::move(w));
  }

  // Requests cut by a crash while being sent. With a CUPS job recorded, the
  // printer's worker follows the job; without, nobody knows whether the
  // printer got it: the operator decides.
  RequestStore requests(*impl->front);
  auto sending = requests.in_state(RequestState::sending);
  if (!sending) return std::unexpected(sending.error());
  for (const RequestRecord& r : *sending) {
    std::string detail;
    if (!r.job_id)
      detail = fmt::format("Accueil stopped while this badge was being sent to {}: check whether it printed, and "
                           "reprint it if not{}", r.printer,
                           r.move_to.empty() ? "" : fmt::format(" (it was not moved to {})", r.move_to));
    else if (!find_printer(o.printers, r.printer))
      detail = fmt::format("Accueil stopped while CUPS job {} on {} was printing this badge, and printer {} is not "
                           "configured any more: check whether it printed, and reprint it if not",
                           *r.job_id, r.job_queue, r.printer);
    else
      continue;
    auto done = requests.finish(r.id, RequestState::failed, PrinterProblem::none, detail, impl->now());
    if (!done) return std::unexpected(done.error());
    if (*done) impl->emit(r, RequestState::failed, PrinterProblem::none, detail);
  }

  // A kiosk's requests from before it stopped: to the reception list, before
  // any worker could print them to an empty kiosk.
  if (o.stale) {
    for (const std::string& printer : o.stale->printers) {
      auto queued = requests.in_state(RequestState::queued, printer);
      if (!queued) return std::unexpected(queued.error());
      for (const RequestRecord& r : *queued) {
        if (r.queued_ms >= o.stale->queued_before_ms) continue;
        const std::string why = fmt::format("{} (queued {} s before)", o.stale->why, (impl->now() - r.queued_ms) / 1000);
        auto moved = requests.to_reception(r.id, why, impl->now());
        if (!moved) return std::unexpected(moved.error());
        if (*moved == HandoverResult::moved) impl->emit(r, RequestState::reception, r.problem, why);
      }
    }
  }

  if (auto published = publish_holder(*impl->front, impl->holder, o.program, o.printers, impl->now()); !published)
    return fail(fmt::format("cannot say in the store which printers this print queue serves: {}",
                            published.error().message));

  Impl* q = impl.get();
  for (auto& w : impl->workers) w->thread = std::thread([q, worker = w.get()] { q->run(*worker); });
  impl->heartbeat = std::thread([q] { q->beat(); });
  return std::unique_ptr<PrintQueue>(new PrintQueue(std::move(impl)));
}

void PrintQueue::stop() {
  if (!m_impl) return;
  {
    std::lock_guard lock(m_impl->mutex);
    m_impl->stopping = true;
    m_impl->wake_cv.notify_all();
  }
  for (auto& w : m_impl->workers)
    if (w->thread.joinable()) w->thread.join();
  if (m_impl->heartbeat.joinable()) m_impl->heartbeat.join();
  for (auto& w : m_impl->workers) w->driver->on_change({});  // no hotplug call reaches a stopped queue
}

Result<RequestId> queue_request(Store& store, const std::vector<PrinterConfig>& printers, const PrintRequest& request,
                                std::int64_t now) {
  if (!find_printer(printers, request.printer)) {
    std::string names;
    for (const auto& p : printers) names += (names.empty() ? "" : ", ") + p.name;
    return fail(fmt::format("there is no printer named \"{}\" (the printers are: {})", request.printer,
                            names.empty() ? "none" : names));
  }
  auto attendee = store.attendee_by_id(request.attendee_id);
  if (!attendee) return std::unexpected(attendee.error());
  if (!*attendee) return fail(fmt::format("no attendee has the id {}", request.attendee_id));
  RequestStore requests(store);
  NewRequest row{request.attendee_id, request.printer, request.template_id, std::nullopt, "", ""};
  row.at_reception = request.to_reception;
  row.detail = request.reception_reason;
  if (!request.reprint_reason.empty()) {
    auto earlier = requests.of_attendee(request.attendee_id);
    if (!earlier) return std::unexpected(earlier.error());
    if (!earlier->empty()) row.reprint_of = earlier->back().id;
    CheckinContext context = request.reprint_context;
    if (context.now_ms == 0) context.now_ms = now;
    // The log first: a crash between the two leaves a reprint logged and
    // none queued (the operator sees no badge and asks again), never a
    // reprint printed that the log does not know.
    auto logged = record_reprint(store, request.attendee_id, context, request.reprint_reason);
    if (!logged) return std::unexpected(logged.error());
    row.reason = request.reprint_reason;
    row.checkin_uuid = logged->uuid;
  }
  return requests.insert(row, now);
}

Result<RequestId> PrintQueue::submit(const PrintRequest& request) {
  Impl& q = *m_impl;
  Result<RequestId> id = fail("");
  {
    std::lock_guard lock(q.front_mutex);
    id = queue_request(*q.front, q.options.printers, request, q.now());
  }
  if (!id) return id;
  // Listeners hear "queued" before the worker is woken, so before it can say
  // "sending". (The worker may still find the row by its own polling first:
  // listeners must not assume the order of updates from different threads.)
  if (request.to_reception) {
    q.emit(RequestUpdate{*id, request.attendee_id, request.printer, RequestState::reception, PrinterProblem::none,
                         request.reception_reason, 0});
    return id;
  }
  q.emit(RequestUpdate{*id, request.attendee_id, request.printer, RequestState::queued, PrinterProblem::none, "", 0});
  q.poke(request.printer);
  return id;
}

Result<HandoverResult> PrintQueue::to_reception(RequestId id, std::string_view why) {
  Impl& q = *m_impl;
  Result<HandoverResult> result = fail("");
  std::optional<RequestRecord> record;
  {
    std::lock_guard lock(q.front_mutex);
    RequestStore requests(*q.front);
    result = requests.to_reception(id, why, q.now());
    if (result && *result == HandoverResult::moved) {
      if (auto r = requests.get(id); r && *r) record = **r;
    }
  }
  if (!result) return result;
  if (*result == HandoverResult::moved && record)
    q.emit(*record, RequestState::reception, record->problem, record->detail);
  if (*result == HandoverResult::requested) {
    std::lock_guard lock(q.mutex);
    q.cancels.insert(id);
    q.wake_cv.notify_all();
  }
  return result;
}

Result<CancelResult> PrintQueue::cancel(RequestId id) {
  Impl& q = *m_impl;
  Result<CancelResult> result = fail("");
  std::optional<RequestRecord> record;
  {
    std::lock_guard lock(q.front_mutex);
    RequestStore requests(*q.front);
    result = requests.cancel(id, q.now());
    if (result && *result == CancelResult::cancelled) {
      if (auto r = requests.get(id); r && *r) record = **r;
    }
  }
  if (!result) return result;
  if (*result == CancelResult::cancelled && record) q.emit(*record, RequestState::cancelled, PrinterProblem::none, record->detail);
  if (*result == CancelResult::requested) {
    std::lock_guard lock(q.mutex);
    q.cancels.insert(id);
    q.wake_cv.notify_all();
  }
  return result;
}

Result<std::optional<RequestRecord>> PrintQueue::request(RequestId id) {
  std::lock_guard lock(m_impl->front_mutex);
  return RequestStore(*m_impl->front).get(id);
}

std::map<std::string, PrinterState> PrintQueue::printer_states() const {
  std::lock_guard lock(m_impl->mutex);
  return m_impl->states;
}

std::optional<PrinterState> PrintQueue::printer_state(std::string_view printer) const {
  std::lock_guard lock(m_impl->mutex);
  auto it = m_impl->states.find(std::string(printer));
  if (it == m_impl->states.end()) return std::nullopt;
  return it->second;
}

const std::vector<PrinterConfig>& PrintQueue::printers() const { return m_impl->options.printers; }

void PrintQueue::wake() {
  std::lock_guard lock(m_impl->mutex);
  for (auto& w : m_impl->workers) w->poked = true;
  m_impl->wake_cv.notify_all();
}

}  // namespace accueil::printer
