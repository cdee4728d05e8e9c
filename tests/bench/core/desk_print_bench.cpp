// A walk-in at the desk, from "register" to its badge's bytes at a printer.
//
// The desk's path, run here without its window: the register action
// (perform_desk_action: duplicate check, register, check-in, one write
// transaction) on the desk's store connection, the print request inserted
// as the desk's queue_prints() does, and the store's print queue (the real
// one: its worker thread, the badge renderer with the real template and
// fonts, the Brother QL raster encoder and the TCP transport) sending the
// badge to printer "desk" at tcp:127.0.0.1:PORT:brother-ql-820nwb. The
// printer is this program: a listener on loopback that reads each job
// until the driver closes the connection (a Brother QL on port 9100 answers
// nothing), and notes when the first and last bytes arrived.
//
// As the desk does, the queue is woken right after the insert (without it,
// the worker would see the request at its next look at the store, within
// store_poll_ms, 1 s: about 0.6 s more at p50).
#include "tests/bench/core/desk_print_bench.hpp"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <poll.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <condition_variable>
#include <mutex>
#include <optional>
#include <thread>

#include <fmt/core.h>

#include "printer/queue/print_queue.hpp"
#include "printer/queue/render_adapter.hpp"
#include "shared/base/files.hpp"
#include "shared/flow/desk_flow.hpp"
#include "tests/bench/bench.hpp"

namespace accueil::bench {

namespace {

using namespace accueil::printer;

struct Job {
  Steady::time_point first_byte;
  Steady::time_point last_byte;
  std::size_t bytes = 0;
};

// A raw printer port on loopback: one job per connection.
class TcpPrinter {
public:
  TcpPrinter() {
    m_fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
    sockaddr_in a{};
    a.sin_family = AF_INET;
    a.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
    socklen_t len = sizeof a;
    if (m_fd < 0 || ::bind(m_fd, reinterpret_cast<sockaddr*>(&a), sizeof a) != 0 || ::listen(m_fd, 4) != 0 ||
        ::getsockname(m_fd, reinterpret_cast<sockaddr*>(&a), &len) != 0)
      return;
    m_port = ntohs(a.sin_port);
    m_thread = std::thread([this] { serve(); });
  }
  ~TcpPrinter() {
    m_stop = true;
    if (m_thread.joinable()) m_thread.join();
    if (m_fd >= 0) ::close(m_fd);
  }
  int port() const { return m_port; }
  // The next job with bytes, waiting up to `timeout_ms`.
  std::optional<Job> next(int timeout_ms) {
    std::unique_lock lock(m_mutex);
    if (!m_cv.wait_for(lock, std::chrono::milliseconds(timeout_ms), [&] { return !m_jobs.empty(); })) return {};
    Job j = m_jobs.front();
    m_jobs.erase(m_jobs.begin());
    return j;
  }

private:
  void serve() {
    std::vector<char> buffer(64 * 1024);
    while (!m_stop) {
      pollfd p{m_fd, POLLIN, 0};
      if (::poll(&p, 1, 100) <= 0) continue;
      const int c = ::accept4(m_fd, nullptr, nullptr, SOCK_CLOEXEC);
      if (c < 0) continue;
      Job job;
      for (;;) {
        const ssize_t got = ::read(c, buffer.data(), buffer.size());
        if (got <= 0) break;
        const auto now = Steady::now();
        if (job.bytes == 0) job.first_byte = now;
        job.last_byte = now;
        job.bytes += static_cast<std::size_t>(got);
      }
      ::close(c);
      if (job.bytes == 0) continue;  // a state check: the driver connects and says nothing
      std::lock_guard lock(m_mutex);
      m_jobs.push_back(job);
      m_cv.notify_all();
    }
  }

  int m_fd = -1;
  int m_port = 0;
  std::atomic<bool> m_stop = false;
  std::thread m_thread;
  std::mutex m_mutex;
  std::condition_variable m_cv;
  std::vector<Job> m_jobs;
};

}  // namespace

int walkin_to_printer(const std::filesystem::path& store_path, const Event& event, int count) {
  TcpPrinter printer;
  if (printer.port() == 0) return fmt::print(stderr, "cannot listen on loopback\n"), 1;
  PrinterConfig desk;
  desk.name = "desk";
  auto uri = parse_printer_uri(fmt::format("tcp:127.0.0.1:{}:brother-ql-820nwb", printer.port()));
  auto media = parse_media("62x100");
  if (!uri || !media) return fmt::print(stderr, "bad printer settings\n"), 1;
  desk.uri = *uri;
  desk.media = *media;
  desk.template_id = "label-62x100";

  PrintQueueOptions o;
  o.store_path = store_path;
  o.printers = {desk};
  o.event = event;
  o.program = "accueil-desk-bench";
  o.renderer = badge_renderers({assets_dir() / "badges", {}});
  auto queue = PrintQueue::start(std::move(o));
  if (!queue) return fmt::print(stderr, "{}\n", queue.error().message), 1;
  auto store = Store::open(store_path);
  if (!store) return fmt::print(stderr, "{}\n", store.error().message), 1;

  {
    std::vector<double> to_last, to_first, action;
    std::size_t bytes = 0;
    for (int i = 0; i < count; ++i) {
      DeskAction a;
      a.kind = DeskActionKind::walk_in;
      a.walkin.first_name = "Nadia";
      a.walkin.last_name = fmt::format("Banc-{}", i);
      a.walkin.organisation = "Mairie de Tulle";
      a.walkin.category = "presse";
      a.walkin.country = "FR";
      const auto t0 = Steady::now();
      auto outcome = perform_desk_action(*store, event, a, CheckinContext{1, "desk", "bench", now_ms()});
      if (!outcome || !outcome->done || outcome->to_print.empty())
        return fmt::print(stderr, "the walk-in was not registered: {}\n",
                          outcome ? english(outcome->notice) : outcome.error().message), 1;
      // As the desk's queue_prints(): one request on the desk's printer.
      NewRequest r;
      r.attendee_id = outcome->to_print.front();
      r.printer = "desk";
      for (const CheckinEvent& e : outcome->events) r.checkin_uuid = e.uuid;
      if (auto id = RequestStore(*store).insert(r, now_ms()); !id)
        return fmt::print(stderr, "{}\n", id.error().message), 1;
      action.push_back(ms_since(t0));
      (*queue)->wake();  // as the desk does once the action is done
      auto job = printer.next(30'000);
      if (!job) return fmt::print(stderr, "no badge reached the printer within 30 s\n"), 1;
      to_first.push_back(std::chrono::duration<double, std::milli>(job->first_byte - t0).count());
      to_last.push_back(std::chrono::duration<double, std::milli>(job->last_byte - t0).count());
      bytes += job->bytes;
    }
    const Percentiles act = percentiles(action), first = percentiles(to_first), last = percentiles(to_last);
    fmt::print("walk-in, register to badge bytes at a Brother QL on TCP ({} walk-ins, {} bytes a badge):\n"
               "  register + check-in + request written: p50 {:.1f} ms, p99 {:.1f} ms\n"
               "  to the first byte at the printer:      p50 {:.0f} ms, p99 {:.0f} ms\n"
               "  to the last byte at the printer:       p50 {:.0f} ms, p99 {:.0f} ms, max {:.0f} ms\n",
               count, bytes / static_cast<std::size_t>(count), act.p50, act.p99, first.p50, first.p99, last.p50,
               last.p99, last.max);
  }
  (*queue)->stop();
  return 0;
}

}  // namespace accueil::bench
