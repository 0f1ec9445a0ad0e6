#pragma once
// CapacityEstimate: a rough-cut capacity analysis of a linear line, computed from the scenario
// alone, without simulating. For each step: the effective time per lot (process time plus setup
// time shared over its lots, stretched by breakdowns of the machine and of each of its robots:
// 1 + MTTR/MTTF + robots x MTTR/MTTF of operating time), the
// capacity in lots/h, the fraction of entering lots that reach it (yields), and the load
// (utilisation) at the source's arrival rate. A transport between steps is a row of its own
// (carriers as machines, a round trip shared over a full load as the time per lot). The
// bottleneck is the row with the smallest
// capacity per entering lot; the line's maximum good throughput follows from it.

#include "ScenarioSpec.hpp"

#include <string>
#include <vector>

namespace gigatwin::models {

struct StepCapacity {
  std::string station_group;   ///< or "agv -> <group>" / "conveyor -> <group>" for a transport
  std::int64_t machines = 0;   ///< machines, or carriers of a transport
  double effective_time_s = 0; ///< per lot, setups and breakdowns included
  double capacity_per_h = 0;   ///< lots/h the step can finish when never starved or blocked
  double reach = 1;            ///< fraction of lots entering the line that reach this step
  double load = 0;             ///< offered utilisation at the source's rate (NaN when saturated)
};

struct CapacityEstimate {
  std::vector<StepCapacity> steps;
  std::size_t bottleneck = 0;
  double max_entering_per_h = 0;   ///< lots/h entering the line that the bottleneck can serve
  double max_throughput_per_h = 0; ///< good lots/h out of the line at that entry rate
  double arrival_rate_per_h = 0;   ///< the source's mean rate (0 when saturated)
  double line_yield = 1;           ///< fraction of entering lots that leave good
};

CapacityEstimate estimate_capacity(const ScenarioSpec& spec);

} // namespace gigatwin::models
