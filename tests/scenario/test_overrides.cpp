// `--set key.path=value` overrides: applied before validation, validated like the file, and
// reported as "--set:N:COLUMN" (N = the override's number, COLUMN within its text).
#include "ScenarioText.hpp"

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::valid_scenario;

TEST_CASE("valid overrides change the scenario", "[overrides]") {
  const ScenarioSpec s = load_scenario_text(
      valid_scenario, "t.yaml",
      {"horizon=10d", "station_groups[1].machines=3", "routing.steps[0].buffer=5", "source.rate=30/h",
       "station_groups[0].process_time={dist: exponential, "
       "mean: 50s}",
       "warmup=1d", "routing.steps[1].scrap=0.5", "name = renamed line"});
  CHECK(s.horizon_s == 864000.0);
  CHECK(s.station_groups[1].machines == 3);
  CHECK(s.steps[0].buffer_capacity == std::optional<std::int64_t>(5));
  CHECK(s.source.interarrival.a == Approx(120.0).epsilon(1e-14)); // 30/h: every 2 min
  CHECK(s.station_groups[0].initial().process_time.kind == DistributionKind::exponential);
  CHECK(s.station_groups[0].initial().process_time.a == 50.0);
  CHECK(s.warmup_s == 86400.0); // a key the file omits, created by the override
  CHECK(s.steps[1].scrap_probability == 0.5);
  CHECK(s.name == "renamed line"); // spaces around the path are forgiven
}

TEST_CASE("later overrides win, and may reach into an earlier one's value", "[overrides]") {
  const ScenarioSpec s =
      load_scenario_text(valid_scenario, "t.yaml",
                         {"station_groups[0].process_time={dist: gamma, shape: 2, scale: 1s}",
                          "station_groups[0].process_time.scale=20s", "station_groups[0].setup.time=5min"});
  CHECK(s.station_groups[0].initial().process_time.b == 20.0);
  REQUIRE(s.station_groups[0].initial().setup);
  CHECK(s.station_groups[0].initial().setup->time.a == 300.0); // the setup map did not exist: created
}

TEST_CASE("an override with an index past the end is refused", "[overrides]") {
  CHECK(only_error(valid_scenario, {"station_groups[7].machines=2"}) ==
        "--set:1:1: error: station_groups[7]: expected an index below 2, found 7");
}

TEST_CASE("an override naming an unknown key gets a suggestion", "[overrides]") {
  CHECK(
      only_error(valid_scenario, {"horizn=3d"}) ==
      "--set:1:1: error: horizn: expected a known key, found unknown key 'horizn' (did you mean 'horizon'?)");
  // The second override; the bad segment starts at column 9.
  CHECK(only_error(valid_scenario, {"seed=2", "routing.stpes[0].buffer=1"}) ==
        "--set:2:9: error: routing.stpes: expected a known key, found unknown key 'stpes' (did you mean "
        "'steps'?)");
  CHECK(only_error(valid_scenario, {"horizon.days=3"}) ==
        "--set:1:9: error: horizon.days: expected no key below 'horizon' (it is a duration), found 'days'");
}

TEST_CASE("an override value is validated like the file, at its column", "[overrides]") {
  // "horizon=" is 8 characters, so the value starts at column 9.
  CHECK(only_error(valid_scenario, {"horizon=10"}) ==
        "--set:1:9: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found '10'");
  // Inside a flow map: "station_groups[0].process_time=" is 31 characters, "{dist: exponential, mean: " 26.
  CHECK(only_error(valid_scenario, {"station_groups[0].process_time={dist: exponential, mean: 45}"}) ==
        "--set:1:58: error: station_groups[0].process_time.mean: expected a duration with a unit (e.g. 45s, "
        "8h), "
        "found '45'");
  CHECK(only_error(valid_scenario, {"source.rate=-1/h"}) ==
        "--set:1:13: error: source.rate: expected a rate > 0, found '-1/h'");
}

TEST_CASE("a malformed override is refused", "[overrides]") {
  CHECK(only_error(valid_scenario, {"warmup"}) ==
        "--set:1:1: error: expected an override key.path=value, found 'warmup' without '='");
  CHECK(only_error(valid_scenario, {"station_groups[x].machines=1"}) ==
        "--set:1:15: error: station_groups[x].machines: expected a key path like station_groups[0].machines, "
        "found a "
        "malformed index '[x'");
  CHECK(only_error(valid_scenario, {"=5"}) ==
        "--set:1:1: error: expected a key path like station_groups[0].machines, found a missing key name");
  const auto d = diagnostics_of(valid_scenario, {"horizon=[1d"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].file == "--set");
  CHECK(d[0].expected == "well-formed YAML");
}

TEST_CASE("a refused override leaves the scenario as it was", "[overrides]") {
  // The setup map would be created on the way to an index that does not exist; it must not
  // stay behind half-made (which would add a "missing key 'time'" error).
  const auto d = diagnostics_of(valid_scenario, {"station_groups[0].setup.time.values[0]=1s"});
  REQUIRE(d.size() == 1);
  CHECK(d[0].to_string() ==
        "--set:1:30: error: station_groups[0].setup.time.values[0]: expected an index of an "
        "existing element (the sequence is empty), found 0");
}

TEST_CASE("overrides show in the resolved YAML", "[overrides]") {
  const ScenarioSpec s =
      load_scenario_text(valid_scenario, "t.yaml", {"warmup=1d", "routing.product=cell_tray"});
  CHECK_THAT(s.resolved_yaml, Catch::Contains("warmup: 1d"));
  CHECK_THAT(s.resolved_yaml, Catch::Contains("product: cell_tray"));
}
