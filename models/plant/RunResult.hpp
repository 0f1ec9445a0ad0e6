#pragma once
// RunResult: the KPIs of one replication, measured over [warm-up, end of run]. Throughput in
// good lots per hour, times in s, WIP in lots, fractions of machine time in [0, 1]. It can be
// encoded to bytes so a replication run in a child process hands it back to its parent.

#include "plant/RecoveryMonitor.hpp"

#include <cstdint>
#include <string>
#include <variant>
#include <vector>

namespace gigatwin::plant {

struct StationResult {
  std::string name;
  std::int64_t machines = 0;
  double utilization = 0; ///< busy (processing) fraction of machine time
  double setup = 0;
  double blocked = 0;
  double starved = 0; ///< idle: nothing to work on
  double down = 0;
  double waiting_operator = 0;         ///< has work, lacks workers (some are on shift)
  double off_shift = 0;                ///< has work, no worker with the skill on shift
  double halted = 0;                   ///< stopped by a control-tower outage
  std::string mode;                    ///< automation mode at the end of the run
  std::int64_t robots = 0;             ///< robots in the group at the end of the run
  std::int64_t robot_failures = 0;     ///< robot breakdowns in the measurement period
  double energy_kwh = 0;               ///< drawn by the group's machines in the measurement period
  std::int64_t defects = 0;            ///< lots that became defective here
  std::int64_t inspected = 0;          ///< lots this group's inspection judged
  std::int64_t rejected_defective = 0; ///< defective lots caught (true rejects)
  std::int64_t rejected_good = 0;      ///< good lots rejected (false rejects)
  std::int64_t passed_defective = 0;   ///< defective lots let through (misses)
  std::int64_t rework = 0;             ///< lots sent back for rework from here
  double matching_wait_mean = 0;       ///< s a part waited for its kit (assembly steps; NaN otherwise)
  std::int64_t changeovers = 0;        ///< changeovers between products in the measurement period
  std::int64_t output = 0;             ///< good lots finished here
  std::int64_t scrap = 0;              ///< lots scrapped here
  double buffer_mean = 0;              ///< time-average lots waiting in the input buffer
  // Waits at the step (StationGroup): arrival to a machine taking the lot, arrival to passing it
  // on, in s; NaN when no lot started or left in the measurement period.
  double wait_mean = 0;
  double time_at_step_mean = 0;
  double waiting_probability = 0; ///< of an arriving lot finding no idle machine
  double all_busy = 0;            ///< fraction of time no machine was idle
  double time_at_step_p50 = 0;    ///< percentiles of the time at the step, s
  double time_at_step_p90 = 0;
  double time_at_step_p95 = 0;
  double time_at_step_p99 = 0;
};

/// One column of the station results: its name, units and meaning, and the StationResult
/// member that holds it. station_columns() lists every one, in the order of the station table:
/// a station KPI is a member of StationResult, one entry there, and the code that measures it;
/// the results file's table and the bytes a run process hands back follow from the list.
struct StationColumn {
  const char* name;
  const char* units;
  const char* description;
  std::variant<std::string StationResult::*, std::int64_t StationResult::*, double StationResult::*> member;
};
const std::vector<StationColumn>& station_columns();

/// AGVs or a conveyor into a step; fractions are of carrier time and add up to 1.
struct TransportResult {
  std::string to;            ///< the station group the lots are carried to
  std::string kind;          ///< agv or conveyor
  std::int64_t carriers = 0; ///< AGVs, or places on the belt
  std::int64_t lots_per_trip = 0;
  std::int64_t trips = 0;       ///< departures, loaded
  std::int64_t lots_moved = 0;  ///< lots delivered
  double moving = 0;            ///< on the way, loaded or back empty
  double waiting_to_unload = 0; ///< arrived, the next step has no room
  double halted = 0;            ///< on the way, stopped by a control-tower outage
  double idle = 0;              ///< free at the pick-up point
  double in_transit_mean = 0;   ///< time-average lots on carriers
};

/// One input buffer of an assembly step: the lots of one part waiting for the rest of their kit.
struct PartBufferResult {
  std::string station_group; ///< the assembly step's group
  std::string part;          ///< the part's product
  std::int64_t quantity = 0; ///< lots of it in one kit
  double buffer_mean = 0;    ///< time-average lots waiting in the buffer
  /// s a lot of this part waited in the buffer for the rest of its kit, over the kits started
  /// in the measurement period (NaN if none)
  double matching_wait_mean = 0;
};

/// One product's lots over the measurement period.
struct ProductResult {
  std::string name;
  std::int64_t released = 0; ///< entered: by its source, or assembled
  std::int64_t output = 0;   ///< good lots out through the sink
  std::int64_t consumed = 0; ///< taken as parts by an assembly
  std::int64_t scrap = 0;
  double cells = 0;      ///< cells in one lot (NaN: not given)
  double energy_kwh = 0; ///< kWh of battery in one lot (NaN: not given)
  /// Its good lots' time in system (entry to sink), s: mean and percentiles (NaN: none left).
  double cycle_time_mean = 0;
  double lead_time_p50 = 0;
  double lead_time_p90 = 0;
  double lead_time_p95 = 0;
  double lead_time_p99 = 0;
};

/// One bin of the good lots' lead-time histogram: lots whose time in system fell in [lower, upper) s.
struct LeadTimeBin {
  double lower = 0;
  double upper = 0;
  std::int64_t lots = 0;
};

struct PoolResult {
  std::string name;
  std::int64_t headcount = 0;       ///< at the end
  std::int64_t headcount_start = 0; ///< at the start of the measurement period
  std::int64_t hires = 0;
  std::int64_t layoffs = 0;
  std::int64_t attrition = 0; ///< quits
  std::int64_t moved_in = 0;  ///< reassigned or retrained into the pool
  std::int64_t moved_out = 0; ///< reassigned or retrained out of the pool
  std::int64_t reassigned_out = 0;
  std::int64_t retrained_out = 0;
  std::int64_t in_training = 0;     ///< at the end, still counted in headcount
  double overtime_hours = 0;        ///< worker-hours beyond the regular week
  double night_hours = 0;           ///< worker-hours in the night window
  double demand_overtime_hours = 0; ///< worker-hours of shifts extended because machines needed workers
  double max_week_hours = 0;        ///< most hours any crew was scheduled in one calendar week
  double paid_hours = 0;            ///< worker-hours on shift (present), measurement period
  double worked_hours = 0;          ///< worker-hours assigned to machines
  double labour_cost = 0;           ///< paid hours x wage, scenario currency
};

struct RunResult {
  std::int64_t replication = 0;
  std::uint64_t seed = 0;
  double throughput_per_h = 0;  ///< good lots leaving the line per hour
  double cycle_time_mean_s = 0; ///< mean time in system of good lots that left (NaN if none)
  /// Percentiles of the same lots' lead times (entry to sink), s, from a histogram of bins 128 an
  /// octave (within 0.8 %).
  double lead_time_p50_s = 0;
  double lead_time_p90_s = 0;
  double lead_time_p95_s = 0;
  double lead_time_p99_s = 0;
  std::vector<LeadTimeBin> lead_time_histogram; ///< its non-empty bins, in increasing time
  double wip_mean = 0;                          ///< time-average lots in the system
  std::int64_t output = 0;                      ///< good lots that left through the sink
  std::int64_t scrap = 0;                       ///< lots scrapped, all steps
  std::int64_t rejected = 0;                    ///< arrivals turned away by a full first buffer
  double sojourn_mean_all_s = 0;                ///< mean time in system of every lot that left, good or scrap
  std::int64_t wip_end = 0;                     ///< lots in the system at the end
  double measured_s = 0;                        ///< length of the measurement period (horizon - warm-up)
  std::uint64_t events = 0;                     ///< kernel timer events fired
  std::uint64_t state_changes = 0;
  double wall_s = 0;
  std::int64_t headcount_end = 0; ///< workers in all pools at the end
  double labour_hours = 0;        ///< paid worker-hours, all pools
  double labour_cost = 0;         ///< scenario currency, all pools
  std::int64_t robots = 0;        ///< robots in all groups at the end
  double capital_spent = 0;       ///< currency invested in mode changes during the measurement period
  double depreciation_cost = 0;   ///< currency, straight-line, of the modes in use
  double maintenance_cost = 0;    ///< currency
  std::int64_t layoffs_total = 0;
  std::int64_t hires_total = 0;
  std::int64_t reassigned_total = 0;
  std::int64_t retrained_total = 0;
  std::int64_t attrition_total = 0;
  double severance_cost = 0; ///< currency
  double training_cost = 0;  ///< currency
  double total_cost = 0;    ///< labour + depreciation + maintenance + severance + training + energy, currency
  double cost_per_unit = 0; ///< total_cost / output (NaN without output)
  double labour_share = 0;  ///< labour_cost / total_cost (NaN without cost)
  double energy_kwh = 0;    ///< machines and base load, measurement period
  double kwh_per_unit = 0;  ///< energy_kwh / output (NaN without output)
  double energy_cost = 0;   ///< energy_kwh x price, currency
  double first_pass_yield = 0; ///< good lots out never reworked / lots that left (NaN if none left)
  std::int64_t rework = 0;     ///< lots sent back for rework, all steps
  std::int64_t escaped = 0;    ///< defective lots that left through the sink
  double escaped_dpm = 0;      ///< escaped per million good lots out (NaN without output)
  double inspection_cost =
      0;                   ///< per-lot + depreciation + maintenance + held workers' wages, inspecting groups
  double output_cells = 0; ///< cells in the good lots out (NaN when a product out has no unit)
  double output_kwh = 0;   ///< kWh of battery in the good lots out (NaN likewise)
  double energy_per_kwh = 0; ///< energy_kwh / output_kwh: plant energy per kWh of battery made
  std::int64_t outages = 0;  ///< control-tower outages begun
  double outage_hours = 0;   ///< control tower down, h
  double lost_output = 0;    ///< good lots lost against the same run without outages (NaN if not run)
  double operating_cost = 0; ///< labour + maintenance + severance + training (no capital), currency
  double payback_years = 0;  ///< capital spent / yearly operating savings against the same run without
                             ///< roll-out (NaN if none or no savings)
  double time_to_recover_mean_h = 0; ///< mean over outages begun after warm-up and recovered (NaN if none)
  std::vector<StationResult> stations;
  std::vector<TransportResult> transports;
  std::vector<PartBufferResult> part_buffers; ///< every assembly step's, in station then bill order
  std::vector<ProductResult> products;
  std::vector<OutageRecord> outage_log; ///< every control-tower outage of the run, warm-up included
  std::vector<PoolResult> pools;

  std::string encode() const;
  static RunResult decode(const std::string& bytes);
};

} // namespace gigatwin::plant
