#include "plant/Kpis.hpp"

namespace gigatwin::plant {

std::string units_of(const KpiDefinition& kpi, const std::string& currency) {
  const std::string u = kpi.units;
  return u == money_units ? currency : u;
}

const std::vector<KpiDefinition>& summary_kpis() {
  static const std::vector<KpiDefinition> kpis = {
      {"throughput", "lots/h", [](const RunResult& r) { return r.throughput_per_h; }},
      {"output", "lots", [](const RunResult& r) { return static_cast<double>(r.output); }},
      {"cycle_time_mean", "s", [](const RunResult& r) { return r.cycle_time_mean_s; }},
      {"lead_time_p50", "s", [](const RunResult& r) { return r.lead_time_p50_s; }},
      {"lead_time_p90", "s", [](const RunResult& r) { return r.lead_time_p90_s; }},
      {"lead_time_p95", "s", [](const RunResult& r) { return r.lead_time_p95_s; }},
      {"lead_time_p99", "s", [](const RunResult& r) { return r.lead_time_p99_s; }},
      {"wip_mean", "lots", [](const RunResult& r) { return r.wip_mean; }},
      {"scrap", "lots", [](const RunResult& r) { return static_cast<double>(r.scrap); }},
      {"rejected", "lots", [](const RunResult& r) { return static_cast<double>(r.rejected); }},
      {"headcount_end", "workers", [](const RunResult& r) { return static_cast<double>(r.headcount_end); }},
      {"layoffs_total", "workers", [](const RunResult& r) { return static_cast<double>(r.layoffs_total); }},
      {"robots", "robots", [](const RunResult& r) { return static_cast<double>(r.robots); }},
      {"labour_hours", "h", [](const RunResult& r) { return r.labour_hours; }},
      {"labour_cost", money_units, [](const RunResult& r) { return r.labour_cost; }},
      {"total_cost", money_units, [](const RunResult& r) { return r.total_cost; }},
      {"cost_per_unit", money_units, [](const RunResult& r) { return r.cost_per_unit; }},
      {"labour_share", "1", [](const RunResult& r) { return r.labour_share; }},
      {"energy_kwh", "kWh", [](const RunResult& r) { return r.energy_kwh; }},
      {"kwh_per_unit", "kWh/lot", [](const RunResult& r) { return r.kwh_per_unit; }},
      {"energy_cost", money_units, [](const RunResult& r) { return r.energy_cost; }},
      {"first_pass_yield", "1", [](const RunResult& r) { return r.first_pass_yield; }},
      {"rework", "lots", [](const RunResult& r) { return static_cast<double>(r.rework); }},
      {"escaped_dpm", "1/1e6", [](const RunResult& r) { return r.escaped_dpm; }},
      {"inspection_cost", money_units, [](const RunResult& r) { return r.inspection_cost; }},
      {"output_kwh", "kWh", [](const RunResult& r) { return r.output_kwh; }},
      {"energy_per_kwh", "kWh/kWh", [](const RunResult& r) { return r.energy_per_kwh; }},
      {"lost_output", "lots", [](const RunResult& r) { return r.lost_output; }},
      {"time_to_recover_mean", "h", [](const RunResult& r) { return r.time_to_recover_mean_h; }},
      {"payback_years", "a", [](const RunResult& r) { return r.payback_years; }},
  };
  return kpis;
}

} // namespace gigatwin::plant
