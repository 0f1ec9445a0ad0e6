// Waits at a station and lead-time percentiles against queueing theory. Every expected value is
// worked out here from the closed form: M/M/1 (wait rho/(mu - lambda), time at the station
// 1/(mu - lambda), an exponential sojourn time whose p-quantile is -ln(1 - p)/(mu - lambda)),
// M/M/c (Erlang C for the probability of waiting and for all servers busy) and a Jackson tandem
// line (each station an M/M/1). Runs of ~10^6 lots as in test_queueing.cpp.

#include "LineBuilder.hpp"

#include <cmath>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;


TEST_CASE("M/M/1: wait, time at the station, probability of waiting and lead-time percentiles", "[waits]") {
  // lambda = 0.8/min, mu = 1/min: Wq = 4 min, W = 5 min, P(wait) = P(busy) = 0.8 (arrivals see
  // time averages). W's standard error at this length is ~1 % (test_queueing.cpp); the sojourn
  // quantiles of the same correlated output vary about as much, up to ~2 % at p99 (fewer lots in
  // the tail), and the histogram adds < 0.8 % (tests/core): the bounds are about four of those.
  const double T = 1.25e6 * MIN;
  auto r =
      LineBuilder(T, 1000 * MIN).poisson(0.8 / MIN).step("m", 1, DistributionSpec::exponential(MIN)).run();
  const auto& s = r.stations[0];
  CHECK(s.wait_mean / MIN == Approx(4.0).epsilon(0.05));
  CHECK(s.time_at_step_mean / MIN == Approx(5.0).epsilon(0.04));
  CHECK(s.waiting_probability == Approx(0.8).epsilon(0.01));
  CHECK(s.all_busy == Approx(0.8).epsilon(0.01));
  const double rate = 1.0 - 0.8; // per min
  CHECK(r.lead_time_p50_s / MIN == Approx(std::log(2.0) / rate).epsilon(0.05));
  CHECK(r.lead_time_p90_s / MIN == Approx(std::log(10.0) / rate).epsilon(0.05));
  CHECK(r.lead_time_p95_s / MIN == Approx(std::log(20.0) / rate).epsilon(0.06));
  CHECK(r.lead_time_p99_s / MIN == Approx(std::log(100.0) / rate).epsilon(0.08));
  // The histogram the percentiles come from holds every good lot once, and its cumulative
  // counts follow the exponential CDF 1 - exp(-(mu - lambda) t) (at bin edges, within 1 %).
  std::int64_t lots = 0;
  for (const auto& bin : r.lead_time_histogram)
    lots += bin.lots;
  CHECK(lots == r.output);
  for (double t_min : {2.0, 5.0, 15.0}) {
    double edge = 0;
    std::int64_t below = 0;
    for (const auto& bin : r.lead_time_histogram)
      if (bin.upper <= t_min * MIN) {
        below += bin.lots;
        edge = bin.upper;
      }
    const double cdf = 1 - std::exp(-rate * edge / MIN);
    CHECK(static_cast<double>(below) / static_cast<double>(lots) == Approx(cdf).margin(0.01));
  }
  // One station: the time at it is the lead time.
  CHECK(s.time_at_step_p90 == Approx(r.lead_time_p90_s).epsilon(1e-9));
  // Little's law for the queue alone: lambda Wq = Lq.
  CHECK(s.buffer_mean == Approx(0.8 / MIN * s.wait_mean).epsilon(0.01));
}

TEST_CASE("M/M/3: the probability of waiting and of all machines busy is Erlang C", "[waits]") {
  const int c = 3;
  const double lambda = 2.4, mu = 1.0;
  const double pw = erlang_c(c, lambda / mu); // 0.647
  const double wq = pw / (c * mu - lambda);
  const double T = 4e5 * MIN;
  auto r =
      LineBuilder(T, 1000 * MIN).poisson(lambda / MIN).step("m", c, DistributionSpec::exponential(MIN)).run();
  const auto& s = r.stations[0];
  CHECK(s.waiting_probability == Approx(pw).epsilon(0.02));
  CHECK(s.all_busy == Approx(pw).epsilon(0.02));
  CHECK(s.wait_mean / MIN == Approx(wq).epsilon(0.05));
  CHECK(s.time_at_step_mean / MIN == Approx(wq + 1.0 / mu).epsilon(0.03));
}

TEST_CASE("Jackson tandem line: every station's wait and time at the station", "[waits]") {
  const double lambda = 0.5;
  const double means[] = {1.0, 1.25, 1.5};
  const double T = 2e6 * MIN;
  LineBuilder line(T, 2000 * MIN);
  line.poisson(lambda / MIN);
  for (int i = 0; i < 3; ++i)
    line.step("s" + std::to_string(i), 1, DistributionSpec::exponential(means[i] * MIN));
  auto r = line.run();
  double total = 0;
  for (int i = 0; i < 3; ++i) {
    const double mu = 1.0 / means[i], rho = lambda * means[i];
    const auto& s = r.stations[static_cast<std::size_t>(i)];
    CHECK(s.time_at_step_mean / MIN == Approx(1.0 / (mu - lambda)).epsilon(0.05));
    CHECK(s.wait_mean / MIN == Approx(rho / (mu - lambda)).epsilon(0.06));
    CHECK(s.waiting_probability == Approx(rho).epsilon(0.02));
    total += s.time_at_step_mean;
  }
  // The time in system is the sum of the times at the stations (no transport, no scrap).
  CHECK(total == Approx(r.cycle_time_mean_s).epsilon(0.002));
}

TEST_CASE("blocking, a zero buffer and a batch oven: times at the steps add up to the time in system",
          "[waits]") {
  // No transport and no scrap: a lot arrives at a step the moment the step before passes it on,
  // so its times at the steps add up to its time in system, whatever the blocking, a buffer of
  // none, or a wait for a batch. The means agree but for the lots in the line at the ends of the
  // measurement period (a few hundred of ~10^6): within 0.5 %. Every arrival path that sets a
  // lot's arrival time is taken here (into a buffer, straight onto a machine, pulled from a
  // blocked machine upstream, into a batch), so a stale one would show.
  LineBuilder line(1e6 * MIN, 1000 * MIN);
  line.poisson(0.8 / MIN)
      .step("press", 1, DistributionSpec::exponential(0.5 * MIN), 2)
      .step("weld", 1, DistributionSpec::exponential(0.9 * MIN), 0)
      .step("oven", 3, DistributionSpec::constant(5 * MIN), 3)
      .batch(4, 1, 3 * MIN)
      .step("test", 2, DistributionSpec::exponential(1.5 * MIN));
  auto r = line.run();
  double total = 0;
  for (const auto& s : r.stations)
    total += s.time_at_step_mean;
  CHECK(total == Approx(r.cycle_time_mean_s).epsilon(0.005));
  CHECK(r.stations[1].waiting_probability == 0.0); // a zero buffer: lots only ever start at once
  CHECK(r.stations[1].wait_mean == 0.0);
  CHECK(r.stations[0].time_at_step_mean > r.stations[0].wait_mean + 0.5 * MIN * 0.99); // blocked too
}
