#include "ExperimentRunner.hpp"

#include "ExitCode.hpp"
#include "KpiReport.hpp"
#include "ProgressBar.hpp"

#include "Replication.hpp"
#include "ResultsError.hpp"
#include "ResultsReader.hpp"

#include <csignal>
#include <cstdio>
#include <iostream>
#include <limits>

namespace gigatwin::cli {

namespace {
extern "C" void on_interrupt(int) {
  models::request_interrupt();
}
} // namespace

void install_stop_handlers() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

int run_experiment_and_report(models::ExperimentPlan plan, models::ExperimentOptions options, bool quiet,
                              const std::string& banner) {
  if (options.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    std::cerr << plan.points.front().source_path
              << ": error: seed: expected an integer from 0 to 2^63-1, found " << options.seed << "\n";
    return exit_bad_input;
  }
  ProgressBar bar(!quiet);
  options.progress = [&bar](const models::BatchProgress& p) {
    char label[128];
    std::snprintf(label, sizeof label, "%lld/%lld runs done, %lld running%s",
                  static_cast<long long>(p.runs_done), static_cast<long long>(p.runs_total),
                  static_cast<long long>(p.running),
                  p.runs_failed > 0 ? (", " + std::to_string(p.runs_failed) + " failed").c_str() : "");
    bar.update(p.fraction, label);
  };
  options.stop_requested = [] { return models::interrupt_requested(); };
  install_stop_handlers();
  try {
    if (!quiet)
      std::cout << banner << std::flush;
    const auto outcome = models::run_experiment(std::move(plan), options);
    bar.finish();
    if (outcome.already_complete) {
      std::cout << "nothing to do: " << outcome.out_path << " already holds every run of this experiment\n";
      return exit_ok;
    }
    for (std::size_t i = 0; i < outcome.failures.size() && i < 10; ++i)
      std::cerr << "gigatwin: run " << outcome.failures[i].first << " failed: " << outcome.failures[i].second
                << "\n";
    if (outcome.failures.size() > 10)
      std::cerr << "gigatwin: ... and " << outcome.failures.size() - 10 << " more failed runs\n";
    if (!outcome.written) {
      std::cerr << "gigatwin: interrupted before any run finished; no results file was written\n";
      return exit_interrupted;
    }
    if (!outcome.interrupted && outcome.runs_ok > 0)
      print_kpis(std::cout, results::ResultsReader(outcome.out_path));
    if (outcome.replications_added > 0)
      std::cout << "precision: " << outcome.replications_added << " replication(s) added\n";
    if (outcome.runs_reused > 0)
      std::cout << "resumed: " << outcome.runs_reused << " run(s) taken from the earlier attempt\n";
    std::cout << "results: " << outcome.out_path << "\n";
    if (outcome.interrupted) {
      std::cerr << "gigatwin: interrupted; " << outcome.runs_ok << " completed run(s) are in "
                << outcome.out_path << " (marked incomplete); --resume runs the " << outcome.missing.size()
                << " missing one(s)\n";
      return exit_interrupted;
    }
    if (outcome.runs_failed > 0) {
      std::cerr << "gigatwin: " << outcome.runs_failed << " run(s) failed (listed in /experiment/failed); "
                << outcome.runs_ok << " completed run(s) are in " << outcome.out_path
                << "; --resume runs the failed ones again once their cause is fixed\n";
      return exit_runtime_failure;
    }
    return exit_ok;
  } catch (const models::ExperimentRefused& e) {
    bar.finish();
    std::cerr << "gigatwin: " << e.what() << "\n";
    return exit_bad_input;
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
