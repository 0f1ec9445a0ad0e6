#pragma once
// Machine: one machine of a station group, an explicit state machine driven by kernel timers.
// It processes one lot at a time: an optional setup, then the process time (s). Breakdowns are
// preempt-resume: the pending finish is removed, the remaining work kept and resumed after
// repair. The failure clock counts calendar time or operating time (setup + busy) as the
// scenario says. Every state change goes to the factory's StateRecorder.

#include "Lot.hpp"
#include "MachineState.hpp"

#include "Kernel.hpp"
#include "RandomStream.hpp"

#include <cstdint>

namespace gigatwin::models {

class StationGroup;
class Factory;

class Machine {
public:
  Machine(StationGroup& group, Factory& factory, std::uint32_t index_in_group);

  /// Schedules the first failure (if the group has breakdowns). Called once at time 0.
  void start_failure_clock();
  /// Starts work on `lot`; the machine must be idle.
  void start(const Lot& lot);
  /// Gives up the finished lot it holds while blocked; the caller then frees the machine.
  Lot hand_over();
  /// The machine has nothing to do.
  void go_idle();
  /// The finished lot cannot move on yet.
  void block();

  MachineState state() const { return state_; }
  const Lot& lot() const { return lot_; }
  StationGroup& group() const { return group_; }
  std::uint32_t entity() const { return entity_; }

private:
  enum class Phase : std::uint8_t { none, setup, process };

  void begin_phase(Phase phase, double duration_s);
  void on_phase_end();
  void on_failure();
  void on_repair();
  void set_state(MachineState s);

  StationGroup& group_;
  Factory& factory_;
  engine::Kernel& kernel_;
  std::uint32_t entity_;
  MachineState state_ = MachineState::idle;

  engine::RandomStream process_rng_;
  engine::RandomStream setup_rng_;
  engine::RandomStream failure_rng_;
  engine::RandomStream repair_rng_;
  engine::RandomStream scrap_rng_;

  Lot lot_{};
  Phase phase_ = Phase::none;
  double phase_started_s_ = 0.0;
  double phase_end_s_ = 0.0;
  double remaining_work_s_ = 0.0; // of the phase preempted by a failure
  std::int64_t lots_since_setup_ = 0;
  bool holds_finished_lot_ = false; // blocked, or broke down while blocked
  double operating_left_s_ = 0.0;   // operating time to the next failure (operating basis)
  engine::TimerHandle phase_timer_;
  engine::TimerHandle failure_timer_;
};

} // namespace gigatwin::models
