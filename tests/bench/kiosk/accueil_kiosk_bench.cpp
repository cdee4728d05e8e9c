// accueil-kiosk-bench: drives the real kiosk app and prints its figures.
//   - start to first frame (goal <= 1.5 s), with a store of 100,000 attendees;
//   - resident memory with that store once the search index is built (goal <= 200 MB);
//   - CPU use while idle on the welcome screen (goal <= 2 % of one core);
//   - scan complete to "printing" screen shown, p50/p99 (goal p99 <= 100 ms).
// Scans come through a pseudo-terminal configured as the kiosk's serial
// scanner; the app's --trace timestamps (CLOCK_MONOTONIC) mark when it read a
// scan and when it presented a screen. Badges go to a file printer.
// Without $DISPLAY it starts its own Xvfb.
//   accueil-kiosk-bench [--count N] [--scans N] [--idle-seconds S] [--dir DIR]
#include <fcntl.h>
#include <pty.h>
#include <signal.h>
#include <sys/wait.h>
#include <unistd.h>

#include <algorithm>
#include <cctype>
#include <chrono>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <map>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/base/files.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/store.hpp"
#include "shared/domain/ticket.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;
using namespace accueil;

namespace {

double monotonic_ms() {
  timespec t{};
  clock_gettime(CLOCK_MONOTONIC, &t);
  return static_cast<double>(t.tv_sec) * 1000.0 + static_cast<double>(t.tv_nsec) / 1e6;
}

int bench_error(std::string_view message) {
  fmt::print(stderr, "accueil-kiosk-bench: {}\n", message);
  return 1;
}

struct TraceLine {
  double ms = 0;
  std::string what, detail;
};

// The trace file, read on from where the last call stopped.
class TraceReader {
public:
  explicit TraceReader(fs::path path) : m_path(std::move(path)) {}
  // Waits for a line whose `what` (and detail prefix, if given) match.
  std::optional<TraceLine> wait_for(std::string_view what, std::string_view detail, double timeout_ms) {
    const double deadline = monotonic_ms() + timeout_ms;
    while (monotonic_ms() < deadline) {
      std::ifstream in(m_path);
      in.seekg(static_cast<std::streamoff>(m_offset));
      std::string line;
      while (std::getline(in, line)) {
        if (in.eof()) break;  // a line still being written
        m_offset += line.size() + 1;
        std::istringstream fields(line);
        TraceLine t;
        fields >> t.ms >> t.what;
        std::getline(fields >> std::ws, t.detail);
        if (t.what == what && t.detail.starts_with(detail)) return t;
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(2));
    }
    return std::nullopt;
  }

private:
  fs::path m_path;
  std::size_t m_offset = 0;
};

pid_t spawn(const std::vector<std::string>& args, int stdout_fd = -1) {
  pid_t pid = ::fork();
  if (pid == 0) {
    if (stdout_fd >= 0) ::dup2(stdout_fd, 1);
    std::vector<char*> argv;
    for (const std::string& a : args) argv.push_back(const_cast<char*>(a.c_str()));
    argv.push_back(nullptr);
    ::execvp(argv[0], argv.data());
    ::_exit(127);
  }
  return pid;
}

// utime + stime of a process, in clock ticks.
long cpu_ticks(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/stat", pid));
  std::string stat;
  std::getline(in, stat);  // one line
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string skip;
  for (int i = 0; i < 11; ++i) fields >> skip;  // state .. cmajflt
  long utime = 0, stime = 0;
  fields >> utime >> stime;
  return utime + stime;
}

// "VmRSS" or "VmHWM" of a process, in MB.
double memory_mb(pid_t pid, std::string_view field) {
  std::ifstream in(fmt::format("/proc/{}/status", pid));
  for (std::string line; std::getline(in, line);)
    if (line.starts_with(field)) return std::stod(line.substr(field.size() + 1)) / 1024.0;
  return 0;
}

// Where a process's resident memory is: its anonymous memory (the heap and
// the threads' malloc arenas, textures in llvmpipe's case) and the files it
// maps, the biggest by name. From /proc/PID/smaps.
std::string memory_breakdown(pid_t pid) {
  std::ifstream in(fmt::format("/proc/{}/smaps", pid));
  std::map<std::string, double> by_name;  // MB
  std::string name;
  for (std::string line; std::getline(in, line);) {
    if (line.empty()) continue;
    if (std::isxdigit(static_cast<unsigned char>(line[0])) && line.find('-') < line.find(' ')) {
      // "start-end perms offset dev inode   path"
      std::istringstream fields(line);
      std::string range, perms, offset, dev, inode, path;
      fields >> range >> perms >> offset >> dev >> inode;
      std::getline(fields >> std::ws, path);
      name = path.empty() || path.starts_with("[heap]") || path.starts_with("[anon") ? "anonymous"
             : path.starts_with("[")                                                 ? path
                                                                                     : fs::path(path).filename().string();
      continue;
    }
    if (line.starts_with("Rss:")) by_name[name] += std::stod(line.substr(4)) / 1024.0;
  }
  std::vector<std::pair<double, std::string>> sorted;
  for (const auto& [n, mb] : by_name) sorted.emplace_back(mb, n);
  std::ranges::sort(sorted, std::greater<>());
  std::string out;
  for (std::size_t i = 0; i < sorted.size() && i < 6; ++i)
    out += fmt::format("{}{} {:.1f} MB", i ? ", " : "", sorted[i].second, sorted[i].first);
  return out;
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 100'000, scans = 200;
  int idle_seconds = 10;
  fs::path dir = fs::temp_directory_path() / "accueil-kiosk-bench";
  for (int i = 1; i + 1 < argc; i += 2) {
    std::string_view arg = argv[i];
    if (arg == "--count") count = std::strtoul(argv[i + 1], nullptr, 10);
    else if (arg == "--scans") scans = std::strtoul(argv[i + 1], nullptr, 10);
    else if (arg == "--idle-seconds") idle_seconds = std::atoi(argv[i + 1]);
    else if (arg == "--dir") dir = argv[i + 1];
    else return bench_error(fmt::format("unknown argument {}", arg));
  }
  const fs::path accueil = fs::read_symlink("/proc/self/exe").parent_path() / "accueil";
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir / "printed");

  // --- A store of `count` attendees, and signed tickets for the people who scan ---
  fmt::print("preparing a store of {} attendees in {}...\n", count, dir.string());
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return bench_error(event.error().message);
  SecretKey key = generate_secret_key();
  event->public_key = public_key_to_text(key.public_key());
  std::vector<std::string> tokens;
  {
    auto store = Store::open(dir / "store.db");
    if (!store) return bench_error(store.error().message);
    if (auto s = store->save_event(*event); !s) return bench_error(s.error().message);
    auto report = import_registrations(*store, *event, demo_export_csv(generate_demo_attendees(*event, {count, 7}), *event),
                                       "bench.csv");
    if (!report) return bench_error(report.error().message);
    auto attendees = store->attendees();
    if (!attendees) return bench_error(attendees.error().message);
    for (const Attendee& a : *attendees) {
      if (tokens.size() == scans) break;
      if (a.status != AttendeeStatus::active || !a.days.contains(1)) continue;
      auto token = sign_ticket(claims_for(a, *event), key);
      if (!token) return bench_error(token.error().message);
      if (auto s = store->set_ticket_token(a.id, *token); !s) return bench_error(s.error().message);
      tokens.push_back(*token);
    }
  }

  // --- A serial scanner: a pseudo-terminal the kiosk reads like /dev/ttyACM0 ---
  int master = -1, slave = -1;
  char slave_name[256] = {};
  if (::openpty(&master, &slave, slave_name, nullptr, nullptr) != 0) return bench_error("openpty failed");

  const fs::path config = dir / "kiosk.toml";
  if (auto s = write_file(config, fmt::format(R"(store = "store.db"
kiosk = "bench"
rehearsal_day = 1
printer = "file"
[scanner]
serial = ["{}"]
[screen]
fullscreen = false
width = 1280
height = 800
[[printers]]
name = "file"
uri = "file:{}:brother-ql-820nwb"
media = "62x100"
template = "label-62x100"
)", slave_name, (dir / "printed").string()));
      !s)
    return bench_error(s.error().message);

  // --- A display ---
  pid_t xvfb = 0;
  if (const char* display = std::getenv("DISPLAY"); !display || !*display) {
    int fds[2];
    if (::pipe(fds) != 0) return bench_error("pipe failed");
    xvfb = spawn({"Xvfb", "-displayfd", std::to_string(fds[1]), "-noreset", "-screen", "0", "1280x800x24", "-nolisten", "tcp"});
    ::close(fds[1]);
    char number[16] = {};
    if (::read(fds[0], number, sizeof number - 1) <= 0) return bench_error("Xvfb did not start (is xvfb installed?)");
    ::close(fds[0]);
    ::setenv("DISPLAY", fmt::format(":{}", std::stoi(number)).c_str(), 1);
  }

  // --- Start to first frame ---
  const fs::path trace_path = dir / "trace.txt";
  TraceReader trace(trace_path);
  int devnull = ::open("/dev/null", O_WRONLY);
  const double started = monotonic_ms();
  pid_t kiosk = spawn({accueil.string(), "--config", config.string(), "--trace", trace_path.string()}, devnull);
  auto cleanup = [&] {
    ::kill(kiosk, SIGTERM);
    ::waitpid(kiosk, nullptr, 0);
    if (xvfb) {
      ::kill(xvfb, SIGTERM);
      ::waitpid(xvfb, nullptr, 0);
    }
  };
  auto drawn_with = trace.wait_for("renderer", "", 30'000);  // logged before the first frame
  auto first_frame = trace.wait_for("first_frame", "", 30'000);
  if (!first_frame) {
    cleanup();
    return bench_error("the kiosk drew no frame in 30 s");
  }
  auto index = trace.wait_for("index", "", 60'000);
  if (!index) {
    cleanup();
    return bench_error("the kiosk built no search index in 60 s");
  }
  const double rss_ready = memory_mb(kiosk, "VmRSS");

  // --- Idle on the welcome screen ---
  std::this_thread::sleep_for(std::chrono::seconds(2));
  const long cpu_before = cpu_ticks(kiosk);
  std::this_thread::sleep_for(std::chrono::seconds(idle_seconds));
  const long cpu_after = cpu_ticks(kiosk);
  const double idle_percent =
      100.0 * static_cast<double>(cpu_after - cpu_before) / static_cast<double>(::sysconf(_SC_CLK_TCK)) / idle_seconds;

  // --- Scans ---
  std::vector<double> latencies;
  for (const std::string& token : tokens) {
    const std::string line = token + "\r\n";
    if (::write(master, line.data(), line.size()) != static_cast<ssize_t>(line.size())) break;
    auto scanned = trace.wait_for("scan", "serial", 5'000);
    auto shown = trace.wait_for("shown", "printing", 5'000);
    if (!scanned || !shown) {
      cleanup();
      return bench_error(fmt::format("scan {} did not reach the printing screen", latencies.size() + 1));
    }
    latencies.push_back(shown->ms - scanned->ms);
    if (!trace.wait_for("screen", "done", 10'000)) {
      cleanup();
      return bench_error("a badge did not print");
    }
  }
  const double rss_after = memory_mb(kiosk, "VmRSS");
  const std::string where_after = memory_breakdown(kiosk);
  const double rss_peak = memory_mb(kiosk, "VmHWM");
  cleanup();

  const bench::Percentiles scan = bench::percentiles(latencies);
  fmt::print("\naccueil-kiosk-bench: {} attendees, {} scans through a serial scanner, display {}, {} renderer\n", count,
             latencies.size(), std::getenv("DISPLAY"), drawn_with ? drawn_with->detail : "unknown");
  fmt::print("start to first frame       {:7.0f} ms   (search index ready at {:.0f} ms)   [goal: <= 1500 ms]\n",
             first_frame->ms - started, index->ms - started);
  fmt::print("resident memory            {:7.1f} MB once the index is built, {:.1f} MB after the scans, peak {:.1f} MB"
             "   [goal: <= 200 MB]\n", rss_ready, rss_after, rss_peak);
  fmt::print("  after the scans: {}\n", where_after);
  fmt::print("CPU while idle on welcome  {:7.2f} % of one core over {} s   [goal: <= 2 %]\n", idle_percent, idle_seconds);
  fmt::print("scan to printing screen    p50 {:.1f} ms  p99 {:.1f} ms  max {:.1f} ms   [goal: p99 <= 100 ms]\n", scan.p50,
             scan.p99, scan.max);
  fs::remove_all(dir, ec);
  return 0;
}
