#pragma once
// Kernel: the simulation clock and run control of one replication, on top of SimGrid 3.32.
// Time is in seconds. The hot path schedules plain callbacks on SimGrid kernel timers (cheap:
// no actor, no context switch); rare, story-like process logic runs as S4U actors on the one
// "plant" host. Everything runs in SimGrid's single sequential engine (raw contexts), so events
// at equal dates are handled in a deterministic order. SimGrid allows one engine per process:
// create at most one Kernel per process (replications are separate processes).

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <csignal>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>

namespace gigatwin::engine {

namespace sg4 = simgrid::s4u;

/// A scheduled callback; becomes invalid once it fired or was cancelled.
using TimerHandle = simgrid::kernel::timer::Timer*;

class Kernel {
public:
  explicit Kernel(const std::string& name = "gigatwin");
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  /// Date of the event being handled (or of the end of the last run slice), s.
  double now() const { return now_; }

  /// Calls `fn` at `date_s` (>= now). Hot path: the callback runs in the kernel (maestro).
  template <class F> TimerHandle schedule_at(double date_s, F&& fn) {
    ++scheduled_;
    return simgrid::kernel::timer::Timer::set(date_s, [this, date_s, fn = std::forward<F>(fn)]() mutable {
      now_ = date_s;
      ++fired_;
      fn();
    });
  }
  template <class F> TimerHandle schedule_in(double delay_s, F&& fn) {
    return schedule_at(now_ + delay_s, std::forward<F>(fn));
  }
  /// Removes a timer that has not fired yet. `handle` is reset to nullptr.
  static void cancel(TimerHandle& handle);

  /// Starts an S4U actor for rare process logic. Inside it, use `sleep_until` and touch
  /// model state only through `in_kernel`.
  void spawn_process(const std::string& name, std::function<void()> code);
  /// From inside a process: wait until the given simulated date, s.
  static void sleep_until(double date_s);
  /// From inside a process: run `fn` in the kernel, atomically with respect to the timers.
  void in_kernel(const std::function<void()>& fn);

  using ProgressCallback = std::function<void(double now_s, double end_s)>;
  /// Advances the clock to `end_s` in slices of `slice_s`, calling `progress` after each one.
  /// Returns false if stopped early by request_stop().
  bool run_until(double end_s, double slice_s, const ProgressCallback& progress = {});
  /// Asks the run to stop at the end of the current slice (safe from a signal handler).
  void request_stop() { stop_requested_ = 1; }

  std::uint64_t events_fired() const { return fired_; }
  std::uint64_t events_scheduled() const { return scheduled_; }
  sg4::Host* host() const { return host_; }

private:
  std::unique_ptr<sg4::Engine> engine_;
  sg4::Host* host_ = nullptr;
  double now_ = 0.0;
  std::uint64_t fired_ = 0;
  std::uint64_t scheduled_ = 0;
  volatile std::sig_atomic_t stop_requested_ = 0;
};

} // namespace gigatwin::engine
