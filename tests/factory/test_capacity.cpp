// The rough-cut capacity analysis against hand calculation, and against the simulated
// throughput of a saturated line.

#include "LineBuilder.hpp"

#include "scenario/CapacityEstimate.hpp"

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;

TEST_CASE("rough-cut capacity: setups, breakdowns and yields by hand", "[capacity]") {
  // a: 1 machine, 1 min/lot + 10 min setup every 20 lots -> 1.5 min/lot -> 40 lots/h; 10 % scrap.
  // b: 2 machines, 2 min/lot, MTTF 3 h, MTTR 1 h (operating) -> 2 x 4/3 = 8/3 min/lot per machine
  //    -> 2 x 60 / (8/3) = 45 lots/h; reached by 90 % of lots -> 50 entering lots/h.
  // c: 1 machine, 1.2 min/lot -> 50 lots/h; reached by 0.9 x 0.95 = 85.5 % -> 58.5 entering lots/h.
  LineBuilder line(1000 * MIN);
  line.poisson(30.0 / 3600.0)
      .step("a", 1, DistributionSpec::constant(MIN), std::nullopt, 0.10)
      .setup(DistributionSpec::constant(10 * MIN), 20)
      .step("b", 2, DistributionSpec::exponential(2 * MIN), std::nullopt, 0.05)
      .failures(DistributionSpec::exponential(3 * 3600), DistributionSpec::exponential(3600),
                scenario::FailureBasis::operating)
      .step("c", 1, DistributionSpec::constant(1.2 * MIN));
  auto est = scenario::estimate_capacity(line.spec());
  REQUIRE(est.steps.size() == 3);
  CHECK(est.steps[0].capacity_per_h == Approx(40.0));
  CHECK(est.steps[1].capacity_per_h == Approx(45.0));
  CHECK(est.steps[1].reach == Approx(0.9));
  CHECK(est.steps[2].reach == Approx(0.855));
  CHECK(est.bottleneck == 0); // 40 entering lots/h at a, 50 at b, 58.5 at c
  CHECK(est.max_entering_per_h == Approx(40.0));
  CHECK(est.line_yield == Approx(0.855));
  CHECK(est.max_throughput_per_h == Approx(40.0 * 0.855));
  CHECK(est.arrival_rate_per_h == Approx(30.0));
  CHECK(est.steps[1].load == Approx(30.0 * 0.9 / 45.0));
}

TEST_CASE("a saturated line runs at the rough-cut bottleneck rate", "[capacity]") {
  // a: 1 min/lot, 10 % scrap (60 lots/h); b: 2 machines, exponential 2.5 min (48 lots/h), reached
  // by 90 %: bottleneck b at 48/0.9 = 53.3 entering lots/h, 48 good lots/h. Unlimited buffers, so
  // b never starves once its queue has formed: the simulated throughput must reach 48/h.
  LineBuilder line(2e5 * MIN, 1000 * MIN);
  line.saturated()
      .step("a", 1, DistributionSpec::constant(MIN), std::nullopt, 0.10)
      .step("b", 2, DistributionSpec::exponential(2.5 * MIN));
  auto est = scenario::estimate_capacity(line.spec());
  CHECK(est.bottleneck == 1);
  CHECK(est.max_throughput_per_h == Approx(48.0));
  auto r = line.run();
  // 1.6e5 lots through b: binomial-like sd of the count ~ 0.3 %; 1 % tolerance.
  CHECK(r.throughput_per_h == Approx(est.max_throughput_per_h).epsilon(0.01));
  CHECK(r.stations[1].utilization == Approx(1.0).epsilon(0.01));
}

TEST_CASE("rough-cut capacity of transports and robot fleets by hand", "[capacity][transport][robots]") {
  // a: 1 machine of 1 min (60/h). AGVs into b: 2 of 3 lots, 10 min there and 5 back: a round
  // trip of 15 min per 3 lots = 5 min/lot per AGV -> 2 x 12 = 24/h, the bottleneck.
  // b: 1 robotic machine of 1 min with 2 robots, each MTTF 10 h and MTTR 1 h on operating time:
  // 1 x (1 + 2 x 1/10) = 1.2 min/lot -> 50/h. A conveyor of 10 places and 20 min into c: 2 min
  // per place and lot -> 30/h; c: 1 machine of 1 min.
  LineBuilder line(1000 * MIN);
  line.saturated()
      .step("a", 1, DistributionSpec::constant(MIN))
      .step("b", 1, DistributionSpec::constant(MIN))
      .mode(scenario::AutomationMode::robotic, DistributionSpec::constant(MIN), 2)
      .robot_failures(DistributionSpec::exponential(10 * 3600), DistributionSpec::constant(3600),
                      scenario::FailureBasis::operating)
      .agvs(2, 3, 10 * MIN, 5 * MIN)
      .step("c", 1, DistributionSpec::constant(MIN))
      .conveyor(10, DistributionSpec::constant(20 * MIN));
  auto est = scenario::estimate_capacity(line.spec());
  REQUIRE(est.steps.size() == 5); // a, agv -> b, b, conveyor -> c, c
  CHECK(est.steps[1].station_group == "agv -> b");
  CHECK(est.steps[1].machines == 2);
  CHECK(est.steps[1].capacity_per_h == Approx(24.0));
  CHECK(est.steps[2].capacity_per_h == Approx(50.0));
  CHECK(est.steps[3].station_group == "conveyor -> c");
  CHECK(est.steps[3].capacity_per_h == Approx(30.0));
  CHECK(est.bottleneck == 1);
  CHECK(est.max_throughput_per_h == Approx(24.0));
}

TEST_CASE("traffic equations of a rework loop, solved by hand", "[capacity][rework]") {
  // make (1 min, 20 % turn defective) -> inspect (30 s, catches half of the defects, sends them
  // back to make repaired). Per pass: back 0.2 x 0.5 = 0.1, on good 0.8, on defective 0.1. So
  // each step is visited 1 / 0.9 = 10/9 times per lot, all lots leave, and 1/9 of them (0.1 /
  // 0.9) are defective escapes. make is the bottleneck: 60 / (10/9) = 54 entering lots/h.
  LineBuilder line(1000 * MIN);
  line.saturated()
      .step("make", 1, DistributionSpec::constant(MIN))
      .defects(0.2)
      .step("inspect", 1, DistributionSpec::constant(0.5 * MIN))
      .inspection(0.5, 0.0, 0.0, 0);
  const auto est = scenario::estimate_capacity(line.spec());
  REQUIRE(est.steps.size() == 2);
  CHECK(est.steps[0].reach == Approx(10.0 / 9.0));
  CHECK(est.steps[1].reach == Approx(10.0 / 9.0));
  CHECK(est.line_yield == Approx(1.0));
  CHECK(est.escape_fraction == Approx(1.0 / 9.0));
  CHECK(est.bottleneck == 0);
  CHECK(est.max_entering_per_h == Approx(54.0));
  CHECK(est.max_throughput_per_h == Approx(54.0));

  SECTION("the saturated line runs at that rate") {
    // Simulated: make is always busy; 60 lots/h pass it, 10/9 visits each: 54 leave per hour,
    // 1/9 of them defective. 2000 h: ~108 000 lots, 2 % tolerance on the escapes' share.
    LineBuilder sim(2000 * 60 * MIN, 10 * 60 * MIN);
    sim.saturated()
        .step("make", 1, DistributionSpec::constant(MIN))
        .defects(0.2)
        .step("inspect", 1, DistributionSpec::constant(0.5 * MIN))
        .inspection(0.5, 0.0, 0.0, 0);
    const auto r = sim.run();
    CHECK(r.throughput_per_h == Approx(54.0).epsilon(0.01));
    CHECK(r.escaped_dpm == Approx(1e6 / 9.0).epsilon(0.03));
  }
}

TEST_CASE("rough-cut capacity of a batch oven and of rejects that are scrapped", "[capacity][batch]") {
  // oven: 4 machines, 2 h per batch of 8 -> 15 min per lot per machine -> 16 lots/h. check:
  // perfect inspection scrapping the 10 % defects made by the oven: yield 0.9; oven is the
  // bottleneck at 16 entering lots/h -> 14.4 good lots/h.
  LineBuilder line(1000 * MIN);
  line.saturated()
      .step("oven", 4, DistributionSpec::constant(120 * MIN))
      .batch(8)
      .defects(0.1)
      .step("check", 1, DistributionSpec::constant(MIN))
      .inspection(1.0, 0.0);
  const auto est = scenario::estimate_capacity(line.spec());
  CHECK(est.steps[0].effective_time_s == Approx(15 * MIN));
  CHECK(est.steps[0].capacity_per_h == Approx(16.0));
  CHECK(est.line_yield == Approx(0.9));
  CHECK(est.escape_fraction == Approx(0.0));
  CHECK(est.max_throughput_per_h == Approx(14.4));
}
