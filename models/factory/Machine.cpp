#include "Machine.hpp"

#include "Factory.hpp"
#include "StationGroup.hpp"
#include "Workforce.hpp"

#include <algorithm>

namespace gigatwin::models {

namespace {
std::string machine_entity_name(const StationGroup& group, std::uint32_t index) {
  return "station_groups/" + group.name() + "/" + std::to_string(index);
}
} // namespace

Machine::Machine(StationGroup& group, Factory& factory, std::uint32_t index_in_group)
    : group_(group), factory_(factory), kernel_(factory.kernel()),
      entity_(factory.recorder().add_entity(index(MachineState::idle), 0.0)),
      process_rng_(factory.seed(), factory.replication(), machine_entity_name(group, index_in_group),
                   "process_time"),
      setup_rng_(factory.seed(), factory.replication(), machine_entity_name(group, index_in_group),
                 "setup_time"),
      failure_rng_(factory.seed(), factory.replication(), machine_entity_name(group, index_in_group),
                   "time_to_failure"),
      repair_rng_(factory.seed(), factory.replication(), machine_entity_name(group, index_in_group),
                  "time_to_repair"),
      scrap_rng_(factory.seed(), factory.replication(), machine_entity_name(group, index_in_group), "scrap") {
  if (group_.setup_time())
    lots_since_setup_ = group_.setup_every(); // the first lot needs a setup
}

void Machine::set_state(MachineState s) {
  state_ = s;
  factory_.recorder().change(entity_, index(s), kernel_.now());
}

void Machine::start_failure_clock() {
  if (!group_.failures())
    return;
  double ttf = group_.time_to_failure()->sample(failure_rng_);
  if (group_.failure_basis() == FailureBasis::calendar)
    failure_timer_ = kernel_.schedule_in(ttf, [this] { on_failure(); });
  else
    operating_left_s_ = ttf;
}

void Machine::start(const Lot& lot) {
  lot_ = lot;
  if (group_.setup_time() && lots_since_setup_ >= group_.setup_every())
    request_phase(Phase::setup, group_.setup_time()->sample(setup_rng_));
  else
    request_phase(Phase::process, group_.process_time().sample(process_rng_));
}

bool Machine::needs_operators(Phase phase) const {
  const auto* need = group_.operators();
  if (need == nullptr)
    return false;
  return need->during == OperatorPhase::both ||
         (need->during == OperatorPhase::setup && phase == Phase::setup) ||
         (need->during == OperatorPhase::processing && phase == Phase::process);
}

void Machine::request_phase(Phase phase, double duration_s) {
  phase_ = phase;
  remaining_work_s_ = duration_s;
  // Workers held from the previous phase go back if this phase, under the group's current mode,
  // does not need them or needs another skill (the mode may have changed meanwhile).
  if (!operators_.empty()) {
    const OperatorSpec* need = group_.operators();
    const bool keep = needs_operators(phase) &&
                      std::all_of(operators_.begin(), operators_.end(),
                                  [&](const auto& held) { return held.first->has_skill(need->skill); });
    if (!keep)
      release_operators();
  }
  if (needs_operators(phase) && operators_.empty() &&
      !factory_.workforce().request(*this, *group_.operators())) {
    show_waiting(factory_.workforce().anyone_on_shift(group_.operators()->skill));
    return;
  }
  begin_phase(phase, duration_s);
}

void Machine::operators_granted() {
  begin_phase(phase_, remaining_work_s_);
}

void Machine::show_waiting(bool anyone_on_shift) {
  const MachineState s = anyone_on_shift ? MachineState::waiting_operator : MachineState::off_shift;
  if (state_ != s)
    set_state(s);
}

void Machine::release_operators() {
  if (!operators_.empty())
    factory_.workforce().release(*this);
}

void Machine::begin_phase(Phase phase, double duration_s) {
  phase_ = phase;
  phase_started_s_ = kernel_.now();
  phase_end_s_ = phase_started_s_ + duration_s;
  set_state(phase == Phase::setup ? MachineState::setup : MachineState::busy);
  phase_timer_ = kernel_.schedule_at(phase_end_s_, [this] {
    phase_timer_ = {};
    on_phase_end();
  });
  // Operating basis: a failure timer exists only when the failure falls inside this phase.
  if (group_.failures() && group_.failure_basis() == FailureBasis::operating &&
      operating_left_s_ < duration_s)
    failure_timer_ = kernel_.schedule_at(phase_started_s_ + operating_left_s_, [this] { on_failure(); });
}

void Machine::interrupt_phase() {
  kernel_.cancel(phase_timer_);
  remaining_work_s_ = phase_end_s_ - kernel_.now();
  if (group_.failures() && group_.failure_basis() == FailureBasis::operating) {
    operating_left_s_ -= kernel_.now() - phase_started_s_;
    kernel_.cancel(failure_timer_);
  }
}

void Machine::on_phase_end() {
  if (group_.failures() && group_.failure_basis() == FailureBasis::operating) {
    operating_left_s_ -= kernel_.now() - phase_started_s_;
    kernel_.cancel(failure_timer_); // only pending when it rounds onto this very date
  }
  if (phase_ == Phase::setup) {
    lots_since_setup_ = 0;
    if (!needs_operators(Phase::process))
      release_operators();
    request_phase(Phase::process, group_.process_time().sample(process_rng_));
    return;
  }
  phase_ = Phase::none;
  ++lots_since_setup_;
  release_operators();
  const double p = group_.scrap_probability();
  if (p > 0.0 && scrap_rng_.uniform01() < p) {
    group_.count_scrap();
    factory_.lot_scrapped(lot_);
    group_.machine_free(*this);
    return;
  }
  group_.count_output();
  group_.lot_done(*this);
}

bool Machine::lose_operators() {
  interrupt_phase();
  if (!needs_operators(phase_)) { // the group's mode changed and this phase needs no one any more
    begin_phase(phase_, remaining_work_s_);
    return false;
  }
  show_waiting(factory_.workforce().anyone_on_shift(group_.operators()->skill));
  return true;
}

Lot Machine::hand_over() {
  holds_finished_lot_ = false;
  return lot_;
}

void Machine::go_idle() {
  set_state(MachineState::idle);
}

void Machine::block() {
  holds_finished_lot_ = true;
  set_state(MachineState::blocked);
}

void Machine::on_failure() {
  failure_timer_ = {};
  if (state_ == MachineState::down)
    return; // cannot happen: no failure clock runs while down
  // A failure due at the very date a phase ends comes second: the phase completes first.
  if ((state_ == MachineState::setup || state_ == MachineState::busy) && phase_end_s_ <= kernel_.now()) {
    kernel_.cancel(phase_timer_);
    on_phase_end();
  }
  suspend(); // a calendar-time failure can hit a halted machine too: nothing more to stop then
  set_state(MachineState::down);
  kernel_.schedule_in(group_.time_to_repair()->sample(repair_rng_), [this] { on_repair(); });
}

void Machine::on_repair() {
  if (group_.failures()) { // the group may have changed to a mode without breakdowns
    double ttf = group_.time_to_failure()->sample(failure_rng_);
    if (group_.failure_basis() == FailureBasis::calendar)
      failure_timer_ = kernel_.schedule_in(ttf, [this] { on_failure(); });
    else
      operating_left_s_ = ttf;
  }
  if (group_.halted_by_tower())
    set_state(MachineState::halted);
  else
    continue_work();
}

void Machine::continue_work() {
  if (phase_ != Phase::none)
    request_phase(phase_, remaining_work_s_); // resume the preempted or pending work
  else if (holds_finished_lot_)
    group_.lot_done(*this);
  else
    group_.machine_free(*this);
}

void Machine::suspend() {
  switch (state_) {
  case MachineState::setup:
  case MachineState::busy:
    interrupt_phase();
    release_operators(); // nobody stands by a stopped machine
    break;
  case MachineState::waiting_operator:
  case MachineState::off_shift:
    factory_.workforce().cancel_request(*this); // remaining_work_s_ already holds the pending phase
    break;
  case MachineState::idle:
    group_.remove_idle(this);
    break;
  case MachineState::blocked:
    group_.next()->remove_blocked_upstream(this);
    break;
  case MachineState::down:
  case MachineState::halted:
    break;
  }
}

void Machine::halt() {
  if (state_ == MachineState::down || state_ == MachineState::halted)
    return; // a broken machine stays down; its repair checks the tower
  suspend();
  set_state(MachineState::halted);
}

void Machine::resume_after_outage() {
  if (state_ == MachineState::halted)
    continue_work();
}

void Machine::mode_changed() {
  // A new mode brings its own failure process: restart the clock unless the machine is down
  // (then the repair starts it).
  kernel_.cancel(failure_timer_);
  if (state_ == MachineState::down || !group_.failures()) {
    operating_left_s_ = 0;
    return;
  }
  if ((state_ == MachineState::setup || state_ == MachineState::busy) &&
      group_.failure_basis() == FailureBasis::operating) {
    // Restart the phase's clocks from now with the new mode's failure clock.
    interrupt_phase();
    operating_left_s_ = group_.time_to_failure()->sample(failure_rng_);
    begin_phase(phase_, remaining_work_s_);
    return;
  }
  start_failure_clock();
}

} // namespace gigatwin::models
