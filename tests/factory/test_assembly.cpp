// Products and bills of materials: assembly steps take kits of parts, against hand-worked
// schedules and rates.

#include "LineBuilder.hpp"

#include "scenario/CapacityEstimate.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <cmath>

using namespace gigatwin;
using namespace gigatwin::test;

namespace {
/// Cells (1 min each) and housings (2 min each) from saturated sources; a module takes 2 cells
/// and 1 housing in 30 s.
const std::string modules = R"(schema: 1
name: module line
horizon: 100h
source: {saturated: true}
station_groups:
  - {name: cells, process_time: 1min}
  - {name: housings, process_time: 2min}
  - {name: assemble, process_time: 30s}
routing:
  product: cell
  steps: [{station_group: cells}]
products:
  - name: housing
    source: {saturated: true}
    steps: [{station_group: housings}]
  - name: module
    parts: {cell: 2, housing: 1}
    steps: [{station_group: assemble}]
)";

LineBuilder from_text(const std::string& text) {
  LineBuilder line(1);
  line.spec_for_test() = scenario::load_scenario_text(text, "t.yaml");
  return line;
}
} // namespace

TEST_CASE("an assembly makes a kit as soon as its parts are there", "[assembly]") {
  // Cells come at 1, 2, 3, ... min, housings at 2, 4, 6, ...: kit k starts at 2k min and is done
  // at 2k + 0.5; by 6000 min, 2999 modules are out. In each kit the first cell waited 1 min and
  // the second cell and the housing none: the mean matching wait is 1/3 min = 20 s.
  const auto r = from_text(modules).run();
  CHECK(r.output == 2999);
  CHECK(r.throughput_per_h == Approx(2999.0 / 100.0));
  REQUIRE(r.stations.size() == 3);
  CHECK(r.stations[2].matching_wait_mean == Approx(20.0));
  CHECK(std::isnan(r.stations[0].matching_wait_mean));
  REQUIRE(r.products.size() == 3);
  CHECK(r.products[2].name == "module");
  CHECK(r.products[0].consumed == 2 * r.products[1].consumed);
  CHECK(r.products[2].output == r.output);
  CHECK(r.products[0].output == 0); // every cell goes into a module
  check_littles_law(r);
  // The part buffers by hand: a cell waits from t = 2k-1 to 2k (its pair arrives with the
  // housing), so the cell buffer holds 1 lot half the time; a housing never waits. Per part, the
  // cells wait (60 + 0) / 2 = 30 s on average, the housings 0.
  REQUIRE(r.part_buffers.size() == 2);
  CHECK(r.part_buffers[0].station_group == "assemble");
  CHECK(r.part_buffers[0].part == "cell");
  CHECK(r.part_buffers[0].quantity == 2);
  CHECK(r.part_buffers[0].buffer_mean == Approx(0.5).epsilon(1e-3));
  CHECK(r.part_buffers[0].matching_wait_mean == Approx(30.0));
  CHECK(r.part_buffers[1].part == "housing");
  CHECK(r.part_buffers[1].quantity == 1);
  CHECK(r.part_buffers[1].buffer_mean == Approx(0.0).margin(1e-9));
  CHECK(r.part_buffers[1].matching_wait_mean == Approx(0.0).margin(1e-9));
}

TEST_CASE("units: cells and kWh of the lots out, and energy per kWh made", "[assembly][energy]") {
  // A cell holds 17 Wh, a housing nothing: a module (2 cells + 1 housing) holds 2 cells and
  // 34 Wh, summed from its parts. The cell maker (always busy: its parts buffer is unlimited)
  // draws 10 kW for 100 h = 1000 kWh; 2999 modules hold 101.966 kWh.
  std::string text = modules;
  text.replace(text.find("  product: cell\n"), 16, "  product: cell\n  unit: {cells: 1, energy: 17Wh}\n");
  text.replace(text.find("    source: {saturated: true}\n    steps: [{station_group: housings}]"), 29,
               "    unit: {cells: 0, energy: 0kWh}\n    source: {saturated: true}");
  text.replace(text.find("  - {name: cells, process_time: 1min}"), 37,
               "  - {name: cells, process_time: 1min, power: 10kW}");
  const auto r = from_text(text).run();
  REQUIRE(r.output == 2999);
  CHECK(r.output_cells == Approx(2 * 2999.0));
  CHECK(r.output_kwh == Approx(2999 * 0.034));
  CHECK(r.energy_kwh == Approx(1000.0));
  CHECK(r.energy_per_kwh == Approx(1000.0 / (2999 * 0.034)));
  CHECK(r.products[2].energy_kwh == Approx(0.034));
}

TEST_CASE("assembly throughput follows the scarcest input", "[assembly]") {
  // Poisson cells at 50/h and housings at 20/h, 2 cells + 1 housing per module, a fast
  // assembler: housings limit the modules to 20/h; cells pile up at 10/h. 2000 h: ~40 000
  // housings, 1 % tolerance (sd of the count 0.5 %).
  std::string text = modules;
  text.replace(text.find("horizon: 100h"), 13, "horizon: 2000h");
  text.replace(text.find("source: {saturated: true}\nstation_groups"), 25, "source: {rate: 50/h}");
  text.replace(text.find("    source: {saturated: true}"), 29, "    source: {rate: 20/h}");
  const auto r = from_text(text).run();
  CHECK(r.throughput_per_h == Approx(20.0).epsilon(0.01));
  CHECK(static_cast<double>(r.products[0].consumed) ==
        Approx(2.0 * static_cast<double>(r.output)).epsilon(0.001));
  CHECK(static_cast<double>(r.wip_end) == Approx(10.0 * 2000).epsilon(0.05)); // the surplus cells
}

TEST_CASE("rough-cut capacity through a bill of materials", "[assembly][capacity]") {
  // Per module entering: 2 cells and 1 housing. Cells: 60/h / 2 = 30 modules/h; housings: 30/h;
  // assembler 120/h. Cells and housings tie; the first listed (cells) is named. 10 % of cells are
  // scrapped at their step: 2 / 0.9 = 2.22 cells per module, so cells now limit at 27 modules/h.
  auto est = scenario::estimate_capacity(from_text(modules).spec());
  REQUIRE(est.steps.size() == 3);
  CHECK(est.max_entering_per_h == Approx(30.0));
  CHECK(est.steps[2].capacity_per_h == Approx(120.0));
  std::string scrapped = modules;
  scrapped.replace(scrapped.find("steps: [{station_group: cells}]"), 31,
                   "steps: [{station_group: cells, scrap: 0.1}]");
  est = scenario::estimate_capacity(from_text(scrapped).spec());
  CHECK(est.bottleneck == 0);
  CHECK(est.max_entering_per_h == Approx(27.0));
  CHECK(est.max_throughput_per_h == Approx(27.0));
}

TEST_CASE("two products through one station group: a two-class M/M/1 queue", "[products][queueing]") {
  // Products a (0.3/min) and b (0.5/min) share one machine with exponential service of mean
  // 1 min, first come first served: the machine sees Poisson arrivals at 0.8/min, so both
  // classes wait as in M/M/1: W = 1 / (1 - 0.8) = 5 min; 48 lots/h out, 18 of a and 30 of b.
  const std::string text = R"(schema: 1
name: mix
horizon: 20000h
warmup: 10h
source: {rate: 0.3/min}
station_groups:
  - {name: shared, process_time: {dist: exponential, mean: 1min}}
routing:
  product: a
  steps: [{station_group: shared}]
products:
  - name: b
    source: {rate: 0.5/min}
    steps: [{station_group: shared}]
)";
  // Rough cut: one row for the shared group, loaded 0.8; product b's 30/h leave a 30/h for a.
  const auto est = scenario::estimate_capacity(from_text(text).spec());
  REQUIRE(est.steps.size() == 1);
  CHECK(est.steps[0].load == Approx(0.8));
  CHECK(est.steps[0].reach == Approx(1.0));
  CHECK(est.max_entering_per_h == Approx(30.0));
  const auto r = from_text(text).run();
  REQUIRE(r.stations.size() == 1); // one station group, two steps
  CHECK(r.cycle_time_mean_s == Approx(5 * 60.0).epsilon(0.03));
  CHECK(r.throughput_per_h == Approx(48.0).epsilon(0.01));
  CHECK(r.stations[0].utilization == Approx(0.8).epsilon(0.01));
  CHECK(static_cast<double>(r.products[1].output) / static_cast<double>(r.products[0].output) ==
        Approx(0.5 / 0.3).epsilon(0.02));
  // Per product: first come first served, so each class's sojourn is the M/M/1's, exponential with
  // rate mu - lambda = 0.2/min: mean 5 min, p90 ln 10 / 0.2 min. a has 3/8 of ~10^6 lots: its
  // estimates carry ~1.6x the whole line's standard error (bounds as in test_station_waits.cpp).
  for (const auto& product : r.products) {
    CHECK(product.cycle_time_mean == Approx(5 * 60.0).epsilon(0.05));
    CHECK(product.lead_time_p50 == Approx(std::log(2.0) / 0.2 * 60).epsilon(0.06));
    CHECK(product.lead_time_p90 == Approx(std::log(10.0) / 0.2 * 60).epsilon(0.06));
  }
  check_littles_law(r);
}

TEST_CASE("sequence-dependent changeovers between products", "[products][changeover]") {
  // Products a and b each arrive every 2 min, at the same instants (a first). One machine, 30 s
  // per lot, so it alternates a, b, a, b: every lot but the very first needs a changeover. With
  // 15 s for any change, each 2-min cycle holds 2 lots (60 s) and 2 changeovers (30 s): busy 0.5,
  // setup 0.25. With a->b 5 s and b->a 40 s (the table wins over the default): setup 45/120.
  std::string text = R"(schema: 1
name: changeovers
horizon: 1000h
source: {interarrival: 2min}
station_groups:
  - name: press
    process_time: 30s
    changeover: {time: 15s}
routing:
  product: a
  steps: [{station_group: press}]
products:
  - name: b
    source: {interarrival: 2min}
    steps: [{station_group: press}]
)";
  auto r = from_text(text).run();
  CHECK(r.stations[0].utilization == Approx(0.5).epsilon(1e-3));
  CHECK(r.stations[0].setup == Approx(0.25).epsilon(1e-3));
  // 30 000 arrival pairs (the last at the end, 60 000 min): the first lot needs no changeover and
  // the last b's would start after the end.
  CHECK(r.stations[0].changeovers == 2 * 30000 - 2);
  text.replace(text.find("changeover: {time: 15s}"), 23,
               "changeover:\n      time: 15s\n      between:\n        - {from: a, to: b, time: 5s}\n"
               "        - {from: b, to: a, time: 40s}");
  r = from_text(text).run();
  CHECK(r.stations[0].setup == Approx(45.0 / 120.0).epsilon(1e-3));
}

TEST_CASE("a step that splits each lot into several", "[products][split]") {
  // A mother coil (1 per 4 min, 2 min each) is slit into 4 strips, each wound in 3 min on 4
  // winders: 15 coils/h make 60 strips/h, and the winders are busy 60 x 3 min / 60 / 4 = 0.75.
  const std::string text = R"(schema: 1
name: split
horizon: 2000h
source: {interarrival: 4min}
station_groups:
  - {name: slit, process_time: 2min}
  - {name: wind, machines: 4, process_time: 3min}
routing:
  product: strip
  steps: [{station_group: slit, split: 4}, {station_group: wind}]
)";
  const auto est = scenario::estimate_capacity(from_text(text).spec());
  CHECK(est.steps[1].reach == Approx(4.0)); // 4 winding visits per coil entering
  CHECK(est.line_yield == Approx(4.0));     // 4 lots out per lot in
  const auto r = from_text(text).run();
  CHECK(r.throughput_per_h == Approx(60.0).epsilon(1e-3));
  CHECK(r.stations[1].utilization == Approx(60.0 * 3 / 60 / 4).epsilon(1e-3));
  check_littles_law(r);
}
