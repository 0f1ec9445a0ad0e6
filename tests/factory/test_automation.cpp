// Automation modes, the roll-out plan and the control tower, against hand-worked values.

#include "LineBuilder.hpp"

#include <filesystem>
#include <unistd.h>

using namespace gigatwin;
using namespace gigatwin::test;
using engine::DistributionSpec;
using models::AutomationMode;
namespace fs = std::filesystem;

namespace {
constexpr double HOUR = 3600.0;

struct TempFile {
  fs::path path = fs::temp_directory_path() / ("gigatwin-automation-" + std::to_string(::getpid()) + ".h5");
  ~TempFile() { fs::remove(path); }
};
} // namespace

TEST_CASE("an outage of length d on a saturated robotic line loses d x rate of output", "[control_tower]") {
  // 1 lot/min, robotic, dependent on the tower; a 30 min outage at 100 min. The lot in process is
  // stopped and resumed (preempt-resume), so exactly 30 lots are lost: 1000 - 30 = 970 in 1000 min.
  TempFile out;
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
  TempFile out;
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
  TempFile out;
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
