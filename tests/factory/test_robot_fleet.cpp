// Robot fleets: every robot of a robotic machine fails and is repaired on its own clock, and
// the machine stops while any of its parts is in repair. Checked against availability worked
// out by hand from renewal theory.

#include "LineBuilder.hpp"

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::AutomationMode;
using scenario::FailureBasis;

namespace {
constexpr double HOUR = 3600.0;

/// One saturated robotic machine of 10 min per lot (6 lots/h) with `robots` robots.
LineBuilder robot_cell(double horizon_h, std::int64_t robots) {
  LineBuilder line(horizon_h * HOUR);
  line.saturated()
      .step("cell", 1, DistributionSpec::constant(10 * MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(10 * MIN), robots);
  return line;
}
} // namespace

TEST_CASE("robots failing on operating time: availability 1 / (1 + k MTTR / MTBF)", "[robots]") {
  // While the machine works, each of its 3 robots fails at rate 1/10 h, so the machine fails at
  // 3/10 per working hour and each failure stops it for exactly 1 h: the fraction of time up is
  // 1 / (1 + 3 x 1/10) = 0.76923. ~23 000 failures in 100 000 h: the up fraction has a relative
  // sd of ~0.4 %, so 2 % tolerance.
  auto line = robot_cell(100000, 3);
  line.robot_failures(DistributionSpec::exponential(10 * HOUR), DistributionSpec::constant(HOUR),
                      FailureBasis::operating);
  const auto r = line.run();
  const double availability = 1.0 / 1.3;
  CHECK(r.stations[0].down == Approx(1.0 - availability).epsilon(0.02));
  CHECK(r.throughput_per_h == Approx(6.0 * availability).epsilon(0.02));
  // Failures = working hours x 3/10 (a Poisson count, sd ~0.7 %).
  const double working_h = 100000.0 * r.stations[0].utilization;
  CHECK(static_cast<double>(r.stations[0].robot_failures) == Approx(working_h * 0.3).epsilon(0.03));
  // Preempt-resume: whatever is not down is processing.
  CHECK(r.stations[0].utilization + r.stations[0].down == Approx(1.0).epsilon(1e-9));
}

TEST_CASE("robots failing on calendar time: availability (MTBF / (MTBF + MTTR))^k", "[robots]") {
  // Calendar basis: each robot alternates up (exponential, mean 10 h) and repair (1 h) whatever
  // the machine does, independently of the others, so it is up 10/11 of the time and the machine
  // (up when all 3 are) (10/11)^3 = 0.75131 of the time; the operating-basis value 0.76923 is
  // 2.4 % away. ~55 000 robot cycles in 200 000 h: relative sd ~0.3 %, so 1 % tolerance.
  auto line = robot_cell(200000, 3);
  line.robot_failures(DistributionSpec::exponential(10 * HOUR), DistributionSpec::constant(HOUR),
                      FailureBasis::calendar);
  const auto r = line.run();
  const double availability = std::pow(10.0 / 11.0, 3);
  CHECK(r.stations[0].down == Approx(1.0 - availability).epsilon(0.01));
  CHECK(r.throughput_per_h == Approx(6.0 * availability).epsilon(0.01));
  // Each robot fails once per cycle of 11 h on average.
  CHECK(static_cast<double>(r.stations[0].robot_failures) == Approx(3 * 200000.0 / 11.0).epsilon(0.02));
}

TEST_CASE("machine breakdowns and robot failures add up on operating time", "[robots]") {
  // Operating basis: machine failures at 1/20 per working hour repaired in 2 h, and 2 robots
  // failing at 1/10 each repaired in 1 h. Down time per working hour: 2/20 + 2 x 1/10 = 0.3,
  // so the up fraction is 1 / 1.3 again.
  auto line = robot_cell(100000, 2);
  line.failures(DistributionSpec::exponential(20 * HOUR), DistributionSpec::constant(2 * HOUR),
                FailureBasis::operating);
  line.robot_failures(DistributionSpec::exponential(10 * HOUR), DistributionSpec::constant(HOUR),
                      FailureBasis::operating);
  const auto r = line.run();
  CHECK(r.stations[0].down == Approx(0.3 / 1.3).epsilon(0.03));
  CHECK(r.throughput_per_h == Approx(6.0 / 1.3).epsilon(0.02));
}

TEST_CASE("a mode without failing robots stops their failures", "[robots][rollout]") {
  // Robotic with failing robots for the first 1000 h, then a roll-out to a manual mode without
  // robots: no failure may start after the switch (repairs under way finish), so over the last
  // 1000 h the machine works all but at most one repair's hour.
  auto line = robot_cell(2000, 3);
  line.robot_failures(DistributionSpec::exponential(10 * HOUR), DistributionSpec::constant(HOUR),
                      FailureBasis::calendar);
  line.mode(AutomationMode::manual, DistributionSpec::constant(10 * MIN)).rollout(1000 * HOUR, 0, 1);
  line.spec_for_test().warmup_s = 1000 * HOUR;
  const auto r = line.run();
  CHECK(r.stations[0].robot_failures == 0);
  CHECK(r.stations[0].down <= 1.0 / 1000.0);
  CHECK(r.output >= 6 * 999 - 1);
}
