#pragma once
// ProcessPool: runs many tasks, each in a forked child process of its own, at most `slots` at a
// time — the local pool of `gigatwin batch --jobs N`. SimGrid keeps one engine per process, so a
// process per task is also what makes tasks independent: one that throws or crashes is reported
// with its message or signal and the others go on. A child may call report_progress() (from any
// process it forks, too) to send the fraction of its task done; the parent hears it through the
// task's pipe. The parent's loop never blocks for more than a tick (0.2 s), so a stop request is
// acted on at once: no task starts any more and the running ones are sent SIGTERM, then the loop
// waits for them (each ends as interrupted, or as done if it was finishing anyway).

#include "kernel/ChildProcess.hpp"

#include <cstddef>
#include <functional>
#include <optional>
#include <string>

namespace gigatwin::kernel {

struct PoolCallbacks {
  /// The next task to start (any id the caller likes), or nothing when there is none now.
  /// Called only when a slot is free; the pool ends once it returns nothing and no task runs.
  std::function<std::optional<std::size_t>()> next_task;
  /// Runs in the child; its return value is the task's payload.
  std::function<std::string(std::size_t task)> work;
  /// In the parent: a task reported `fraction` (0..1) of its work done.
  std::function<void(std::size_t task, double fraction)> on_progress;
  /// In the parent: a task sent a line of text (report_line); may be empty.
  std::function<void(std::size_t task, const std::string& line)> on_line;
  /// In the parent: a task ended (ok, failed with its message, crashed, interrupted).
  std::function<void(std::size_t task, const ChildOutcome& outcome)> on_done;
  /// In the parent, every tick: true asks the pool to stop (see above).
  std::function<bool()> stop_requested;
  /// In the parent, every tick (e.g. to answer other processes); may be empty.
  std::function<void()> on_tick;
};

class ProcessPool {
public:
  explicit ProcessPool(std::size_t slots);
  /// Runs tasks until next_task has no more and every child has ended. Returns false if it
  /// stopped because stop_requested said so.
  bool run(const PoolCallbacks& callbacks);

private:
  std::size_t slots_;
};

/// In a pool's child process or any process it forked: sends the fraction of the task done to
/// the pool. Cheap (one small write); does nothing outside a pool.
void report_progress(double fraction);
/// Likewise: sends a line of text (e.g. a JSON record for a live view) to the pool.
void report_line(const std::string& line);

} // namespace gigatwin::kernel
