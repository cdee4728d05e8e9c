// What the organisers' dashboard costs the store: its feed (kiosk/app/modes/
// dashboard/feed.hpp) polled as accueil --dashboard polls it, on a store of
// N attendees with the demo's made-up arrivals, while another connection
// checks people in. Prints wall and CPU time per refresh (p50, p99).
//   accueil-dashboard-bench [--count N] [--dir DIR]
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/demo_arrivals.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/store.hpp"
#include "tests/bench/bench.hpp"

using namespace accueil;
using namespace accueil::bench;
namespace fs = std::filesystem;

namespace {

double cpu_ms() {
  timespec t{};
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &t);
  return static_cast<double>(t.tv_sec) * 1e3 + static_cast<double>(t.tv_nsec) / 1e6;
}

int bench_error(std::string_view message) {
  fmt::print(stderr, "accueil-dashboard-bench: {}\n", message);
  return 1;
}

void print_row(std::string_view what, const std::vector<double>& wall, const std::vector<double>& cpu) {
  const Percentiles w = percentiles(wall), c = percentiles(cpu);
  fmt::print("  {:44} wall p50 {:8.2f} ms  p99 {:8.2f} ms   CPU p50 {:8.2f} ms  p99 {:8.2f} ms  ({} runs)\n", what,
             w.p50, w.p99, c.p50, c.p99, wall.size());
}

}  // namespace

int main(int argc, char** argv) {
  std::size_t count = 100'000;
  fs::path dir = fs::temp_directory_path() / "accueil-dashboard-bench";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--count" && i + 1 < argc) count = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else return bench_error(fmt::format("unknown argument {}", arg));
  }
  std::error_code ec;
  fs::remove_all(dir, ec);
  fs::create_directories(dir);
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return bench_error(event.error().message);
  const fs::path path = dir / "bench.db";
  auto store = Store::open(path);
  if (!store) return bench_error(store.error().message);
  if (auto s = store->save_event(*event); !s) return bench_error(s.error().message);
  const std::string csv = demo_export_csv(generate_demo_attendees(*event, {count, 2026}), *event);
  auto plan = plan_import(csv, "bench.csv", *event);
  if (!plan) return bench_error(plan.error().message);
  if (auto r = apply_import(*store, std::move(*plan)); !r) return bench_error(r.error().message);
  auto attendees = store->attendees();
  if (!attendees) return bench_error(attendees.error().message);
  // Day 1 of the sample event, 10:00 in Paris; the arrivals of the three hours before.
  const std::int64_t now = 1'796'288'400'000;
  auto arrivals = generate_demo_arrivals(*attendees, {.day = 1, .now_ms = now});
  if (auto s = record_demo_arrivals(*store, arrivals); !s) return bench_error(s.error().message);
  fmt::print("accueil-dashboard-bench: {} attendees, {} log entries, store {}\n\n", attendees->size(), arrivals.size(),
             path.string());

  auto feed = kiosk::open_local_feed(path, 1);
  if (!feed) return bench_error(feed.error().message);
  double c0 = cpu_ms();
  auto t0 = Steady::now();
  auto first = (*feed)->refresh(now, "fr", false);
  if (!first || !*first) return bench_error("no first refresh");
  print_row("first refresh (whole list and log)", {ms_since(t0)}, {cpu_ms() - c0});

  std::vector<double> wall, cpu;
  for (int i = 0; i < 200; ++i) {
    c0 = cpu_ms();
    t0 = Steady::now();
    auto r = (*feed)->refresh(now, "fr", false);
    wall.push_back(ms_since(t0));
    cpu.push_back(cpu_ms() - c0);
    if (!r || *r) return bench_error("an idle refresh found a change");
  }
  print_row("idle poll (nothing changed)", wall, cpu);

  // Check-ins by another connection between polls, as kiosks make them.
  std::vector<double> wall_new, cpu_new, compute;
  std::size_t next = 0;
  for (int i = 0; i < 40; ++i) {
    for (; next < attendees->size(); ++next) {
      const Attendee& a = (*attendees)[next];
      if (a.status != AttendeeStatus::active || !a.days.contains(1)) continue;
      auto d = check_in_attendee(*store, *event, a.id, {1, "bench", "", now + i});
      if (!d) return bench_error(d.error().message);
      if (d->outcome == Outcome::ok) break;
    }
    c0 = cpu_ms();
    t0 = Steady::now();
    auto r = (*feed)->refresh(now + i, "fr", false);
    wall_new.push_back(ms_since(t0));
    cpu_new.push_back(cpu_ms() - c0);
    if (!r || !*r) return bench_error("a check-in went unseen");
    compute.push_back((*r)->compute_ms);
  }
  print_row("poll after a check-in (read + figures)", wall_new, cpu_new);
  print_row("  of which the figures (compute_ms, wall)", compute, {});
  const double idle_cpu = percentiles(cpu).p50, busy_cpu = percentiles(cpu_new).p50;
  // The dashboard polls every 500 ms, and after new figures waits 4x what they cost.
  const double busy_period = std::max(500.0, 4 * percentiles(compute).p50);
  fmt::print("\nthe dashboard's share of a core: {:.2f} % idle (a poll per 500 ms); {:.1f} % with check-ins "
             "arriving all the time (new figures every {:.0f} ms)\n",
             100.0 * idle_cpu / 500.0, 100.0 * busy_cpu / busy_period, busy_period);
  return 0;
}
