// A replication's result crosses a process boundary as bytes: every field must survive.

#include "RunResult.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using gigatwin::models::RunResult;

TEST_CASE("a run result survives encode and decode field by field", "[run_result]") {
  RunResult r;
  // Distinct values everywhere, so that a field left out or swapped shows.
  r.replication = 3;
  r.seed = 1234567890123ull;
  r.throughput_per_h = 1.5;
  r.cycle_time_mean_s = 2.5;
  r.wip_mean = 3.5;
  r.output = 4;
  r.scrap = 5;
  r.rejected = 6;
  r.sojourn_mean_all_s = 7.5;
  r.wip_end = 8;
  r.measured_s = 9.5;
  r.events = 10;
  r.state_changes = 11;
  r.wall_s = 12.5;
  r.headcount_end = 13;
  r.labour_hours = 14.5;
  r.labour_cost = 15.5;
  r.robots = 23;
  r.capital_spent = 24.5;
  r.depreciation_cost = 25.5;
  r.maintenance_cost = 26.5;
  r.total_cost = 27.5;
  r.cost_per_unit = 28.5;
  r.labour_share = 0.125;
  r.energy_kwh = 60.5;
  r.kwh_per_unit = 61.5;
  r.energy_cost = 62.5;
  r.first_pass_yield = 0.75;
  r.rework = 63;
  r.escaped = 64;
  r.escaped_dpm = 65.5;
  r.inspection_cost = 66.5;
  r.time_to_recover_mean_h = 0.375;
  r.outage_log.push_back({1.5, 2.5, 3.5, 4.5});
  r.products.push_back({"module", 80, 81, 82, 83});
  r.transports.push_back({"pack", "agv", 4, 2, 100, 190, 0.5, 0.25, 0.125, 0.125, 3.5});
  r.outages = 29;
  r.outage_hours = 30.5;
  r.lost_output = 31.5;
  r.stations.push_back({"winding", 12, 0.1, 0.2, 0.3, 0.4, 0.5, 0.6,  0.7, 0.8, "robotic", 32,  7,
                        19.5,      70, 71,  72,  73,  74,  75,  76.5, 77,  16,  17,        18.5});
  r.layoffs_total = 33;
  r.hires_total = 34;
  r.reassigned_total = 35;
  r.retrained_total = 36;
  r.severance_cost = 37.5;
  r.training_cost = 38.5;
  r.operating_cost = 39.5;
  r.payback_years = 40.5;
  r.attrition_total = 52;
  r.pools.push_back(
      {"operators", 19, 40, 41, 42, 51, 43, 44, 45, 46, 47, 48.5, 49.5, 53.5, 50.5, 20.5, 21.5, 22.5});

  const RunResult d = RunResult::decode(r.encode());
  CHECK(d.replication == 3);
  CHECK(d.seed == 1234567890123ull);
  CHECK(d.throughput_per_h == 1.5);
  CHECK(d.cycle_time_mean_s == 2.5);
  CHECK(d.wip_mean == 3.5);
  CHECK(d.output == 4);
  CHECK(d.scrap == 5);
  CHECK(d.rejected == 6);
  CHECK(d.sojourn_mean_all_s == 7.5);
  CHECK(d.wip_end == 8);
  CHECK(d.measured_s == 9.5);
  CHECK(d.events == 10);
  CHECK(d.state_changes == 11);
  CHECK(d.wall_s == 12.5);
  CHECK(d.headcount_end == 13);
  CHECK(d.labour_hours == 14.5);
  CHECK(d.labour_cost == 15.5);
  CHECK(d.robots == 23);
  CHECK(d.capital_spent == 24.5);
  CHECK(d.depreciation_cost == 25.5);
  CHECK(d.maintenance_cost == 26.5);
  CHECK(d.total_cost == 27.5);
  CHECK(d.cost_per_unit == 28.5);
  CHECK(d.labour_share == 0.125);
  CHECK(d.energy_kwh == 60.5);
  CHECK(d.kwh_per_unit == 61.5);
  CHECK(d.energy_cost == 62.5);
  CHECK(d.first_pass_yield == 0.75);
  CHECK(d.rework == 63);
  CHECK(d.escaped == 64);
  CHECK(d.escaped_dpm == 65.5);
  CHECK(d.inspection_cost == 66.5);
  CHECK(d.time_to_recover_mean_h == 0.375);
  REQUIRE(d.outage_log.size() == 1);
  CHECK(d.outage_log[0].start_s == 1.5);
  CHECK(d.outage_log[0].end_s == 2.5);
  CHECK(d.outage_log[0].reference_per_h == 3.5);
  CHECK(d.outage_log[0].time_to_recover_s == 4.5);
  REQUIRE(d.products.size() == 1);
  CHECK(d.products[0].name == "module");
  CHECK(d.products[0].released == 80);
  CHECK(d.products[0].output == 81);
  CHECK(d.products[0].consumed == 82);
  CHECK(d.products[0].scrap == 83);
  REQUIRE(d.transports.size() == 1);
  CHECK(d.transports[0].to == "pack");
  CHECK(d.transports[0].kind == "agv");
  CHECK(d.transports[0].carriers == 4);
  CHECK(d.transports[0].lots_per_trip == 2);
  CHECK(d.transports[0].trips == 100);
  CHECK(d.transports[0].lots_moved == 190);
  CHECK(d.transports[0].moving == 0.5);
  CHECK(d.transports[0].waiting_to_unload == 0.25);
  CHECK(d.transports[0].halted == 0.125);
  CHECK(d.transports[0].idle == 0.125);
  CHECK(d.transports[0].in_transit_mean == 3.5);
  CHECK(d.outages == 29);
  CHECK(d.outage_hours == 30.5);
  CHECK(d.lost_output == 31.5);
  CHECK(d.layoffs_total == 33);
  CHECK(d.hires_total == 34);
  CHECK(d.reassigned_total == 35);
  CHECK(d.retrained_total == 36);
  CHECK(d.severance_cost == 37.5);
  CHECK(d.training_cost == 38.5);
  CHECK(d.operating_cost == 39.5);
  CHECK(d.payback_years == 40.5);
  CHECK(d.attrition_total == 52);
  REQUIRE(d.stations.size() == 1);
  const auto& s = d.stations[0];
  CHECK(s.name == "winding");
  CHECK(s.machines == 12);
  CHECK(s.utilization == 0.1);
  CHECK(s.setup == 0.2);
  CHECK(s.blocked == 0.3);
  CHECK(s.starved == 0.4);
  CHECK(s.down == 0.5);
  CHECK(s.waiting_operator == 0.6);
  CHECK(s.off_shift == 0.7);
  CHECK(s.halted == 0.8);
  CHECK(s.mode == "robotic");
  CHECK(s.robots == 32);
  CHECK(s.robot_failures == 7);
  CHECK(s.energy_kwh == 19.5);
  CHECK(s.defects == 70);
  CHECK(s.inspected == 71);
  CHECK(s.rejected_defective == 72);
  CHECK(s.rejected_good == 73);
  CHECK(s.passed_defective == 74);
  CHECK(s.rework == 75);
  CHECK(s.matching_wait_mean == 76.5);
  CHECK(s.changeovers == 77);
  CHECK(s.output == 16);
  CHECK(s.scrap == 17);
  CHECK(s.buffer_mean == 18.5);
  REQUIRE(d.pools.size() == 1);
  CHECK(d.pools[0].name == "operators");
  CHECK(d.pools[0].headcount == 19);
  CHECK(d.pools[0].headcount_start == 40);
  CHECK(d.pools[0].hires == 41);
  CHECK(d.pools[0].layoffs == 42);
  CHECK(d.pools[0].attrition == 51);
  CHECK(d.pools[0].moved_in == 43);
  CHECK(d.pools[0].moved_out == 44);
  CHECK(d.pools[0].reassigned_out == 45);
  CHECK(d.pools[0].retrained_out == 46);
  CHECK(d.pools[0].in_training == 47);
  CHECK(d.pools[0].overtime_hours == 48.5);
  CHECK(d.pools[0].night_hours == 49.5);
  CHECK(d.pools[0].demand_overtime_hours == 53.5);
  CHECK(d.pools[0].max_week_hours == 50.5);
  CHECK(d.pools[0].paid_hours == 20.5);
  CHECK(d.pools[0].worked_hours == 21.5);
  CHECK(d.pools[0].labour_cost == 22.5);
}

TEST_CASE("a truncated run result is refused, not misread", "[run_result]") {
  RunResult r;
  r.stations.push_back({"a", 1, 0, 0, 0, 0, 0, 0, 0, 0, "manual", 0, 0, 0, 0});
  const std::string bytes = r.encode();
  for (std::size_t cut : {std::size_t{0}, std::size_t{7}, bytes.size() / 2, bytes.size() - 1})
    CHECK_THROWS_AS(RunResult::decode(bytes.substr(0, cut)), std::runtime_error);
}
