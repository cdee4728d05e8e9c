// Demo data for the organisers' dashboard (accueil --demo --dashboard): made-up
// arrivals of the demo's attendees, spread over the hours before `now_ms` as
// a morning queue would be (a peak before the opening plenary), at three
// made-up kiosks, so that its charts have something to show. Not for a real
// event: these check-ins never happened.
#pragma once

#include <cstdint>
#include <vector>

#include "shared/base/error.hpp"
#include "shared/domain/model.hpp"
#include "shared/store/store.hpp"

namespace accueil {

struct DemoArrivalOptions {
  int day = 1;
  std::int64_t now_ms = 0;
  double share = 0.6;                        // of those registered that day who have come
  std::int64_t span_ms = 3 * 3600 * 1000LL;  // the arrivals run over this time before now
  std::uint64_t seed = 1;
};

// The log entries, oldest first (kiosks named "demo-…"); the same seed gives the same ones.
std::vector<CheckinEvent> generate_demo_arrivals(const std::vector<Attendee>& attendees,
                                                 const DemoArrivalOptions& options);

// Appends them to the store's log in one transaction.
Status record_demo_arrivals(Store& store, const std::vector<CheckinEvent>& arrivals);

}  // namespace accueil
