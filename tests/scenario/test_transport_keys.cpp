// The `transport` key of a routing step: AGVs and conveyors with their defaults, conversions
// and refused values (positions counted by hand, columns from 1).
#include "ScenarioText.hpp"

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::only_error;
using gigatwin::test::valid_scenario;

namespace {
/// The two-step line with `transport` written on line 14, into its second step. valid_scenario's
/// line 14 is "    - station_group: weld".
std::string with_transport(const std::string& map) {
  return valid_scenario + "      transport: " + map + "\n";
}
} // namespace

TEST_CASE("AGVs between steps: keys, defaults and conversions", "[transport]") {
  const ScenarioSpec s = load_scenario_text(
      with_transport(
          "{type: agv, count: 4, capacity: 2, travel_time: 3min, return_time: 2min, max_wait: 30s}"),
      "t.yaml");
  REQUIRE(s.steps.size() == 2);
  CHECK_FALSE(s.steps[0].transport);
  REQUIRE(s.steps[1].transport);
  const TransportSpec& t = *s.steps[1].transport;
  CHECK(t.kind == TransportKind::agv);
  CHECK(t.carriers == 4);
  CHECK(t.lots_per_trip == 2);
  CHECK(t.travel_time.a == 180.0);
  CHECK(t.return_time.a == 120.0);
  CHECK(t.max_wait_s == 30.0);
  CHECK(t.depends_on_control_tower); // AGVs are dispatched by the control system

  // Defaults: one AGV of one lot, back in the travel time, leaving at once.
  const TransportSpec d =
      *load_scenario_text(with_transport("{type: agv, travel_time: {dist: exponential, mean: 5min}}"),
                          "t.yaml")
           .steps[1]
           .transport;
  CHECK(d.carriers == 1);
  CHECK(d.lots_per_trip == 1);
  CHECK(d.return_time.kind == DistributionKind::exponential);
  CHECK(d.return_time.a == 300.0);
  CHECK(d.max_wait_s == 0.0);
}

TEST_CASE("a conveyor between steps: capacity is the lots on the belt", "[transport]") {
  const TransportSpec t =
      *load_scenario_text(with_transport("{type: conveyor, capacity: 20, travel_time: 10min}"), "t.yaml")
           .steps[1]
           .transport;
  CHECK(t.kind == TransportKind::conveyor);
  CHECK(t.carriers == 20);
  CHECK(t.lots_per_trip == 1);
  CHECK(t.travel_time.a == 600.0);
  CHECK(t.return_time.a == 0.0);
  CHECK_FALSE(t.depends_on_control_tower); // a belt just runs, unless told otherwise
  CHECK(load_scenario_text(
            with_transport("{type: conveyor, capacity: 2, travel_time: 1min, control_tower: true}"), "t.yaml")
            .steps[1]
            .transport->depends_on_control_tower);
}

TEST_CASE("refused transports name their position, key path and rule", "[transport]") {
  // "      transport: {" is 18 characters: the first key is at column 19; "type: " ends at 24,
  // "type: agv, " at 29, "travel_time: " starting at 30 ends at 42.
  CHECK(
      only_error(with_transport("{type: agc, travel_time: 1min}")) ==
      "t.yaml:15:25: error: routing.steps[1].transport.type: expected agv or conveyor, found 'agc' (did you "
      "mean 'agv'?)");
  CHECK(only_error(with_transport("{travel_time: 1min}")) ==
        "t.yaml:15:18: error: routing.steps[1].transport.type: expected key 'type' (agv or conveyor), found "
        "nothing");
  CHECK(
      only_error(with_transport("{type: agv, travel_time: 0s}")) ==
      "t.yaml:15:43: error: routing.steps[1].transport.travel_time: expected a travel time with a mean > 0, "
      "found '0s'");
  CHECK(only_error(with_transport("{type: agv, count: 0, travel_time: 1min}")) ==
        "t.yaml:15:37: error: routing.steps[1].transport.count: expected an integer from 1 to 100000, found "
        "'0'");
  CHECK(only_error(with_transport("{type: conveyor, travel_time: 1min}")) ==
        "t.yaml:15:18: error: routing.steps[1].transport.capacity: expected key 'capacity' (the lots on the "
        "belt "
        "at once), found nothing");
  CHECK(only_error(with_transport("{type: conveyor, capacity: 3, count: 2, travel_time: 1min}")) ==
        "t.yaml:15:55: error: routing.steps[1].transport.count: expected no 'count' for a conveyor (its "
        "capacity "
        "is the lots on the belt), found '2'");
  CHECK(only_error(with_transport("{type: agv, travel_time: 1min, max_wait: -1s}")) ==
        "t.yaml:15:59: error: routing.steps[1].transport.max_wait: expected a duration >= 0, found '-1s'");
  // No transport into the first step: the lots come from the source.
  CHECK(only_error(valid_scenario + "      buffer: 3\n",
                   {"routing.steps[0].transport={type: agv, travel_time: 1min}"})
            .find("routing.steps[0].transport: expected no transport into the first step") !=
        std::string::npos);
}
