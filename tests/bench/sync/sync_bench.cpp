// accueil-sync-bench: the central list's figures on a running PostgreSQL.
//   accueil-sync-bench URL [--kiosks 20] [--attendees 20000] [--samples 60]
// (tests/bench/sync/run.sh starts a server of its own and runs it.) Prints:
//   - initial sync of the whole list into an empty kiosk store;
//   - with every kiosk's SyncWorker running: time from a check-in written at
//     one kiosk to its arrival in every other kiosk's store, p50/p99;
//   - central check-ins per second with every kiosk pushing at once;
//   - catch-up of one kiosk with 2,000 events queued while offline.
// URL must be a login that may create the schema (a superuser); the kiosks use
// it too, as organisers (the same views and functions as kiosk logins).
#include <cstdlib>
#include <filesystem>
#include <memory>
#include <string>
#include <thread>

#include <fmt/core.h>

#include "shared/base/uuid.hpp"
#include "shared/domain/clock.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/intake/import.hpp"
#include "shared/sync/central.hpp"
#include "shared/sync/sync_worker.hpp"
#include "tests/bench/bench.hpp"

using namespace accueil;
namespace fs = std::filesystem;

namespace {

template <class T>
T must(Result<T> r, const char* what) {
  if (!r) {
    fmt::print(stderr, "{}: {}\n", what, r.error().message);
    std::exit(1);
  }
  return std::move(*r);
}
void must(Status s, const char* what) {
  if (!s) {
    fmt::print(stderr, "{}: {}\n", what, s.error().message);
    std::exit(1);
  }
}

CheckinEvent event_for(const std::string& attendee_id, const std::string& kiosk, int day) {
  return CheckinEvent{new_uuid(), attendee_id, day, kiosk, now_ms(), CheckinKind::checkin, "", "", ""};
}

std::int64_t central_count(pg::Connection& conn) {
  auto rows = must(conn.exec("SELECT count(*) FROM accueil.checkins"), "count");
  return rows.integer(0, 0);
}

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    fmt::print(stderr, "usage: accueil-sync-bench URL [--kiosks N] [--attendees N] [--samples N] [--initial-only 1]\n");
    return 2;
  }
  const std::string url = argv[1];
  int kiosks = 20, attendees = 20000, samples = 60, initial_only = 0;
  for (int i = 2; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    const int value = std::atoi(argv[i + 1]);
    if (flag == "--kiosks") kiosks = value;
    else if (flag == "--attendees") attendees = value;
    else if (flag == "--samples") samples = value;
    else if (flag == "--initial-only") initial_only = value;
  }
  const fs::path dir = fs::temp_directory_path() / fmt::format("accueil-sync-bench-{}", getpid());
  fs::create_directories(dir);

  auto conn = must(pg::Connection::open(url), "connect");
  const Event event = must(load_event_file(ACCUEIL_SOURCE_DIR "/assets/events/rencontres-2026.toml"), "event");
  must(central::init(conn, event, {}), "central init");
  const std::string csv =
      demo_export_csv(generate_demo_attendees(event, {static_cast<std::size_t>(attendees), 11}), event);
  auto start = bench::Steady::now();
  auto plan = must(plan_import(csv, "demo.csv", event), "plan");
  auto imported = must(central::import(conn, event, std::move(plan), {}), "central import");
  fmt::print("central import of {} attendees: {:.0f} ms ({} added)\n", attendees, bench::ms_since(start),
             imported.import.inserted);

  // 1. First start: an empty store pulls the whole list.
  auto options = [&](int k) {
    sync::SyncOptions o;
    o.store = dir / fmt::format("kiosk-{}.db", k);
    o.central_url = url;
    o.kiosk = fmt::format("bench-{}", k);
    return o;
  };
  {
    auto store = must(Store::open(options(0).store), "store");
    must(store.save_event(event), "event");
    start = bench::Steady::now();
    auto pass = must(sync::sync_once(store, options(0)), "initial sync");
    fmt::print("initial sync into an empty kiosk: {} attendees in {:.0f} ms (goal <= 2000; batches of {})\n",
               pass.pulled_attendees, bench::ms_since(start), options(0).first_pull_batch);
    must(store.database().exec("PRAGMA wal_checkpoint(TRUNCATE)"), "checkpoint");
  }
  {
    // The first pull as it was: 500-row batches, each row looked up before it is written
    // (run second: the server's cache is warm for it, not for the one above).
    sync::SyncOptions o = options(0);
    o.store = dir / "kiosk-row-by-row.db";
    o.first_pull_batch = 0;
    auto store = must(Store::open(o.store), "store");
    must(store.save_event(event), "event");
    start = bench::Steady::now();
    auto pass = must(sync::sync_once(store, o), "initial sync");
    fmt::print("initial sync into an empty kiosk, row by row in batches of {}: {} attendees in {:.0f} ms\n", o.batch,
               pass.pulled_attendees, bench::ms_since(start));
  }
  if (initial_only) {
    fs::remove_all(dir);
    return 0;
  }
  for (int k = 1; k < kiosks; ++k) fs::copy_file(options(0).store, options(k).store);
  std::vector<Store> stores;
  std::vector<std::string> ids;
  for (int k = 0; k < kiosks; ++k) stores.push_back(must(Store::open(options(k).store), "store"));
  for (const Attendee& a : must(stores[0].attendees(), "attendees")) ids.push_back(a.id);

  // 3 first (the workers not running yet): every kiosk queues its share, then all push at once.
  const int per_kiosk = 10000 / kiosks;
  for (int k = 0; k < kiosks; ++k)
    must(stores[static_cast<std::size_t>(k)].write([&]() -> Status {
      for (int i = 0; i < per_kiosk; ++i)
        if (auto s = stores[static_cast<std::size_t>(k)].append(
                event_for(ids[static_cast<std::size_t>((k * per_kiosk + i) % attendees)], options(k).kiosk, 2));
            !s)
          return s;
      return {};
    }), "queue");
  const std::int64_t before = central_count(conn);
  std::vector<std::unique_ptr<sync::SyncWorker>> workers;
  start = bench::Steady::now();
  for (int k = 0; k < kiosks; ++k) {
    workers.push_back(std::make_unique<sync::SyncWorker>(options(k)));
    workers.back()->start();
  }
  while (central_count(conn) < before + per_kiosk * kiosks) std::this_thread::sleep_for(std::chrono::milliseconds(5));
  const double push_ms = bench::ms_since(start);
  fmt::print("{} kiosks pushing {} queued check-ins at once: {:.0f} ms, {:.0f} check-ins/s at central (goal >= 2000)\n",
             kiosks, per_kiosk * kiosks, push_ms, per_kiosk * kiosks / (push_ms / 1000.0));
  // Let every kiosk pull the others' 10,000 before measuring latency.
  for (int k = 0; k < kiosks; ++k)
    while (must(stores[static_cast<std::size_t>(k)].log_size(), "log") < per_kiosk * kiosks)
      std::this_thread::sleep_for(std::chrono::milliseconds(20));

  // 2. A check-in at one kiosk, seen in every other kiosk's store.
  std::vector<double> latencies;
  for (int s = 0; s < samples; ++s) {
    const int from = s % kiosks;
    const CheckinEvent e = event_for(ids[static_cast<std::size_t>(s)], options(from).kiosk, 1);
    const auto t0 = bench::Steady::now();
    must(stores[static_cast<std::size_t>(from)].write([&] { return stores[static_cast<std::size_t>(from)].append(e); }),
         "check-in");
    workers[static_cast<std::size_t>(from)]->wake();
    std::vector<bool> seen(static_cast<std::size_t>(kiosks), false);
    seen[static_cast<std::size_t>(from)] = true;
    for (int left = kiosks - 1; left > 0;) {
      for (int k = 0; k < kiosks; ++k) {
        if (seen[static_cast<std::size_t>(k)]) continue;
        auto log = must(stores[static_cast<std::size_t>(k)].log_of(e.attendee_id), "log");
        for (const CheckinEvent& x : log)
          if (x.uuid == e.uuid) {
            seen[static_cast<std::size_t>(k)] = true;
            latencies.push_back(bench::ms_since(t0));
            --left;
          }
      }
      std::this_thread::sleep_for(std::chrono::milliseconds(1));
    }
  }
  const auto p = bench::percentiles(latencies);
  fmt::print("check-in at one kiosk -> in every other kiosk's store ({} kiosks, {} samples): p50 {:.0f} ms, "
             "p99 {:.0f} ms, max {:.0f} ms (goal p99 <= 250)\n",
             kiosks, samples, p.p50, p.p99, p.max);

  // 4. Catch-up: one kiosk offline with 2,000 queued events.
  workers[0]->stop();
  must(stores[0].write([&]() -> Status {
    for (int i = 0; i < 2000; ++i)
      if (auto s = stores[0].append(event_for(ids[static_cast<std::size_t>(i % attendees)], "bench-0", 2)); !s)
        return s;
    return {};
  }), "queue 2000");
  const std::int64_t before_catch_up = central_count(conn);
  start = bench::Steady::now();
  workers[0]->start();
  while (central_count(conn) < before_catch_up + 2000) std::this_thread::sleep_for(std::chrono::milliseconds(2));
  const double pushed_ms = bench::ms_since(start);
  while (must(stores[static_cast<std::size_t>(kiosks - 1)].log_size(), "log") <
         must(stores[0].log_size(), "log"))
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
  fmt::print("catch-up of 2000 events queued offline: at central after {:.0f} ms, at another kiosk after {:.0f} ms "
             "(goal <= 2000)\n", pushed_ms, bench::ms_since(start));
  workers.clear();
  stores.clear();
  fs::remove_all(dir);
  return 0;
}
