#pragma once
// PlantBench: the plants `gigatwin bench` runs side by side with the tandem line — the default
// gigafactory, the 35 GWh plant and the default plant scaled 64 times — to show whether the
// engine's cost per event grows with the size of the plant. A scaled plant multiplies every
// station group's machines, every transport's carriers, every worker pool's headcount, every
// finite buffer and the base load by k, and divides the time between releases by k: the same
// line k times over, pooled.

#include "scenario/ScenarioSpec.hpp"

#include <string>

namespace gigatwin::cli {

/// `spec` scaled k times (k >= 1).
scenario::ScenarioSpec scaled_plant(const scenario::ScenarioSpec& spec, std::int64_t k);

struct PlantFigures {
  std::string name;
  std::int64_t machines = 0;
  double events = 0;
  double wall_s = 0;  ///< simulating, in the run's own process
  double peak_mb = 0; ///< the run process's peak resident memory
  double events_per_s() const { return wall_s > 0 ? events / wall_s : 0.0; }
};

/// Runs `spec` for `days` simulated days in a process of its own, with its time series and
/// tables written to a part file in `dir` (as a run writes them; no trace).
PlantFigures bench_plant(const std::string& name, scenario::ScenarioSpec spec, double days,
                         const std::string& dir);

} // namespace gigatwin::cli
