#include "Kpis.hpp"

namespace gigatwin::models {

const std::vector<KpiDefinition>& summary_kpis() {
  static const std::vector<KpiDefinition> kpis = {
      {"throughput", "lots/h", [](const RunResult& r) { return r.throughput_per_h; }},
      {"output", "lots", [](const RunResult& r) { return static_cast<double>(r.output); }},
      {"cycle_time_mean", "s", [](const RunResult& r) { return r.cycle_time_mean_s; }},
      {"wip_mean", "lots", [](const RunResult& r) { return r.wip_mean; }},
      {"scrap", "lots", [](const RunResult& r) { return static_cast<double>(r.scrap); }},
      {"rejected", "lots", [](const RunResult& r) { return static_cast<double>(r.rejected); }},
      {"labour_hours", "h", [](const RunResult& r) { return r.labour_hours; }},
  };
  return kpis;
}

} // namespace gigatwin::models
