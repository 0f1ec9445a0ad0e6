#include "experiment/ResultsTables.hpp"

#include "experiment/Experiment.hpp"
#include "plant/Kpis.hpp"

#include "core/ConfidenceInterval.hpp"

#include <map>
#include <type_traits>
#include <variant>

namespace gigatwin::experiment {

using results::ColumnType;

results::Table station_table(const plant::RunResult& run) {
  results::Table t;
  t.description = "One row per station group; fractions are of machine time over the measurement period "
                  "(warm-up excluded) and add up to 1 across utilization, setup, blocked, starved and down.";
  // Columns and cells come from the one list of station columns (plant/RunResult.hpp).
  for (const plant::StationColumn& c : plant::station_columns()) {
    const ColumnType type = std::visit(
        [](auto member) {
          using Value = std::remove_cvref_t<decltype(plant::StationResult{}.*member)>;
          if constexpr (std::is_same_v<Value, std::string>)
            return ColumnType::string;
          else if constexpr (std::is_same_v<Value, std::int64_t>)
            return ColumnType::int64;
          else
            return ColumnType::float64;
        },
        c.member);
    t.columns.push_back({c.name, type, c.units, c.description});
  }
  for (const auto& s : run.stations) {
    std::vector<results::Cell> row;
    for (const plant::StationColumn& c : plant::station_columns())
      row.push_back(std::visit([&](auto member) { return results::Cell(s.*member); }, c.member));
    t.rows.push_back(std::move(row));
  }
  return t;
}

results::Table transport_table(const plant::RunResult& run) {
  results::Table t;
  t.description = "One row per transport between steps (AGVs or a conveyor); fractions are of carrier time "
                  "over the measurement period and add up to 1 across moving, waiting_to_unload, halted and "
                  "idle.";
  t.columns = {
      {"to", ColumnType::string, "", "station group the lots are carried to (from the step before it)"},
      {"kind", ColumnType::string, "", "agv or conveyor"},
      {"carriers", ColumnType::int64, "carriers", "AGVs, or places on the conveyor"},
      {"lots_per_trip", ColumnType::int64, "lots", "most lots one carrier takes"},
      {"trips", ColumnType::int64, "trips", "loaded departures"},
      {"lots_moved", ColumnType::int64, "lots", "lots delivered to the step"},
      {"moving", ColumnType::float64, "1", "fraction of carrier time on the way, loaded or back empty"},
      {"waiting_to_unload", ColumnType::float64, "1",
       "fraction of carrier time arrived but waiting for room in the step"},
      {"halted", ColumnType::float64, "1",
       "fraction of carrier time stopped on the way by a control-tower outage"},
      {"idle", ColumnType::float64, "1", "fraction of carrier time free at the pick-up point"},
      {"in_transit_mean", ColumnType::float64, "lots", "time-average lots on carriers"},
  };
  for (const auto& x : run.transports)
    t.rows.push_back({x.to, x.kind, x.carriers, x.lots_per_trip, x.trips, x.lots_moved, x.moving,
                      x.waiting_to_unload, x.halted, x.idle, x.in_transit_mean});
  return t;
}

results::Table part_buffer_table(const plant::RunResult& run) {
  results::Table t;
  t.description = "One row per input buffer of an assembly step: the lots of one part waiting for the rest of "
                  "their kit, over the measurement period.";
  t.columns = {
      {"station_group", ColumnType::string, "", "the assembly step's station group"},
      {"part", ColumnType::string, "", "the part's product"},
      {"quantity", ColumnType::int64, "lots", "lots of the part in one kit"},
      {"buffer_mean", ColumnType::float64, "lots", "time-average lots waiting in the buffer"},
      {"matching_wait_mean", ColumnType::float64, "s",
       "mean time a lot of the part waited in the buffer for the rest of its kit (NaN: no kit started)"},
  };
  for (const auto& p : run.part_buffers)
    t.rows.push_back({p.station_group, p.part, p.quantity, p.buffer_mean, p.matching_wait_mean});
  return t;
}

results::Table product_table(const plant::RunResult& run) {
  results::Table t;
  t.description = "One row per product over the measurement period: lots released (by a source, or assembled "
                  "from parts), out through the sink, consumed as parts by an assembly, scrapped.";
  t.columns = {
      {"name", ColumnType::string, "", "product name"},
      {"released", ColumnType::int64, "lots", "lots that entered: released by the source, or assembled"},
      {"output", ColumnType::int64, "lots", "good lots out through the sink"},
      {"consumed", ColumnType::int64, "lots", "lots taken as parts by an assembly"},
      {"scrap", ColumnType::int64, "lots", "lots scrapped"},
      {"cells", ColumnType::float64, "cells/lot", "cells in one lot (NaN: not given)"},
      {"energy", ColumnType::float64, "kWh/lot", "kWh of battery in one lot (NaN: not given)"},
      {"cycle_time_mean", ColumnType::float64, "s",
       "mean time in system of its good lots out through the sink (NaN: none; parts are consumed)"},
      {"lead_time_p50", ColumnType::float64, "s",
       "median time in system of the same lots (histogram estimate)"},
      {"lead_time_p90", ColumnType::float64, "s", "90th percentile"},
      {"lead_time_p95", ColumnType::float64, "s", "95th percentile"},
      {"lead_time_p99", ColumnType::float64, "s", "99th percentile"},
  };
  for (const auto& p : run.products)
    t.rows.push_back({p.name, p.released, p.output, p.consumed, p.scrap, p.cells, p.energy_kwh,
                      p.cycle_time_mean, p.lead_time_p50, p.lead_time_p90, p.lead_time_p95, p.lead_time_p99});
  return t;
}

results::Table lead_time_histogram_table(const plant::RunResult& run) {
  results::Table t;
  t.description =
      "The good lots' lead times (entry to sink, measurement period) as a histogram: its non-empty "
      "bins (128 an octave, evenly spaced within it: each at most 0.78 % of its lower edge wide), in increasing time. The lead-time "
      "percentiles of the summary are read from it.";
  t.columns = {
      {"lower", ColumnType::float64, "s", "lower edge of the bin"},
      {"upper", ColumnType::float64, "s", "upper edge of the bin (excluded)"},
      {"lots", ColumnType::int64, "lots", "good lots whose lead time fell in the bin"},
  };
  for (const auto& b : run.lead_time_histogram)
    t.rows.push_back({b.lower, b.upper, b.lots});
  return t;
}

results::Table outage_table(const plant::RunResult& run) {
  results::Table t;
  t.description = "One row per control-tower outage of the run (warm-up included), with the time the line "
                  "took to make its pre-outage rate again.";
  t.columns = {
      {"start", ColumnType::float64, "s", "simulated time the tower went down"},
      {"end", ColumnType::float64, "s", "simulated time it came back (NaN: still down at the end)"},
      {"reference_throughput", ColumnType::float64, "lots/h",
       "good lots out per hour over the reference span before the outage"},
      {"time_to_recover", ColumnType::float64, "s",
       "from the end to the first good lot out after which a full window reaches (1 - tolerance) of the "
       "reference rate; NaN if not seen before the run ended or the next outage began"},
  };
  for (const auto& o : run.outage_log)
    t.rows.push_back({o.start_s, o.end_s, o.reference_per_h, o.time_to_recover_s});
  return t;
}

results::Table pool_table(const plant::RunResult& run, const std::string& currency) {
  results::Table t;
  t.description = "One row per worker pool, over the measurement period (warm-up excluded). Per pool, "
                  "headcount = headcount_start + hires + moved_in - moved_out - layoffs - attrition.";
  t.columns = {
      {"name", ColumnType::string, "", "worker pool name"},
      {"headcount_start", ColumnType::int64, "workers", "workers at the start of the measurement period"},
      {"hires", ColumnType::int64, "workers", "workers hired"},
      {"layoffs", ColumnType::int64, "workers", "workers laid off (after a failed retraining too)"},
      {"attrition", ColumnType::int64, "workers", "workers who quit"},
      {"moved_in", ColumnType::int64, "workers", "workers reassigned or retrained into the pool"},
      {"moved_out", ColumnType::int64, "workers", "workers reassigned or retrained out of the pool"},
      {"reassigned_out", ColumnType::int64, "workers", "workers reassigned to another pool"},
      {"retrained_out", ColumnType::int64, "workers", "workers retrained into another pool"},
      {"in_training", ColumnType::int64, "workers", "workers in training at the end (still in headcount)"},
      {"headcount", ColumnType::int64, "workers", "workers at the end"},
      {"overtime_hours", ColumnType::float64, "h",
       "worker-hours beyond the regular week (paid with premium)"},
      {"night_hours", ColumnType::float64, "h", "worker-hours in the night window (paid with premium)"},
      {"demand_overtime_hours", ColumnType::float64, "h",
       "worker-hours of shifts extended because machines needed the pool's workers"},
      {"max_week_hours", ColumnType::float64, "h", "most hours any crew was scheduled in one calendar week"},
      {"paid_hours", ColumnType::float64, "h", "worker-hours on shift and present (paid)"},
      {"worked_hours", ColumnType::float64, "h", "worker-hours assigned to machines"},
      {"labour_cost", ColumnType::float64, currency, "paid hours x hourly wage"},
  };
  for (const auto& p : run.pools)
    t.rows.push_back({p.name, p.headcount_start, p.hires, p.layoffs, p.attrition, p.moved_in, p.moved_out,
                      p.reassigned_out, p.retrained_out, p.in_training, p.headcount, p.overtime_hours,
                      p.night_hours, p.demand_overtime_hours, p.max_week_hours, p.paid_hours, p.worked_hours,
                      p.labour_cost});
  return t;
}

results::Table ledger_table(const std::vector<plant::LedgerEvent>& events) {
  results::Table t;
  t.description = "The workforce ledger: every hire, layoff, reassignment and retraining of the run, warm-up "
                  "included, in time order.";
  t.columns = {
      {"time", ColumnType::float64, "s", "simulated time of the event"},
      {"pool", ColumnType::string, "", "worker pool"},
      {"event", ColumnType::string, "",
       "hire, layoff, attrition, reassign_out, reassign_in, training_start, retrain_out, retrain_in or "
       "training_failed"},
      {"count", ColumnType::int64, "workers", "workers concerned"},
      {"other_pool", ColumnType::string, "",
       "the pool on the other side: where the workers went (reassign_out, retrain_out; training_start "
       "and training_failed: the pool trained for) or came from (reassign_in, retrain_in); empty for "
       "hire, layoff and attrition"},
  };
  for (const auto& e : events)
    t.rows.push_back({e.time_s, e.pool, e.event, e.count, e.other_pool});
  return t;
}

results::Table summary_table(const std::vector<plant::RunResult>& runs, const std::vector<std::string>& run_ids,
                             const std::vector<std::int64_t>& points, const std::string& currency) {
  results::Table t;
  t.description =
      "One row per run: its identity and its KPIs over the measurement period (warm-up excluded).";
  t.columns = {
      {"run", ColumnType::string, "", "run id, the group name under /runs"},
      {"point", ColumnType::int64, "", "sweep point index (0 for a single scenario)"},
      {"replication", ColumnType::int64, "", "replication index"},
      {"seed", ColumnType::uint64, "",
       "master seed (unsigned 64-bit); streams derive from (seed, replication, entity, purpose)"},
      {"throughput", ColumnType::float64, "lots/h", "good lots leaving the line per hour"},
      {"cycle_time_mean", ColumnType::float64, "s", "mean time in system of good lots (entry to sink)"},
      {"lead_time_p50", ColumnType::float64, "s",
       "median lead time of the same lots (entry to sink; from a histogram, within 0.8 %, no lot stored)"},
      {"lead_time_p90", ColumnType::float64, "s", "90th percentile of the lead time"},
      {"lead_time_p95", ColumnType::float64, "s", "95th percentile of the lead time"},
      {"lead_time_p99", ColumnType::float64, "s", "99th percentile of the lead time"},
      {"wip_mean", ColumnType::float64, "lots", "time-average lots in the system"},
      {"scrap", ColumnType::int64, "lots", "lots scrapped, all steps"},
      {"output", ColumnType::int64, "lots", "good lots that left through the sink"},
      {"rejected", ColumnType::int64, "lots", "arrivals turned away by a full first buffer"},
      {"wip_end", ColumnType::int64, "lots", "lots in the system at the end of the run"},
      {"measured_time", ColumnType::float64, "s", "length of the measurement period (horizon - warm-up)"},
      {"headcount_end", ColumnType::int64, "workers", "workers in all pools at the end of the run"},
      {"labour_hours", ColumnType::float64, "h", "paid worker-hours, all pools"},
      {"labour_cost", ColumnType::float64, currency, "wages paid, all pools"},
      {"robots", ColumnType::int64, "robots", "robots in all station groups at the end of the run"},
      {"capital_spent", ColumnType::float64, currency, "investment in automation-mode changes"},
      {"depreciation_cost", ColumnType::float64, currency, "straight-line depreciation of the modes in use"},
      {"maintenance_cost", ColumnType::float64, currency, "maintenance of the modes in use"},
      {"layoffs_total", ColumnType::int64, "workers", "workers laid off"},
      {"reassigned_total", ColumnType::int64, "workers", "workers reassigned to another pool"},
      {"retrained_total", ColumnType::int64, "workers", "workers retrained into another pool"},
      {"hires_total", ColumnType::int64, "workers", "workers hired"},
      {"attrition_total", ColumnType::int64, "workers", "workers who quit"},
      {"severance_cost", ColumnType::float64, currency, "severance paid to laid-off workers"},
      {"training_cost", ColumnType::float64, currency, "retraining programme cost"},
      {"operating_cost", ColumnType::float64, currency,
       "labour + maintenance + severance + training + energy (no capital)"},
      {"payback_years", ColumnType::float64, "a",
       "(capital + severance + retraining) / yearly savings in labour + maintenance + energy per good lot "
       "against the "
       "same run without its roll-out, over the measured period; NaN without roll-out or savings"},
      {"total_cost", ColumnType::float64, currency,
       "labour + depreciation + maintenance + severance + training + energy"},
      {"cost_per_unit", ColumnType::float64, currency + "/lot", "total cost per good lot out"},
      {"labour_share", ColumnType::float64, "1",
       "labour_cost / total_cost (wages and premiums); NaN without cost"},
      {"energy_kwh", ColumnType::float64, "kWh", "electric energy of the machines and the base load"},
      {"kwh_per_unit", ColumnType::float64, "kWh/lot", "energy_kwh per good lot out; NaN without output"},
      {"energy_cost", ColumnType::float64, currency, "energy_kwh x the energy price"},
      {"first_pass_yield", ColumnType::float64, "1",
       "good lots out never reworked / lots that left (good + scrapped); NaN if none left"},
      {"rework", ColumnType::int64, "lots", "lots sent back for rework by inspections"},
      {"escaped_dpm", ColumnType::float64, "1/1e6",
       "defective lots shipped per million good lots out; NaN without output"},
      {"inspection_cost", ColumnType::float64, currency,
       "per-lot inspection cost + depreciation and maintenance of the groups that inspect + wages of the "
       "workers their machines held"},
      {"output_cells", ColumnType::float64, "cells",
       "cells in the good lots out (products' unit.cells); NaN if a product out has none"},
      {"output_kwh", ColumnType::float64, "kWh",
       "kWh of battery in the good lots out (products' unit.energy); NaN if a product out has none"},
      {"energy_per_kwh", ColumnType::float64, "kWh/kWh",
       "plant energy per kWh of battery made: energy_kwh / output_kwh"},
      {"outages", ColumnType::int64, "outages", "control-tower outages begun"},
      {"outage_hours", ColumnType::float64, "h", "time the control tower was down"},
      {"lost_output", ColumnType::float64, "lots",
       "good lots lost against the same replication without outages (common random numbers); NaN if no "
       "outage"},
      {"time_to_recover_mean", ColumnType::float64, "h",
       "mean time from the end of an outage (begun after warm-up) to the first good lot out after which "
       "the line makes its pre-outage rate again; NaN if none recovered"},
      {"events", ColumnType::int64, "events", "kernel events handled"},
      {"wall_time", ColumnType::float64, "s", "wall-clock time of the run"},
  };
  for (std::size_t i = 0; i < runs.size(); ++i) {
    const auto& r = runs[i];
    t.rows.push_back({run_ids[i],
                      points[i],
                      r.replication,
                      std::uint64_t{r.seed},
                      r.throughput_per_h,
                      r.cycle_time_mean_s,
                      r.lead_time_p50_s,
                      r.lead_time_p90_s,
                      r.lead_time_p95_s,
                      r.lead_time_p99_s,
                      r.wip_mean,
                      r.scrap,
                      r.output,
                      r.rejected,
                      r.wip_end,
                      r.measured_s,
                      r.headcount_end,
                      r.labour_hours,
                      r.labour_cost,
                      r.robots,
                      r.capital_spent,
                      r.depreciation_cost,
                      r.maintenance_cost,
                      r.layoffs_total,
                      r.reassigned_total,
                      r.retrained_total,
                      r.hires_total,
                      r.attrition_total,
                      r.severance_cost,
                      r.training_cost,
                      r.operating_cost,
                      r.payback_years,
                      r.total_cost,
                      r.cost_per_unit,
                      r.labour_share,
                      r.energy_kwh,
                      r.kwh_per_unit,
                      r.energy_cost,
                      r.first_pass_yield,
                      r.rework,
                      r.escaped_dpm,
                      r.inspection_cost,
                      r.output_cells,
                      r.output_kwh,
                      r.energy_per_kwh,
                      r.outages,
                      r.outage_hours,
                      r.lost_output,
                      r.time_to_recover_mean_h,
                      static_cast<std::int64_t>(r.events),
                      r.wall_s});
  }
  return t;
}

results::Table point_table(const std::vector<std::string>& labels, const std::vector<scenario::ScenarioSpec>& specs,
                           const std::vector<std::string>& parameter_names,
                           const std::vector<std::vector<std::string>>& point_values,
                           const std::vector<std::vector<std::string>>& overrides) {
  results::Table t;
  t.description = "One row per sweep point: the overrides of the base scenario that make it.";
  t.columns = {
      {"point", ColumnType::int64, "", "sweep point index (the point column of /experiment/summary)"},
      {"parameters", ColumnType::string, "", "the point's overrides, key=value; ..."},
      {"scenario_name", ColumnType::string, "", "the point's scenario name"},
      {"scenario_hash", ColumnType::string, "",
       "FNV-1a 64 of the point's resolved scenario (as /scenario's hash)"},
  };
  if (!overrides.empty())
    t.columns.push_back({"overrides", ColumnType::string, "",
                         "every key=value the point applies to the base scenario, one per line (--set "
                         "first, then each swept key, linked ones included): /scenario is point 0 with "
                         "its own; any point is that text with these applied"});
  for (const auto& name : parameter_names) {
    const bool taken = t.find_column(name).has_value();
    t.columns.push_back({taken ? "parameter:" + name : name, ColumnType::string, "",
                         "the point's value of sweep parameter " + name + ", as written"});
  }
  for (std::size_t i = 0; i < labels.size() && i < specs.size(); ++i) {
    std::vector<results::Cell> row = {static_cast<std::int64_t>(i), labels[i], specs[i].name,
                                      text_hash(specs[i].resolved_yaml)};
    if (!overrides.empty()) {
      std::string lines;
      if (i < overrides.size())
        for (const auto& o : overrides[i])
          lines += (lines.empty() ? "" : "\n") + o;
      row.push_back(lines);
    }
    for (std::size_t k = 0; k < parameter_names.size(); ++k)
      row.push_back(i < point_values.size() && k < point_values[i].size() ? point_values[i][k]
                                                                          : std::string());
    t.rows.push_back(std::move(row));
  }
  return t;
}

} // namespace gigatwin::experiment
