#pragma once
// RunExecutor: where an experiment's runs execute. The local one is a ProcessPool of `jobs`
// processes; the MPI one (cli/MpiExecutor) hands runs to the ranks of an MPI job. Either way each
// run's work happens in a child process and its end is reported, in the calling process, through
// the callbacks' on_done, in whatever order runs finish.

#include "experiment/ExperimentPlan.hpp"

#include "kernel/ProcessPool.hpp"

#include <cstddef>
#include <vector>

namespace gigatwin::experiment {

class RunExecutor {
public:
  virtual ~RunExecutor() = default;
  /// Executes `callbacks.work(i)` for every i of `runs`; returns false if stopped by
  /// `callbacks.stop_requested` (runs not started are then not reported). `callbacks.next_task`
  /// is ignored: the executor decides the order.
  virtual bool execute(const ExperimentPlan& plan, const std::vector<std::size_t>& runs,
                       kernel::PoolCallbacks callbacks) = 0;
};

/// `jobs` processes on this machine, runs started in the order given.
class LocalExecutor : public RunExecutor {
public:
  explicit LocalExecutor(std::size_t jobs) : jobs_(jobs) {}
  bool execute(const ExperimentPlan&, const std::vector<std::size_t>& runs,
               kernel::PoolCallbacks callbacks) override {
    std::size_t next = 0;
    callbacks.next_task = [&]() -> std::optional<std::size_t> {
      if (next == runs.size())
        return std::nullopt;
      return runs[next++];
    };
    return kernel::ProcessPool(jobs_).run(callbacks);
  }

private:
  std::size_t jobs_;
};

} // namespace gigatwin::experiment
