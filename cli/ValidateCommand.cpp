#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ScenarioInput.hpp"
#include "SweepInput.hpp"

#include "scenario/CapacityEstimate.hpp"
#include "scenario/Units.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <optional>

namespace gigatwin::cli {

namespace {
/// A sweep file: every point loaded (as `batch` would), and each point's rough-cut capacity.
int validate_sweep(const ValidateArgs& args) {
  if (!args.target.empty()) {
    std::cerr << "gigatwin validate: --target applies to a scenario, and " << args.scenario
              << " is a sweep file (validate its base scenario with it instead)\n";
    return exit_bad_input;
  }
  const auto loaded = load_sweep_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  const auto& sweep = loaded->sweep;
  std::printf("%s: ok — sweep over %s: %zu point(s) x %lld replication(s) = %lld runs%s\n",
              args.scenario.c_str(), sweep.scenario_path.c_str(), loaded->points.size(),
              static_cast<long long>(sweep.replications),
              static_cast<long long>(loaded->points.size()) * static_cast<long long>(sweep.replications),
              sweep.baseline ? (", baseline point " + std::to_string(*sweep.baseline)).c_str() : "");
  std::printf("\nEvery point is a valid scenario. Rough-cut capacity per point (no simulation; modes at time "
              "0,\n  before any roll-out):\n");
  std::printf("  %5s  %-24s %14s  %s\n", "point", "bottleneck", "max good [/h]", "parameters");
  for (std::size_t p = 0; p < loaded->points.size(); ++p) {
    const auto est = scenario::estimate_capacity(loaded->points[p]);
    std::printf("  %5zu  %-24s %14.4g  %s\n", p, est.steps[est.bottleneck].station_group.c_str(),
                est.max_throughput_per_h, loaded->labels[p].c_str());
  }
  return exit_ok;
}
} // namespace

int validate_command(const ValidateArgs& args) {
  std::optional<double> target_per_h;
  if (!args.target.empty()) {
    const auto q = scenario::parse_rate_quantity(args.target);
    if (q.problem != scenario::QuantityProblem::none || !(q.value > 0)) {
      std::cerr << "--target: expected a good-output rate > 0 (e.g. 4/h), found '" << args.target << "'"
                << (q.reason.empty() ? "" : " (" + q.reason + ")") << "\n";
      return exit_bad_input;
    }
    target_per_h = q.value * 3600.0;
  }
  if (scenario::is_sweep_file(args.scenario))
    return validate_sweep(args);
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  scenario::ScenarioSpec spec = std::move(*loaded);
  const auto est = scenario::estimate_capacity(spec);
  std::printf("%s: ok — '%s', %zu steps, horizon %.4g d, warm-up %.4g d\n", args.scenario.c_str(),
              spec.name.c_str(), spec.steps.size(), spec.horizon_s / 86400.0, spec.warmup_s / 86400.0);
  // Outages switched off are easy to inherit unseen from a base scenario: say so.
  if (const auto& tower = spec.control_tower; tower && tower->has_outages())
    std::printf("control tower: %zu scheduled outage(s)%s, %s\n", tower->outages.size(),
                tower->random ? " and random outages" : "",
                tower->enabled ? "on" : "switched off (control_tower.enabled: false)");
  std::printf("\nRough-cut capacity (no simulation; breakdowns and setups averaged in; visits per lot\n"
              "entering the line from the traffic equations, rework included):\n");
  std::printf("  %-22s %8s %14s %14s %8s %8s\n", "step", "machines", "time/lot [s]", "capacity [/h]",
              "visits", "load");
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
  if (target_per_h) {
    // Lots of the final product entering per hour to make the target, and what each row then has
    // to do (capacity per lot entering = capacity / visits).
    const double entering = *target_per_h / est.line_yield;
    std::printf("\nAt a target of %.4g good lots/h (%.4g entering lots/h), utilisation needed:\n",
                *target_per_h, entering);
    bool over = false;
    for (const auto& s : est.steps) {
      const double u = (entering * s.reach + s.other_load_per_h) / s.capacity_per_h;
      over = over || u >= 1.0;
      std::printf("  %-22s %8.3f%s\n", s.station_group.c_str(), u, u >= 1.0 ? "  <- over capacity" : "");
    }
    if (over)
      std::printf("  the target is beyond the line's capacity (max %.4g good lots/h)\n",
                  est.max_throughput_per_h);
  }
  return exit_ok;
}

} // namespace gigatwin::cli
