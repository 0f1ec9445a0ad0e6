// The `products` list: products with their own source or assembled from parts, and the bill of
// materials' refusals (positions counted by hand, columns from 1).
#include "ScenarioText.hpp"

#include <cmath>

using namespace gigatwin::scenario;
using gigatwin::test::only_error;

namespace {
/// Line numbers matter to the tests below: line 14 is "products:", 15-17 housing, 18-20 module.
const std::string bom = R"(schema: 1
name: bom
horizon: 1d
source: {rate: 60/h}
station_groups:
  - {name: cells, process_time: 30s}
  - {name: housings, process_time: 1min}
  - {name: assemble, process_time: 1min}
  - {name: test, process_time: 20s}
routing:
  product: cell
  steps:
    - {station_group: cells}
products:
  - name: housing
    source: {rate: 30/h}
    steps: [{station_group: housings}]
  - name: module
    parts: {cell: 2, housing: 1}
    steps: [{station_group: assemble, buffer: 8}, {station_group: test}]
)";

std::string replaced(const std::string& text, const std::string& what, const std::string& with) {
  std::string out = text;
  out.replace(out.find(what), what.size(), with);
  return out;
}
std::string replaced(const std::string& what, const std::string& with) {
  return replaced(bom, what, with);
}
} // namespace

TEST_CASE("products: sources, parts and steps in one plant", "[products]") {
  const ScenarioSpec s = load_scenario_text(bom, "t.yaml");
  REQUIRE(s.products.size() == 3);
  CHECK(s.products[0].name == "cell");
  CHECK(s.products[0].consumer == std::optional<std::size_t>(2));
  CHECK(s.products[0].first_step == 0);
  CHECK(s.products[0].step_count == 1);
  CHECK(s.products[1].name == "housing");
  REQUIRE(s.products[1].source);
  CHECK(s.products[1].source->interarrival.a == 120.0); // 30/h
  CHECK(s.products[1].consumer == std::optional<std::size_t>(2));
  CHECK(s.products[2].name == "module");
  CHECK_FALSE(s.products[2].source);
  REQUIRE(s.products[2].parts.size() == 2);
  CHECK(s.products[2].parts[0].product_index == 0);
  CHECK(s.products[2].parts[0].quantity == 2);
  CHECK(s.products[2].parts[1].product_index == 1);
  CHECK_FALSE(s.products[2].consumer); // the module leaves through the sink
  CHECK(s.products[2].first_step == 2);
  CHECK(s.products[2].step_count == 2);
  REQUIRE(s.steps.size() == 4);
  CHECK(s.steps[2].product == 2);
  CHECK(s.steps[2].buffer_capacity == std::optional<std::int64_t>(8));
  // Without `products` the routing is the one product.
  const ScenarioSpec one = load_scenario_text(gigatwin::test::valid_scenario, "t.yaml");
  REQUIRE(one.products.size() == 1);
  CHECK(one.products[0].step_count == one.steps.size());
}

TEST_CASE("a product's unit: cells and energy per lot", "[products][energy]") {
  const ScenarioSpec s = load_scenario_text(
      replaced("  product: cell\n", "  product: cell\n  unit: {cells: 256, energy: 4.352kWh}\n"), "t.yaml");
  CHECK(s.products[0].cells == 256.0);
  CHECK(s.products[0].energy_kwh == 4.352);
  CHECK(std::isnan(s.products[1].cells)); // not given: an assembly sums its parts' in the factory
  const ScenarioSpec w = load_scenario_text(
      replaced("  - name: housing\n", "  - name: housing\n    unit: {energy: 500Wh}\n"), "t.yaml");
  CHECK(w.products[1].energy_kwh == 0.5);
  // "  unit: {cells: 256, energy: " is 29 characters.
  CHECK(
      only_error(replaced("  product: cell\n", "  product: cell\n  unit: {cells: 256, energy: 4.352kW}\n")) ==
      "t.yaml:12:30: error: routing.unit.energy: expected an energy (e.g. 4.352kWh, 17Wh), found '4.352kW' "
      "(unknown unit 'kW'; energy units are Wh, kWh, MWh, GWh)");
}

TEST_CASE("a bad bill of materials is refused with the clear-error contract", "[products]") {
  // "    parts: {" is 12 characters: the first part name is at column 13.
  CHECK(
      only_error(replaced("{cell: 2, housing: 1}", "{cel: 2, housing: 1}")) ==
      "t.yaml:19:13: error: products[1].parts.cel: expected the name of a product, found 'cel' (did you mean "
      "'cell'?)");
  // "    parts: {cell: " is 18 characters.
  CHECK(only_error(replaced("{cell: 2, housing: 1}", "{cell: 0, housing: 1}")) ==
        "t.yaml:19:19: error: products[1].parts.cell: expected an integer from 1 to 1000000, found '0'");
  CHECK(only_error(replaced("    source: {rate: 30/h}\n", "")) ==
        "t.yaml:15:5: error: products[0].source: expected key 'source' or key 'parts', found neither");
  // A product made of itself, through housing: housing needs a module, which needs a housing.
  // Walking from the cell (module, housing, module, ...) stops on the module.
  CHECK(
      only_error(replaced("    source: {rate: 30/h}\n", "    parts: {module: 1}\n")) ==
      "t.yaml:18:5: error: products[1]: expected parts that do not contain the product itself, found a cycle "
      "through 'module'");
  // A part of two products: cells also go into housings.
  CHECK(only_error(replaced("    source: {rate: 30/h}\n", "    parts: {cell: 1}\n")) ==
        "t.yaml:19:12: error: products[1].parts.cell: expected a product that is a part of one product only, "
        "found 'cell', already a part of 'housing'");
  // "  - name: " is 10 characters.
  CHECK(only_error(replaced("  - name: module", "  - name: cell")) ==
        "t.yaml:18:11: error: products[1].name: expected a product name not used before, found 'cell' (the "
        "routing's product)");
  // No transport into an assembly step; "    steps: [{station_group: assemble, buffer: 8, transport: " is 60.
  CHECK(
      only_error(replaced("buffer: 8}",
                          "buffer: 8, transport: {type: conveyor, capacity: 2, travel_time: 1min}}")) ==
      "t.yaml:20:61: error: products[1].steps[0].transport: expected no transport into an assembly step (its "
      "parts come from several steps), found a map");
  // A station group may serve steps of several products, but an assembly's serves no other.
  CHECK(load_scenario_text(replaced("{station_group: test}", "{station_group: cells}"), "t.yaml")
            .steps[3]
            .group_index == 0);
  CHECK(only_error(replaced("{station_group: test}", "{station_group: assemble}")) ==
        "t.yaml:20:67: error: products[1].steps[1].station_group: expected a station group not used by "
        "products[1].steps[0] (an assembly step's group serves no other step), found 'assemble'");
}

TEST_CASE("changeovers: a default time and from/to pairs naming products", "[products][changeover]") {
  const std::string with_changeover =
      replaced("  - {name: cells, process_time: 30s}",
               "  - name: cells\n    process_time: 30s\n    changeover:\n      time: 10min\n      between:\n"
               "        - {from: cell, to: housing, time: 20min}");
  const ScenarioSpec s = load_scenario_text(with_changeover, "t.yaml");
  REQUIRE(s.station_groups[0].changeover);
  CHECK(s.station_groups[0].changeover->time->a == 600.0);
  REQUIRE(s.station_groups[0].changeover->between.size() == 1);
  CHECK(s.station_groups[0].changeover->between[0].from_index == 0);
  CHECK(s.station_groups[0].changeover->between[0].to_index == 1);
  // An unknown product is reported where it is written: line 11, "        - {from: cell, to: " is 27.
  std::string bad = with_changeover;
  bad.replace(bad.find("to: housing"), 11, "to: housng");
  CHECK(only_error(bad) == "t.yaml:11:28: error: station_groups[0].changeover.between[0].to: expected the "
                           "name of a product, found "
                           "'housng' (did you mean 'housing'?)");
}

TEST_CASE("a product's own process time at a group", "[products][process_time]") {
  const ScenarioSpec s = load_scenario_text(
      replaced("  - {name: cells, process_time: 30s}",
               "  - {name: cells, process_time: 30s, process_time_by_product: {housing: 45s, cell: 20s}}"),
      "t.yaml");
  const auto& own = s.station_groups[0].initial().process_time_by_product;
  REQUIRE(own.size() == 2);
  CHECK(own[0].product == "housing");
  CHECK(own[0].product_index == 1);
  CHECK(own[0].time.a == 45.0);
  CHECK(own[1].product_index == 0);
  // "  - {name: cells, process_time: 30s, process_time_by_product: {" is 63 characters.
  CHECK(
      only_error(replaced("  - {name: cells, process_time: 30s}",
                          "  - {name: cells, process_time: 30s, process_time_by_product: {housng: 45s}}")) ==
      "t.yaml:6:64: error: station_groups[0].process_time_by_product.housng: expected the name of a product, "
      "found 'housng' (did you mean 'housing'?)");
  CHECK(
      only_error(replaced("  - {name: cells, process_time: 30s}",
                          "  - {name: cells, process_time: 30s, process_time_by_product: {housing: 0s}}")) ==
      "t.yaml:6:73: error: station_groups[0].process_time_by_product.housing: expected a process time with a "
      "mean > 0, found '0s'");
  CHECK(only_error(replaced("  - {name: cells, process_time: 30s}",
                            "  - {name: cells, process_time: 30s, process_time_by_product: 45s}")) ==
        "t.yaml:6:63: error: station_groups[0].process_time_by_product: expected a map of product names to "
        "process times ({cell_lfp: 22h, ...}), found '45s'");
}

TEST_CASE("split: a step sends several lots on for each, and no rework loop crosses it",
          "[products][split]") {
  const ScenarioSpec s = load_scenario_text(
      replaced("    - {station_group: cells}", "    - {station_group: cells, split: 4}"), "t.yaml");
  CHECK(s.steps[0].split == 4);
  CHECK(load_scenario_text(bom, "t.yaml").steps[0].split == 1);
  // "    - {station_group: cells, split: " is 36 characters.
  CHECK(only_error(replaced("    - {station_group: cells}", "    - {station_group: cells, split: 0}")) ==
        "t.yaml:13:37: error: routing.steps[0].split: expected an integer from 1 to 1000000, found '0'");
}

TEST_CASE("an assembly step: a buffer that holds a kit, no batch, no rework into it", "[products]") {
  // "    steps: [{station_group: assemble, buffer: " is 46 characters.
  CHECK(only_error(replaced("buffer: 8}", "buffer: 1}")) ==
        "t.yaml:20:47: error: products[1].steps[0].buffer: expected a buffer of at least the largest part "
        "quantity "
        "(2 lots) in front of assembly group 'assemble', found '1'");
  CHECK(only_error(replaced("  - {name: assemble, process_time: 1min}",
                            "  - {name: assemble, process_time: 1min, batch: {size: 4}}")) ==
        "t.yaml:20:13: error: products[1].steps[0].station_group: expected a station group without 'batch' "
        "for an "
        "assembly step (it makes one kit at a time), found a map");
  // The module test inspects and would send rejects back into the assembly; "..., reject: " ends at 80.
  const std::string inspecting = replaced("  - {name: test, process_time: 20s}",
                                          "  - {name: test, process_time: 20s, inspection: {method: human, "
                                          "detection: 0.9}}");
  CHECK(only_error(replaced(inspecting, "{station_group: test}",
                            "{station_group: test, reject: {rework: assemble}}")) ==
        "t.yaml:20:81: error: products[1].steps[1].reject: expected a rework step other than the product's "
        "assembly step, found a map");
}
