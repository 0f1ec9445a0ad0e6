#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"
#include "ScenarioInput.hpp"

#include "plantdata/PlantStateFile.hpp"

#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>

namespace gigatwin::cli {

namespace {
std::string default_out(const std::string& scenario) {
  return std::filesystem::path(scenario).stem().string() + ".h5";
}
} // namespace

int run_command(const RunArgs& args) {
  // From a state there is no warm-up (the plant is loaded already): the scenario's must not
  // stand in the way of a shorter horizon.
  std::vector<std::string> overrides = args.overrides;
  if (!args.from_state.empty())
    overrides.insert(overrides.begin(), "warmup=0s");
  auto loaded = load_scenario_or_report(args.scenario, overrides);
  if (!loaded)
    return exit_bad_input;
  if (args.trace && !loaded->trace.enabled) {
    // As an override, so that the scenario stored with the results says the runs were traced.
    overrides.push_back(trace_on_override(loaded->trace));
    loaded = load_scenario_or_report(args.scenario, overrides);
    if (!loaded)
      return exit_bad_input;
  }
  scenario::ScenarioSpec spec = std::move(*loaded);
  std::optional<plant::PlantState> state;
  std::string state_text;
  if (!args.from_state.empty()) {
    std::ifstream in(args.from_state, std::ios::binary);
    if (!in || std::filesystem::is_directory(args.from_state)) {
      std::cerr << "gigatwin run: --from-state: cannot read '" << args.from_state << "'\n";
      return exit_bad_input;
    }
    state_text.assign(std::istreambuf_iterator<char>(in), std::istreambuf_iterator<char>());
    try {
      state = plantdata::read_plant_state(state_text, args.from_state, spec);
    } catch (const plantdata::PlantStateError& e) {
      std::cerr << "gigatwin run: " << e.what() << "\n";
      return exit_bad_input;
    }
    // The horizon runs on from the state; statistics count from it (no warm-up: the plant is
    // already loaded).
    spec.horizon_s += state->time_s;
    spec.warmup_s = state->time_s;
    spec.warmup_mser5 = false;
  }
  experiment::ExperimentOptions options;
  options.out_path = args.out.empty() ? default_out(args.scenario) : args.out;
  options.overwrite = args.force;
  options.resume = args.resume;
  options.jobs = args.jobs;
  options.seed = args.seed ? static_cast<std::uint64_t>(*args.seed) : spec.seed;
  options.replications = args.replications.value_or(spec.replications);
  options.command_line = args.command_line;

  std::ostringstream banner;
  banner << "GigaTwin " << GIGATWIN_VERSION << ": " << spec.name << " ("
         << (state ? "from the state at " + std::to_string(state->time_s / 86400.0) + " d, " : std::string())
         << (spec.horizon_s - spec.warmup_s * (state ? 1 : 0)) / 86400.0 << " d, " << options.replications
         << " replication(s), seed " << options.seed << ", " << options.jobs << " process(es))\n";
  auto plan = experiment::ExperimentPlan::make({spec}, {}, options.replications, options.seed);
  if (state) {
    plan.from_state = std::move(state);
    plan.from_state_text = std::move(state_text);
  }
  return run_experiment_and_report(std::move(plan), options, args.quiet, banner.str(), args.progress);
}

} // namespace gigatwin::cli
