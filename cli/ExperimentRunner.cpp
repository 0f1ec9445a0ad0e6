#include "ExperimentRunner.hpp"

#include "ExitCode.hpp"
#include "KpiReport.hpp"
#include "ProgressBar.hpp"

#include "experiment/LiveSample.hpp"
#include "experiment/Replication.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <chrono>
#include <csignal>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <limits>

namespace gigatwin::cli {

namespace {
extern "C" void on_interrupt(int) {
  experiment::request_interrupt();
}
} // namespace

void install_stop_handlers() {
  std::signal(SIGINT, on_interrupt);
  std::signal(SIGTERM, on_interrupt);
}

namespace {
/// A stream that drops everything: the human report when stdout carries JSON lines.
struct NullBuffer : std::streambuf {
  int overflow(int c) override { return c; }
};

double seconds_since(std::chrono::steady_clock::time_point t0) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - t0).count();
}

int run_and_report(experiment::ExperimentPlan plan, experiment::ExperimentOptions options, bool quiet,
                   const std::string& banner, bool json, bool sweep, std::ostream& human) {
  ProgressBar bar(!quiet && !json);
  const auto t0 = std::chrono::steady_clock::now();
  auto last_json = t0 - std::chrono::seconds(1);
  if (json) {
    // The live stream: every sample of every run, and the progress at most 5 times a second.
    options.on_live = [](const std::string& line) { std::cout << line << '\n' << std::flush; };
    std::cout << "{\"type\":\"start\",\"runs\":" << plan.runs.size() << ",\"points\":" << plan.points.size()
              << ",\"horizon_s\":" << plan.points.front().horizon_s
              << ",\"results\":" << experiment::json_string(options.out_path) << "}\n"
              << std::flush;
  }
  options.progress = [&](const experiment::BatchProgress& p) {
    if (json) {
      const auto now = std::chrono::steady_clock::now();
      if (now - last_json < std::chrono::milliseconds(200) && p.runs_done < p.runs_total)
        return;
      last_json = now;
      const double elapsed = seconds_since(t0);
      const double eta = p.fraction > 0.01 ? elapsed * (1 - p.fraction) / p.fraction : -1;
      std::printf("{\"type\":\"progress\",\"fraction\":%.6f,\"runs_done\":%lld,\"runs_total\":%lld,"
                  "\"running\":%lld,\"failed\":%lld,\"elapsed_s\":%.3f,\"eta_s\":%s}\n",
                  p.fraction, static_cast<long long>(p.runs_done), static_cast<long long>(p.runs_total),
                  static_cast<long long>(p.running), static_cast<long long>(p.runs_failed), elapsed,
                  eta < 0 ? "null" : std::to_string(eta).c_str());
      std::fflush(stdout);
      return;
    }
    char label[128];
    std::snprintf(label, sizeof label, "%lld/%lld runs done, %lld running%s",
                  static_cast<long long>(p.runs_done), static_cast<long long>(p.runs_total),
                  static_cast<long long>(p.running),
                  p.runs_failed > 0 ? (", " + std::to_string(p.runs_failed) + " failed").c_str() : "");
    bar.update(p.fraction, label);
  };
  options.stop_requested = [] { return experiment::interrupt_requested(); };
  install_stop_handlers();
  try {
    if (!quiet)
      human << banner << std::flush;
    const auto outcome = experiment::run_experiment(std::move(plan), options);
    bar.finish();
    if (outcome.already_complete) {
      if (!quiet)
        human << "nothing to do: " << outcome.out_path << " already holds every run of this experiment\n";
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
    if (!outcome.interrupted && outcome.runs_ok > 0 && !quiet) {
      const results::ResultsReader written(outcome.out_path);
      if (sweep)
        print_point_table(human, written);
      else
        print_kpis(human, written);
    }
    if (outcome.replications_added > 0 && !quiet)
      human << "precision: " << outcome.replications_added << " replication(s) added\n";
    if (outcome.runs_reused > 0 && !quiet)
      human << "resumed: " << outcome.runs_reused << " run(s) taken from the earlier attempt\n";
    if (outcome.twins_simulated > 0 && !quiet)
      human
          << "twin runs (the same plant without its roll-out or outages, for payback_years and lost_output): "
          << outcome.twins_simulated
          << " simulated (by this batch or an attempt it resumed), each shared by "
             "every run that needs it\n";
    if (!quiet || !sweep)
      human << "results: " << outcome.out_path << "\n";
    if (outcome.interrupted) {
      std::cerr << "gigatwin: interrupted; " << outcome.runs_ok << " completed run(s) are in "
                << outcome.out_path << " (marked incomplete); --resume runs the " << outcome.missing.size()
                << " missing one(s)\n";
      return exit_interrupted;
    }
    if (!outcome.missing.empty() && outcome.runs_failed > 0)
      std::cerr << "gigatwin: " << outcome.missing.size()
                << " planned run(s) did not start; --resume runs them\n";
    if (outcome.runs_failed > 0) {
      std::cerr << "gigatwin: " << outcome.runs_failed << " run(s) failed (listed in /experiment/failed); "
                << outcome.runs_ok << " completed run(s) are in " << outcome.out_path
                << "; --resume runs the failed ones again once their cause is fixed\n";
      return exit_runtime_failure;
    }
    for (const auto& missed : outcome.precision_missed)
      std::cerr << "gigatwin: warning: precision target missed at --max-replications: " << missed << "\n";
    if (!outcome.precision_missed.empty()) {
      std::cerr << "gigatwin: " << outcome.precision_missed.size()
                << " precision target(s) missed (reached half-widths in /experiment/precision); raise "
                   "--max-replications to reach them\n";
      return exit_precision_missed;
    }
    return exit_ok;
  } catch (const experiment::ExperimentRefused& e) {
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

} // namespace

int run_experiment_and_report(experiment::ExperimentPlan plan, experiment::ExperimentOptions options,
                              bool quiet, const std::string& banner, const std::string& progress,
                              bool sweep) {
  const bool json = progress == "json";
  NullBuffer null_buffer;
  std::ostream null_stream(&null_buffer);
  const std::string out = options.out_path;
  const int code = run_and_report(std::move(plan), std::move(options), quiet, banner, json, sweep,
                                  json ? null_stream : std::cout);
  if (json) {
    const char* status = code == exit_ok || code == exit_precision_missed ? "ok"
                         : code == exit_interrupted                       ? "interrupted"
                         : code == exit_bad_input                         ? "refused"
                                                                          : "failed";
    std::cout << "{\"type\":\"done\",\"status\":\"" << status << "\",\"exit_code\":" << code
              << ",\"results\":"
              << experiment::json_string(
                     code != exit_bad_input && std::filesystem::exists(out) ? out : std::string())
              << "}\n"
              << std::flush;
  }
  return code;
}

} // namespace gigatwin::cli
