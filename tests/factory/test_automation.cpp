// Automation modes, the roll-out plan and the control tower, against hand-worked values.

#include "LineBuilder.hpp"

#include <cmath>
#include <filesystem>
#include <unistd.h>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::AutomationMode;
namespace fs = std::filesystem;

namespace {
constexpr double HOUR = 3600.0;

} // namespace

TEST_CASE("an outage of length d on a saturated robotic line loses d x rate of output", "[control_tower]") {
  // 1 lot/min, robotic, dependent on the tower; a 30 min outage at 100 min. The lot in process is
  // stopped and resumed (preempt-resume), so exactly 30 lots are lost: 1000 - 30 = 970 in 1000 min.
  TempResultsFile out("automation");
  LineBuilder line(1000 * MIN);
  line.saturated()
      .step("robot_cell", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
      .outage(100 * MIN + 20, 30 * MIN);
  auto outcome = line.experiment(out.path.string());
  const auto& r = outcome.runs.at(0);
  CHECK(r.output == 970);
  CHECK(r.lost_output == Approx(30.0));
  CHECK(r.outages == 1);
  CHECK(r.outage_hours == Approx(0.5));
  CHECK(r.stations[0].halted == Approx(30.0 / 1000.0));
}

TEST_CASE("manual stations carry on through an outage", "[control_tower]") {
  // Manual step a (1 lot/min) feeds robotic step b (1 lot/min) through an unlimited buffer.
  // During a 60 min outage a keeps making lots; b stops, and its 60 lots are lost by the end.
  TempResultsFile out("automation");
  LineBuilder line(600 * MIN);
  line.saturated()
      .step("manual_a", 1, DistributionSpec::constant(MIN))
      .step("robotic_b", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
      .outage(200 * MIN + 30, 60 * MIN);
  auto r = line.experiment(out.path.string()).runs.at(0);
  CHECK(r.stations[0].output == 600);
  CHECK(r.stations[0].halted == 0.0);
  CHECK(r.stations[1].halted == Approx(60.0 / 600.0));
  CHECK(r.lost_output == Approx(60.0));
}

TEST_CASE("random outages: the tower is down E[D] / (E[T] + E[D]) of the time", "[control_tower]") {
  // Time between outages exponential 20 h, durations exponential 5 h: down 5/25 = 20 % of the
  // time; ~2000 cycles in 50 000 h, sd of the fraction ~ 0.4 %: 3 % relative tolerance.
  auto r =
      LineBuilder(50000 * HOUR)
          .saturated()
          .step("cell", 1, DistributionSpec::constant(MIN))
          .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
          .random_outages(DistributionSpec::exponential(20 * HOUR), DistributionSpec::exponential(5 * HOUR))
          .run();
  CHECK(r.outage_hours / 50000.0 == Approx(0.2).epsilon(0.03));
  CHECK(r.stations[0].halted == Approx(r.outage_hours / 50000.0).epsilon(1e-6));
  CHECK(r.throughput_per_h == Approx(60.0 * (1.0 - r.outage_hours / 50000.0)).epsilon(1e-3));
}

TEST_CASE("a roll-out switches a group's mode on its date, with its robots and costs", "[rollout]") {
  // 2 machines, manual 2 min/lot until the roll-out at 601 min, then robotic 1 min/lot with 1
  // robot each, capital 1000 per machine depreciated over 100 h, maintenance 3 per machine-hour.
  // A lot finishes in the mode it started in: manual lots end at 2, 4, ..., 602 min (301 per
  // machine), robotic lots at 603 ... 1200 (598 per machine): 2 x 899 = 1798 lots.
  // From 601 to 1200 min (599 min): depreciation 2 x 1000 / 100 h x 599/60 h = 199.67;
  // maintenance 2 x 3 x 599/60 = 59.9; capital 2 x 1000 = 2000.
  auto r = LineBuilder(1200 * MIN)
               .saturated()
               .step("winding", 2, DistributionSpec::constant(2 * MIN))
               .mode(AutomationMode::manual, DistributionSpec::constant(2 * MIN))
               .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, false, 1000, 100 * HOUR, 3)
               .rollout(601 * MIN, 0, 1)
               .run();
  CHECK(r.output == 1798);
  CHECK(r.stations[0].mode == "robotic");
  CHECK(r.robots == 2);
  CHECK(r.capital_spent == Approx(2000));
  CHECK(r.depreciation_cost == Approx(2 * 1000 / 100.0 * 599 / 60.0));
  CHECK(r.maintenance_cost == Approx(2 * 3 * 599 / 60.0));
  CHECK(r.total_cost == Approx(r.depreciation_cost + r.maintenance_cost));
  CHECK(r.cost_per_unit == Approx(r.total_cost / 1798.0));
}

TEST_CASE("rolling out onto a tower that is down halts the group until it is back", "[rollout]") {
  // Manual 2 min/lot (independent of the tower) until the roll-out at 101 min; the tower is down
  // from 50 to 150 min. 50 manual lots end by 100 min; the lot started at 100 is stopped at 101
  // with 1 min left (the group is now robotic and its tower is down), ends at 151; then 1 lot/min
  // until 300: 149 more. 50 + 1 + 149 = 200, halted 49 of 300 min.
  auto r = LineBuilder(300 * MIN)
               .saturated()
               .step("cell", 1, DistributionSpec::constant(2 * MIN))
               .mode(AutomationMode::manual, DistributionSpec::constant(2 * MIN))
               .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
               .outage(50 * MIN, 100 * MIN)
               .rollout(101 * MIN, 0, 1)
               .run();
  CHECK(r.output == 200);
  CHECK(r.stations[0].halted == Approx(49.0 / 300.0));
}

TEST_CASE("automation payback period against the same plant without its roll-out", "[rollout]") {
  // One machine, 1 lot/min either way. Manual: one operator at 30/h -> 0.5 per lot. Robotic from
  // time 0 (the operator is laid off, no severance): maintenance 6/h -> 0.1 per lot, capital 1000.
  // Savings 0.4 per lot x 60 x 8760 lots a year = 210 240 a year: payback 1000 / 210 240 years.
  TempResultsFile out("automation");
  LineBuilder line(100 * HOUR);
  line.pool("ops", "operate", 1, "", 30.0)
      .saturated()
      .step("cell", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::manual, DistributionSpec::constant(MIN))
      .mode_operators("operate", 1)
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, false, 1000, 10 * 8760 * HOUR, 6)
      .rollout(0, 0, 1);
  auto r = line.experiment(out.path.string()).runs.at(0);
  CHECK(r.output == 6000);
  CHECK(r.layoffs_total == 1);
  CHECK(r.labour_cost == Approx(0.0).margin(1e-9));
  CHECK(r.operating_cost == Approx(600.0));
  CHECK(r.payback_years == Approx(1000.0 / 210240.0));
}

TEST_CASE("time to recover throughput: the line refills behind a robotic first step",
          "[control_tower][recovery]") {
  // Robotic a (depends on the tower), then manual b and c, all 60 s per lot, saturated; a 6 h
  // outage at 3630 s stops a 30 s into a lot while b and c empty out. After the end e, a
  // finishes at e + 30, b at e + 90, c at e + 150.
  TempResultsFile out("automation");
  LineBuilder line(20 * HOUR);
  line.saturated()
      .step("a", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
      .step("b", 1, DistributionSpec::constant(MIN))
      .step("c", 1, DistributionSpec::constant(MIN))
      .outage(3630, 6 * HOUR);
  SECTION("at the sink: the refill takes 150 s") {
    // The first lot leaves at 180 s, then one a minute: 58 lots in the 3630 s before the outage
    // (the reference span is the whole run so far). The first lot out after e is at e + 150 and
    // the hour from it holds 60 lots >= 0.95 x 58/3630 x 3600 = 54.6.
    line.spec_for_test().control_tower->recovery.at = "sink";
    const auto r = line.experiment(out.path.string()).runs.at(0);
    REQUIRE(r.outage_log.size() == 1);
    const auto& o = r.outage_log[0];
    CHECK(o.start_s == 3630.0);
    CHECK(o.end_s == 3630.0 + 6 * HOUR);
    CHECK(o.reference_per_h == Approx(58.0 / 3630.0 * 3600.0));
    CHECK(o.time_to_recover_s == Approx(150.0));
    CHECK(r.time_to_recover_mean_h == Approx(150.0 / 3600.0));
  }
  SECTION("by default at the bottleneck: a itself (the first of three equal steps), back in 30 s") {
    // a finished 60 lots (at 60, 120, ..., 3600 s) before the outage: 60 / 3630 s.
    const auto r = line.experiment(out.path.string()).runs.at(0);
    REQUIRE(r.outage_log.size() == 1);
    CHECK(r.outage_log[0].reference_per_h == Approx(60.0 / 3630.0 * 3600.0));
    CHECK(r.outage_log[0].time_to_recover_s == Approx(30.0));
  }
}

TEST_CASE("time to recover: a robotic last step resumes its lot at once", "[control_tower][recovery]") {
  // Manual a feeds robotic b through an unlimited buffer; b stops 20 s into a lot and finishes it
  // 40 s after the outage: b is back at its rate from that first lot on.
  TempResultsFile out("automation");
  LineBuilder line(20 * HOUR);
  line.saturated()
      .step("a", 1, DistributionSpec::constant(MIN))
      .step("b", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
      .outage(2 * HOUR + 80, HOUR);
  line.spec_for_test().control_tower->recovery.at = "b";
  const auto r = line.experiment(out.path.string()).runs.at(0);
  REQUIRE(r.outage_log.size() == 1);
  CHECK(r.outage_log[0].time_to_recover_s == Approx(40.0));
}

TEST_CASE("time to recover: not seen when the run ends first, or when the line never gets back",
          "[control_tower][recovery]") {
  TempResultsFile out("automation");
  SECTION("the run ends less than a window after the outage") {
    // The tower is back 30 min before the end: no full hour to judge the rate by.
    LineBuilder line(10 * HOUR);
    line.saturated()
        .step("a", 1, DistributionSpec::constant(MIN))
        .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
        .outage(5 * HOUR, 4.5 * HOUR);
    const auto r = line.experiment(out.path.string()).runs.at(0);
    REQUIRE(r.outage_log.size() == 1);
    CHECK(std::isnan(r.outage_log[0].time_to_recover_s));
    CHECK(std::isnan(r.time_to_recover_mean_h));
  }
  SECTION("a roll-out during the outage halves the rate for good") {
    // At the outage's start the line switches to a mode twice as slow: after the outage it makes
    // 30 lots/h, below 95 % of the 60 it made before, so it never recovers.
    LineBuilder line(20 * HOUR);
    line.saturated()
        .step("a", 1, DistributionSpec::constant(MIN))
        .mode(AutomationMode::robotic, DistributionSpec::constant(MIN), 1, true)
        .mode(AutomationMode::hybrid, DistributionSpec::constant(2 * MIN), 1, true)
        .rollout(5 * HOUR + 1, 0, 1)
        .outage(5 * HOUR, HOUR);
    const auto r = line.experiment(out.path.string()).runs.at(0);
    REQUIRE(r.outage_log.size() == 1);
    CHECK(r.outage_log[0].reference_per_h == Approx(60.0).epsilon(0.01));
    CHECK(std::isnan(r.outage_log[0].time_to_recover_s));
  }
}

TEST_CASE("labour share of cost: wages over total cost", "[costs]") {
  // One worker always on shift at 10/h for 100 h (1000) and one machine maintained at 30/h
  // (3000): labour is 1000 / 4000 = 25 % of the cost.
  LineBuilder line(100 * HOUR);
  line.pool("ops", "operate", 1, "", 10.0)
      .saturated()
      .step("cell", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::hybrid, DistributionSpec::constant(MIN), 1, false, 0, 0, 30.0)
      .mode_operators("operate", 1);
  const auto r = line.run();
  CHECK(r.labour_cost == Approx(1000.0));
  CHECK(r.total_cost == Approx(4000.0));
  CHECK(r.labour_share == Approx(0.25));
}
