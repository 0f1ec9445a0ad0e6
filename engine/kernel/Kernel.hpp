#pragma once
// Kernel: the simulation clock and run control of one replication, on top of SimGrid 3.32.
// Time is in seconds. SimGrid's engine owns the clock. Hot-path events (arrivals, finishes,
// failures, repairs...) are plain callbacks driven by SimGrid kernel timers — no actor, no
// context switch; rare, story-like process logic runs as S4U actors on the one "plant" host.
// Everything runs in SimGrid's single sequential engine (raw contexts), so events at equal
// dates are handled in a deterministic order (scheduling order).
//
// Events are ordered by GigaTwin's EventCalendar (date, priority, scheduling order) in both
// timer modes. `direct`: one SimGrid kernel timer per event; each timer that fires handles the
// calendar's next event. `batched` (the default): one SimGrid kernel timer is armed at the
// calendar's head; when it fires, every event is handled up to the next date at which SimGrid
// has anything else to do (another timer, a process waking up, the end of the run slice) — a
// conservative lookahead that pays SimGrid's per-round cost once per batch instead of once per
// event (docs/BENCHMARKS.md). Processes must wait only with `sleep_until` (the lookahead knows
// those dates); a process spawned by an event starts at that event's date in both modes. The
// two modes give the same results (tests/kernel, tests/factory). SimGrid keeps one engine per
// process: create at most one Kernel per process (replications are separate processes).

#include "kernel/EventCalendar.hpp"

#include <simgrid/kernel/Timer.hpp>
#include <simgrid/s4u/Engine.hpp>
#include <simgrid/s4u/Host.hpp>

#include <csignal>
#include <cstdint>
#include <functional>
#include <limits>
#include <memory>
#include <set>
#include <string>

namespace gigatwin::kernel {

namespace sg4 = simgrid::s4u;

enum class TimerMode { batched, direct };

class Kernel {
public:
  explicit Kernel(TimerMode mode = TimerMode::batched, const std::string& name = "gigatwin");
  ~Kernel();
  Kernel(const Kernel&) = delete;
  Kernel& operator=(const Kernel&) = delete;

  /// Date of the event being handled (or of the end of the last run slice), s.
  double now() const { return now_; }
  TimerMode mode() const { return mode_; }

  /// Calls `fn` at `date_s` (>= now). Hot path: the callback runs in the kernel (maestro).
  /// `late` events run after every normal event of the same date (e.g. samples of what happened).
  TimerHandle schedule_at(double date_s, EventCalendar::Callback fn,
                          EventPriority priority = EventPriority::normal);
  TimerHandle schedule_in(double delay_s, EventCalendar::Callback fn) {
    return schedule_at(now_ + delay_s, std::move(fn));
  }
  /// Removes an event that has not fired yet; `handle` is reset either way.
  void cancel(TimerHandle& handle);

  /// Starts an S4U actor for rare process logic, now (from an event: at that event's date).
  /// Inside it, wait only with `sleep_until` and touch model state only through `in_kernel`.
  void spawn_process(const std::string& name, std::function<void()> code);
  /// From inside a process: wait until the given simulated date, s.
  void sleep_until(double date_s);
  /// From inside a process: run `fn` in the kernel, atomically with respect to the events.
  void in_kernel(const std::function<void()>& fn);

  using ProgressCallback = std::function<void(double now_s, double end_s)>;
  /// Advances the clock to `end_s` in slices of `slice_s`, calling `progress` after each one.
  /// Returns false if stopped early by request_stop().
  bool run_until(double end_s, double slice_s, const ProgressCallback& progress = {});
  /// Asks the run to stop at the end of the current slice (safe from a signal handler).
  void request_stop() { stop_requested_ = 1; }

  std::uint64_t events_fired() const { return fired_; }
  std::uint64_t events_scheduled() const { return scheduled_; }
  /// SimGrid timer rounds used (equals events_fired in direct mode).
  std::uint64_t kernel_rounds() const { return rounds_; }
  sg4::Host* host() const { return host_; }

private:
  void fire_direct(TimerHandle handle);
  void run_batch();
  void arm();

  TimerMode mode_;
  std::unique_ptr<sg4::Engine> engine_;
  sg4::Host* host_ = nullptr;
  EventCalendar calendar_;
  simgrid::kernel::timer::Timer* armed_ = nullptr; // batched mode: the one SimGrid timer
  double armed_date_s_ = std::numeric_limits<double>::infinity();
  double slice_end_s_ = 0.0;
  bool in_batch_ = false;
  bool end_batch_ = false;             // a process was spawned: SimGrid must run it before later events
  std::multiset<double> wake_dates_s_; // processes sleeping until these dates
  double now_ = 0.0;
  std::uint64_t fired_ = 0;
  std::uint64_t scheduled_ = 0;
  std::uint64_t rounds_ = 0;
  volatile std::sig_atomic_t stop_requested_ = 0;
};

} // namespace gigatwin::kernel
