// accueil_print_durability: the pieces of the crash test
// (tests/integration/durability_test.sh), which SIGKILLs a print queue while
// requests are queued and being sent, starts it again, and checks that every
// request ended printed or failed with a reason, none lost, none printed twice.
//
//   init STORE N                 a store with the sample event, N attendees, one queued request each
//   sink FIFO OUT RATE           a slow "printer device": makes the FIFO (for an lp: URI) and
//                                copies what comes through it to OUT at RATE bytes/s
//   run STORE PRINTERS           runs the print queue until no request is queued or sending
//   check STORE OUT              compares what reached the printer with each request's state
//
// The printer is a usblp stand-in: the queue writes to a FIFO (lp: URI) that
// the sink drains slowly through the smallest pipe, so a job takes a while to
// send, as on a real printer. Badges are drawn by a stand-in renderer: noise
// seeded by the attendee's id, so that jobs do not compress and each job says
// whose badge it is. `check` makes the same bytes again and counts, per
// attendee, the complete jobs the printer received.
#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "printer/encode/brother_ql.hpp"
#include "printer/queue/print_queue.hpp"
#include "printer/queue/printers_toml.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/base/files.hpp"
#include "shared/base/uuid.hpp"

using namespace accueil;
using namespace accueil::printer;
namespace fs = std::filesystem;

namespace {

int usage() {
  std::fputs("usage: accueil_print_durability init STORE N | sink FIFO OUT RATE | run STORE PRINTERS | "
             "check STORE OUT\n", stderr);
  return 2;
}

int die(const std::string& message) {
  fmt::print(stderr, "accueil_print_durability: {}\n", message);
  return 1;
}

// Noise seeded by the attendee's id (FNV-1a, then xorshift64).
MonoBitmap noise_badge(std::string_view seed_text, const MonoTarget& t) {
  std::uint64_t seed = 1469598103934665603ull;
  for (char c : seed_text) seed = (seed ^ static_cast<unsigned char>(c)) * 1099511628211ull;
  MonoBitmap b(t.width_dots, t.height_dots > 0 ? t.height_dots : 600, t.dpi);
  for (auto& byte : b.bits) {
    seed ^= seed << 13;
    seed ^= seed >> 7;
    seed ^= seed << 17;
    byte = static_cast<std::uint8_t>(seed);
  }
  // Padding bits past the width stay white, as MonoBitmap wants.
  const int pad = b.stride() * 8 - b.width;
  if (pad > 0)
    for (int y = 0; y < b.height; ++y) b.row(y)[b.stride() - 1] &= static_cast<std::uint8_t>(0xFF << pad);
  return b;
}

class NoiseRenderer final : public BadgeRenderer {
public:
  Result<std::string> pdf(const BadgeSubject&) override { return fail("this stand-in draws bitmaps only"); }
  Result<MonoBitmap> mono(const BadgeSubject& s, const MonoTarget& t) override { return noise_badge(s.attendee.id, t); }
};

int init(const fs::path& store_path, int count) {
  auto store = Store::open(store_path);
  if (!store) return die(store.error().message);
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return die(event.error().message);
  if (auto s = store->save_event(*event); !s) return die(s.error().message);
  RequestStore requests(*store);
  for (int i = 1; i <= count; ++i) {
    Attendee a;
    a.id = new_uuid();
    a.external_ref = fmt::format("D{:03}", i);
    a.ticket_code = fmt::format("T-D{:03}", i);
    a.first_name = "Ana";
    a.last_name = fmt::format("Durabilité-{}", i);
    a.category = "elu";
    a.days = DaySet::all(2);
    if (auto s = store->insert_attendee(a, AttendeeSource::import); !s) return die(s.error().message);
    if (auto id = requests.insert({a.id, "desk", "label-62x100", {}, "", ""}, now_ms()); !id)
      return die(id.error().message);
  }
  fmt::print("{} requests queued\n", count);
  return 0;
}

int sink(const fs::path& fifo, const fs::path& out_path, long rate) {
  std::error_code ec;
  fs::remove(fifo, ec);
  if (::mkfifo(fifo.c_str(), 0600) != 0) return die(fmt::format("cannot make the FIFO {}", fifo.string()));
  // Read and write: with a writer always there, a read waits instead of
  // seeing the end of the stream each time the queue's process dies.
  int fd = ::open(fifo.c_str(), O_RDWR | O_CLOEXEC);
  if (fd < 0) return die(fmt::format("cannot open the FIFO {}", fifo.string()));
  ::fcntl(fd, F_SETPIPE_SZ, 4096);  // the smallest pipe: the writer feels the printer's pace
  std::ofstream out(out_path, std::ios::binary);
  std::vector<char> buffer(4096);
  for (;;) {
    ssize_t got = ::read(fd, buffer.data(), buffer.size());
    if (got < 0 && errno == EINTR) continue;
    if (got <= 0) return die("the FIFO failed");
    out.write(buffer.data(), got);
    out.flush();
    // As long as printing that much takes at RATE bytes a second.
    std::this_thread::sleep_for(std::chrono::microseconds(got * 1'000'000 / std::max(rate, 1L)));
  }
}

// Counts requests still queued or sending.
Result<int> open_requests(Store& store) {
  RequestStore requests(store);
  auto queued = requests.in_state(RequestState::queued);
  if (!queued) return std::unexpected(queued.error());
  auto sending = requests.in_state(RequestState::sending);
  if (!sending) return std::unexpected(sending.error());
  return static_cast<int>(queued->size() + sending->size());
}

int run(const fs::path& store_path, const fs::path& printers_file) {
  auto printers = load_printers_file(printers_file);
  if (!printers) return die(printers.error().message);
  PrintQueueOptions o;
  o.store_path = store_path;
  o.printers = *printers;
  o.renderer = []() -> Result<std::unique_ptr<BadgeRenderer>> { return std::make_unique<NoiseRenderer>(); };
  o.backoff = BackoffOptions{.first_ms = 50, .max_ms = 200, .factor = 2, .max_attempts = 0};
  o.listener.on_request = [](const RequestUpdate& u) {
    fmt::print("request {} {}{}\n", u.id, to_string(u.state), u.detail.empty() ? "" : ": " + u.detail);
    std::fflush(stdout);
  };
  auto queue = PrintQueue::start(std::move(o));
  if (!queue) return die(queue.error().message);
  auto watch = Store::open(store_path);
  if (!watch) return die(watch.error().message);
  for (;;) {
    auto open = open_requests(*watch);
    if (!open) return die(open.error().message);
    if (*open == 0) break;
    std::this_thread::sleep_for(std::chrono::milliseconds(50));
  }
  (*queue)->stop();
  fmt::print("no request left to print\n");
  return 0;
}

int check(const fs::path& store_path, const fs::path& received) {
  auto store = Store::open(store_path);
  if (!store) return die(store.error().message);
  auto attendees = store->attendees();
  if (!attendees) return die(attendees.error().message);

  // What each attendee's job looks like: the queue's driver encodes the same way.
  const auto& media = brother::info(brother::Media::die_cut_62x100mm);
  const MonoTarget target{300, media.printable_width_dots, media.printable_length_dots};
  std::map<std::string, std::string> expected;  // job bytes -> attendee id
  for (const Attendee& a : *attendees) {
    const MonoBitmap badge = noise_badge(a.id, target);
    auto job = brother::encode_job(brother::Model::ql_820nwb, brother::Media::die_cut_62x100mm,
                                   std::span<const MonoBitmap>(&badge, 1));
    if (!job) return die(job.error().message);
    expected.emplace(std::string(job->begin(), job->end()), a.id);
  }
  // The printer's stream: jobs back to back, some cut short by a kill (no
  // print command at their end: a printer prints nothing of them).
  auto stream = read_file(received);
  if (!stream) return die(stream.error().message);
  std::map<std::string, int> jobs;  // attendee id -> complete jobs in the stream
  std::size_t complete_bytes = 0;
  for (const auto& [bytes, id] : expected) {
    for (std::size_t at = stream->find(bytes); at != std::string::npos; at = stream->find(bytes, at + bytes.size())) {
      ++jobs[id];
      complete_bytes += bytes.size();
    }
  }
  const std::size_t cut_bytes = stream->size() - complete_bytes;

  RequestStore requests(*store);
  int printed = 0, failed = 0, errors = 0;
  for (const Attendee& a : *attendees) {
    auto rows = requests.of_attendee(a.id);
    if (!rows) return die(rows.error().message);
    auto complain = [&](const std::string& what) {
      ++errors;
      fmt::print(stderr, "FAIL {} ({}): {}\n", a.external_ref, a.id, what);
    };
    if (rows->size() != 1) {
      complain(fmt::format("{} requests instead of 1", rows->size()));
      continue;
    }
    const RequestRecord& r = rows->front();
    const int got = jobs[a.id];
    switch (r.state) {
      case RequestState::printed:
        ++printed;
        if (got != 1) complain(fmt::format("printed, but {} complete jobs reached the printer", got));
        break;
      case RequestState::failed:
        ++failed;
        if (r.detail.empty()) complain("failed without a reason");
        if (got > 1) complain(fmt::format("failed, and {} complete jobs reached the printer", got));
        break;
      default: complain(fmt::format("left {}", to_string(r.state)));
    }
  }
  int received_jobs = 0;
  for (const auto& [id, n] : jobs) received_jobs += n;
  fmt::print("{} requests: {} printed, {} failed with a reason; the printer received {} complete jobs and {} bytes "
             "of jobs cut short; {} problems\n",
             attendees->size(), printed, failed, received_jobs, cut_bytes, errors);
  return errors == 0 ? 0 : 1;
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) return usage();
  const std::string mode = argv[1];
  if (mode == "init" && argc == 4) return init(argv[2], std::atoi(argv[3]));
  if (mode == "sink" && argc == 5) return sink(argv[2], argv[3], std::atol(argv[4]));
  if (mode == "run" && argc == 4) return run(argv[2], argv[3]);
  if (mode == "check" && argc == 4) return check(argv[2], argv[3]);
  return usage();
}
