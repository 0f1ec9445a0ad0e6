#pragma once
// Experiment: every replication of one scenario, each in its own child process writing a part
// file, merged into one self-describing results file (root metadata, the resolved scenario,
// /experiment/summary, /runs/*). The file appears under its final name only when complete; an
// existing file is never replaced unless `overwrite` is set, and a failed or interrupted
// experiment leaves nothing behind.

#include "Replication.hpp"
#include "RunResult.hpp"
#include "ScenarioSpec.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gigatwin::models {

struct ExperimentOptions {
  std::string out_path;
  bool overwrite = false;
  std::int64_t replications = 1;
  std::uint64_t seed = 1;
  std::string command_line; ///< recorded in the file's provenance
  /// Per point of a sweep: its overrides as text, for /experiment/points (empty: one point).
  std::vector<std::string> point_labels;
  /// Progress of run `rep` (0-based, over every point) of `reps`: simulated now and end (s).
  /// Runs in the child.
  std::function<void(std::int64_t rep, std::int64_t reps, double now_s, double end_s)> progress;
};

struct ExperimentOutcome {
  std::vector<RunResult> runs;
  std::string out_path;
};

ExperimentOutcome run_experiment(const ScenarioSpec& spec, const ExperimentOptions& options);
/// A sweep: every replication of every point (a scenario each), one after another, in one file;
/// run ids p<point>-r<replication>, summary and confidence per point.
ExperimentOutcome run_experiment(const std::vector<ScenarioSpec>& points, const ExperimentOptions& options);

/// Sets `run.payback_years` from the same replication without the roll-out: the one-off costs
/// (capital, severance, retraining) over the yearly savings in recurring cost (labour +
/// maintenance) per good lot (left NaN without savings).
void set_payback(RunResult& run, const RunResult& baseline);

/// FNV-1a 64 of the text, as 16 hex digits: the scenario hash recorded in results.
std::string text_hash(const std::string& text);

} // namespace gigatwin::models
