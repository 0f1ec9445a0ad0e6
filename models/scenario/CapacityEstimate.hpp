#pragma once
// CapacityEstimate: a rough-cut capacity analysis of the line, computed from the scenario alone,
// without simulating. The traffic equations of a lot's journey (states: step x defective or
// not; scrap, new defects, inspection rejects sent back for rework or scrapped) are solved with
// Eigen for the visits each step gets per lot entering the line — above 1 where rework loops
// back. For each step: the effective machine time per lot (process time shared over a full
// batch, setups shared over their lots, stretched by breakdowns of the machine and of each of
// its robots: 1 + MTTR/MTTF per failing part, operating time), its capacity in lots/h, its
// visits, and its load at the source's rate. A transport into a step is a row of its own
// (carriers as machines, a round trip over a full load per lot). The bottleneck is the row with
// the smallest capacity per entering lot; the maximum good throughput follows from it and the
// line's yield. Initial modes only.

#include "scenario/ScenarioSpec.hpp"

#include <string>
#include <vector>

namespace gigatwin::scenario {

struct StepCapacity {
  std::string station_group;   ///< or "agv -> <group>" / "conveyor -> <group>" for a transport
  std::int64_t machines = 0;   ///< machines, or carriers of a transport
  double effective_time_s = 0; ///< per lot, setups and breakdowns included
  double capacity_per_h = 0;   ///< lots/h the step can finish when never starved or blocked
  double reach = 1;            ///< visits per lot entering the line (rework counts again)
  double load = 0;             ///< offered utilisation at the source's rate (NaN when saturated)
  double other_load_per_h = 0; ///< lots/h it gets from products that do not end in the final product
};

struct CapacityEstimate {
  std::vector<StepCapacity> steps;
  std::size_t bottleneck = 0;
  double max_entering_per_h = 0;   ///< lots/h entering the line that the bottleneck can serve
  double max_throughput_per_h = 0; ///< good lots/h out of the line at that entry rate
  double arrival_rate_per_h = 0;   ///< the source's mean rate (0 when saturated)
  double line_yield = 1;           ///< fraction of entering lots that leave through the sink
  double escape_fraction = 0;      ///< of those, the fraction that are defective (escapes)
};

CapacityEstimate estimate_capacity(const ScenarioSpec& spec);

} // namespace gigatwin::scenario
