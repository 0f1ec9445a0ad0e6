#pragma once
// Replication: runs one replication of a scenario — a Kernel, a Factory, the run to the horizon
// in slices — and writes its time series and station table under /runs/<run_id> of a part
// results file. `run_replication_in_child` does it in a forked process (one SimGrid engine per
// process) and hands the KPIs back; a failure or crash of the child becomes an exception.

#include "plant/PlantState.hpp"
#include "plant/RunResult.hpp"
#include "scenario/ScenarioSpec.hpp"

#include "kernel/Kernel.hpp"
#include "results/ResultsWriter.hpp"

#include <functional>
#include <stdexcept>
#include <string>

namespace gigatwin::plant {
struct SeriesSample;
class Factory;
} // namespace gigatwin::plant

namespace gigatwin::experiment {

struct ReplicationOptions {
  std::int64_t replication = 0;
  std::uint64_t seed = 1;
  std::int64_t point = 0;
  std::string part_path; ///< results file to write the run into; empty: no file
  /// Called after every slice with simulated now and end (s), in the process that simulates.
  std::function<void(double now_s, double end_s)> progress;
  double slice_s = 0; ///< run slice length; 0 = horizon / 500
  /// How hot-path events reach SimGrid's timers; both give identical results.
  kernel::TimerMode timer_mode = kernel::TimerMode::batched;
  /// With a part file: called last before it is committed, to complete the run's KPIs and add
  /// what the experiment records with it (its /experiment/summary row).
  std::function<void(results::ResultsWriter& part, plant::RunResult& result)> before_commit;
  /// Start from this state (Factory::start_from) instead of an empty plant; null: time 0.
  const plant::PlantState* from_state = nullptr;
  std::string from_state_key; ///< names that state among others (a hash of its file)
  /// Called at every sample of the time series (with or without a part file).
  std::function<void(const plant::SeriesSample&, const plant::Factory&)> on_sample;
};

/// The user interrupted the run (SIGINT/SIGTERM); nothing was written.
struct ReplicationInterrupted : std::runtime_error {
  ReplicationInterrupted() : std::runtime_error("interrupted") {}
};

/// "p0000-r0003": the run's group name under /runs.
std::string run_id(std::int64_t point, std::int64_t replication);

/// Runs in this process. A process can host only one SimGrid engine: call at most once.
plant::RunResult run_replication(const scenario::ScenarioSpec& spec, const ReplicationOptions& options);
/// Runs in a forked child process; any number of times.
plant::RunResult run_replication_in_child(const scenario::ScenarioSpec& spec,
                                          const ReplicationOptions& options);

/// Async-signal-safe: asks a running replication to stop at the end of its current slice.
void request_interrupt();
bool interrupt_requested();

} // namespace gigatwin::experiment
