// What the organisers' dashboard costs: its feed (kiosk/app/modes/dashboard/
// feed.hpp) polled as accueil --dashboard polls it, on a store of N attendees
// with two days of log (2 events per attendee by default: check-ins over both
// days, duplicates at a second kiosk, undos, reprints), while another
// connection checks people in. For each size: the first refresh, the
// refresh after one check-in or undo (CPU p50/p99), an idle poll and the
// share of a core it takes at one poll per 500 ms, and the full recompute the
// dashboard did before it kept its figures up to date, for comparison.
//   accueil-dashboard-bench [--count N] [--events N] [--dir DIR]
// Without --count: 20,000 attendees (40,000 events), then 100,000 (200,000).
#include <time.h>

#include <algorithm>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include <fmt/core.h>

#include "kiosk/app/modes/dashboard/dashboard.hpp"
#include "kiosk/app/modes/dashboard/feed.hpp"
#include "shared/base/uuid.hpp"
#include "shared/domain/live_figures.hpp"
#include "shared/domain/event_file.hpp"
#include "shared/intake/demo_arrivals.hpp"
#include "shared/intake/demo_data.hpp"
#include "shared/intake/import.hpp"
#include "shared/store/checkin.hpp"
#include "shared/store/report.hpp"
#include "shared/store/store.hpp"
#include "tests/bench/bench.hpp"

using namespace accueil;
using namespace accueil::bench;
namespace fs = std::filesystem;

namespace {

constexpr std::int64_t k_min = 60'000;
constexpr std::int64_t k_day1_midnight = 1'796'252'400'000;  // 2026-12-03 00:00 in Paris (UTC+1)
constexpr std::int64_t k_day_ms = 24 * 60 * k_min;
// Day 2, 17:30: both days' arrivals are in; the bench's check-ins come then.
constexpr std::int64_t k_now = k_day1_midnight + k_day_ms + (17 * 60 + 30) * k_min;

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
  fmt::print("  {:46} CPU p50 {:8.2f} ms  p99 {:8.2f} ms   wall p50 {:8.2f} ms  p99 {:8.2f} ms  ({} runs)\n", what,
             c.p50, c.p99, w.p50, w.p99, wall.size());
}

// Two days of log for `attendees`: each registered person arrives on a day
// with probability 0.85, at a time bunched before the 9:30 plenary; some are
// checked in twice (two kiosks), some undone (half of them checked in again
// later), some badges reprinted. Trimmed or topped up with reprints to
// `count` events, oldest first.
std::vector<CheckinEvent> two_days_of_log(const std::vector<Attendee>& attendees, std::size_t count) {
  std::mt19937_64 rng(2026);
  std::uniform_real_distribution<double> unit(0, 1);
  std::normal_distribution<double> rush(9 * 60, 35);  // minutes after midnight
  static constexpr const char* k_kiosks[] = {"entree-1", "entree-2", "entree-3", "accueil"};
  std::vector<CheckinEvent> log;
  log.reserve(count + count / 8);
  auto event = [&](const Attendee& a, int day, std::int64_t at, CheckinKind kind, std::string undoes = {}) {
    CheckinEvent e;
    e.uuid = new_uuid();
    e.attendee_id = a.id;
    e.day = day;
    e.kiosk = k_kiosks[rng() % 4];
    e.at_ms = at;
    e.kind = kind;
    e.undoes = std::move(undoes);
    if (kind == CheckinKind::undo) e.reason = "wrong person";
    if (kind == CheckinKind::reprint) e.reason = "badge damaged";
    log.push_back(std::move(e));
    return log.back().uuid;
  };
  std::vector<std::pair<std::size_t, int>> arrived;  // attendee, day
  for (std::size_t i = 0; i < attendees.size(); ++i) {
    const Attendee& a = attendees[i];
    if (a.status != AttendeeStatus::active) continue;
    for (int day = 1; day <= 2; ++day) {
      if (!a.days.contains(day) || unit(rng) > 0.85) continue;
      const double minutes = unit(rng) < 0.7 ? std::clamp(rush(rng), 7.5 * 60, 17.0 * 60) : 7.5 * 60 + unit(rng) * 570;
      const std::int64_t at =
          k_day1_midnight + (day - 1) * k_day_ms + static_cast<std::int64_t>(minutes * static_cast<double>(k_min));
      const std::string uuid = event(a, day, at, CheckinKind::checkin);
      arrived.emplace_back(i, day);
      const double roll = unit(rng);
      if (roll < 0.03) {
        event(a, day, at + 2 * k_min, CheckinKind::checkin);  // a second kiosk
      } else if (roll < 0.06) {
        event(a, day, at + 4 * k_min, CheckinKind::undo, uuid);
        if (unit(rng) < 0.5) event(a, day, at + 20 * k_min, CheckinKind::checkin);
      } else if (roll < 0.12) {
        event(a, day, at + 6 * k_min, CheckinKind::reprint);
      }
    }
  }
  while (log.size() < count && !arrived.empty()) {
    const auto [i, day] = arrived[rng() % arrived.size()];
    event(attendees[i], day, k_day1_midnight + (day - 1) * k_day_ms + 16 * 60 * k_min, CheckinKind::reprint);
  }
  std::ranges::stable_sort(log, {}, &CheckinEvent::at_ms);
  if (log.size() > count) log.resize(count);  // the latest go: an undo never loses its check-in
  return log;
}

int run(const fs::path& dir, std::size_t count, std::size_t events) {
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
  const std::vector<CheckinEvent> log = two_days_of_log(*attendees, events);
  if (auto s = record_demo_arrivals(*store, log); !s) return bench_error(s.error().message);
  std::size_t undos = 0, reprints = 0;
  for (const CheckinEvent& e : log) {
    undos += e.kind == CheckinKind::undo;
    reprints += e.kind == CheckinKind::reprint;
  }
  fmt::print("{} attendees, {} log entries over two days ({} undos, {} reprints), day 2 shown; store {}\n",
             attendees->size(), log.size(), undos, reprints, path.string());

  auto feed = kiosk::open_local_feed(path, 2);
  if (!feed) return bench_error(feed.error().message);
  double c0 = cpu_ms();
  auto t0 = Steady::now();
  auto first = (*feed)->refresh(k_now, "fr", false);
  if (!first || !*first) return bench_error("no first refresh");
  print_row("first refresh (whole list and log)", {ms_since(t0)}, {cpu_ms() - c0});
  fmt::print("    (today {} of {} arrived, {} in the event, {} countries)\n", (*first)->timeline.arrived,
             (*first)->timeline.registered, (*first)->report.total.checked_in.people,
             (*first)->report.total.checked_in.countries);

  std::vector<double> wall, cpu;
  for (int i = 0; i < 200; ++i) {
    c0 = cpu_ms();
    t0 = Steady::now();
    auto r = (*feed)->refresh(k_now, "fr", false);
    wall.push_back(ms_since(t0));
    cpu.push_back(cpu_ms() - c0);
    if (!r || *r) return bench_error("an idle refresh found a change");
  }
  print_row("idle poll (nothing changed)", wall, cpu);

  // Check-ins (every fifth one undone) by another connection between polls.
  std::vector<double> wall_new, cpu_new, compute;
  std::size_t next = 0;
  for (int i = 0; i < 100; ++i) {
    const std::int64_t at = k_now + i * 1000;
    std::string who;
    for (; next < attendees->size() && who.empty(); ++next) {
      const Attendee& a = (*attendees)[next];
      if (a.status != AttendeeStatus::active || !a.days.contains(2)) continue;
      auto d = check_in_attendee(*store, *event, a.id, {2, "bench", "", at});
      if (!d) return bench_error(d.error().message);
      if (d->outcome == Outcome::ok) who = a.id;
    }
    if (who.empty()) return bench_error("nobody left to check in");
    if (i % 5 == 4)
      if (auto u = undo_checkin(*store, who, {2, "desk", "bench", at + 500}, "wrong person"); !u)
        return bench_error(u.error().message);
    c0 = cpu_ms();
    t0 = Steady::now();
    auto r = (*feed)->refresh(at + 600, "fr", false);
    wall_new.push_back(ms_since(t0));
    cpu_new.push_back(cpu_ms() - c0);
    if (!r || !*r) return bench_error("a check-in went unseen");
    compute.push_back((*r)->compute_ms);
  }
  print_row("refresh after a check-in or undo", wall_new, cpu_new);
  print_row("  of which the figures (compute_ms; wall only)", compute, compute);

  // The full recompute (as the dashboard did before, as CentralFeed still does).
  auto whole = read_log(*store, 0);
  if (!whole) return bench_error(whole.error().message);
  auto list = store->attendees();
  if (!list) return bench_error(list.error().message);
  ArrivalLog folded;
  for (const LogEntry& e : *whole) folded.add(e);
  std::vector<double> wall_full, cpu_full;
  for (int i = 0; i < 5; ++i) {
    c0 = cpu_ms();
    t0 = Steady::now();
    const kiosk::DashboardData d = kiosk::dashboard_data(*event, *list, folded, 2, k_now, "fr");
    wall_full.push_back(ms_since(t0));
    cpu_full.push_back(cpu_ms() - c0);
    if (d.report.total.checked_in.people == 0) return bench_error("the full recompute found nobody");
  }
  print_row("full recompute of the figures, for comparison", wall_full, cpu_full);

  {  // What copying the figures out of LiveFigures costs, piece by piece.
    LiveFigures live(*event);
    live.set_attendees(*list);
    for (const LogEntry& e : *whole) live.add(e);
    std::vector<double> report_ms, timeline_ms, protocol_ms;
    for (int i = 0; i < 20; ++i) {
      c0 = cpu_ms();
      const EventReport r = live.report("fr");
      report_ms.push_back(cpu_ms() - c0);
      c0 = cpu_ms();
      const Timeline t = live.timeline(2, k_now, "fr");
      timeline_ms.push_back(cpu_ms() - c0);
      c0 = cpu_ms();
      const ProtocolFeed p = live.protocol(2);
      protocol_ms.push_back(cpu_ms() - c0);
      if (i == 0)
        fmt::print("    (the figures shown: {} local authorities, {} delegations, {} embassies, {} countries; {} VIPs "
                   "arrived, {} expected)\n",
                   r.total.represented.local_authorities.size(), r.total.represented.foreign_delegations.size(),
                   r.total.represented.embassies.size(), r.total.by_country.size(), p.arrived.size(), p.expected.size());
    }
    print_row("  LiveFigures::report (CPU; also the wall column)", report_ms, report_ms);
    print_row("  LiveFigures::timeline", timeline_ms, timeline_ms);
    print_row("  LiveFigures::protocol", protocol_ms, protocol_ms);
  }
  const double idle_cpu = percentiles(cpu).p50;
  fmt::print("  idle: {:.2f} % of a core (a poll per {} ms); after a check-in a refresh costs {:.1f} % of the "
             "full recompute\n\n",
             100.0 * idle_cpu / static_cast<double>(kiosk::DashboardMode::k_poll_ms),
             kiosk::DashboardMode::k_poll_ms, 100.0 * percentiles(cpu_new).p50 / percentiles(cpu_full).p50);
  return 0;
}

}  // namespace

int main(int argc, char** argv) {
  std::vector<std::size_t> counts = {20'000, 100'000};
  std::optional<std::size_t> events;
  fs::path dir = fs::temp_directory_path() / "accueil-dashboard-bench";
  for (int i = 1; i < argc; ++i) {
    std::string_view arg = argv[i];
    if (arg == "--count" && i + 1 < argc) counts = {std::strtoul(argv[++i], nullptr, 10)};
    else if (arg == "--events" && i + 1 < argc) events = std::strtoul(argv[++i], nullptr, 10);
    else if (arg == "--dir" && i + 1 < argc) dir = argv[++i];
    else return bench_error(fmt::format("unknown argument {} (--count N, --events N, --dir DIR)", arg));
  }
  fmt::print("accueil-dashboard-bench\n\n");
  for (std::size_t count : counts)
    if (int rc = run(dir, count, events.value_or(2 * count)); rc != 0) return rc;
  return 0;
}
