// Energy: every machine's power in each of its states, integrated over its state changes, plus
// the plant's base load, against hand-computed kWh.

#include "LineBuilder.hpp"

#include "results/ResultsReader.hpp"

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::AutomationMode;

namespace {
constexpr double HOUR = 3600.0;
}

TEST_CASE("a machine busy half the time: 50 h x 100 kW + 50 h x 20 kW", "[energy]") {
  // A lot every 2 min, 1 min each: busy exactly half of 100 h (up to the lot in hand at the end).
  LineBuilder line(100 * HOUR);
  line.interarrival(DistributionSpec::constant(2 * MIN)).step("press", 1, DistributionSpec::constant(MIN));
  line.power().busy_kw = 100;
  line.power().idle_kw = 20;
  line.energy().price_per_kwh = 0.25;
  line.energy().base_load_kw = 1000; // 1 MW for 100 h = 100 000 kWh
  const auto r = line.run();
  CHECK(r.stations[0].utilization == Approx(0.5).epsilon(1e-3));
  // Exact from the recorded state times, whatever the utilisation turned out to be.
  const double u = r.stations[0].utilization;
  CHECK(r.stations[0].energy_kwh == Approx(100.0 * (100 * u + 20 * (1 - u))).epsilon(1e-9));
  CHECK(r.stations[0].energy_kwh == Approx(6000.0).epsilon(1e-3));
  CHECK(r.energy_kwh == Approx(r.stations[0].energy_kwh + 100000.0).epsilon(1e-12));
  CHECK(r.energy_cost == Approx(0.25 * r.energy_kwh));
  CHECK(r.kwh_per_unit == Approx(r.energy_kwh / static_cast<double>(r.output)));
  CHECK(r.total_cost == Approx(r.energy_cost)); // nothing else costs anything here
}

TEST_CASE("power per state: a breaking machine draws its down power while repaired", "[energy]") {
  // Saturated, busy 100 kW, down 5 kW; calendar failures: energy = 100 x busy h + 5 x down h.
  LineBuilder line(2000 * HOUR);
  line.saturated()
      .step("cell", 1, DistributionSpec::constant(MIN))
      .failures(DistributionSpec::exponential(10 * HOUR), DistributionSpec::exponential(HOUR),
                scenario::FailureBasis::calendar);
  line.power().busy_kw = 100;
  line.power().setup_kw = 100;
  line.power().down_kw = 5;
  const auto r = line.run();
  const auto& s = r.stations[0];
  CHECK(s.down == Approx(1.0 / 11.0).epsilon(0.1)); // availability 10/11
  CHECK(s.energy_kwh == Approx(2000.0 * (100 * s.utilization + 5 * s.down)).epsilon(1e-9));
}

TEST_CASE("a roll-out changes the power drawn from its date", "[energy][rollout]") {
  // Always busy: 10 kW manual for the first 50 h, 50 kW robotic after: 500 + 2500 = 3000 kWh.
  // The power series is flat at each mode's value plus the 5 kW base load.
  LineBuilder line(100 * HOUR);
  line.saturated()
      .step("cell", 1, DistributionSpec::constant(MIN))
      .mode(AutomationMode::manual, DistributionSpec::constant(MIN));
  line.power().busy_kw = 10;
  line.mode(AutomationMode::robotic, DistributionSpec::constant(MIN));
  line.power().busy_kw = 50;
  line.rollout(50 * HOUR, 0, 1);
  line.energy().base_load_kw = 5;
  line.spec_for_test().sample_interval_s = 10 * HOUR;
  TempResultsFile out("energy");
  const auto r = line.experiment(out.path.string()).runs.at(0);
  CHECK(r.stations[0].energy_kwh == Approx(3000.0).epsilon(1e-9));
  CHECK(r.energy_kwh == Approx(3000.0 + 500.0).epsilon(1e-9));
  const auto power =
      results::ResultsReader(out.path.string()).read_series("/runs/p0000-r0000/timeseries/power");
  REQUIRE(power.size() == 10);
  for (std::size_t k = 0; k < 10; ++k)
    CHECK(power[k] == Approx(k < 5 ? 15.0 : 55.0).epsilon(1e-9));
}
