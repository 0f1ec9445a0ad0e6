// Every scenario shipped in scenarios/ loads, and its resolved YAML loads back to the same
// scenario (what the desktop app saves); every point of
// every sweep file shipped there makes a valid scenario.
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SweepLoader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>

using namespace gigatwin::scenario;

TEST_CASE("every shipped scenario loads", "[shipped]") {
  const std::filesystem::path folder = std::filesystem::path(GIGATWIN_SOURCE_DIR) / "scenarios";
  int count = 0;
  for (const auto& entry : std::filesystem::directory_iterator(folder)) {
    if (entry.path().extension() != ".yaml")
      continue;
    ++count;
    INFO(entry.path().string());
    if (is_sweep_file(entry.path().string())) {
      // A sweep file: every point must make a valid scenario.
      SweepSpec sweep;
      REQUIRE_NOTHROW(sweep = load_sweep_file(entry.path().string()));
      CHECK(sweep.points.size() > 1);
      for (const auto& point : sweep.points)
        CHECK_NOTHROW(load_scenario_file(sweep.scenario_path, point));
      continue;
    }
    ScenarioSpec spec;
    try {
      spec = load_scenario_file(entry.path().string());
    } catch (const ScenarioError& e) {
      FAIL(e.what());
    }
    CHECK_FALSE(spec.name.empty());
    CHECK_FALSE(spec.description.empty());
    // Saving writes the resolved YAML (the desktop app's Save scenario as): it must load back to
    // the same scenario — the same groups and machines, routing and emitted text (a fixed point).
    ScenarioSpec again;
    REQUIRE_NOTHROW(again = load_scenario_text(spec.resolved_yaml, "resolved", {}, entry.path().parent_path().string()));
    CHECK(again.resolved_yaml == spec.resolved_yaml);
    REQUIRE(again.station_groups.size() == spec.station_groups.size());
    for (std::size_t g = 0; g < spec.station_groups.size(); ++g) {
      CHECK(again.station_groups[g].name == spec.station_groups[g].name);
      CHECK(again.station_groups[g].machines == spec.station_groups[g].machines);
      CHECK(again.station_groups[g].modes.size() == spec.station_groups[g].modes.size());
    }
    CHECK(again.steps.size() == spec.steps.size());
    CHECK(again.products.size() == spec.products.size());
    CHECK(again.worker_pools.size() == spec.worker_pools.size());
    CHECK(again.horizon_s == spec.horizon_s);
    CHECK(again.seed == spec.seed);
  }
  // single-machine, tandem-line and finite-buffer-line at least.
  CHECK(count >= 3);
}

TEST_CASE("the teaching scenarios state what their analytic results assume", "[shipped]") {
  const std::filesystem::path folder = std::filesystem::path(GIGATWIN_SOURCE_DIR) / "scenarios";
  SECTION("M/M/1 at rho = 0.8") {
    const auto s = load_scenario_file((folder / "single-machine.yaml").string());
    REQUIRE(s.station_groups.size() == 1);
    CHECK(s.source.interarrival.a == Approx(75.0).epsilon(1e-14)); // 1/lambda = 60 s / 0.8
    CHECK(s.station_groups[0].initial().process_time.a == 60.0);
  }
  SECTION("the tandem line's third station is 10 % slower") {
    const auto s = load_scenario_file((folder / "tandem-line.yaml").string());
    REQUIRE(s.station_groups.size() == 5);
    double sum_of_waits = 0; // Jackson: sum of 1/(mu_i - lambda), in minutes
    const double lambda = 0.8;
    for (const auto& g : s.station_groups)
      sum_of_waits += 1.0 / (60.0 / g.initial().process_time.a - lambda);
    CHECK(sum_of_waits == Approx(29.1667).epsilon(1e-4));
    for (const auto& step : s.steps)
      CHECK_FALSE(step.buffer_capacity);
  }
  SECTION("the finite-buffer line: saturated source, buffer 3") {
    const auto s = load_scenario_file((folder / "finite-buffer-line.yaml").string());
    CHECK(s.source.saturated);
    REQUIRE(s.steps.size() == 2);
    CHECK(s.steps[1].buffer_capacity == std::optional<std::int64_t>(3));
  }
}
