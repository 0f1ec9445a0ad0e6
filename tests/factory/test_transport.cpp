// AGVs and conveyors between steps, against hand-worked rates, Little's law on the carriers and
// preempt-resume during control-tower outages.

#include "LineBuilder.hpp"

#include <filesystem>
#include <unistd.h>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
namespace fs = std::filesystem;

namespace {
constexpr double HOUR = 3600.0;

/// 6 machines of 1 min make 6 lots/min; 2 AGVs of 3 lots, 10 min out and 5 min back, carry at
/// most 2 x 3 / 15 min = 0.4 lots/min = 24/h to 10 fast machines: the AGVs are the bottleneck.
/// Both AGVs come back together and leave at once (no max_wait) with the lots waiting: 6 lots
/// wait on the 6 blocked makers, so both leave full.
LineBuilder agv_limited_line(double horizon_s) {
  LineBuilder line(horizon_s);
  line.saturated()
      .step("make", 6, DistributionSpec::constant(MIN))
      .step("pack", 10, DistributionSpec::constant(MIN))
      .agvs(2, 3, 10 * MIN, 5 * MIN);
  return line;
}
} // namespace

TEST_CASE("AGVs as the bottleneck: count x capacity / round trip", "[transport]") {
  // After the first trips (1 lot each: one maker finished per AGV), every trip is full and both
  // AGVs are always on the way. Over 1500 h the start-up is < 0.1 %.
  const auto r = agv_limited_line(1500 * HOUR).run();
  CHECK(r.throughput_per_h == Approx(24.0).epsilon(0.002));
  REQUIRE(r.transports.size() == 1);
  const auto& t = r.transports[0];
  CHECK(t.to == "pack");
  CHECK(t.kind == "agv");
  CHECK(static_cast<double>(t.lots_moved) / static_cast<double>(t.trips) == Approx(3.0).epsilon(0.001));
  CHECK(t.moving == Approx(1.0).epsilon(1e-3));
  CHECK(t.moving + t.waiting_to_unload + t.halted + t.idle == Approx(1.0));
  // Little's law on board: 3 lots for 10 of every 15 min, on 2 AGVs.
  CHECK(t.in_transit_mean == Approx(2 * 3 * 10.0 / 15.0).epsilon(0.002));
  // The makers wait for AGVs: they make 0.4 of their 6 lots/min capacity.
  CHECK(r.stations[0].utilization == Approx(0.4 / 6.0).epsilon(0.002));
  check_littles_law(r);
}

TEST_CASE("a conveyor carries at most capacity / travel time", "[transport]") {
  // 2 machines make 2 lots/min; a belt of 5 places and 10 min carries 0.5 lots/min = 30/h and
  // is always full.
  LineBuilder line(1000 * HOUR);
  line.saturated()
      .step("make", 2, DistributionSpec::constant(MIN))
      .step("pack", 2, DistributionSpec::constant(MIN))
      .conveyor(5, DistributionSpec::constant(10 * MIN));
  const auto r = line.run();
  CHECK(r.throughput_per_h == Approx(30.0).epsilon(0.001));
  REQUIRE(r.transports.size() == 1);
  CHECK(r.transports[0].kind == "conveyor");
  CHECK(r.transports[0].in_transit_mean == Approx(5.0).epsilon(0.001));
  // One lot a trip on a belt: every place loaded is a trip; at most the 5 on the belt are undelivered.
  CHECK(r.transports[0].trips - r.transports[0].lots_moved >= 0);
  CHECK(r.transports[0].trips - r.transports[0].lots_moved <= 5);
}

TEST_CASE("a conveyor that is not the bottleneck adds its travel time to the cycle time", "[transport]") {
  // 1 machine of 2 min, a 5-min belt of 10 places, then 1 machine of 1 min: every lot takes
  // exactly 2 + 5 + 1 = 8 min; 30 lots/h; on the belt 0.5 lots/min x 5 min = 2.5 lots (Little).
  LineBuilder line(100 * HOUR);
  line.saturated()
      .step("make", 1, DistributionSpec::constant(2 * MIN))
      .step("pack", 1, DistributionSpec::constant(MIN))
      .conveyor(10, DistributionSpec::constant(5 * MIN));
  const auto r = line.run();
  CHECK(r.cycle_time_mean_s == Approx(8 * MIN).epsilon(1e-9));
  CHECK(r.throughput_per_h == Approx(30.0).epsilon(0.002));
  CHECK(r.transports[0].in_transit_mean == Approx(2.5).epsilon(0.002));
  CHECK(r.transports[0].idle == Approx(1.0 - 2.5 / 10.0).epsilon(0.002));
}

TEST_CASE("a full step makes carriers wait to unload and blocks the line behind them", "[transport]") {
  // The packer (1 machine, 10 min, no buffer) is the bottleneck: 6 lots/h. The 3-place belt
  // (1 min) fills up, lots wait at its end, and the maker (1 min) is blocked 90 % of the time.
  LineBuilder line(500 * HOUR);
  line.saturated()
      .step("make", 1, DistributionSpec::constant(MIN))
      .step("pack", 1, DistributionSpec::constant(10 * MIN), 0)
      .conveyor(3, DistributionSpec::constant(MIN));
  const auto r = line.run();
  CHECK(r.throughput_per_h == Approx(6.0).epsilon(0.001));
  CHECK(r.stations[0].utilization == Approx(0.1).epsilon(0.002));
  CHECK(r.stations[0].blocked == Approx(0.9).epsilon(0.002));
  CHECK(r.transports[0].waiting_to_unload > 0.5);
  check_littles_law(r);
}

TEST_CASE("an outage stops the AGVs (preempt-resume): d x rate lost", "[transport][control_tower]") {
  // The AGV-limited line delivers 0.4 lots/min; a 150 min outage (10 round trips) pauses both
  // AGVs mid-trip and shifts the whole schedule by 150 min: 150 x 0.4 = 60 lots lost, against the
  // twin run without the outage. The AGVs spend 150 min of 6000 halted.
  TempResultsFile out("transport");
  auto line = agv_limited_line(6000 * MIN);
  line.outage(1000 * MIN + 7, 150 * MIN);
  const auto r = line.experiment(out.path.string()).runs.at(0);
  CHECK(r.lost_output == Approx(60.0));
  CHECK(r.transports[0].halted == Approx(150.0 / 6000.0).epsilon(1e-9));

  SECTION("AGVs told not to depend on the tower keep going") {
    auto independent = agv_limited_line(6000 * MIN);
    independent.spec_for_test().steps[1].transport->depends_on_control_tower = false;
    independent.outage(1000 * MIN + 7, 150 * MIN);
    const auto r2 = independent.experiment(out.path.string()).runs.at(0);
    CHECK(r2.lost_output == 0.0);
    CHECK(r2.transports[0].halted == 0.0);
  }
}

TEST_CASE("random travel times: each AGV makes a round trip per mean round-trip time", "[transport]") {
  // Exponential legs (means 10 and 5 min) and 6 makers, so lots nearly always wait: each AGV is
  // never idle and completes one loaded trip per 15 min on average (renewal), so throughput =
  // 2 AGVs x mean load / 15 min whatever the loads turn out to be. ~12 000 trips per AGV in
  // 3000 h: 2 % tolerance. The loads cannot exceed the capacity of 3.
  auto line = agv_limited_line(3000 * HOUR);
  line.spec_for_test().steps[1].transport->travel_time = DistributionSpec::exponential(10 * MIN);
  line.spec_for_test().steps[1].transport->return_time = DistributionSpec::exponential(5 * MIN);
  const auto r = line.run();
  const auto& t = r.transports.at(0);
  const double mean_load = static_cast<double>(t.lots_moved) / static_cast<double>(t.trips);
  CHECK(mean_load <= 3.0);
  CHECK(r.throughput_per_h == Approx(2 * mean_load * 4.0).epsilon(0.02));
  CHECK(t.idle < 0.01);
  check_littles_law(r);
}

TEST_CASE("max_wait lets an AGV gather a full load", "[transport]") {
  // 4 makers of 1 min and 2 AGVs (3 lots, 10 + 5 min). Leaving at once, the two AGVs come back
  // together and split the 4 waiting lots 3 + 1: 4 lots per 15 min = 16/h. Waiting up to 2 min
  // for a full load, the second AGV takes the 1 lot left plus 2 of the next minute's and leaves
  // a minute later; from then on each AGV finds >= 3 lots waiting at its return: 24/h.
  auto line = [](double max_wait_s) {
    LineBuilder b(1500 * HOUR);
    b.saturated()
        .step("make", 4, DistributionSpec::constant(MIN))
        .step("pack", 10, DistributionSpec::constant(MIN))
        .agvs(2, 3, 10 * MIN, 5 * MIN);
    b.spec_for_test().steps[1].transport->max_wait_s = max_wait_s;
    return b;
  };
  CHECK(line(0).run().throughput_per_h == Approx(16.0).epsilon(0.002));
  const auto r = line(2 * MIN).run();
  CHECK(static_cast<double>(r.transports[0].lots_moved) / static_cast<double>(r.transports[0].trips) ==
        Approx(3.0).epsilon(0.002));
  CHECK(r.throughput_per_h == Approx(24.0).epsilon(0.002));
}
