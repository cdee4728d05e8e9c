// accueil-import-bench: how long a kiosk's check-in waits while the desk
// imports a 100,000-row export into the store it shares (two connections, as
// two processes would have: the import on one thread, check-ins on another).
// Check-ins run every 5 ms (far above a real door's rate), with the store on
// disk in WAL mode with synchronous=FULL, first with nothing else running
// (idle), then during each import:
//   - "first import": 100,000 rows into a store holding 10,000 of them;
//   - "re-import": the same 100,000 people, every row changed.
// Goal: check-in p99 <= 10 ms during an import, as when idle.
// Usage: accueil-import-bench [--count N] [--dir DIR]
#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include <fmt/core.h>

#include "shared/store/checkin.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/store.hpp"
#include "tests/bench/bench.hpp"

namespace fs = std::filesystem;
using namespace accueil;
using bench::ms_since;
using bench::Steady;

namespace {

int bench_error(const std::string& message) {
  fmt::print(stderr, "accueil-import-bench: {}\n", message);
  return 1;
}

struct Figures {
  bench::Percentiles latency;
  std::size_t checkins = 0;
  std::size_t failed = 0;  // errors (a busy store after its 5 s timeout)
  double import_s = 0;
  std::string import_error;
};

// Check-ins of random attendees of `codes` every 5 ms on their own connection,
// while `work` runs (or for `idle_ms` when there is no work).
template <class Work>
Figures measure(const fs::path& db, const Event& event, const std::vector<std::string>& codes, Work work,
                double idle_ms = 0) {
  Figures f;
  std::atomic<bool> done{false};
  std::vector<double> samples;
  std::thread kiosk([&] {
    auto store = Store::open(db);
    if (!store) return;
    std::uint64_t seed = 88172645463325252ull;
    while (!done.load()) {
      seed ^= seed << 13, seed ^= seed >> 7, seed ^= seed << 17;
      const std::string& code = codes[seed % codes.size()];
      CheckinContext ctx{static_cast<int>(seed % 2) + 1, "bench-kiosk", "", now_ms()};
      auto t = Steady::now();
      auto d = check_in_scan(*store, event, code, ctx);
      samples.push_back(ms_since(t));
      if (!d) ++f.failed;
      std::this_thread::sleep_for(std::chrono::milliseconds(5));
    }
  });
  auto start = Steady::now();
  if (idle_ms > 0) {
    std::this_thread::sleep_for(std::chrono::duration<double, std::milli>(idle_ms));
  } else {
    std::this_thread::sleep_for(std::chrono::milliseconds(200));  // the kiosk is running before the import starts
    start = Steady::now();
    if (auto s = work(); !s) f.import_error = s.error().message;
  }
  f.import_s = ms_since(start) / 1000;
  done = true;
  kiosk.join();
  f.checkins = samples.size();
  f.latency = bench::percentiles(std::move(samples));
  return f;
}

fs::path g_wal;

void print(std::string_view what, const Figures& f, bool idle) {
  fmt::print("{:<13} {:5} check-ins  p50 {:6.2f} ms  p99 {:7.2f} ms  max {:7.2f} ms  errors {}", what, f.checkins,
             f.latency.p50, f.latency.p99, f.latency.max, f.failed);
  if (!idle) fmt::print("   import {:.2f} s{}", f.import_s, f.import_error.empty() ? "" : " FAILED: " + f.import_error);
  std::error_code ec;
  fmt::print("   WAL {:.0f} MB\n", static_cast<double>(fs::file_size(g_wal, ec)) / 1e6);
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 100'000;
  fs::path dir = fs::temp_directory_path() / "accueil-import-bench";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--count" && i + 1 < argc) count = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else return bench_error(fmt::format("unknown argument {}", arg));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  const fs::path db = dir / "bench.db";
  g_wal = dir / "bench.db-wal";
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return bench_error(event.error().message);
  auto store = Store::open(db);
  if (!store) return bench_error(store.error().message);
  if (auto s = store->save_event(*event); !s) return bench_error(s.error().message);

  auto people = generate_demo_attendees(*event, {count, 2026});
  const std::string full = demo_export_csv(people, *event);
  const std::vector<Attendee> first(people.begin(), people.begin() + static_cast<std::ptrdiff_t>(std::min<std::size_t>(10'000, count)));
  if (auto r = import_registrations(*store, *event, demo_export_csv(first, *event), "first.csv"); !r)
    return bench_error(r.error().message);
  std::vector<std::string> codes;
  for (const Attendee& a : first) codes.push_back(a.ticket_code);
  for (Attendee& a : people) a.function += " (2)";
  const std::string changed = demo_export_csv(people, *event);
  fmt::print("accueil-import-bench: {} rows, store {}\n", count, db.string());

  auto import = [&](const std::string& csv) {
    return [&store, &event, &csv]() -> Status {
      auto r = import_registrations(*store, *event, csv, "bench.csv");
      if (!r) return std::unexpected(r.error());
      return {};
    };
  };
  print("idle", measure(db, *event, codes, [] { return Status{}; }, 3000), true);
  print("first import", measure(db, *event, codes, import(full)), false);
  codes.clear();
  for (std::size_t i = 0; i < people.size(); i += std::max<std::size_t>(1, people.size() / 5000))
    codes.push_back(people[i].ticket_code);
  print("re-import", measure(db, *event, codes, import(changed)), false);
  print("idle after", measure(db, *event, codes, [] { return Status{}; }, 3000), true);
  fs::remove_all(dir, ec);
  return 0;
}
