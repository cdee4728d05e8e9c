// The value axis of a bar chart of counts: steps a person reads at a glance
// (1, 2 or 5 times a power of ten, whole numbers), and a top that every bar
// drawn fits under. Pure.
#pragma once

#include <cstdint>

namespace accueil::kiosk {

struct ChartAxis {
  std::int64_t step = 1;  // between two grid lines; 1, 2, 5, 10, 20, 50, ...
  int steps = 1;          // grid lines above zero; the top is step * steps
  std::int64_t top() const { return step * steps; }
};

// The axis for bars up to `highest` (negative counts as 0) with at most
// `max_steps` steps above zero (at least 1): the smallest nice step that
// reaches `highest` within them.
ChartAxis chart_axis(std::int64_t highest, int max_steps = 5);

}  // namespace accueil::kiosk
