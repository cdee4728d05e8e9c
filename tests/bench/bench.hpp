// What the benchmarks share: timing, and what each prints about a set of
// samples: p50 (the median), p99, mean, min and max.
#pragma once

#include <algorithm>
#include <chrono>
#include <cstddef>
#include <vector>

namespace accueil::bench {

using Steady = std::chrono::steady_clock;

inline double ms_since(Steady::time_point start) {
  return std::chrono::duration<double, std::milli>(Steady::now() - start).count();
}

// The quantile is the nearest sample by rank.
struct Percentiles {
  double p50 = 0, p99 = 0, mean = 0, min = 0, max = 0;
};

inline Percentiles percentiles(std::vector<double> samples) {
  Percentiles p;
  if (samples.empty()) return p;
  std::ranges::sort(samples);
  auto at = [&](double q) {
    const double rank = q * static_cast<double>(samples.size() - 1) + 0.5;
    return samples[std::min(samples.size() - 1, static_cast<std::size_t>(rank))];
  };
  p.p50 = at(0.50);
  p.p99 = at(0.99);
  p.min = samples.front();
  p.max = samples.back();
  for (double x : samples) p.mean += x;
  p.mean /= static_cast<double>(samples.size());
  return p;
}

}  // namespace accueil::bench
