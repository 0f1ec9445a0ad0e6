#include "CapacityEstimate.hpp"

#include "Distribution.hpp"

#include <cmath>
#include <limits>

namespace gigatwin::models {

CapacityEstimate estimate_capacity(const ScenarioSpec& spec) {
  CapacityEstimate est;
  const bool saturated = spec.source.saturated;
  est.arrival_rate_per_h = saturated ? 0.0 : 3600.0 / engine::Distribution(spec.source.interarrival).mean();
  double reach = 1.0;
  double best = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const auto& step = spec.steps[i];
    const auto& group = spec.station_groups[step.group_index];
    StepCapacity sc;
    sc.station_group = group.name;
    sc.machines = group.machines;
    double t = engine::Distribution(group.process_time).mean();
    if (group.setup)
      t += engine::Distribution(group.setup->time).mean() / static_cast<double>(group.setup->every_lots);
    if (group.failures) {
      const double mttf = engine::Distribution(group.failures->time_to_failure).mean();
      const double mttr = engine::Distribution(group.failures->time_to_repair).mean();
      t *= mttf > 0 ? 1.0 + mttr / mttf : std::numeric_limits<double>::infinity();
    }
    sc.effective_time_s = t;
    sc.capacity_per_h =
        t > 0 ? 3600.0 * static_cast<double>(group.machines) / t : std::numeric_limits<double>::infinity();
    sc.reach = reach;
    sc.load = saturated ? std::numeric_limits<double>::quiet_NaN()
                        : est.arrival_rate_per_h * reach / sc.capacity_per_h;
    const double entering = sc.capacity_per_h / reach;
    if (entering < best) {
      best = entering;
      est.bottleneck = i;
    }
    reach *= 1.0 - step.scrap_probability;
    est.steps.push_back(sc);
  }
  est.line_yield = reach;
  est.max_entering_per_h = best;
  est.max_throughput_per_h = best * reach;
  return est;
}

} // namespace gigatwin::models
