// accueil-desk-bench: the desk's search over 100,000 attendees (names as at
// the kiosk, plus e-mail, ticket, delegation and staff note), while two other
// threads search the same index as kiosks' "find my name" would; and a
// walk-in from "register" to its print request in an on-disk store; and
// WALKINS walk-ins from "register" to their badge's bytes at a printer
// (desk_print_bench.cpp; 0 leaves it out).
//   accueil-desk-bench [COUNT] [--walkin-prints WALKINS]   (100,000 and 50)
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "shared/base/uuid.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/search/desk_index.hpp"
#include "shared/store/desk.hpp"
#include "tests/bench/bench.hpp"
#include "tests/bench/core/desk_print_bench.hpp"

using namespace accueil;
using namespace accueil::bench;

int main(int argc, char** argv) {
  std::size_t count = 100'000;
  int walkin_prints = 50;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--walkin-prints" && i + 1 < argc) walkin_prints = std::atoi(argv[++i]);
    else if (!arg.empty() && arg.find_first_not_of("0123456789") == std::string::npos) count = std::stoul(arg);
    else
      return fmt::print(stderr, "usage: accueil-desk-bench [COUNT] [--walkin-prints N]; not understood: {}\n", arg), 2;
  }
  auto event = load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml");
  if (!event) return fmt::print(stderr, "{}\n", event.error().message), 1;
  DemoOptions demo;
  demo.count = count;
  auto people = generate_demo_attendees(*event, demo);
  for (Attendee& a : people) a.id = new_uuid();
  auto t0 = Steady::now();
  DeskIndex index(people);
  fmt::print("desk index of {} attendees built in {:.0f} ms\n", people.size(), ms_since(t0));

  std::atomic<bool> stop = false;
  std::vector<std::thread> kiosks;
  for (int k = 0; k < 2; ++k)
    kiosks.emplace_back([&, k] {
      std::size_t i = static_cast<std::size_t>(k);
      while (!stop) (void)index.search(people[(i += 7919) % people.size()].last_name.substr(0, 3), 6);
    });
  std::vector<std::string> queries;
  for (std::size_t i = 0; i < 300; ++i) {
    const Attendee& a = people[(i * 104729) % people.size()];
    switch (i % 4) {
      case 0: queries.push_back(a.last_name); break;
      case 1: queries.push_back(a.first_name.substr(0, 2) + " " + a.last_name.substr(0, 4)); break;
      case 2: queries.push_back(a.email.empty() ? a.ticket_code : a.email.substr(0, a.email.find('@'))); break;
      default: queries.push_back(a.ticket_code); break;
    }
  }
  queries.push_back("zzqxw nobody");
  std::vector<double> samples;
  for (int round = 0; round < 3; ++round)
    for (const auto& q : queries) {
      auto t = Steady::now();
      (void)index.search(q, 12);
      samples.push_back(ms_since(t));
    }
  stop = true;
  for (auto& t : kiosks) t.join();
  auto p = percentiles(samples);
  fmt::print("desk search, 2 kiosk threads searching too: p50 {:.2f} ms, p99 {:.2f} ms, max {:.2f} ms ({} queries)\n",
             p.p50, p.p99, p.max, samples.size());

  const auto dir = std::filesystem::temp_directory_path() / fmt::format("accueil-desk-bench-{}", ::getpid());
  std::filesystem::create_directories(dir);
  {
    auto store = Store::open(dir / "store.db");
    if (!store || !store->save_event(*event)) return fmt::print(stderr, "cannot make the store\n"), 1;
    if (auto s = store->write_attendees_staged({}, people); !s) return fmt::print(stderr, "{}\n", s.error().message), 1;
    std::vector<double> walkins;
    for (int i = 0; i < 30; ++i) {
      WalkIn w;
      w.first_name = fmt::format("Walk{}", i);
      w.last_name = "In";
      w.category = "presse";
      w.country = "JP";
      auto t = Steady::now();
      auto dups = possible_duplicates(*store, w);
      auto d = register_walkin(*store, *event, w, CheckinContext{1, "desk", "bench", now_ms()});
      if (!dups || !d) return fmt::print(stderr, "walk-in failed\n"), 1;
      walkins.push_back(ms_since(t));
    }
    auto w = percentiles(walkins);
    fmt::print("walk-in (duplicate check + register + check-in, fsync'd) at {} attendees: p50 {:.1f} ms, p99 {:.1f} ms\n",
               people.size(), w.p50, w.p99);
  }
  const int failed = walkin_prints > 0 ? walkin_to_printer(dir / "store.db", *event, walkin_prints) : 0;
  std::filesystem::remove_all(dir);
  return failed;
}
