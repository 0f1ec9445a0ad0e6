#pragma once
// Experiment: runs an ExperimentPlan — every point's replications — and writes one results file.
// Each run executes in a process of its own (RunExecutor: a local pool of `jobs` processes, or
// the ranks of an MPI job) and leaves a committed part file in "<out>.parts/"; the results file
// is assembled from the parts (ResultsAssembler). So:
//  - a run that fails is recorded with its error (/experiment/failed) and the others go on;
//  - a stop request (SIGINT/SIGTERM) stops the runs in flight and still writes a valid file of
//    the runs completed, marked complete=0; SIGKILL loses only the runs in flight;
//  - `resume` reuses the parts of the same experiment and runs only what is missing;
//  - the parts are removed once the file holds every planned run.
// An existing results file is never replaced unless `overwrite` is set, or `resume` finishes an
// incomplete file of the same experiment.

#include "experiment/ExperimentPlan.hpp"
#include "experiment/RunExecutor.hpp"
#include "plant/RunResult.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <functional>
#include <stdexcept>
#include <string>
#include <vector>

namespace gigatwin::experiment {

/// Replications are added to a point until the KPI's interval half-width is at most `relative`
/// times the magnitude of its mean (sequential procedure), up to a maximum.
struct PrecisionTarget {
  std::string kpi;
  double relative = 0.02;
};

struct BatchProgress {
  std::int64_t runs_total = 0; ///< runs this process is responsible for (reused ones included)
  std::int64_t runs_done = 0;  ///< completed or failed, reused ones included
  std::int64_t runs_failed = 0;
  std::int64_t running = 0;
  double fraction = 0; ///< of the work, runs in flight counted by their own progress
};

struct ExperimentOptions {
  std::string out_path;
  bool overwrite = false;
  bool resume = false;
  std::int64_t replications = 1;
  std::uint64_t seed = 1;
  std::string command_line; ///< recorded in the file's provenance
  /// Per point of a sweep: its overrides as text, for /experiment/points (empty: one scenario).
  std::vector<std::string> point_labels;
  std::optional<std::int64_t> baseline; ///< sweep point for /experiment/differences
  std::size_t jobs = 1;                 ///< local processes (ignored with an executor)
  Shard shard;                          ///< this process's share of the runs
  std::vector<PrecisionTarget> precision;
  std::int64_t max_replications = 0; ///< with precision targets: per point
  /// Where runs execute; null: a LocalExecutor of `jobs`.
  RunExecutor* executor = nullptr;
  /// In this process, about every 0.2 s while runs execute.
  std::function<void(const BatchProgress&)> progress;
  /// In this process: every time-series sample of every run as a LiveSample JSON line (set: the
  /// runs send them; local runs only, not MPI ranks').
  std::function<void(const std::string& line)> on_live;
  /// Polled while runs execute: true stops the batch (the runs in flight are interrupted).
  std::function<bool()> stop_requested;
};

struct ExperimentOutcome {
  std::string out_path;
  bool written = false;          ///< a results file was written (false: interrupted before any run)
  bool interrupted = false;      ///< stopped by a stop request
  bool already_complete = false; ///< resume found the file complete: nothing ran
  std::int64_t runs_ok = 0;
  std::int64_t runs_failed = 0;
  std::int64_t runs_reused = 0;                              ///< parts of an earlier attempt used again
  /// Twin runs (without the roll-out or outages) simulated for this experiment's runs: each at
  /// most once, however many points share it.
  std::int64_t twins_simulated = 0;
  std::vector<std::string> missing;                          ///< planned runs not in the file
  std::vector<std::pair<std::string, std::string>> failures; ///< run id, error
  std::int64_t replications_added = 0;                       ///< by precision targets
  /// Precision targets missed at --max-replications, one sentence per point and KPI.
  std::vector<std::string> precision_missed;
  /// The runs this process executed and brought back, in plan order (not reused ones).
  std::vector<plant::RunResult> runs;
};

/// The batch cannot start as asked (an existing file or an unfinished batch in the way, another
/// batch writing the same file); nothing was run or changed.
struct ExperimentRefused : std::runtime_error {
  using std::runtime_error::runtime_error;
};

ExperimentOutcome run_experiment(ExperimentPlan plan, const ExperimentOptions& options);
/// One scenario: `options.replications` of it.
ExperimentOutcome run_experiment(const scenario::ScenarioSpec& spec, const ExperimentOptions& options);

/// The folder of part files of the results file `out_path`.
std::string parts_dir_of(const std::string& out_path);
/// What a child does for run `k` of the plan: executes it into its part file in `parts_dir`.
std::string execute_run_into(const ExperimentPlan& plan, std::size_t k, const std::string& parts_dir,
                             bool live = false);

/// Sets `run.payback_years` from the same replication without the roll-out: the one-off costs
/// (capital, severance, retraining) over the yearly savings in recurring cost (labour +
/// maintenance + energy) per good lot (left NaN without savings).
void set_payback(plant::RunResult& run, const plant::RunResult& baseline);

/// FNV-1a 64 of the text, as 16 hex digits: the scenario hash recorded in results.
std::string text_hash(const std::string& text);

} // namespace gigatwin::experiment
