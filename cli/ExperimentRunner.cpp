#include "ExperimentRunner.hpp"

#include "ExitCode.hpp"
#include "KpiReport.hpp"
#include "ProgressBar.hpp"

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
} // namespace

int run_experiment_and_report(const std::vector<models::ScenarioSpec>& points,
                              models::ExperimentOptions options, bool quiet, const std::string& banner) {
  if (options.seed > static_cast<std::uint64_t>(std::numeric_limits<std::int64_t>::max())) {
    std::cerr << points.front().source_path << ": error: seed: expected an integer from 0 to 2^63-1, found "
              << options.seed << "\n";
    return exit_bad_input;
  }
  if (!options.overwrite && std::filesystem::exists(options.out_path)) {
    std::cerr
        << "gigatwin: results file '" << options.out_path
        << "' already exists; nothing was run (use --force to replace it, or --out to write elsewhere)\n";
    return exit_bad_input;
  }
  ProgressBar bar(!quiet);
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
    if (!quiet)
      std::cout << banner << std::flush;
    auto outcome = models::run_experiment(points, options);
    bar.finish();
    if (points.size() == 1) {
      print_kpis(std::cout, points.front(), outcome.runs);
    } else {
      const auto reps = static_cast<std::size_t>(options.replications);
      for (std::size_t p = 0; p < points.size(); ++p) {
        std::cout << "\npoint " << p << ": " << options.point_labels[p] << "\n";
        const std::vector<models::RunResult> runs(
            outcome.runs.begin() + static_cast<std::ptrdiff_t>(p * reps),
            outcome.runs.begin() + static_cast<std::ptrdiff_t>((p + 1) * reps));
        print_kpis(std::cout, points[p], runs);
      }
    }
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
