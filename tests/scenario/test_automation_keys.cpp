// Automation keys of the loader: station groups' modes (manual, robotic, hybrid) with robots,
// capital, depreciation, maintenance and control tower dependence; the top-level control_tower
// (scheduled and random outages) and rollout plan. Conversions are worked out by hand in the
// comments; positions (line:column, from 1) are counted by hand in the text below.
#include "ScenarioText.hpp"
#include "scenario/Units.hpp"

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::replace_line;

namespace {

/// A line with one group in three modes and one single-mode group. Line numbers matter to the
/// tests below: keep it as it is.
const std::string automated = R"(schema: 1
name: automated line
horizon: 200d
currency: KRW
worker_pools:
  - {name: crew, skills: [winding, tending], headcount: 10}
source: {saturated: true}
station_groups:
  - name: winding
    machines: 12
    mode: robotic
    modes:
      manual:
        process_time: {dist: lognormal, mean: 9min, cv: 0.15}
        setup: {time: 10min, every: 50}
        operators: {skill: winding, count: 1}
      robotic:
        process_time: 6min
        failures: {time_to_failure: {dist: exponential, mean: 100h}, time_to_repair: 2h}
        operators: {skill: tending, count: 1, during: setup}
        robots: 3
        capital_cost: 250000000 KRW
        depreciation: 5y
        maintenance: 2000000 KRW/y
      hybrid:
        process_time: 7min
        control_tower: false
  - name: packing
    process_time: 1min
    control_tower: true
routing:
  steps:
    - station_group: winding
    - station_group: packing
control_tower:
  outages:
    - {at: 150d, for: 1h}
    - {at: 90d, for: 6h}
  random:
    time_between: {dist: exponential, mean: 120d}
    duration: {dist: lognormal, mean: 8h, sd: 4h}
rollout:
  - {at: 90d, station_group: winding, mode: hybrid}
  - {at: 30d, station_group: packing, mode: manual}
  - {at: 30d, station_group: winding, mode: manual}
)";

std::string automated_with(int line, const std::string& with) {
  return replace_line(automated, line, with);
}

constexpr double minute = 60.0;
constexpr double hour = 3600.0;
constexpr double day = 86400.0;

} // namespace

TEST_CASE("the automated line's text is where the tests think it is", "[automation]") {
  CHECK(automated_with(11, "    mode: robotic") == automated);
  CHECK(automated_with(22, "        capital_cost: 250000000 KRW") == automated);
  CHECK(automated_with(30, "    control_tower: true") == automated);
  CHECK(automated_with(38, "    - {at: 90d, for: 6h}") == automated);
  CHECK(automated_with(44, "  - {at: 30d, station_group: packing, mode: manual}") == automated);
}

TEST_CASE("a year is 365 days", "[automation][units]") {
  CHECK(parse_duration("5y") == 5.0 * 365.0 * 86400.0); // 157 680 000 s
  CHECK(parse_duration("0.5y") == 15768000.0);          // 182.5 d
  CHECK(parse_rate("12/y") == 12.0 / 31536000.0);
  // Per hour: 8760 hours in 365 days. Both sides are the correctly rounded 2e6/8760 (the
  // parser divides 2e6 x 3600 by 31 536 000, the same rational number).
  CHECK(parse_money_rate_quantity("2000000 KRW/y").per_hour == 2000000.0 / 8760.0);
}

TEST_CASE("amounts of money parse with their currency", "[automation][units]") {
  const ParsedMoney m = parse_money_quantity("250000000 KRW");
  CHECK(m.problem == QuantityProblem::none);
  CHECK(m.amount == 250000000.0);
  CHECK(m.currency == "KRW");
  CHECK(parse_money_quantity("1.5e6EUR").amount == 1500000.0); // no space needed
  CHECK(parse_money_quantity("5000").problem == QuantityProblem::missing_unit);
  CHECK(parse_money_quantity("5000 KRW/h").problem == QuantityProblem::unknown_unit);
  CHECK(parse_money_quantity("KRW 5000").problem == QuantityProblem::not_a_number);
}

TEST_CASE("every mode key is read with its conversion", "[automation]") {
  const ScenarioSpec s = load_scenario_text(automated, "t.yaml");
  REQUIRE(s.station_groups.size() == 2);
  const StationGroupSpec& winding = s.station_groups[0];
  CHECK(winding.machines == 12);
  REQUIRE(winding.modes.size() == 3); // in written order
  CHECK(winding.initial_mode == 1);   // `mode: robotic`, the second listed

  const ModeSpec& manual = winding.modes[0];
  CHECK(manual.mode == AutomationMode::manual);
  CHECK(manual.process_time.kind == DistributionKind::lognormal);
  CHECK(manual.process_time.a == 9 * minute);                  // mean 540 s
  CHECK(manual.process_time.b == Approx(81.0).epsilon(1e-12)); // sd = cv x mean = 0.15 x 540
  REQUIRE(manual.setup);
  CHECK(manual.setup->time.a == 10 * minute);
  CHECK(manual.setup->every_lots == 50);
  REQUIRE(manual.operators);
  CHECK(manual.operators->skill == "winding");
  CHECK(manual.operators->count == 1);
  CHECK_FALSE(manual.failures);
  // Defaults: no robots, no money, and a manual mode does not depend on the tower.
  CHECK(manual.robots_per_machine == 0);
  CHECK(manual.capital_cost_per_machine == 0.0);
  CHECK(manual.depreciation_s == 0.0);
  CHECK(manual.maintenance_per_machine_per_h == 0.0);
  CHECK_FALSE(manual.depends_on_control_tower);

  const ModeSpec& robotic = winding.modes[1];
  CHECK(robotic.mode == AutomationMode::robotic);
  CHECK(robotic.process_time.kind == DistributionKind::constant);
  CHECK(robotic.process_time.a == 6 * minute);
  REQUIRE(robotic.failures);
  CHECK(robotic.failures->time_to_failure.a == 100 * hour);
  CHECK(robotic.failures->time_to_repair.a == 2 * hour);
  REQUIRE(robotic.operators);
  CHECK(robotic.operators->skill == "tending");
  CHECK(robotic.operators->during == OperatorPhase::setup);
  CHECK(robotic.robots_per_machine == 3);
  CHECK(robotic.capital_cost_per_machine == 250000000.0);
  CHECK(robotic.depreciation_s == 5.0 * 365.0 * 86400.0);
  CHECK(robotic.maintenance_per_machine_per_h == 2000000.0 / 8760.0); // a year is 8760 h
  CHECK(robotic.depends_on_control_tower);                            // default for robotic

  const ModeSpec& hybrid = winding.modes[2];
  CHECK(hybrid.mode == AutomationMode::hybrid);
  CHECK(hybrid.process_time.a == 7 * minute);
  CHECK_FALSE(hybrid.depends_on_control_tower); // written false over hybrid's default true

  // The group starts in the initial (robotic) mode: its work is that mode's.
  CHECK(winding.initial().process_time.kind == DistributionKind::constant);
  CHECK(winding.initial().process_time.a == 6 * minute);
  CHECK_FALSE(winding.initial().setup);
  REQUIRE(winding.initial().failures);
  CHECK(winding.initial().failures->time_to_repair.a == 2 * hour);
  REQUIRE(winding.initial().operators);
  CHECK(winding.initial().operators->skill == "tending");
}

TEST_CASE("a group without modes gets one manual mode of its own keys", "[automation]") {
  const ScenarioSpec s = load_scenario_text(automated, "t.yaml");
  const StationGroupSpec& packing = s.station_groups[1];
  REQUIRE(packing.modes.size() == 1);
  CHECK(packing.initial_mode == 0);
  const ModeSpec& only = packing.modes[0];
  CHECK(only.mode == AutomationMode::manual);
  CHECK(only.process_time.a == 1 * minute);
  CHECK(only.depends_on_control_tower); // `control_tower: true` at group level
  CHECK(only.robots_per_machine == 0);
  CHECK(only.capital_cost_per_machine == 0.0);
  CHECK(packing.initial().process_time.a == 1 * minute);

  // Without `control_tower:` the single manual mode does not depend on the tower; the shipped
  // two-step line has neither control_tower nor rollout.
  const ScenarioSpec plain = load_scenario_text(gigatwin::test::valid_scenario, "t.yaml");
  REQUIRE(plain.station_groups[0].modes.size() == 1);
  CHECK_FALSE(plain.station_groups[0].modes[0].depends_on_control_tower);
  CHECK(plain.station_groups[0].modes[0].process_time.a == 45.0);
  CHECK_FALSE(plain.control_tower);
  CHECK(plain.rollout.empty());
}

TEST_CASE("the initial mode defaults to the first listed, and control_tower to the mode's kind",
          "[automation]") {
  // Drop `mode: robotic`: the first listed is manual. A second text lists robotic first.
  const ScenarioSpec s = load_scenario_text(replace_line(automated, 11, "", true), "t.yaml");
  CHECK(s.station_groups[0].initial_mode == 0);
  CHECK(s.station_groups[0].initial().process_time.kind == DistributionKind::lognormal); // manual's

  const std::string robotic_first = R"(name: r
horizon: 1d
source: {saturated: true}
station_groups:
  - name: g
    modes:
      hybrid: {process_time: 2min}
      manual: {process_time: 3min}
      robotic: {process_time: 1min}
routing: {steps: [{station_group: g}]}
)";
  const ScenarioSpec r = load_scenario_text(robotic_first, "t.yaml");
  const StationGroupSpec& g = r.station_groups[0];
  REQUIRE(g.modes.size() == 3);
  CHECK(g.initial_mode == 0);
  CHECK(g.modes[0].mode == AutomationMode::hybrid);
  CHECK(g.modes[0].depends_on_control_tower);       // hybrid: true by default
  CHECK_FALSE(g.modes[1].depends_on_control_tower); // manual: false
  CHECK(g.modes[2].depends_on_control_tower);       // robotic: true
  CHECK(g.initial().process_time.a == 2 * minute);            // mirrors hybrid
}

TEST_CASE("control tower outages and random outages are read and sorted", "[automation]") {
  const ScenarioSpec s = load_scenario_text(automated, "t.yaml");
  REQUIRE(s.control_tower);
  const ControlTowerSpec& tower = *s.control_tower;
  REQUIRE(tower.outages.size() == 2);
  // Written 150d then 90d; stored by start.
  CHECK(tower.outages[0].at_s == 90 * day);
  CHECK(tower.outages[0].duration_s == 6 * hour);
  CHECK(tower.outages[1].at_s == 150 * day);
  CHECK(tower.outages[1].duration_s == 1 * hour);
  REQUIRE(tower.random);
  CHECK(tower.random->time_between.kind == DistributionKind::exponential);
  CHECK(tower.random->time_between.a == 120 * day);
  CHECK(tower.random->duration.kind == DistributionKind::lognormal);
  CHECK(tower.random->duration.a == 8 * hour);
  CHECK(tower.random->duration.b == 4 * hour);

  // Touching outages (one ends at 90d 00:00 when the next starts) do not overlap.
  const ScenarioSpec touching =
      load_scenario_text(automated_with(37, "    - {at: 2154h, for: 6h}"), "t.yaml");
  REQUIRE(touching.control_tower->outages.size() == 2);
  CHECK(touching.control_tower->outages[0].at_s == 2154 * hour);

  // An empty control_tower map is allowed: no outages.
  const std::string no_outages = replace_line(
      replace_line(replace_line(replace_line(replace_line(replace_line(replace_line(automated, 41, "", true),
                                                                       40, "", true),
                                                          39, "", true),
                                             38, "", true),
                                37, "", true),
                   36, "", true),
      35, "control_tower: {}");
  const ScenarioSpec empty = load_scenario_text(no_outages, "t.yaml");
  REQUIRE(empty.control_tower);
  CHECK(empty.control_tower->outages.empty());
  CHECK_FALSE(empty.control_tower->random);
}

TEST_CASE("control_tower.enabled: false keeps the outages checked but out of the run", "[automation]") {
  // The planner's on/off switch: off, the plant has no tower outages at all.
  const ScenarioSpec off = load_scenario_text(automated, "t.yaml", {"control_tower.enabled=false"});
  REQUIRE(off.control_tower);
  CHECK_FALSE(off.control_tower->enabled);
  CHECK(off.active_tower() == nullptr);
  CHECK(off.control_tower->outages.size() == 2); // kept for the lever's label and validate
  const ScenarioSpec on = load_scenario_text(automated, "t.yaml", {"control_tower.enabled=true"});
  REQUIRE(on.control_tower);
  CHECK(on.control_tower->enabled);
  CHECK(on.active_tower() == &*on.control_tower);
  CHECK(on.control_tower->outages.size() == 2);
  CHECK(on.control_tower->random);
  // Switched off, a bad outage is still an error: switching it on again must give a valid file.
  CHECK(only_error(automated, {"control_tower.enabled=false", "control_tower.outages[0].for=0h"}) ==
        "--set:2:30: error: control_tower.outages[0].for: expected a duration > 0, found '0h'");
  // Not a flag: "control_tower.enabled=" is 22 characters, the value starts at column 23.
  CHECK(only_error(automated, {"control_tower.enabled=maybe"}) ==
        "--set:1:23: error: control_tower.enabled: expected true or false, found 'maybe'");
}

TEST_CASE("rollout steps are sorted by date, stably, with their indices", "[automation]") {
  const ScenarioSpec s = load_scenario_text(automated, "t.yaml");
  REQUIRE(s.rollout.size() == 3);
  // Written: 90d winding hybrid, 30d packing manual, 30d winding manual. The two at 30d keep
  // their written order.
  CHECK(s.rollout[0].at_s == 30 * day);
  CHECK(s.rollout[0].station_group == "packing");
  CHECK(s.rollout[0].group_index == 1);
  CHECK(s.rollout[0].mode == "manual");
  CHECK(s.rollout[0].mode_index == 0);
  CHECK(s.rollout[1].station_group == "winding");
  CHECK(s.rollout[1].group_index == 0);
  CHECK(s.rollout[1].mode_index == 0); // manual is winding's first mode
  CHECK(s.rollout[2].at_s == 90 * day);
  CHECK(s.rollout[2].mode == "hybrid");
  CHECK(s.rollout[2].mode_index == 2);
}

TEST_CASE("an unknown mode name gets a suggestion", "[automation]") {
  // "      " is 6 characters: the key starts at column 7. Its keys are skipped, and the rollout
  // step naming hybrid is not reported (the group's modes are not all known).
  CHECK(only_error(automated_with(25, "      hybird:")) ==
        "t.yaml:25:7: error: station_groups[0].modes.hybird: expected a mode name (manual, robotic, hybrid), "
        "found unknown key 'hybird' (did you mean 'hybrid'?)");
  // `mode:` naming a mode the group does not list; "    mode: " is 10 characters.
  CHECK(only_error(automated_with(11, "    mode: robotc")) ==
        "t.yaml:11:11: error: station_groups[0].mode: expected one of the group's modes (manual, robotic, "
        "hybrid), found 'robotc' (did you mean 'robotic'?)");
  CHECK(only_error(automated_with(30, "    mode: manual")) ==
        "t.yaml:30:11: error: station_groups[1].mode: expected 'mode' only beside 'modes' (without them the "
        "group has one manual mode), found 'manual'");
}

TEST_CASE("single-mode keys beside modes are refused", "[automation]") {
  // Line 10 becomes three lines; the first misplaced key starts at column 5.
  CHECK(only_error(automated_with(10, "    process_time: 5min\n    machines: 12\n    control_tower: true")) ==
        "t.yaml:10:5: error: station_groups[0].process_time: expected these keys inside modes.<name> (the "
        "group has 'modes'), found process_time, control_tower at the group level");
}

TEST_CASE("capital without a depreciation period is refused", "[automation]") {
  // Dropping line 23 leaves robotic's map, which starts at line 18 column 9, without it.
  CHECK(only_error(replace_line(automated, 23, "", true)) ==
        "t.yaml:18:9: error: station_groups[0].modes.robotic.depreciation: expected key 'depreciation' (a "
        "duration > 0) since capital_cost is above 0, found nothing");
  // With capital 0 no period is needed.
  CHECK_NOTHROW(load_scenario_text(
      replace_line(automated_with(22, "        capital_cost: 0 KRW"), 23, "", true), "t.yaml"));
  // "        depreciation: " is 22 characters.
  CHECK(only_error(automated_with(23, "        depreciation: 0y")) ==
        "t.yaml:23:23: error: station_groups[0].modes.robotic.depreciation: expected a duration > 0, found "
        "'0y'");
}

TEST_CASE("bad money is refused with its reason", "[automation]") {
  // "        capital_cost: " is 22 characters; "        maintenance: " 21.
  CHECK(only_error(automated_with(22, "        capital_cost: 250000000 USD")) ==
        "t.yaml:22:23: error: station_groups[0].modes.robotic.capital_cost: expected an amount in KRW (the "
        "scenario's currency), found '250000000 USD'");
  CHECK(
      only_error(automated_with(22, "        capital_cost: 250000000")) ==
      "t.yaml:22:23: error: station_groups[0].modes.robotic.capital_cost: expected an amount of money (e.g. "
      "250000000 KRW), found '250000000' (missing currency; write e.g. 250000000 KRW)");
  CHECK(
      only_error(automated_with(22, "        capital_cost: 5 KRW/h")) ==
      "t.yaml:22:23: error: station_groups[0].modes.robotic.capital_cost: expected an amount of money (e.g. "
      "250000000 KRW), found '5 KRW/h' (an amount of money, not money per time)");
  CHECK(
      only_error(automated_with(22, "        capital_cost: -5 KRW")) ==
      "t.yaml:22:23: error: station_groups[0].modes.robotic.capital_cost: expected an amount of money >= 0, "
      "found '-5 KRW'");
  CHECK(only_error(automated_with(24, "        maintenance: 2000000 KRW")) ==
        "t.yaml:24:22: error: station_groups[0].modes.robotic.maintenance: expected a maintenance cost as "
        "money "
        "per time (e.g. 2000000 KRW/y), found '2000000 KRW' (missing time unit; write money per time, e.g. "
        "15000 KRW/h)");
  CHECK(
      only_error(automated_with(24, "        maintenance: 20 EUR/h")) ==
      "t.yaml:24:22: error: station_groups[0].modes.robotic.maintenance: expected a maintenance cost in KRW "
      "(the scenario's currency), found '20 EUR/h'");
  // "        robots: " is 16 characters.
  CHECK(only_error(automated_with(21, "        robots: -1")) ==
        "t.yaml:21:17: error: station_groups[0].modes.robotic.robots: expected an integer from 0 to 1000000, "
        "found '-1'");
}

TEST_CASE("a robot fleet fails robot by robot", "[automation]") {
  // Line 21 is "        robots: 3"; robot_failures is written after it.
  const ScenarioSpec s = load_scenario_text(
      automated_with(21, "        robots: 3\n        robot_failures: {time_to_failure: {dist: exponential, "
                         "mean: 2000h}, time_to_repair: 90min, basis: calendar}"),
      "t.yaml");
  const ModeSpec& robotic = s.station_groups[0].modes[1];
  REQUIRE(robotic.robot_failures);
  CHECK(robotic.robot_failures->time_to_failure.kind == DistributionKind::exponential);
  CHECK(robotic.robot_failures->time_to_failure.a == 2000 * hour);
  CHECK(robotic.robot_failures->time_to_repair.a == 90 * minute);
  CHECK(robotic.robot_failures->basis == FailureBasis::calendar);
  CHECK_FALSE(s.station_groups[0].modes[0].robot_failures);

  // Failing robots need robots: the mode map (line 17, "      robotic:" value at 9) is named.
  CHECK(
      only_error(automated_with(21, "        robot_failures: {time_to_failure: 100h, time_to_repair: 1h}")) ==
      "t.yaml:18:9: error: station_groups[0].modes.robotic.robots: expected key 'robots' (an integer > 0) "
      "since robot_failures is given, found nothing");
  CHECK(only_error(automated_with(
            21, "        robots: 0\n        robot_failures: {time_to_failure: 100h, time_to_repair: 1h}")) ==
        "t.yaml:18:9: error: station_groups[0].modes.robotic.robots: expected key 'robots' (an integer > 0) "
        "since robot_failures is given, found 0");
  CHECK(
      only_error(automated_with(
          21, "        robots: 1001\n        robot_failures: {time_to_failure: 100h, time_to_repair: 1h}")) ==
      "t.yaml:21:17: error: station_groups[0].modes.robotic.robots: expected at most 1000 robots per "
      "machine when they fail one by one (robot_failures), found '1001'");
  // The same checks as a machine's failures.
  CHECK(only_error(automated_with(
            21, "        robots: 2\n        robot_failures: {time_to_failure: 0h, time_to_repair: 1h}")) ==
        "t.yaml:22:43: error: station_groups[0].modes.robotic.robot_failures.time_to_failure: expected a "
        "time to failure with a mean > 0, found '0h'");
}

TEST_CASE("the time to recover is measured as control_tower.recovery says", "[automation][recovery]") {
  // Line 41 is "    duration: {dist: lognormal, mean: 8h, sd: 4h}", the last of control_tower.
  const auto with = [](const std::string& map) {
    return automated_with(41, "    duration: {dist: lognormal, mean: 8h, sd: 4h}\n  recovery: " + map);
  };
  const ScenarioSpec s =
      load_scenario_text(with("{at: packing, reference: 7d, window: 2h, tolerance: 0.1}"), "t.yaml");
  CHECK(s.control_tower->recovery.at == "packing");
  CHECK(s.control_tower->recovery.reference_s == 7 * day);
  CHECK(s.control_tower->recovery.window_s == 2 * hour);
  CHECK(s.control_tower->recovery.tolerance == 0.1);
  // Defaults: the day before the outage, an hour's window, 5 % short allowed.
  const ScenarioSpec d = load_scenario_text(automated, "t.yaml");
  CHECK(d.control_tower->recovery.reference_s == day);
  CHECK(d.control_tower->recovery.window_s == hour);
  CHECK(d.control_tower->recovery.tolerance == 0.05);
  CHECK(d.control_tower->recovery.at.empty()); // the rough-cut bottleneck
  CHECK(load_scenario_text(with("{at: sink}"), "t.yaml").control_tower->recovery.at == "sink");
  // "  recovery: {at: " is 17 characters.
  CHECK(only_error(with("{at: packng}")) == "t.yaml:42:18: error: control_tower.recovery.at: expected sink "
                                            "or a station group of the routing, found "
                                            "'packng' (did you mean 'packing'?)");
  // "  recovery: {window: " is 21 characters.
  CHECK(only_error(with("{window: 0h}")) ==
        "t.yaml:42:22: error: control_tower.recovery.window: expected a duration > 0, found '0h'");
  CHECK(only_error(with("{tolerance: 1}")).find("control_tower.recovery.tolerance") != std::string::npos);
}

TEST_CASE("overlapping outages are refused, naming both", "[automation]") {
  // 2150h (89d 14h) + 12h ends at 2162h, after outages[1] starts at 90d = 2160h. The later-written
  // one is reported, at its flow map: "    - " is 6 characters, '{' is column 7.
  CHECK(
      only_error(automated_with(37, "    - {at: 2150h, for: 12h}")) ==
      "t.yaml:38:7: error: control_tower.outages[1]: expected an outage that does not overlap outages[0] (at "
      "2150h for 12h), found an outage at 90d for 6h");
  // A long outage covering a later one that starts after another ends: still an overlap.
  CHECK(
      only_error(automated_with(37, "    - {at: 80d, for: 100d}")) ==
      "t.yaml:38:7: error: control_tower.outages[1]: expected an outage that does not overlap outages[0] (at "
      "80d for 100d), found an outage at 90d for 6h");
  // "    - {at: 150d, for: " is 22 characters.
  CHECK(only_error(automated_with(37, "    - {at: 150d, for: 0s}")) ==
        "t.yaml:37:23: error: control_tower.outages[0].for: expected a duration > 0, found '0s'");
  // A zero-mean outage duration is refused at its value: "    duration: " is 14 characters.
  CHECK(only_error(automated_with(41, "    duration: 0s")) ==
        "t.yaml:41:15: error: control_tower.random.duration: expected an outage duration with a mean > 0, "
        "found "
        "'0s'");
}

TEST_CASE("rollout steps must name a group and one of its modes", "[automation]") {
  // "  - {at: 90d, station_group: " is 29 characters.
  CHECK(only_error(automated_with(43, "  - {at: 90d, station_group: windng, mode: hybrid}")) ==
        "t.yaml:43:30: error: rollout[0].station_group: expected the name of a station group, found 'windng' "
        "(did you mean 'winding'?)");
  // "  - {at: 30d, station_group: packing, mode: " is 44 characters.
  CHECK(only_error(automated_with(44, "  - {at: 30d, station_group: packing, mode: robotic}")) ==
        "t.yaml:44:45: error: rollout[1].mode: expected a mode of station group 'packing' (manual), found "
        "'robotic' (add modes.robotic to the group)");
  // "  - {at: 90d, station_group: winding, mode: " is 44 characters.
  CHECK(only_error(automated_with(43, "  - {at: 90d, station_group: winding, mode: hybird}")) ==
        "t.yaml:43:45: error: rollout[0].mode: expected a mode of station group 'winding' (manual, robotic, "
        "hybrid), found 'hybird' (did you mean 'hybrid'?)");
  // "  - {at: " is 9 characters.
  CHECK(only_error(automated_with(43, "  - {at: -1d, station_group: winding, mode: hybrid}")) ==
        "t.yaml:43:10: error: rollout[0].at: expected a duration >= 0, found '-1d'");
  // A step to the mode the group is already in is allowed.
  CHECK_NOTHROW(load_scenario_text(automated_with(43, "  - {at: 90d, station_group: winding, mode: robotic}"),
                                   "t.yaml"));
}

TEST_CASE("overrides reach modes, outages and rollout steps", "[automation][overrides]") {
  const ScenarioSpec s =
      load_scenario_text(automated, "t.yaml",
                         {"station_groups[0].modes.robotic.robots=2", "control_tower.outages[0].for=12h",
                          "rollout[0].at=30d", "station_groups[0].modes.hybrid.capital_cost=1000 KRW",
                          "station_groups[0].modes.hybrid.depreciation=2y"});
  CHECK(s.station_groups[0].modes[1].robots_per_machine == 2);
  // outages[0] is the first written (150d), 12h after the override; stored second by start.
  CHECK(s.control_tower->outages[1].at_s == 150 * day);
  CHECK(s.control_tower->outages[1].duration_s == 12 * hour);
  // All three steps now at 30d, in written order: winding hybrid, packing manual, winding manual.
  REQUIRE(s.rollout.size() == 3);
  CHECK(s.rollout[0].mode == "hybrid");
  CHECK(s.rollout[0].at_s == 30 * day);
  CHECK(s.rollout[1].station_group == "packing");
  CHECK(s.rollout[2].mode == "manual");
  // Keys the file omits are created.
  CHECK(s.station_groups[0].modes[2].capital_cost_per_machine == 1000.0);
  CHECK(s.station_groups[0].modes[2].depreciation_s == 2 * 365 * day);

  // A mode name the schema does not know, at column 25 ("station_groups[0].modes." is 24).
  CHECK(only_error(automated, {"station_groups[0].modes.robotc.robots=2"}) ==
        "--set:1:25: error: station_groups[0].modes.robotc: expected a known key, found unknown key 'robotc' "
        "(did you mean 'robotic'?)");
  // The override's value is validated like the file: "control_tower.outages[0].for=" is 29.
  CHECK(only_error(automated, {"control_tower.outages[0].for=0h"}) ==
        "--set:1:30: error: control_tower.outages[0].for: expected a duration > 0, found '0h'");
}
