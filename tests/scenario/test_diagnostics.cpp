// Each class of bad input gives a diagnostic with the exact position, key path, and
// expected/found text; several problems are reported together. Positions are counted by hand
// in the scenario text (lines and columns from 1).
#include "ScenarioText.hpp"

#include <algorithm>

using namespace gigatwin::scenario;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::valid_scenario;

namespace {
/// valid_scenario with line `line` (1-based) replaced.
std::string replace_line(int line, const std::string& text) {
  return gigatwin::test::replace_line(valid_scenario, line, text);
}
} // namespace

TEST_CASE("the diagnostic text format", "[diagnostics]") {
  Diagnostic d{
      "x.yaml", 12, 21, "station_groups[1].process_time.mean", "a duration with a unit (e.g. 45s, 8h)",
      "'45'",   ""};
  CHECK(d.to_string() ==
        "x.yaml:12:21: error: station_groups[1].process_time.mean: expected a duration with a unit "
        "(e.g. 45s, 8h), found '45'");
  d.hint = "did you mean 'x'?";
  CHECK(d.to_string() ==
        "x.yaml:12:21: error: station_groups[1].process_time.mean: expected a duration with a unit "
        "(e.g. 45s, 8h), found '45' (did you mean 'x'?)");
  const Diagnostic no_position{"x.yaml", 0, 0, "", "a readable scenario file", "nothing", ""};
  CHECK(no_position.to_string() == "x.yaml: error: expected a readable scenario file, found nothing");
}

TEST_CASE("malformed YAML gives one diagnostic at the parser's position", "[diagnostics]") {
  // The flow sequence opened on line 4 is never closed; yaml-cpp notices on line 5.
  const auto d = diagnostics_of("name: x\nhorizon: 1d\nsource:\n  rate: [1, 2\nstation_groups: 3\n");
  REQUIRE(d.size() == 1);
  CHECK(d[0].file == "t.yaml");
  CHECK(d[0].line == 5);
  CHECK(d[0].key_path.empty());
  CHECK(d[0].expected == "well-formed YAML");
  CHECK_THAT(d[0].found, Catch::StartsWith("a syntax error: "));
}

TEST_CASE("an unknown key is named with a suggestion", "[diagnostics]") {
  // Line 3 "horizon: 10d" becomes "horizn: 10d": horizon is then missing too, reported at the
  // top-level map (1:1).
  const auto d = diagnostics_of(replace_line(3, "horizn: 10d"));
  REQUIRE(d.size() == 2);
  CHECK(d[0].to_string() == "t.yaml:1:1: error: horizon: expected key 'horizon' (a duration), found nothing");
  CHECK(d[1].to_string() == "t.yaml:3:1: error: horizn: expected a known key, found unknown key 'horizn' "
                            "(did you mean 'horizon'?)");
}

TEST_CASE("an unknown key deeper down is suggested among the keys valid there", "[diagnostics]") {
  // The group map starts at "name" (7:5); it now lacks process_time.
  const auto d = diagnostics_of(replace_line(8, "    proces_time: 45s"));
  REQUIRE(d.size() == 2);
  CHECK(d[0].to_string() ==
        "t.yaml:7:5: error: station_groups[0].process_time: expected key 'process_time' (a "
        "distribution), found nothing");
  CHECK(d[1].to_string() ==
        "t.yaml:8:5: error: station_groups[0].proces_time: expected a known key, found unknown "
        "key 'proces_time' (did you mean 'process_time'?)");
}

TEST_CASE("a key far from any known key lists the known keys", "[diagnostics]") {
  const auto d = diagnostics_of(replace_line(5, "  speed: 60/h"));
  REQUIRE(d.size() == 2);
  // Both sit at 5:3 (a block map's position is its first key's); they keep the order found.
  CHECK(d[0].to_string() ==
        "t.yaml:5:3: error: source.speed: expected a known key, found unknown key 'speed' "
        "(known keys: saturated, rate, interarrival)");
  CHECK(d[1].to_string() == "t.yaml:5:3: error: source: expected one of 'saturated: true', 'rate' or "
                            "'interarrival', found none of them");
}

TEST_CASE("a negative rate is refused", "[diagnostics]") {
  CHECK(only_error(replace_line(5, "  rate: -60/h")) ==
        "t.yaml:5:9: error: source.rate: expected a rate > 0, found "
        "'-60/h'");
}

TEST_CASE("a duration without a unit is refused", "[diagnostics]") {
  CHECK(only_error(replace_line(3, "horizon: 10")) ==
        "t.yaml:3:10: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found '10'");
  // Column 19 + len("{dist: exponential, mean: ") = 19 + 26.
  CHECK(only_error(replace_line(10, "    process_time: {dist: exponential, mean: 45}")) ==
        "t.yaml:10:45: error: station_groups[1].process_time.mean: expected a duration with a unit (e.g. "
        "45s, 8h), "
        "found '45'");
  CHECK(only_error(replace_line(3, "horizon: 10days")) ==
        "t.yaml:3:10: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found '10days' "
        "(unknown unit "
        "'days', did you mean 'd'?)");
  CHECK(only_error(replace_line(3, "horizon: 10 parsecs")) ==
        "t.yaml:3:10: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found '10 parsecs' "
        "(unknown "
        "unit 'parsecs'; units are ms, s, min, h, d, w, y)");
}

TEST_CASE("a value of the wrong type is refused", "[diagnostics]") {
  CHECK(only_error(replace_line(3, "horizon: {days: 10}")) ==
        "t.yaml:3:10: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found a map");
  CHECK(only_error(replace_line(2, "name: [a, b]")) ==
        "t.yaml:2:7: error: name: expected a non-empty string, found a sequence");
  std::string groups_as_map = valid_scenario;
  const std::size_t from = groups_as_map.find("station_groups:");
  groups_as_map.replace(from, groups_as_map.find("routing:") - from, "station_groups: {name: press}\n");
  const auto d = diagnostics_of(groups_as_map);
  REQUIRE(d.size() == 3); // and both routing steps name groups that are now unknown
  CHECK(d[0].to_string() ==
        "t.yaml:6:17: error: station_groups: expected a sequence of station groups, found a map");
  CHECK(only_error(replace_line(7, "  - name: press\n    machines: two")) ==
        "t.yaml:8:15: error: station_groups[0].machines: expected an integer from 1 to 1000000, found 'two'");
  CHECK(only_error(replace_line(5, "  saturated: yes please")) ==
        "t.yaml:5:14: error: source.saturated: expected true or false, found 'yes please'");
}

TEST_CASE("numbers out of their ranges are refused", "[diagnostics]") {
  // In "    - {station_group: weld, " the next key starts at column 29 and its value after
  // "scrap: " at 36, after "buffer: " at 37.
  CHECK(only_error(replace_line(3, "horizon: 0s")) ==
        "t.yaml:3:10: error: horizon: expected a duration > 0, found "
        "'0s'");
  CHECK(only_error(replace_line(3, "horizon: 1d\nwarmup: 1d")) ==
        "t.yaml:4:9: error: warmup: expected a duration below horizon ('1d'), found '1d'");
  CHECK(only_error(replace_line(3, "horizon: 1d\nsample_interval: 2d")) ==
        "t.yaml:4:18: error: sample_interval: expected a duration <= horizon ('1d'), found '2d'");
  CHECK(only_error(replace_line(1, "schema: 2")) ==
        "t.yaml:1:9: error: schema: expected schema version 1, found '2'");
  CHECK(only_error(replace_line(1, "seed: -1")) ==
        "t.yaml:1:7: error: seed: expected an integer from 0 to 18446744073709551615, found '-1'");
  CHECK(only_error(replace_line(1, "replications: 0")) ==
        "t.yaml:1:15: error: replications: expected an integer from 1 to 1000000, found '0'");
  CHECK(only_error(replace_line(1, "replications: 99999999999999999999")) ==
        "t.yaml:1:15: error: replications: expected an integer from 1 to 1000000, found "
        "'99999999999999999999' (it "
        "is out of range)");
  CHECK(only_error(replace_line(14, "    - {station_group: weld, scrap: 1}")) ==
        "t.yaml:14:36: error: routing.steps[1].scrap: expected a probability in [0, 1), found '1'");
  CHECK(only_error(replace_line(14, "    - {station_group: weld, buffer: -1}")) ==
        "t.yaml:14:37: error: routing.steps[1].buffer: expected an integer >= 0 or 'unlimited', found '-1'");
  CHECK(
      only_error(replace_line(14, "    - {station_group: weld, buffer: lots}")) ==
      "t.yaml:14:37: error: routing.steps[1].buffer: expected an integer >= 0 or 'unlimited', found 'lots'");
}

TEST_CASE("routing steps name station groups, and a group may serve several steps with one unlimited queue",
          "[diagnostics]") {
  CHECK(only_error(replace_line(14, "    - station_group: wled")) ==
        "t.yaml:14:22: error: routing.steps[1].station_group: expected the name of a station group, found "
        "'wled' "
        "(did you mean 'weld'?)");
  // Re-entrant flow: the press does steps 0 and 1 (one queue for both).
  const ScenarioSpec twice = load_scenario_text(replace_line(14, "    - station_group: press"), "t.yaml");
  REQUIRE(twice.steps.size() == 2);
  CHECK(twice.steps[1].group_index == 0);
  // Its steps share one queue, which must be unlimited: a finite one could fill with lots
  // waiting for the same machines and lock the line. "      buffer: " is 14.
  CHECK(only_error(replace_line(14, "    - station_group: press\n      buffer: 5")) ==
        "t.yaml:15:15: error: routing.steps[1].buffer: expected buffer: unlimited (station group 'press' "
        "serves several steps; a finite shared queue could lock the line), found 5");
  // Renaming weld to press also leaves step 1's "weld" without a group.
  const auto d = diagnostics_of(replace_line(9, "  - name: press"));
  REQUIRE(d.size() == 2);
  CHECK(d[0].to_string() ==
        "t.yaml:9:11: error: station_groups[1].name: expected a unique station group name, found "
        "'press' (also the name of station_groups[0])");
  CHECK(d[1].to_string() ==
        "t.yaml:14:22: error: routing.steps[1].station_group: expected the name of a station "
        "group, found 'weld' (station groups: press)");
}

TEST_CASE("the source states exactly one way of arrival", "[diagnostics]") {
  CHECK(only_error(replace_line(5, "  rate: 60/h\n  saturated: true")) ==
        "t.yaml:6:3: error: source.saturated: expected only one of 'saturated: true', 'rate' and "
        "'interarrival', "
        "found 'rate' and 'saturated: true'");
  CHECK(
      only_error(replace_line(5, "  saturated: false")) ==
      "t.yaml:5:3: error: source: expected 'rate' or 'interarrival' when 'saturated' is false, found none of "
      "them");
}

TEST_CASE("a key written twice is refused", "[diagnostics]") {
  CHECK(only_error(replace_line(3, "horizon: 10d\nhorizon: 20d")) ==
        "t.yaml:4:1: error: horizon: expected each key once, found it again (first written on line 3)");
}

TEST_CASE("an empty document says what a scenario is", "[diagnostics]") {
  CHECK(only_error("# nothing here\n") ==
        "t.yaml:1:1: error: expected a map of scenario keys (name, horizon, source, "
        "station_groups, routing, ...), found an empty document");
}

TEST_CASE("several problems are reported together, in file order", "[diagnostics]") {
  const std::string text = R"(name: ""
horizon: 10
source:
  rate: -5/h
station_groups:
  - name: press
    process_time: {dist: exponential, mean: 45}
routing:
  steps:
    - station_group: pres
)";
  const auto d = diagnostics_of(text);
  REQUIRE(d.size() == 5);
  CHECK(d[0].to_string() == "t.yaml:1:7: error: name: expected a non-empty string, found ''");
  CHECK(d[1].to_string() ==
        "t.yaml:2:10: error: horizon: expected a duration with a unit (e.g. 45s, 8h), found '10'");
  CHECK(d[2].to_string() == "t.yaml:4:9: error: source.rate: expected a rate > 0, found '-5/h'");
  CHECK(d[3].key_path == "station_groups[0].process_time.mean");
  CHECK(d[3].line == 7);
  CHECK(d[4].key_path == "routing.steps[0].station_group");
  CHECK(d[4].hint == "did you mean 'press'?");
  // The exception's message lists them all, one per line.
  try {
    load_scenario_text(text, "t.yaml");
  } catch (const ScenarioError& e) {
    const std::string what = e.what();
    CHECK(std::count(what.begin(), what.end(), '\n') == 4);
  }
}

TEST_CASE("a refused station group name is never offered as a suggestion", "[diagnostics]") {
  // The group's name is refused, so the group has none; the trace's filter must not be told
  // "did you mean ''".
  const auto diagnostics = diagnostics_of(valid_scenario + "trace: {station_groups: [lacquer]}\n",
                                          {"station_groups[1].name=laser weld"});
  bool told_about_trace = false;
  for (const auto& d : diagnostics) {
    CHECK(d.hint.find("''") == std::string::npos);
    if (d.key_path == "trace.station_groups[0]") {
      told_about_trace = true;
    }
  }
  CHECK(told_about_trace);
}
