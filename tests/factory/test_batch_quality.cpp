// Batch processes and quality (defects, inspection, rework), against hand-worked values and
// binomial tolerances.

#include "LineBuilder.hpp"

#include <cmath>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;

namespace {
constexpr double HOUR = 3600.0;

/// |x - n p| within 4 binomial standard deviations.
void check_binomial(std::int64_t x, double n, double p) {
  const double sd = std::sqrt(n * p * (1 - p));
  INFO("count " << x << ", expected " << n * p << " +/- 4 x " << sd);
  CHECK(std::abs(static_cast<double>(x) - n * p) <= 4 * sd + 1);
}
} // namespace

TEST_CASE("a saturated batch oven makes K lots every T", "[batch]") {
  // 3 ovens of 8 lots, 2 h a batch: 3 x 8 / 2 h = 12 lots/h; in 100 h exactly 50 batches each.
  LineBuilder line(100 * HOUR);
  line.saturated().step("oven", 3, DistributionSpec::constant(2 * HOUR)).batch(8);
  const auto r = line.run();
  CHECK(r.output == 3 * 8 * 50);
  CHECK(r.throughput_per_h == Approx(12.0));
  CHECK(r.stations[0].utilization == Approx(1.0));
}

TEST_CASE("full batches under Poisson arrivals: a lot waits (K-1)/(2 lambda) for its batch", "[batch]") {
  // Lots arrive at 1/min; batches of 10 form every 10 min on average and take 30 min in one of
  // 10 ovens (3 are busy on average, so a batch practically never waits for an oven). The i-th
  // lot of a batch waits for the K - i arrivals after it: (K - 1) / 2 = 4.5 min on average,
  // whatever the arrival process' variance. Cycle time 4.5 + 30 = 34.5 min.
  LineBuilder line(20000 * HOUR, 10 * HOUR);
  line.poisson(1.0 / MIN).step("formation", 10, DistributionSpec::constant(30 * MIN)).batch(10);
  const auto r = line.run();
  CHECK(r.cycle_time_mean_s == Approx(34.5 * MIN).epsilon(0.005));
  CHECK(r.throughput_per_h == Approx(60.0).epsilon(0.01));
  CHECK(r.stations[0].utilization == Approx(0.3).epsilon(0.01));
  // The wait at the step is the wait for the batch: (K - 1) / 2 min; the time at it adds the 30
  // min in the oven; every lot waits for its batch.
  CHECK(r.stations[0].wait_mean == Approx(4.5 * MIN).epsilon(0.005));
  CHECK(r.stations[0].time_at_step_mean == Approx(34.5 * MIN).epsilon(0.005));
  CHECK(r.stations[0].waiting_probability == 1.0);
  check_littles_law(r);
}

TEST_CASE("a partial batch starts once its oldest lot has waited max_wait", "[batch]") {
  // A lot every minute, batches of up to 10 but at most 2.5 min of waiting: each batch takes the
  // 3 lots that came in 2.5 min (waits 2.5, 1.5 and 0.5 min), then 10 min in an oven; plenty of
  // ovens. Every lot spends 1.5 + 10 = 11.5 min on average.
  LineBuilder line(1000 * HOUR, 10 * HOUR);
  line.interarrival(DistributionSpec::constant(MIN))
      .step("oven", 10, DistributionSpec::constant(10 * MIN))
      .batch(10, 1, 2.5 * MIN);
  const auto r = line.run();
  CHECK(r.cycle_time_mean_s == Approx(11.5 * MIN).epsilon(1e-3));
  CHECK(r.throughput_per_h == Approx(60.0).epsilon(1e-3));
  // Ovens hold 3 lots for 10 min per 3 min: 10/3 ovens busy of 10.
  CHECK(r.stations[0].utilization == Approx(1.0 / 3.0).epsilon(1e-3));
}

TEST_CASE("inspection confusion counts follow the detection and false-reject rates", "[quality]") {
  // 10 % of lots become defective at `make`; `inspect` catches a defect with probability 0.9
  // and rejects a good lot with 0.05; rejects are scrapped. About 300 000 lots.
  LineBuilder line(5000 * HOUR);
  line.saturated()
      .step("make", 1, DistributionSpec::constant(MIN))
      .defects(0.1)
      .step("inspect", 1, DistributionSpec::constant(0.5 * MIN))
      .inspection(0.9, 0.05, 2.0);
  const auto r = line.run();
  const auto& s = r.stations[1];
  const double n = static_cast<double>(s.inspected);
  const auto made_defective = r.stations[0].defects;
  check_binomial(made_defective, static_cast<double>(r.stations[0].output), 0.1);
  // Given how many were defective, the rejections are binomial in each class.
  const double defective = static_cast<double>(s.rejected_defective + s.passed_defective);
  check_binomial(s.rejected_defective, defective, 0.9);
  check_binomial(s.rejected_good, n - defective, 0.05);
  // Rejects are scrap; what passes leaves; the missed defects escape.
  CHECK(r.scrap == s.rejected_defective + s.rejected_good);
  CHECK(s.inspected == r.output + r.scrap); // the last step: every inspected lot left
  CHECK(r.escaped_dpm ==
        Approx(1e6 * static_cast<double>(s.passed_defective) / static_cast<double>(r.output)));
  // Expected escape rate: 0.1 x 0.1 / (1 - 0.09 - 0.045) per good lot = 11 561 dpm.
  CHECK(r.escaped_dpm == Approx(1e6 * 0.01 / 0.865).epsilon(0.05));
  CHECK(r.first_pass_yield ==
        Approx(static_cast<double>(r.output) / static_cast<double>(r.output + r.scrap)));
  CHECK(r.inspection_cost == Approx(2.0 * n));
  CHECK(r.total_cost == Approx(2.0 * n));
}

TEST_CASE("rework loops back: visits 1 / (1 - p) and first-pass yield 1 - p", "[quality][rework]") {
  // `make` (1 min) makes 20 % of lots defective; a perfect inspection sends them back to `make`,
  // which repairs them and may spoil them again. Each lot visits `make` a geometric number of
  // times, 1 / 0.8 = 1.25 on average, so at 0.5 lots/min `make` is busy 0.625 of the time, a
  // quarter of a rework per good lot, and 80 % of lots pass first time. Nothing escapes.
  LineBuilder line(20000 * HOUR, 10 * HOUR);
  line.poisson(0.5 / MIN)
      .step("make", 1, DistributionSpec::constant(MIN))
      .defects(0.2)
      .step("inspect", 1, DistributionSpec::constant(0.5 * MIN))
      .inspection(1.0, 0.0, 0.0, 0);
  const auto r = line.run();
  CHECK(r.stations[0].utilization == Approx(0.625).epsilon(0.01));
  CHECK(static_cast<double>(r.rework) / static_cast<double>(r.output) == Approx(0.25).epsilon(0.02));
  CHECK(r.first_pass_yield == Approx(0.8).epsilon(0.01));
  CHECK(r.escaped == 0);
  CHECK(r.scrap == 0);
  CHECK(r.throughput_per_h == Approx(30.0).epsilon(0.01));
  check_littles_law(r);
}

TEST_CASE("human inspection costs the wages of the time inspectors spend at it", "[quality][costs]") {
  // One inspector (10/h, always on shift) held while the station processes: the inspection cost
  // is 10 x its busy hours (charged as the inspector is released; the last lot in hand at the
  // end is not charged yet), plus 0.5 per lot inspected.
  LineBuilder line(100 * HOUR);
  line.pool("inspectors", "inspection", 1, "", 10.0)
      .saturated()
      .step("make", 1, DistributionSpec::constant(MIN))
      .step("inspect", 1, DistributionSpec::constant(0.5 * MIN))
      .operators("inspection")
      .inspection(1.0, 0.0, 0.5);
  const auto r = line.run();
  const double busy_h = 100.0 * r.stations[1].utilization;
  const double per_lot = 0.5 * static_cast<double>(r.stations[1].inspected);
  CHECK(r.inspection_cost == Approx(10.0 * busy_h + per_lot).margin(10.0 * 0.5 / 60 + 1e-9));
  CHECK(r.inspection_cost > per_lot);
}
