// Power and energy keys: a mode's (or a plain group's) `power` as one value or per machine
// state with its defaults, the top-level `energy` price and base load, units and refusals
// (positions counted by hand, columns from 1).
#include "ScenarioText.hpp"
#include "scenario/Units.hpp"

using namespace gigatwin::scenario;
using gigatwin::test::only_error;
using gigatwin::test::valid_scenario;

namespace {
/// valid_scenario with `line` appended to the press group (line 8 is "    process_time: 45s").
std::string press_with(const std::string& line) {
  std::string text = valid_scenario;
  const std::string anchor = "    process_time: 45s\n";
  text.insert(text.find(anchor) + anchor.size(), line + "\n");
  return text;
}
} // namespace

TEST_CASE("power and energy prices parse with their units", "[energy][units]") {
  CHECK(parse_power_quantity("50kW").value == 50.0);
  CHECK(parse_power_quantity("2.5 MW").value == 2500.0);
  CHECK(parse_power_quantity("800W").value == 0.8);
  CHECK(parse_power_quantity("50").problem == QuantityProblem::missing_unit);
  CHECK(parse_power_quantity("50 kw").reason == "unknown unit 'kw', did you mean 'kW'?");
  CHECK(parse_energy_price_quantity("150 KRW/kWh").amount == 150.0);
  CHECK(parse_energy_price_quantity("80 EUR/MWh").amount == 0.08);
  CHECK(parse_energy_price_quantity("150 KRW").problem == QuantityProblem::missing_unit);
  CHECK(parse_energy_price_quantity("150 KRW/h").problem == QuantityProblem::unknown_unit);
}

TEST_CASE("a group's power: one value is drawn while working", "[energy]") {
  const ScenarioSpec s = load_scenario_text(press_with("    power: 45kW"), "t.yaml");
  const PowerSpec& p = s.station_groups[0].modes[0].power;
  CHECK(p.busy_kw == 45.0);
  CHECK(p.setup_kw == 45.0);
  CHECK(p.idle_kw == 0.0);
  CHECK(p.down_kw == 0.0);
  CHECK_FALSE(load_scenario_text(valid_scenario, "t.yaml").station_groups[0].modes[0].power.any());
}

TEST_CASE("power per state: setup defaults to busy, standing still to idle", "[energy]") {
  const ScenarioSpec s =
      load_scenario_text(press_with("    power: {busy: 45kW, idle: 8kW, down: 1kW}"), "t.yaml");
  const PowerSpec& p = s.station_groups[0].modes[0].power;
  CHECK(p.busy_kw == 45.0);
  CHECK(p.setup_kw == 45.0);
  CHECK(p.idle_kw == 8.0);
  CHECK(p.blocked_kw == 8.0);
  CHECK(p.waiting_operator_kw == 8.0);
  CHECK(p.halted_kw == 8.0);
  CHECK(p.down_kw == 1.0);
  CHECK(p.off_shift_kw == 0.0);
}

TEST_CASE("the plant's energy price and base load", "[energy]") {
  const ScenarioSpec s = load_scenario_text(
      valid_scenario + "currency: KRW\nenergy: {price: 150 KRW/kWh, base_load: 2MW}\n", "t.yaml");
  CHECK(s.energy.price_per_kwh == 150.0);
  CHECK(s.energy.base_load_kw == 2000.0);
}

TEST_CASE("refused power and energy values name their position, key path and rule", "[energy]") {
  // "    power: " is 11 characters.
  CHECK(only_error(press_with("    power: 45 kw")) == "t.yaml:9:12: error: station_groups[0].power: expected "
                                                      "a power (e.g. 50kW, 2MW), found '45 kw' (unknown "
                                                      "unit 'kw', did you mean 'kW'?)");
  CHECK(only_error(press_with("    power: -3kW")) ==
        "t.yaml:9:12: error: station_groups[0].power: expected a power >= 0, found '-3kW'");
  // "    power: {" is 12 characters.
  CHECK(only_error(press_with("    power: {bussy: 45kW}")) ==
        "t.yaml:9:13: error: station_groups[0].power.bussy: expected a machine state (busy, setup, idle, "
        "blocked, "
        "down, waiting_operator, off_shift, halted), found unknown key 'bussy' (did you mean 'busy'?)");
  // "energy: {price: " is 16 characters, on line 15 after the 14 lines of valid_scenario.
  CHECK(only_error(valid_scenario + "currency: KRW\nenergy: {price: 0.1 EUR/kWh}\n") ==
        "t.yaml:16:17: error: energy.price: expected an energy price in KRW (the scenario's currency), found "
        "'0.1 EUR/kWh'");
}
