// The one rule for the units a person reads (run, inspect, the desktop app), by hand.

#include "results/DisplayUnits.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>

using namespace gigatwin::results;

TEST_CASE("times of lots in hours, fractions in %, other units as stored", "[display]") {
  CHECK(display_unit("s").units == "h");
  CHECK(display_unit("s").factor == Approx(1.0 / 3600));
  CHECK(display_unit("1").units == "%");
  CHECK(display_unit("1").factor == 100.0);
  CHECK(display_unit("kWh").units == "kWh");
  CHECK(display_unit("kWh").factor == 1.0);
  CHECK(display_unit("a").units == "years");
}

TEST_CASE("the good lots out are named after what the line makes; other lots are not", "[display]") {
  CHECK(display_unit("throughput", "lots/h", "pack").units == "packs/h");
  CHECK(display_unit("cost_per_unit", "KRW/lot", "cell_tray").units == "KRW/cell tray");
  CHECK(display_unit("output", "lots", "battery").units == "batteries");
  CHECK(display_unit("wip_mean", "lots", "pack").units == "lots"); // trays, modules and packs
  CHECK(display_unit("scrap", "lots", "pack").units == "lots");
  CHECK(display_unit("throughput", "lots/h", "").units == "lots/h"); // several products out
  CHECK(name_lots("lots of lots/h, a lot, slots", "box") == "boxes of boxes/h, a box, slots");
  CHECK(plural("module_housing") == "module housings");
  CHECK(plural("glass") == "glass");
  CHECK(plural("day") == "days");
}

TEST_CASE("the product that leaves the line, from a run's products table", "[display]") {
  Table products;
  products.columns = {{"name", ColumnType::string, "", ""}, {"output", ColumnType::int64, "lots", ""}};
  products.rows = {{std::string("cell_tray"), std::int64_t{0}}, {std::string("pack"), std::int64_t{15154}}};
  CHECK(lot_noun(products) == "pack");
  products.rows.push_back({std::string("module"), std::int64_t{3}});
  CHECK(lot_noun(products).empty()); // two products leave: "lots"
}

TEST_CASE("numbers without exponents", "[display]") {
  CHECK(plain_number(785988.4) == "785988");
  CHECK(plain_number(218.3333333) == "218.333");
  CHECK(plain_number(0.000123456789) == "0.000123457");
  CHECK(plain_number(192412000.0) == "192412000");
  CHECK(plain_number(3.5) == "3.5");
  CHECK(plain_number(-0.0) == "0");
  CHECK(plain_number(std::numeric_limits<double>::quiet_NaN()) == "nan");
  CHECK(plain_number(2.5e-9, 3) == "0.0000000025");
}
