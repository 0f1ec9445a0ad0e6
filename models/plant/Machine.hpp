#pragma once
// Machine: one machine of a station group, an explicit state machine driven by kernel timers.
// It processes one lot at a time: an optional setup, then the process time (s). Breakdowns are
// preempt-resume: the pending finish is removed, the remaining work kept and resumed after
// repair. The failure clock counts calendar time or operating time (setup + busy) as the
// scenario says. A machine whose group needs operators asks the Workforce for them before the
// phases that need them, waits without them (waiting_operator / off_shift), gives them back
// when the phase ends or it breaks down, and pauses (preempt-resume) if a shift end takes
// them away. A robotic machine also stops while any of its robots is in repair: each robot
// has a failure clock of its own, and the machine is down until every failed part is
// repaired. Every state change goes to the plant's StateRecorder (in its PlantContext).

#include "plant/Lot.hpp"
#include "plant/MachineState.hpp"
#include "plant/PlantState.hpp"

#include "core/RandomStream.hpp"
#include "kernel/Kernel.hpp"

#include <cstdint>
#include <list>
#include <utility>
#include <vector>

namespace gigatwin::plant {

class StationGroup;
class PlantContext;
class LotRouter;
class Workforce;
class WorkerPool;

class Machine {
public:
  Machine(StationGroup& group, PlantContext& context, LotRouter& router, Workforce& workforce,
          std::uint32_t index_in_group);

  /// Schedules the first failures (machine and robots, as the mode has them). Called once at time 0.
  void start_failure_clocks();
  /// Starts work on `lot`; the machine must be idle.
  void start(const Lot& lot);
  /// Starts work on a batch of lots processed together (a batch group's machine).
  void start_batch(std::vector<Lot>& lots);
  /// Gives up the first finished lot it holds; once it holds none, the caller frees it.
  Lot hand_over();
  /// Finished lots not yet passed on.
  bool has_finished_lots() const { return phase_ == Phase::none && next_out_ < lots_.size(); }
  /// The finished lot hand_over() gives next; has_finished_lots() must hold.
  const Lot& next_finished() const { return lots_[next_out_]; }
  /// The machine has nothing to do.
  void go_idle();
  /// The finished lot cannot move on yet.
  void block();

  // Called by the Workforce.
  void hold_operators(WorkerPool& pool, std::int64_t n);
  const std::vector<std::pair<WorkerPool*, std::int64_t>>& held_operators() const { return operators_; }
  /// The workers go back: their time here is charged to the group (operator_cost).
  void clear_operators();
  /// Wages of the workers held now, since they were taken (or since the last reset).
  double held_operator_cost(double now_s) const;
  /// Statistics restart: time held before `now_s` is not charged.
  void restart_operator_clock(double now_s) { operators_since_s_ = now_s; }
  /// Where the Workforce keeps this machine among the holders of workers (valid while it holds
  /// some), so that giving them back takes O(1) however many machines hold workers.
  std::list<Machine*>::iterator holder_position;
  /// The workers it waited for are here: start the pending phase.
  void operators_granted();
  /// A shift ended under it: pause the phase; the workers were already taken back. Returns
  /// whether it must wait for workers (false when its group's mode needs none any more).
  bool lose_operators();
  /// Whether the work in hand needs operators under the group's current mode.
  bool needs_operators_now() const { return needs_operators(phase_); }
  /// Still waiting: show whether anyone with the skill is on shift at all.
  void show_waiting(bool anyone_on_shift);

  // Called by the station group.
  /// The control tower went down: stop (preempt-resume) until it is back.
  void halt();
  /// The control tower is back: carry on where the outage stopped the machine.
  void resume_after_outage();
  /// The group's automation mode changed: the failure clock follows the new mode.
  void mode_changed();

  /// The machine now: its state, the work in hand and its failure clocks; the lots it holds
  /// are appended to `lots` (place machine; `group` is its group's index, `index` its own).
  MachineSnapshot capture(std::uint32_t group, std::uint32_t index, std::vector<LotState>& lots) const;
  /// Puts an idle, never started machine into `snapshot`'s state now, holding `lots` (the
  /// group took it off its idle list). Work whose time left is unknown is drawn afresh; a
  /// repair whose time left is unknown is drawn given the time it has lasted. Failure clocks
  /// not in the snapshot start afresh. Finished lots stay in hand: the group passes them on.
  void restore(const MachineSnapshot& snapshot, std::vector<Lot> lots);

  /// A plant started from a state: until the restore, the machine is not there yet — outages
  /// and mode changes of the calendar leave it alone (restore() takes them into account).
  void set_dormant() { dormant_ = true; }

  MachineState state() const { return state_; }
  StationGroup& group() const { return group_; }
  std::uint32_t entity() const { return entity_; }
  /// The machine's id in observations: its state-recorder entity, counted over all groups.
  std::int32_t machine_id() const { return static_cast<std::int32_t>(entity_); }

private:
  enum class Phase : std::uint8_t { none, setup, process };

  /// The lots in hand are new: a setup if one is due, then processing.
  void begin_work();
  /// Asks for operators if the phase needs them, then begins it (or waits).
  void request_phase(Phase phase, double duration_s);
  void begin_phase(Phase phase, double duration_s);
  /// Stops whatever the machine does (for a breakdown or an outage), keeping the work in hand.
  void suspend();
  /// Stops the phase's clocks (finish timer, operating-time failure clock); keeps the work left.
  void interrupt_phase();
  bool needs_operators(Phase phase) const;
  void release_operators();
  /// After a repair or an outage: resume the work in hand, pass a finished lot on, or seek work.
  void continue_work();
  void on_phase_end();
  /// The lots just processed: scrap, new defects and inspection, lot by lot.
  void judge_lots();
  /// Draws the next failure of clock `i` under the group's current mode (if it fails at all).
  void arm_clock(std::size_t i);
  /// Operating-basis clocks count down by the phase time just spent.
  void consume_operating_time();
  /// Schedules the earliest operating-basis failure that falls inside the running phase.
  void schedule_operating_failure(double duration_s);
  void on_operating_failure();
  void on_failure(std::size_t i);
  void on_repair(std::size_t i);
  /// Part `i` goes into repair for `repair_s`.
  void schedule_repair(std::size_t i, double repair_s);
  /// Arms clock `i` to fail after `failure_in_s` (calendar or operating time, as its basis).
  void arm_clock_in(std::size_t i, double failure_in_s);
  void set_state(MachineState s);

  StationGroup& group_;
  PlantContext& context_;
  LotRouter& router_;
  Workforce& workforce_;
  kernel::Kernel& kernel_;
  std::uint32_t entity_;
  MachineState state_ = MachineState::idle;
  double state_since_s_ = 0.0;
  bool dormant_ = false;

  core::RandomStream process_rng_;
  core::RandomStream setup_rng_;
  core::RandomStream scrap_rng_;
  core::RandomStream defect_rng_;
  core::RandomStream inspection_rng_;
  core::RandomStream changeover_rng_;
  static constexpr std::uint32_t no_product = 0xFFFFFFFFu;
  std::uint32_t last_product_ = no_product; // of the last lots started: changeovers

  // In hand: being processed, or finished; lots_[next_out_..] are not yet passed on. A vector
  // reused from lot to lot, so that the hot path allocates nothing.
  std::vector<Lot> lots_;
  std::vector<std::pair<Lot, std::int64_t>> split_lots_; // reused: good lots a splitting step turns into n
  std::size_t next_out_ = 0;
  Phase phase_ = Phase::none;
  double phase_started_s_ = 0.0;
  double phase_end_s_ = 0.0;
  double remaining_work_s_ = 0.0; // of the phase preempted by a failure
  std::int64_t lots_since_setup_ = 0;
  std::vector<std::pair<WorkerPool*, std::int64_t>> operators_; // workers held, by pool
  double operators_since_s_ = 0.0;                              // when they were taken
  // One failure clock per failing part: [0] the machine itself, [k] its k-th robot.
  struct FailureClock {
    core::RandomStream failure_rng;
    core::RandomStream repair_rng;
    bool armed = false;          // a failure is pending
    bool in_repair = false;      // failed, repair under way
    bool operating = false;      // counts operating time (else calendar time)
    double operating_left_s = 0; // operating basis: operating time to the failure
    double event_s = 0;          // calendar basis: when it fails; in repair: when the repair ends
    double repair_started_s = 0;
    kernel::TimerHandle timer; // calendar basis: the failure
  };
  std::vector<FailureClock> clocks_;
  int parts_in_repair_ = 0;
  kernel::TimerHandle phase_timer_;
  kernel::TimerHandle operating_failure_timer_; // earliest operating-basis failure in the phase
};

} // namespace gigatwin::plant
