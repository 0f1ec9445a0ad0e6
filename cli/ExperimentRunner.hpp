#pragma once
// ExperimentRunner: what `run` and `batch` share — the progress bar over every run, Ctrl-C and
// SIGTERM turned into a clean stop (no file), the results folder created, the experiment run,
// its KPIs printed, and failures turned into exit codes with one clear message.

#include "Experiment.hpp"
#include "ScenarioSpec.hpp"

#include <string>
#include <vector>

namespace gigatwin::cli {

/// Runs every point's replications into options.out_path; prints `banner` first unless quiet.
/// Refuses (exit 2, nothing run) a seed above 2^63-1 and an existing file without overwrite.
int run_experiment_and_report(const std::vector<models::ScenarioSpec>& points,
                              models::ExperimentOptions options, bool quiet, const std::string& banner);

} // namespace gigatwin::cli
