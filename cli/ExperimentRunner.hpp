#pragma once
// ExperimentRunner: what `run` and `batch` share — the progress bar with ETA over every run,
// Ctrl-C and SIGTERM turned into a clean stop (a valid file of the runs completed, resumable),
// the experiment run, its KPIs printed from the file written, failed runs listed, and every
// outcome turned into an exit code with one clear message.

#include "experiment/Experiment.hpp"
#include "experiment/ExperimentPlan.hpp"

#include <string>

namespace gigatwin::cli {

/// Runs the plan into options.out_path; prints `banner` first unless quiet. Refuses (exit 2,
/// nothing run) an existing file without overwrite or resume, and an
/// unfinished batch's parts without resume or overwrite.
/// `progress`: "bar" (a progress bar on stderr when it is a terminal, the KPI report on stdout)
/// or "json" (stdout carries JSON lines only: start, progress, every run's samples (LiveSample)
/// and done with the exit code and the results file; messages still go to stderr).
/// `sweep`: the report is one line per point (print_point_table) instead of the full KPI report.
/// `quiet`: no banner, bar or report; a run prints only its results path, a sweep nothing; errors
/// and warnings still go to stderr.
int run_experiment_and_report(experiment::ExperimentPlan plan, experiment::ExperimentOptions options,
                              bool quiet, const std::string& banner, const std::string& progress = "bar",
                              bool sweep = false);

/// Installs the SIGINT/SIGTERM handlers that ask running replications to stop.
void install_stop_handlers();

} // namespace gigatwin::cli
