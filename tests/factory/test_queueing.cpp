// The simulator against queueing theory. Every expected value is computed here from the closed
// form. Runs are long (about 10^6 lots) so that the estimates' standard errors are near 1 %;
// tolerances are about 4 standard errors (worked out in each case), seeds are fixed.

#include "LineBuilder.hpp"

#include "scenario/ScenarioLoader.hpp"

#include <cmath>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;

TEST_CASE("M/M/1: time in system 1/(mu - lambda), utilisation rho, queue rho^2/(1-rho)", "[queueing]") {
  // lambda = 0.8/min, mu = 1/min: W = 5 min, Lq = 3.2, rho = 0.8. T = 1.25e6 min (10^6 arrivals):
  // Var(mean L) ~ 2 rho (1+rho) / (mu (1-rho)^4 T) gives a 1 % standard error on L and W.
  const double T = 1.25e6 * MIN;
  auto r =
      LineBuilder(T, 1000 * MIN).poisson(0.8 / MIN).step("m", 1, DistributionSpec::exponential(MIN)).run();
  CHECK(r.cycle_time_mean_s / MIN == Approx(5.0).epsilon(0.04));
  CHECK(r.wip_mean == Approx(4.0).epsilon(0.04));
  CHECK(r.stations[0].utilization == Approx(0.8).epsilon(0.01));
  CHECK(r.stations[0].buffer_mean == Approx(3.2).epsilon(0.05));
  CHECK(r.throughput_per_h == Approx(0.8 * 60).epsilon(0.005));
  check_littles_law(r);
}

TEST_CASE("M/M/c: waiting time from Erlang C", "[queueing]") {
  // c = 3, lambda = 2.4/min, mu = 1/min: rho = 0.8; Wq = C(3, 2.4) / (c mu - lambda).
  const int c = 3;
  const double lambda = 2.4, mu = 1.0;
  const double wq = erlang_c(c, lambda / mu) / (c * mu - lambda);
  const double w = wq + 1.0 / mu;
  const double T = 4e5 * MIN; // ~10^6 arrivals
  auto r =
      LineBuilder(T, 1000 * MIN).poisson(lambda / MIN).step("m", c, DistributionSpec::exponential(MIN)).run();
  CHECK(r.cycle_time_mean_s / MIN == Approx(w).epsilon(0.03));
  CHECK(r.stations[0].buffer_mean == Approx(lambda * wq).epsilon(0.05));
  CHECK(r.stations[0].utilization == Approx(lambda / (c * mu)).epsilon(0.01));
  check_littles_law(r);
}

TEST_CASE("M/D/1: Pollaczek-Khinchine waiting time", "[queueing]") {
  // lambda = 0.8, D = 1: Wq = lambda E[S^2] / (2 (1 - rho)) = 0.8 / 0.4 = 2, W = 3, Lq = 1.6.
  const double T = 1.25e6 * MIN;
  auto r = LineBuilder(T, 1000 * MIN).poisson(0.8 / MIN).step("m", 1, DistributionSpec::constant(MIN)).run();
  CHECK(r.cycle_time_mean_s / MIN == Approx(3.0).epsilon(0.03));
  CHECK(r.stations[0].buffer_mean == Approx(1.6).epsilon(0.05));
  check_littles_law(r);
}

TEST_CASE("Jackson tandem line: sum of M/M/1 times in system", "[queueing]") {
  // lambda = 0.5; means 1, 1.25, 1.5: W = 1/(1-0.5) + 1/(0.8-0.5) + 1/(2/3-0.5) = 2 + 10/3 + 6.
  const double lambda = 0.5;
  const double means[] = {1.0, 1.25, 1.5};
  double w = 0;
  for (double m : means)
    w += 1.0 / (1.0 / m - lambda);
  const double T = 2e6 * MIN;
  LineBuilder line(T, 2000 * MIN);
  line.poisson(lambda / MIN);
  for (int i = 0; i < 3; ++i)
    line.step("s" + std::to_string(i), 1, DistributionSpec::exponential(means[i] * MIN));
  auto r = line.run();
  CHECK(r.cycle_time_mean_s / MIN == Approx(w).epsilon(0.04));
  for (int i = 0; i < 3; ++i)
    CHECK(r.stations[static_cast<std::size_t>(i)].utilization == Approx(lambda * means[i]).epsilon(0.01));
  check_littles_law(r);
}

TEST_CASE("5-station tandem line of the benchmark: W = 29.17", "[queueing]") {
  // lambda = 0.8; means 1, 1, 1.1, 1, 1: 4 x 1/(1-0.8) + 1/(1/1.1-0.8) = 20 + 9.1667 = 29.1667.
  const double T = 1.25e6 * MIN;
  LineBuilder line(T, 2000 * MIN);
  line.poisson(0.8 / MIN);
  const double means[] = {1, 1, 1.1, 1, 1};
  for (int i = 0; i < 5; ++i)
    line.step("s" + std::to_string(i), 1, DistributionSpec::exponential(means[i] * MIN));
  auto r = line.run();
  // The 1.1 station (rho = 0.88) dominates the variance: ~2 % standard error; 5 % tolerance.
  CHECK(r.cycle_time_mean_s / MIN == Approx(20.0 + 1.0 / (1.0 / 1.1 - 0.8)).epsilon(0.05));
  check_littles_law(r);
}

TEST_CASE("M/G/1 with two products of their own process times: Pollaczek-Khinchine", "[queueing]") {
  // One press, two Poisson sources: a at 0.5/min with exponential 0.6 min, b at 0.25/min with
  // its own exponential 1.2 min (`process_time_by_product`); the press's `process_time` (1 min)
  // serves no product. The arrivals merge into Poisson 0.75/min and the service is a mixture:
  // E[S] = (2/3) 0.6 + (1/3) 1.2 = 0.8 min, E[S^2] = (2/3) 2 (0.36) + (1/3) 2 (1.44) = 1.44 min^2;
  // rho = 0.6; Wq = lambda E[S^2] / (2 (1 - rho)) = 1.35 min; W = 2.15 min. 10^6 lots: SE ~1 %.
  const std::string text = R"(schema: 1
name: Two products, one press
horizon: 1333333min
warmup: 1000min
source: {rate: 0.5/min}
station_groups:
  - name: press
    process_time: {dist: exponential, mean: 1min}
    process_time_by_product: {a: {dist: exponential, mean: 0.6min}, b: {dist: exponential, mean: 1.2min}}
routing:
  product: a
  steps: [{station_group: press}]
products:
  - name: b
    source: {rate: 0.25/min}
    steps: [{station_group: press}]
)";
  LineBuilder line(1);
  line.spec_for_test() = scenario::load_scenario_text(text, "mix.yaml");
  const auto r = line.run();
  CHECK(r.throughput_per_h == Approx(45.0).epsilon(0.005));
  CHECK(r.output > 990000);
  CHECK(r.stations[0].utilization == Approx(0.6).epsilon(0.015));
  CHECK(r.cycle_time_mean_s / MIN == Approx(2.15).epsilon(0.04));
  CHECK(r.stations[0].buffer_mean == Approx(0.75 * 1.35).epsilon(0.06));
  check_littles_law(r);
}
