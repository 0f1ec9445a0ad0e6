#include "Commands.hpp"
#include "ExitCode.hpp"
#include "KpiReport.hpp"
#include "ProgressBar.hpp"
#include "ScenarioInput.hpp"

#include "Experiment.hpp"
#include "Replication.hpp"
#include "ResultsError.hpp"

#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>

namespace gigatwin::cli {

namespace {
extern "C" void on_interrupt(int) {
  models::request_interrupt();
}

std::string default_out(const std::string& scenario) {
  return std::filesystem::path(scenario).stem().string() + ".h5";
}
} // namespace

int run_command(const RunArgs& args) {
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  models::ScenarioSpec spec = std::move(*loaded);
  models::ExperimentOptions options;
  options.out_path = args.out.empty() ? default_out(args.scenario) : args.out;
  options.overwrite = args.force;
  options.seed = args.seed ? static_cast<std::uint64_t>(*args.seed) : spec.seed;
  if (options.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    std::cerr << args.scenario << ": error: seed: expected an integer from 0 to 2^63-1, found "
              << options.seed << "\n";
    return exit_bad_input;
  }
  options.replications = args.replications.value_or(spec.replications);
  options.command_line = args.command_line;

  if (!args.force && std::filesystem::exists(options.out_path)) {
    std::cerr
        << "gigatwin: results file '" << options.out_path
        << "' already exists; nothing was run (use --force to replace it, or --out to write elsewhere)\n";
    return exit_bad_input;
  }

  ProgressBar bar(!args.quiet);
  options.progress = [&bar](std::int64_t rep, std::int64_t reps, double now, double end) {
    char label[96];
    std::snprintf(label, sizeof label, "run %lld/%lld, day %.1f of %.1f", static_cast<long long>(rep + 1),
                  static_cast<long long>(reps), now / 86400.0, end / 86400.0);
    bar.update((static_cast<double>(rep) + now / end) / static_cast<double>(reps), label);
  };

  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
  try {
    const auto parent = std::filesystem::path(options.out_path).parent_path();
    if (!parent.empty())
      std::filesystem::create_directories(parent);
    if (!args.quiet)
      std::cout << "GigaTwin " << GIGATWIN_VERSION << ": " << spec.name << " (" << spec.horizon_s / 86400.0
                << " d, " << options.replications << " replication(s), seed " << options.seed << ")\n"
                << std::flush;
    auto outcome = models::run_experiment(spec, options);
    bar.finish();
    print_kpis(std::cout, spec, outcome.runs);
    std::cout << "results: " << outcome.out_path << "\n";
    return exit_ok;
  } catch (const models::ReplicationInterrupted&) {
    bar.finish();
    std::cerr << "gigatwin: interrupted; no results file was written\n";
    return exit_interrupted;
  } catch (const results::ResultsError& e) {
    bar.finish();
    std::cerr << "gigatwin: " << e.what() << "\n";
    return exit_runtime_failure;
  } catch (const std::exception& e) {
    bar.finish();
    std::cerr << "gigatwin: run failed: " << e.what() << "\n";
    return exit_runtime_failure;
  }
}

} // namespace gigatwin::cli
