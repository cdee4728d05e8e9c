#include "shared/intake/demo_arrivals.hpp"

#include <algorithm>
#include <cmath>

#include "shared/base/uuid.hpp"

namespace accueil {

namespace {

// SplitMix64: small, and the same everywhere.
struct Mix {
  std::uint64_t state;
  std::uint64_t next() {
    std::uint64_t z = (state += 0x9E3779B97F4A7C15ull);
    z = (z ^ (z >> 30)) * 0xBF58476D1CE4E5B9ull;
    z = (z ^ (z >> 27)) * 0x94D049BB133111EBull;
    return z ^ (z >> 31);
  }
  double unit() { return static_cast<double>(next() >> 11) * 0x1.0p-53; }
};

}  // namespace

std::vector<CheckinEvent> generate_demo_arrivals(const std::vector<Attendee>& attendees,
                                                 const DemoArrivalOptions& options) {
  Mix rng{options.seed * 0x2545F4914F6CDD1Dull + 7};
  static constexpr const char* k_kiosks[] = {"demo-entree-1", "demo-entree-2", "demo-accueil"};
  std::vector<CheckinEvent> out;
  const double span = static_cast<double>(options.span_ms);
  for (const Attendee& a : attendees) {
    if (a.status != AttendeeStatus::active || !a.days.contains(options.day)) continue;
    if (rng.unit() >= options.share) continue;
    // A queue: most come in the hour before the plenary (two thirds of the
    // way through the span), a few early, some late: a sum of uniforms
    // peaks in the middle; scaled and shifted towards the end.
    const double bell = (rng.unit() + rng.unit() + rng.unit()) / 3.0;  // 0..1, peak at 0.5
    const double at = std::clamp(0.15 + bell * 0.9, 0.0, 1.0);
    CheckinEvent e;
    e.uuid = new_uuid();
    e.attendee_id = a.id;
    e.day = options.day;
    e.kiosk = k_kiosks[rng.next() % 3];
    e.at_ms = options.now_ms - options.span_ms + static_cast<std::int64_t>(at * span) - 1;
    e.kind = CheckinKind::checkin;
    out.push_back(std::move(e));
  }
  std::ranges::sort(out, [](const CheckinEvent& x, const CheckinEvent& y) { return x.at_ms < y.at_ms; });
  return out;
}

Status record_demo_arrivals(Store& store, const std::vector<CheckinEvent>& arrivals) {
  return store.write([&]() -> Status {
    for (const CheckinEvent& e : arrivals)
      if (auto s = store.append(e); !s) return s;
    return {};
  });
}

}  // namespace accueil
