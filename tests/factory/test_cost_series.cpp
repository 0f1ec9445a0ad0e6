// The cost-per-unit time series: at every sample, the total cost so far over the good lots so
// far, worked out by hand for a line whose costs and output grow at known constant rates.

#include "LineBuilder.hpp"

#include "results/ResultsReader.hpp"

#include <cmath>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::AutomationMode;

namespace {
constexpr double HOUR = 3600.0;
}

TEST_CASE("cost per unit over time: labour, energy and depreciation over the lots made so far",
          "[cost][timeseries]") {
  // One machine, always busy, a lot every minute (saturated, constant 1 min): the k-th lot
  // leaves at k minutes. Costs per hour: 2 workers x 30/h = 60, 6 kW x 0.5/kWh = 3, a machine of
  // 876 depreciated over 8760 h = 0.1; 63.1 an hour in all. Warm-up 5430 s (not on a lot's
  // departure, so that no tie decides a count): up to it both counts start at 0, after it at
  // 5430 s, when 90 lots have left.
  const double warmup = 5430.0;
  LineBuilder line(10 * HOUR, warmup);
  line.saturated()
      .step("cell", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 0, false, 876.0, 8760 * HOUR);
  line.power().busy_kw = 6;
  line.energy().price_per_kwh = 0.5;
  line.pool("crew", "tending", 2, "", 30.0);
  line.spec_for_test().sample_interval_s = HOUR;
  TempResultsFile out("cost-series");
  const auto r = line.experiment(out.path.string()).runs.at(0);

  const results::ResultsReader file(out.path.string());
  const auto time = file.read_series("/runs/p0000-r0000/timeseries/time");
  const auto cost = file.read_series("/runs/p0000-r0000/timeseries/cost_per_unit");
  REQUIRE(time.size() == 10);
  REQUIRE(cost.size() == 10);
  CHECK(file.attribute_string("/runs/p0000-r0000/timeseries/cost_per_unit", "units") == "USD/lot");
  for (std::size_t k = 0; k < time.size(); ++k) {
    const double t = time[k];
    const double since = t <= warmup ? 0.0 : warmup;
    const double lots = std::floor(t / MIN) - std::floor(since / MIN);
    const double expected = 63.1 * (t - since) / HOUR / lots;
    INFO("sample at " << t << " s: " << lots << " lots");
    CHECK(cost[k] == Approx(expected).epsilon(1e-9));
  }
  // The last sample is at the horizon: it is the KPI.
  CHECK(cost.back() == Approx(r.cost_per_unit).epsilon(1e-12));
  CHECK(r.cost_per_unit == Approx(63.1 * (10 * HOUR - warmup) / HOUR / 510).epsilon(1e-9));
}

TEST_CASE("cost per unit over time is NaN until the first good lot", "[cost][timeseries]") {
  // A lot takes 90 min: the samples at 30 and 60 min have no lot to share the cost, the one at
  // 90 min has one (the lot leaving at the sample's date counts), carrying 1.5 h x 60/h.
  LineBuilder line(3 * HOUR);
  line.saturated().step("oven", 1, DistributionSpec::constant(90 * MIN));
  line.pool("crew", "tending", 1, "", 60.0);
  line.spec_for_test().sample_interval_s = 0.5 * HOUR;
  TempResultsFile out("cost-series-nan");
  line.experiment(out.path.string());
  const auto cost =
      results::ResultsReader(out.path.string()).read_series("/runs/p0000-r0000/timeseries/cost_per_unit");
  REQUIRE(cost.size() == 6);
  CHECK(std::isnan(cost[0]));
  CHECK(std::isnan(cost[1]));
  CHECK(cost[2] == Approx(90.0));
  CHECK(cost[3] == Approx(120.0)); // 2 h of wages, still one lot
  CHECK(cost[5] == Approx(90.0));  // 3 h, two lots
}
