// Floor positions of station groups (`position: {x, y}` in m), read for the desktop app's floor
// view: every group has one or none. Positions (line:column, from 1) are counted by hand in
// valid_scenario (ScenarioText.hpp): line 7 is "  - name: press", line 9 "  - name: weld" (one
// line further down when press gets a position line).
#include "ScenarioText.hpp"

using namespace gigatwin::scenario;
using gigatwin::test::only_error;
using gigatwin::test::replace_line;
using gigatwin::test::valid_scenario;

namespace {
/// valid_scenario with `press` and `weld` at the given position lines (empty: none).
std::string placed(const std::string& press, const std::string& weld) {
  std::string text = valid_scenario;
  if (!weld.empty())
    text = replace_line(text, 10, "    process_time: {dist: exponential, mean: 50s}\n    position: " + weld);
  if (!press.empty())
    text = replace_line(text, 8, "    process_time: 45s\n    position: " + press);
  return text;
}
} // namespace

TEST_CASE("station groups may be placed on the floor plan in m", "[position]") {
  const ScenarioSpec s = load_scenario_text(placed("{x: 0, y: 12.5}", "{x: -8, y: 3e1}"), "t.yaml");
  REQUIRE(s.station_groups[0].position);
  CHECK(s.station_groups[0].position->x_m == 0.0);
  CHECK(s.station_groups[0].position->y_m == 12.5);
  REQUIRE(s.station_groups[1].position);
  CHECK(s.station_groups[1].position->x_m == -8.0);
  CHECK(s.station_groups[1].position->y_m == 30.0);
  // Without positions nothing is placed (the floor view lays groups out in routing order).
  const ScenarioSpec plain = load_scenario_text(valid_scenario, "t.yaml");
  CHECK_FALSE(plain.station_groups[0].position);
  CHECK_FALSE(plain.station_groups[1].position);
  // Overrides move a group like any other key.
  const ScenarioSpec moved = load_scenario_text(placed("{x: 0, y: 12.5}", "{x: -8, y: 3e1}"), "t.yaml",
                                                {"station_groups[1].position.x=40"});
  CHECK(moved.station_groups[1].position->x_m == 40.0);
}

TEST_CASE("a floor plan places every station group or none", "[position]") {
  // weld (line 10 once press's position is inserted as line 9; its map at column 5) has no
  // position while press has one.
  CHECK(only_error(placed("{x: 0, y: 12.5}", "")) ==
        "t.yaml:10:5: error: station_groups[1].position: expected a position {x, y} in m (station_groups[0] "
        "has one: every station group has one, or none), found nothing");
}

TEST_CASE("bad positions are refused at their place", "[position]") {
  // Line 9 is "    position: {x: 0}" (press's, inserted after line 8); its map opens at column 15.
  CHECK(only_error(placed("{x: 0}", "{x: 1, y: 1}")) ==
        "t.yaml:9:15: error: station_groups[0].position.y: expected key 'y' (a number of m), found nothing");
  // "    position: {x: 0, y: " is 24 characters: the value starts at column 25.
  CHECK(only_error(placed("{x: 0, y: north}", "{x: 1, y: 1}")) ==
        "t.yaml:9:25: error: station_groups[0].position.y: expected a number, found 'north'");
  CHECK(only_error(placed("[0, 1]", "{x: 1, y: 1}")) ==
        "t.yaml:9:15: error: station_groups[0].position: expected a floor position {x, y} in m, found a "
        "sequence");
}
