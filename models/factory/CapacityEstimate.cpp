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
    if (const auto& t = step.transport) {
      StepCapacity tc;
      const bool agv = t->kind == TransportKind::agv;
      tc.station_group = std::string(agv ? "agv -> " : "conveyor -> ") + group.name;
      tc.machines = t->carriers;
      const double round_trip =
          engine::Distribution(t->travel_time).mean() + engine::Distribution(t->return_time).mean();
      tc.effective_time_s = round_trip / static_cast<double>(t->lots_per_trip);
      tc.capacity_per_h = 3600.0 * static_cast<double>(t->carriers) / tc.effective_time_s;
      tc.reach = reach;
      tc.load = saturated ? std::numeric_limits<double>::quiet_NaN()
                          : est.arrival_rate_per_h * reach / tc.capacity_per_h;
      if (tc.capacity_per_h / reach < best) {
        best = tc.capacity_per_h / reach;
        est.bottleneck = est.steps.size();
      }
      est.steps.push_back(tc);
    }
    StepCapacity sc;
    sc.station_group = group.name;
    sc.machines = group.machines;
    double t = engine::Distribution(group.process_time).mean();
    if (group.setup)
      t += engine::Distribution(group.setup->time).mean() / static_cast<double>(group.setup->every_lots);
    double stretch = 1.0;
    const auto add_failures = [&](const FailureSpec& f, double parts) {
      const double mttf = engine::Distribution(f.time_to_failure).mean();
      const double mttr = engine::Distribution(f.time_to_repair).mean();
      stretch += mttf > 0 ? parts * mttr / mttf : std::numeric_limits<double>::infinity();
    };
    if (group.failures)
      add_failures(*group.failures, 1.0);
    const ModeSpec* mode =
        group.initial_mode < group.modes.size() ? &group.modes[group.initial_mode] : nullptr;
    if (mode != nullptr && mode->robot_failures)
      add_failures(*mode->robot_failures, static_cast<double>(mode->robots_per_machine));
    t *= stretch;
    sc.effective_time_s = t;
    sc.capacity_per_h =
        t > 0 ? 3600.0 * static_cast<double>(group.machines) / t : std::numeric_limits<double>::infinity();
    sc.reach = reach;
    sc.load = saturated ? std::numeric_limits<double>::quiet_NaN()
                        : est.arrival_rate_per_h * reach / sc.capacity_per_h;
    const double entering = sc.capacity_per_h / reach;
    if (entering < best) {
      best = entering;
      est.bottleneck = est.steps.size();
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
