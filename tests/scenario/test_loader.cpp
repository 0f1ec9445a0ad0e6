// Valid scenarios: every key in every form the schema allows, its default when omitted, and
// the resolved YAML that goes into the results file.
#include "ScenarioText.hpp"

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::valid_scenario;

TEST_CASE("a minimal scenario gets the schema's defaults", "[loader]") {
  const ScenarioSpec s = load_scenario_text(valid_scenario, "t.yaml");
  CHECK(s.name == "two-step line");
  CHECK(s.description.empty());
  CHECK(s.source_path.empty());
  CHECK(s.horizon_s == 864000.0); // 10 x 86400
  CHECK(s.warmup_s == 0.0);
  CHECK(s.sample_interval_s == 3600.0);
  CHECK(s.seed == 1);
  CHECK(s.replications == 1);
  CHECK_FALSE(s.source.saturated);
  CHECK(s.source.interarrival.kind == DistributionKind::exponential);
  CHECK(s.source.interarrival.a == Approx(60.0).epsilon(1e-14)); // 60/h: one a minute on average
  REQUIRE(s.station_groups.size() == 2);
  CHECK(s.station_groups[0].name == "press");
  CHECK(s.station_groups[0].machines == 1);
  CHECK(s.station_groups[0].initial().process_time.kind == DistributionKind::constant);
  CHECK(s.station_groups[0].initial().process_time.a == 45.0);
  CHECK_FALSE(s.station_groups[0].initial().setup);
  CHECK_FALSE(s.station_groups[0].initial().failures);
  CHECK(s.product == "lot");
  REQUIRE(s.steps.size() == 2);
  CHECK(s.steps[0].station_group == "press");
  CHECK(s.steps[0].group_index == 0);
  CHECK(s.steps[1].group_index == 1);
  CHECK_FALSE(s.steps[0].buffer_capacity);
  CHECK(s.steps[1].scrap_probability == 0.0);
}

TEST_CASE("every top-level key is read in its written form", "[loader]") {
  const std::string text = R"(schema: 1
name: full
description: |
  Two lines
  of text.
horizon: 2w
warmup: 1.5d
sample_interval: 30min
seed: 18446744073709551615
replications: 12
source:
  interarrival: {dist: uniform, min: 1min, max: 3min}
station_groups:
  - name: press-1
    machines: 3
    process_time: {dist: gamma, shape: 2, mean: 1min}
    setup: {time: 10min, every: 100}
    failures:
      time_to_failure: {dist: exponential, mean: 8h}
      time_to_repair: {dist: lognormal, mean: 20min, cv: 0.5}
      basis: calendar
  - name: Weld_2
    process_time: 250ms
    setup: {time: {dist: constant, value: 1h}}
    failures: {time_to_failure: 1w, time_to_repair: 1h}
routing:
  product: cell_tray
  steps:
    - {station_group: Weld_2, buffer: 0, scrap: 0.01}
    - {station_group: press-1, buffer: 7}
)";
  const ScenarioSpec s = load_scenario_text(text, "t.yaml");
  CHECK(s.description == "Two lines\nof text.\n");
  CHECK(s.horizon_s == 1209600.0);        // 2 x 604800
  CHECK(s.warmup_s == 129600.0);          // 1.5 x 86400
  CHECK(s.sample_interval_s == 1800.0);   // 30 x 60
  CHECK(s.seed == 18446744073709551615u); // the largest uint64
  CHECK(s.replications == 12);
  CHECK(s.source.interarrival.kind == DistributionKind::uniform);
  CHECK(s.source.interarrival.a == 60.0);
  CHECK(s.source.interarrival.b == 180.0);

  const StationGroupSpec& press = s.station_groups.at(0);
  CHECK(press.machines == 3);
  CHECK(press.initial().process_time.b == 30.0); // gamma scale = 60 s / shape 2
  REQUIRE(press.initial().setup);
  CHECK(press.initial().setup->time.a == 600.0);
  CHECK(press.initial().setup->every_lots == 100);
  REQUIRE(press.initial().failures);
  CHECK(press.initial().failures->time_to_failure.a == 28800.0);
  CHECK(press.initial().failures->time_to_repair.kind == DistributionKind::lognormal);
  CHECK(press.initial().failures->time_to_repair.b == 600.0); // cv 0.5 x 1200 s
  CHECK(press.initial().failures->basis == FailureBasis::calendar);

  const StationGroupSpec& weld = s.station_groups.at(1);
  CHECK(weld.initial().process_time.a == 0.25);
  REQUIRE(weld.initial().setup);
  CHECK(weld.initial().setup->time.a == 3600.0);
  CHECK(weld.initial().setup->every_lots == 1); // default
  REQUIRE(weld.initial().failures);
  CHECK(weld.initial().failures->basis == FailureBasis::operating); // default
  CHECK(weld.initial().failures->time_to_failure.kind == DistributionKind::constant);

  CHECK(s.product == "cell_tray");
  REQUIRE(s.steps.size() == 2);
  CHECK(s.steps[0].group_index == 1); // routing order, not declaration order
  CHECK(s.steps[0].buffer_capacity == std::optional<std::int64_t>(0));
  CHECK(s.steps[0].scrap_probability == 0.01);
  CHECK(s.steps[1].group_index == 0);
  CHECK(s.steps[1].buffer_capacity == std::optional<std::int64_t>(7));
}

TEST_CASE("the three ways of arrival", "[loader]") {
  auto with_source = [](const std::string& source) {
    return "name: s\nhorizon: 1d\nsource: " + source +
           "\nstation_groups: [{name: g, process_time: 1min}]\nrouting: {steps: [{station_group: g}]}\n";
  };
  SECTION("saturated") {
    const auto s = load_scenario_text(with_source("{saturated: true}"), "t.yaml");
    CHECK(s.source.saturated);
  }
  SECTION("a Poisson rate, with saturated: false allowed alongside") {
    const auto s = load_scenario_text(with_source("{saturated: false, rate: 3/d}"), "t.yaml");
    CHECK_FALSE(s.source.saturated);
    CHECK(s.source.interarrival.kind == DistributionKind::exponential);
    CHECK(s.source.interarrival.a == Approx(28800.0).epsilon(1e-14)); // a day / 3
  }
  SECTION("an interarrival distribution") {
    const auto s = load_scenario_text(with_source("{interarrival: 2min}"), "t.yaml");
    CHECK(s.source.interarrival.kind == DistributionKind::constant);
    CHECK(s.source.interarrival.a == 120.0);
  }
}

TEST_CASE("a short run samples at most once per horizon by default", "[loader]") {
  // The 1 h default would exceed a 30 min horizon; it shrinks to the horizon instead.
  const auto s = load_scenario_text("name: s\nhorizon: 30min\nsource: {saturated: true}\n"
                                    "station_groups: [{name: g, process_time: 1min}]\n"
                                    "routing: {steps: [{station_group: g}]}\n",
                                    "t.yaml");
  CHECK(s.sample_interval_s == 1800.0);
}

TEST_CASE("the resolved YAML loads back to the same scenario", "[loader]") {
  const ScenarioSpec a = load_scenario_text(valid_scenario, "t.yaml", {"station_groups[1].machines=4"});
  CHECK_THAT(a.resolved_yaml, Catch::Contains("machines: 4"));
  const ScenarioSpec b = load_scenario_text(a.resolved_yaml, "resolved.yaml");
  CHECK(b.name == a.name);
  CHECK(b.horizon_s == a.horizon_s);
  CHECK(b.station_groups.at(1).machines == 4);
  CHECK(b.station_groups.at(1).initial().process_time.a == a.station_groups.at(1).initial().process_time.a);
  CHECK(b.resolved_yaml == a.resolved_yaml); // emitting is a fixed point
}

TEST_CASE("load_scenario_file records the path and reads CSVs next to the file", "[loader]") {
  const std::string path = std::string(GIGATWIN_SOURCE_DIR) + "/scenarios/single-machine.yaml";
  const ScenarioSpec s = load_scenario_file(path);
  CHECK(s.source_path == path);
  CHECK(s.source.interarrival.a == Approx(75.0).epsilon(1e-14)); // 0.8/min: 60/0.8 s
}

TEST_CASE("a missing file is one diagnostic without a position", "[loader]") {
  try {
    load_scenario_file("no/such/scenario.yaml");
    FAIL("loaded a missing file");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(std::string(e.what()) ==
          "no/such/scenario.yaml: error: expected a readable scenario file, found nothing "
          "readable (No such file or directory)");
  }
}
