#include "kiosk/app/modes/dashboard/chart_axis.hpp"

#include <algorithm>
#include <limits>

namespace accueil::kiosk {

ChartAxis chart_axis(std::int64_t highest, int max_steps) {
  max_steps = std::max(max_steps, 1);
  highest = std::max<std::int64_t>(highest, 1);
  for (std::int64_t power = 1;; power *= 10) {
    for (const std::int64_t mantissa : {1, 2, 5}) {
      const std::int64_t step = mantissa * power;
      const std::int64_t steps = (highest + step - 1) / step;
      if (steps <= max_steps) return {step, static_cast<int>(steps)};
    }
    if (power > std::numeric_limits<std::int64_t>::max() / 100) return {highest, 1};  // beyond any count
  }
}

}  // namespace accueil::kiosk
