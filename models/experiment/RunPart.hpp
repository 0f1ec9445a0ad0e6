#pragma once
// RunPart: one planned run of an experiment, done in the calling process and written as a part
// file — a results file of its own holding /runs/<id> (time series, station table, ...) and the
// run's one-row /experiment/summary, keyed by the run's key. Parts are what a batch keeps on disk
// as it goes: the final file is assembled from them, a resumed batch reuses them, and a part is
// committed (renamed into place) only once complete, so a killed batch loses at most the runs in
// flight. Where the KPIs need a twin — the same replication without outages (lost output) or
// without the roll-out (payback) — the twin runs first, in a child process of its own.

#include "experiment/ExperimentPlan.hpp"

#include <string>

namespace gigatwin::experiment {

/// Must be called in a process that has not hosted a SimGrid engine yet (a pool's child); sends
/// its progress through kernel::report_progress. Returns the RunResult, encoded.
/// With `live`, every time-series sample of the run is also sent as a LiveSample JSON line
/// (kernel::report_line).
std::string execute_planned_run(const ExperimentPlan& plan, std::size_t run, const std::string& part_path,
                                const std::string& experiment_key, bool live = false);

} // namespace gigatwin::experiment
