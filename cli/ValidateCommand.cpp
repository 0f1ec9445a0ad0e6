#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ScenarioInput.hpp"

#include "CapacityEstimate.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>

namespace gigatwin::cli {

int validate_command(const ValidateArgs& args) {
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  models::ScenarioSpec spec = std::move(*loaded);
  const auto est = models::estimate_capacity(spec);
  std::printf("%s: ok — '%s', %zu steps, horizon %.4g d, warm-up %.4g d\n", args.scenario.c_str(),
              spec.name.c_str(), spec.steps.size(), spec.horizon_s / 86400.0, spec.warmup_s / 86400.0);
  std::printf("\nRough-cut capacity (no simulation; breakdowns and setups averaged in; visits per lot\n"
              "entering the line from the traffic equations, rework included):\n");
  std::printf("  %-22s %8s %14s %14s %8s %8s\n", "step", "machines", "time/lot [s]", "capacity [/h]", "visits",
              "load");
  for (std::size_t i = 0; i < est.steps.size(); ++i) {
    const auto& s = est.steps[i];
    char load[16] = "-";
    if (!std::isnan(s.load))
      std::snprintf(load, sizeof load, "%.3f", s.load);
    std::printf("  %-22s %8lld %14.4g %14.4g %8.4f %8s%s\n", s.station_group.c_str(),
                static_cast<long long>(s.machines), s.effective_time_s, s.capacity_per_h, s.reach, load,
                i == est.bottleneck ? "  <- bottleneck" : "");
  }
  std::printf(
      "\n  line yield %.4f; bottleneck '%s'; max entering %.4g lots/h; max good throughput %.4g lots/h\n",
      est.line_yield, est.steps[est.bottleneck].station_group.c_str(), est.max_entering_per_h,
      est.max_throughput_per_h);
  if (est.escape_fraction > 0)
    std::printf("  %.4g %% of the lots out are expected to be defective (escapes, %.4g per million)\n",
                100.0 * est.escape_fraction, 1e6 * est.escape_fraction);
  if (!spec.source.saturated) {
    std::printf("  entering rate %.4g lots/h (from the sources) -> expected good throughput %.4g lots/h\n",
                est.arrival_rate_per_h,
                std::min(est.arrival_rate_per_h, est.max_entering_per_h) * est.line_yield);
    if (est.arrival_rate_per_h >= est.max_entering_per_h)
      std::printf(
          "  warning: the source's rate reaches the bottleneck's capacity: queues will grow without bound\n");
  }
  return exit_ok;
}

} // namespace gigatwin::cli
