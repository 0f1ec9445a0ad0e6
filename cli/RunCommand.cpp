#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"
#include "ScenarioInput.hpp"

#include <filesystem>
#include <iostream>
#include <sstream>

namespace gigatwin::cli {

namespace {
std::string default_out(const std::string& scenario) {
  return std::filesystem::path(scenario).stem().string() + ".h5";
}
} // namespace

int run_command(const RunArgs& args) {
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  if (args.trace && !loaded->trace.enabled) {
    // As an override, so that the scenario stored with the results says the runs were traced.
    std::vector<std::string> overrides = args.overrides;
    overrides.push_back(trace_on_override(loaded->trace));
    loaded = load_scenario_or_report(args.scenario, overrides);
    if (!loaded)
      return exit_bad_input;
  }
  scenario::ScenarioSpec spec = std::move(*loaded);
  experiment::ExperimentOptions options;
  options.out_path = args.out.empty() ? default_out(args.scenario) : args.out;
  options.overwrite = args.force;
  options.resume = args.resume;
  options.jobs = args.jobs;
  options.seed = args.seed ? static_cast<std::uint64_t>(*args.seed) : spec.seed;
  options.replications = args.replications.value_or(spec.replications);
  options.command_line = args.command_line;

  std::ostringstream banner;
  banner << "GigaTwin " << GIGATWIN_VERSION << ": " << spec.name << " (" << spec.horizon_s / 86400.0 << " d, "
         << options.replications << " replication(s), seed " << options.seed << ", " << options.jobs
         << " process(es))\n";
  auto plan = experiment::ExperimentPlan::make({spec}, {}, options.replications, options.seed);
  return run_experiment_and_report(std::move(plan), options, args.quiet, banner.str(), args.progress);
}

} // namespace gigatwin::cli
