// The dashboard chart's value axis: whole, readable steps (1, 2, 5 x 10^k)
// and a top that covers the highest bar, the grey "not yet arrived" one included.
#include <catch2/catch.hpp>

#include "kiosk/app/modes/dashboard/chart_axis.hpp"

using namespace accueil::kiosk;

TEST_CASE("the chart's steps are 1, 2 or 5 times a power of ten, and the top covers the highest bar", "[dashboard]") {
  struct Case {
    std::int64_t highest, step;
    int steps;
  };
  for (const Case& c : {Case{0, 1, 1}, Case{1, 1, 1}, Case{4, 1, 4}, Case{5, 1, 5}, Case{6, 2, 3}, Case{9, 2, 5},
                        Case{10, 2, 5}, Case{11, 5, 3}, Case{23, 5, 5}, Case{26, 10, 3}, Case{50, 10, 5},
                        Case{51, 20, 3}, Case{99, 20, 5}, Case{101, 50, 3}, Case{1432, 500, 3}}) {
    INFO("highest " << c.highest);
    const ChartAxis axis = chart_axis(c.highest);
    CHECK(axis.step == c.step);
    CHECK(axis.steps == c.steps);
  }
  // Every label a whole number, every bar under the top (what a step of 2.5
  // and a bar clipped at the chart's edge got wrong).
  for (std::int64_t highest = 0; highest <= 100'000; highest += highest < 300 ? 1 : 997) {
    const ChartAxis axis = chart_axis(highest);
    INFO("highest " << highest);
    CHECK(axis.top() >= highest);
    CHECK(axis.steps >= 1);
    CHECK(axis.steps <= 5);
    std::int64_t mantissa = axis.step;
    while (mantissa % 10 == 0) mantissa /= 10;
    CHECK((mantissa == 1 || mantissa == 2 || mantissa == 5));
    if (axis.steps < 5 && axis.step > 1) {  // the smallest nice step that fits: no more room than needed
      const std::int64_t smaller = mantissa == 2 ? axis.step / 2 : mantissa == 5 ? axis.step * 2 / 5 : axis.step / 2;
      CHECK((highest + smaller - 1) / smaller > 5);
    }
  }
  CHECK(chart_axis(7, 2).top() == 10);  // fewer steps asked: a larger step
  CHECK(chart_axis(-3).top() == 1);
}
