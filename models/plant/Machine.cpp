#include "plant/Machine.hpp"

#include "plant/LotRouter.hpp"
#include "plant/PlantContext.hpp"
#include "plant/StationGroup.hpp"
#include "plant/WorkerPool.hpp"
#include "plant/Workforce.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigatwin::plant {

namespace {
std::string machine_entity_name(const StationGroup& group, std::uint32_t index) {
  return "station_groups/" + group.name() + "/" + std::to_string(index);
}
} // namespace

Machine::Machine(StationGroup& group, PlantContext& context, LotRouter& router, Workforce& workforce,
                 std::uint32_t index_in_group)
    : group_(group), context_(context), router_(router), workforce_(workforce), kernel_(context.kernel()),
      entity_(context.recorder().add_entity(index(MachineState::idle), 0.0)),
      process_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group),
                   "process_time"),
      setup_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group),
                 "setup_time"),
      scrap_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group), "scrap"),
      defect_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group),
                  "defects"),
      inspection_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group),
                      "inspection"),
      changeover_rng_(context.seed(), context.replication(), machine_entity_name(group, index_in_group),
                      "changeover") {
  if (group_.setup_time())
    lots_since_setup_ = group_.setup_every(); // the first lot needs a setup
  const std::string entity = machine_entity_name(group, index_in_group);
  const std::size_t n = group_.failure_clocks();
  clocks_.reserve(n);
  for (std::size_t i = 0; i < n; ++i) {
    // The machine's own clock keeps the stream names it had before robots could fail.
    const std::string part = i == 0 ? entity : entity + "/robots/" + std::to_string(i);
    clocks_.push_back(
        FailureClock{core::RandomStream(context.seed(), context.replication(), part, "time_to_failure"),
                     core::RandomStream(context.seed(), context.replication(), part, "time_to_repair"), false,
                     false, false, 0.0, 0.0, 0.0, kernel::TimerHandle{}});
  }
}

void Machine::hold_operators(WorkerPool& pool, std::int64_t n) {
  if (operators_.empty())
    operators_since_s_ = kernel_.now();
  operators_.emplace_back(&pool, n);
}

double Machine::held_operator_cost(double now_s) const {
  const double hours = (now_s - operators_since_s_) / 3600.0;
  double cost = 0.0;
  for (const auto& [pool, n] : operators_)
    cost += static_cast<double>(n) * hours * pool->wage_per_h();
  return cost;
}

void Machine::clear_operators() {
  group_.add_operator_cost(held_operator_cost(kernel_.now()));
  operators_.clear();
}

void Machine::set_state(MachineState s) {
  group_.power_changed(state_, s);
  const bool changed = s != state_;
  state_ = s;
  if (changed)
    state_since_s_ = kernel_.now();
  context_.recorder().change(entity_, index(s), kernel_.now());
  if (changed && context_.observed()) // busy again for the next lot is no change to report
    context_.observe(Observation{.time_s = kernel_.now(),
                                 .kind = ObservationKind::machine_state,
                                 .group = group_.observed_index(),
                                 .machine = machine_id(),
                                 .state = static_cast<std::int32_t>(index(s))});
}

void Machine::start_failure_clocks() {
  for (std::size_t i = 0; i < clocks_.size(); ++i)
    arm_clock(i);
}

void Machine::arm_clock(std::size_t i) {
  FailureClock& c = clocks_[i];
  const FailureModel* model = group_.failure_model(i);
  c.armed = model != nullptr && !c.in_repair;
  if (!c.armed)
    return;
  arm_clock_in(i, model->time_to_failure.sample(c.failure_rng));
}

void Machine::arm_clock_in(std::size_t i, double failure_in_s) {
  FailureClock& c = clocks_[i];
  c.armed = true;
  c.operating = group_.failure_model(i)->basis == scenario::FailureBasis::operating;
  if (c.operating) {
    c.operating_left_s = failure_in_s;
  } else {
    c.event_s = kernel_.now() + failure_in_s;
    c.timer = kernel_.schedule_at(c.event_s, [this, i] { on_failure(i); });
  }
}

void Machine::start(const Lot& lot) {
  lots_.clear();
  lots_.push_back(lot);
  next_out_ = 0;
  group_.lot_started(lot, *this);
  begin_work();
}

void Machine::start_batch(std::vector<Lot>& lots) {
  lots_.swap(lots);
  lots.clear();
  next_out_ = 0;
  for (const Lot& lot : lots_)
    group_.lot_started(lot, *this);
  begin_work();
}

void Machine::begin_work() {
  // A lot of another product than the last one first needs a changeover (which is a setup).
  const std::uint32_t product = lots_.front().product;
  const std::uint32_t last = last_product_;
  last_product_ = product;
  if (last != no_product && last != product) {
    if (const core::Distribution* changeover = group_.changeover_time(last, product)) {
      group_.count_changeover();
      request_phase(Phase::setup, changeover->sample(changeover_rng_));
      return;
    }
  }
  if (group_.setup_time() && lots_since_setup_ >= group_.setup_every())
    request_phase(Phase::setup, group_.setup_time()->sample(setup_rng_));
  else
    request_phase(Phase::process, group_.process_time(product).sample(process_rng_));
}

bool Machine::needs_operators(Phase phase) const {
  const auto* need = group_.operators();
  if (need == nullptr)
    return false;
  return need->during == scenario::OperatorPhase::both ||
         (need->during == scenario::OperatorPhase::setup && phase == Phase::setup) ||
         (need->during == scenario::OperatorPhase::processing && phase == Phase::process);
}

void Machine::request_phase(Phase phase, double duration_s) {
  phase_ = phase;
  remaining_work_s_ = duration_s;
  // Workers held from the previous phase go back if this phase, under the group's current mode,
  // does not need them or needs another skill (the mode may have changed meanwhile).
  if (!operators_.empty()) {
    const bool keep =
        needs_operators(phase) && std::all_of(operators_.begin(), operators_.end(), [&](const auto& held) {
          return held.first->has_skill(group_.operator_skill());
        });
    if (!keep)
      release_operators();
  }
  if (needs_operators(phase) && operators_.empty() && !workforce_.request(*this)) {
    show_waiting(workforce_.anyone_on_shift(group_.operator_skill()));
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
    workforce_.release(*this);
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
  schedule_operating_failure(duration_s);
}

void Machine::schedule_operating_failure(double duration_s) {
  // Operating basis: a failure timer exists only when a failure falls inside this phase.
  double first = duration_s;
  for (const auto& c : clocks_)
    if (c.armed && c.operating)
      first = std::min(first, std::max(0.0, c.operating_left_s));
  if (first < duration_s)
    operating_failure_timer_ =
        kernel_.schedule_at(phase_started_s_ + first, [this] { on_operating_failure(); });
}

void Machine::consume_operating_time() {
  const double spent = kernel_.now() - phase_started_s_;
  for (auto& c : clocks_)
    if (c.armed && c.operating)
      c.operating_left_s -= spent;
  kernel_.cancel(operating_failure_timer_); // only pending when it rounds onto the phase's end
  phase_started_s_ = kernel_.now();
}

void Machine::interrupt_phase() {
  kernel_.cancel(phase_timer_);
  remaining_work_s_ = phase_end_s_ - kernel_.now();
  consume_operating_time();
}

void Machine::on_operating_failure() {
  operating_failure_timer_ = {};
  // The part whose clock ran out first fails; ties go to the lowest clock (the machine first).
  std::size_t failed = 0;
  double least = std::numeric_limits<double>::infinity();
  for (std::size_t i = 0; i < clocks_.size(); ++i)
    if (clocks_[i].armed && clocks_[i].operating && clocks_[i].operating_left_s < least) {
      least = clocks_[i].operating_left_s;
      failed = i;
    }
  on_failure(failed);
}

void Machine::on_phase_end() {
  consume_operating_time();
  if (phase_ == Phase::setup) {
    lots_since_setup_ = 0;
    if (!needs_operators(Phase::process))
      release_operators();
    request_phase(Phase::process, group_.process_time(lots_.front().product).sample(process_rng_));
    return;
  }
  phase_ = Phase::none;
  ++lots_since_setup_;
  release_operators();
  judge_lots();
  if (!has_finished_lots())
    group_.machine_free(*this);
  else
    group_.lot_done(*this);
}

void Machine::judge_lots() {
  const scenario::InspectionSpec* inspection = group_.inspection();
  std::size_t kept = 0; // the good lots move to the front, in order
  for (Lot& lot : lots_) {
    const scenario::StepSpec& step = group_.step_of(lot);
    const double scrap = step.scrap_probability;
    const double defects = step.defect_probability;
    if (scrap > 0.0 && scrap_rng_.uniform01() < scrap) {
      group_.count_scrap();
      router_.lot_scrapped(lot);
      continue;
    }
    if (defects > 0.0 && !lot.defective && defect_rng_.uniform01() < defects) {
      lot.defective = true;
      group_.count_defect();
    }
    if (inspection != nullptr) {
      const double p_reject = lot.defective ? inspection->detection : inspection->false_reject;
      const bool rejected = inspection_rng_.uniform01() < p_reject;
      group_.count_inspection(lot.defective, rejected);
      if (rejected) {
        group_.reject(lot);
        continue;
      }
    }
    group_.count_output();
    context_.observe_lot<ObservationKind::lot_finished>(lot, group_.observed_index(), machine_id());
    const std::int64_t split = step.split;
    lot.step = router_.next_step(lot.step); // done here: it heads for its next step
    if (split > 1) {
      split_lots_.emplace_back(lot, split); // split below, once the kept lots are in place
      continue;
    }
    lots_[kept++] = lot;
  }
  lots_.resize(kept);
  for (const auto& [whole, n] : split_lots_)
    router_.split(whole, n, lots_, group_.observed_index()); // n lots in its place
  split_lots_.clear();
  next_out_ = 0;
}

bool Machine::lose_operators() {
  interrupt_phase();
  if (!needs_operators(phase_)) { // the group's mode changed and this phase needs no one any more
    begin_phase(phase_, remaining_work_s_);
    return false;
  }
  show_waiting(workforce_.anyone_on_shift(group_.operator_skill()));
  return true;
}

Lot Machine::hand_over() {
  group_.lot_passed_on(lots_[next_out_]);
  return lots_[next_out_++];
}

void Machine::go_idle() {
  set_state(MachineState::idle);
}

void Machine::block() {
  set_state(MachineState::blocked);
  if (context_.observed()) // every finished lot it holds (a batch's) waits
    for (std::size_t k = next_out_; k < lots_.size(); ++k)
      context_.observe_lot<ObservationKind::lot_blocked>(lots_[k], group_.observed_index(), machine_id());
}

void Machine::on_failure(std::size_t i) {
  FailureClock& c = clocks_[i];
  c.timer = {};
  c.armed = false;
  c.in_repair = true;
  if (i > 0)
    group_.count_robot_failure();
  if (parts_in_repair_++ == 0) {
    // A failure due at the very date a phase ends comes second: the phase completes first.
    if ((state_ == MachineState::setup || state_ == MachineState::busy) && phase_end_s_ <= kernel_.now()) {
      kernel_.cancel(phase_timer_);
      on_phase_end();
    }
    suspend(); // a calendar-time failure can hit a halted machine too: nothing more to stop then
    set_state(MachineState::down);
  }
  schedule_repair(i, group_.failure_model(i)->time_to_repair.sample(c.repair_rng));
}

void Machine::schedule_repair(std::size_t i, double repair_s) {
  FailureClock& c = clocks_[i];
  c.repair_started_s = kernel_.now();
  c.event_s = kernel_.now() + repair_s;
  kernel_.schedule_at(c.event_s, [this, i] { on_repair(i); });
}

void Machine::on_repair(std::size_t i) {
  clocks_[i].in_repair = false;
  arm_clock(i); // the group may have changed to a mode where this part does not fail
  if (--parts_in_repair_ > 0)
    return; // another part is still in repair
  if (group_.halted_by_tower())
    set_state(MachineState::halted);
  else
    continue_work();
}

void Machine::continue_work() {
  if (phase_ != Phase::none)
    request_phase(phase_, remaining_work_s_); // resume the preempted or pending work
  else if (has_finished_lots())
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
    workforce_.cancel_request(*this); // remaining_work_s_ already holds the pending phase
    break;
  case MachineState::idle:
    group_.remove_idle(this);
    break;
  case MachineState::blocked:
    group_.remove_blocked_downstream(this);
    break;
  case MachineState::down:
  case MachineState::halted:
    break;
  }
}

void Machine::halt() {
  if (dormant_ || state_ == MachineState::down || state_ == MachineState::halted)
    return; // a broken machine stays down; its repair checks the tower
  suspend();
  set_state(MachineState::halted);
}

void Machine::resume_after_outage() {
  if (!dormant_ && state_ == MachineState::halted)
    continue_work();
}

void Machine::mode_changed() {
  if (dormant_)
    return; // restore() arms the clocks of the mode active then
  // A new mode brings its own failure processes: every clock not in repair restarts (a part in
  // repair restarts when repaired). A running phase's operating clocks restart from now.
  const bool in_phase = state_ == MachineState::setup || state_ == MachineState::busy;
  if (in_phase)
    interrupt_phase();
  for (std::size_t i = 0; i < clocks_.size(); ++i) {
    kernel_.cancel(clocks_[i].timer);
    arm_clock(i);
  }
  if (in_phase)
    begin_phase(phase_, remaining_work_s_);
}

MachineSnapshot Machine::capture(std::uint32_t group, std::uint32_t index,
                                 std::vector<LotState>& lots) const {
  const double now = kernel_.now();
  MachineSnapshot s;
  s.group = group;
  s.machine = index;
  s.state = state_;
  s.in_state_s = now - state_since_s_;
  const bool running = state_ == MachineState::setup || state_ == MachineState::busy;
  if (phase_ != Phase::none) {
    s.work = phase_ == Phase::setup ? MachineSnapshot::Work::setup : MachineSnapshot::Work::process;
    s.work_left_s = running ? phase_end_s_ - now : remaining_work_s_;
  } else if (has_finished_lots()) {
    s.work = MachineSnapshot::Work::finished;
  }
  if (s.work != MachineSnapshot::Work::none)
    for (std::size_t k = s.work == MachineSnapshot::Work::finished ? next_out_ : 0; k < lots_.size(); ++k)
      lots.push_back(lot_state(lots_[k], LotPlace::machine, group, index));
  s.lots_since_setup = lots_since_setup_;
  s.last_product = last_product_ == no_product ? -1 : static_cast<std::int32_t>(last_product_);
  for (const FailureClock& c : clocks_) {
    PartState part;
    part.in_repair = c.in_repair;
    if (c.in_repair) {
      part.repair_elapsed_s = now - c.repair_started_s;
      part.repair_left_s = c.event_s - now;
    } else if (c.armed) {
      part.failure_in_s =
          c.operating ? c.operating_left_s - (running ? now - phase_started_s_ : 0.0) : c.event_s - now;
    }
    s.parts.push_back(part);
  }
  return s;
}

void Machine::restore(const MachineSnapshot& snapshot, std::vector<Lot> lots) {
  dormant_ = false;
  lots_ = std::move(lots);
  next_out_ = 0;
  if (snapshot.lots_since_setup >= 0)
    lots_since_setup_ = snapshot.lots_since_setup;
  if (snapshot.last_product >= 0)
    last_product_ = static_cast<std::uint32_t>(snapshot.last_product);
  else if (!lots_.empty())
    last_product_ = lots_.front().product;
  for (std::size_t i = 0; i < clocks_.size(); ++i) {
    const FailureModel* model = group_.failure_model(i);
    if (model == nullptr)
      continue;
    if (i >= snapshot.parts.size()) {
      arm_clock(i);
      continue;
    }
    const PartState& part = snapshot.parts[i];
    FailureClock& c = clocks_[i];
    if (part.in_repair) {
      c.in_repair = true;
      ++parts_in_repair_;
      const double left = std::isfinite(part.repair_left_s)
                              ? std::max(0.0, part.repair_left_s)
                              : model->time_to_repair.sample_beyond(part.repair_elapsed_s, c.repair_rng);
      schedule_repair(i, left);
      c.repair_started_s = kernel_.now() - part.repair_elapsed_s;
    } else if (std::isfinite(part.failure_in_s)) {
      arm_clock_in(i, std::max(0.0, part.failure_in_s));
    } else {
      arm_clock(i);
    }
  }
  using Work = MachineSnapshot::Work;
  phase_ = snapshot.work == Work::setup     ? Phase::setup
           : snapshot.work == Work::process ? Phase::process
                                            : Phase::none;
  if (phase_ != Phase::none && !lots_.empty()) {
    remaining_work_s_ = snapshot.work_left_s;
    if (!std::isfinite(remaining_work_s_)) {
      const core::Distribution* setup = group_.setup_time();
      remaining_work_s_ =
          phase_ == Phase::process || setup == nullptr
              ? group_.process_time(lots_.front().product).sample_beyond(snapshot.work_done_s, process_rng_)
              : setup->sample_beyond(snapshot.work_done_s, setup_rng_);
    }
    remaining_work_s_ = std::max(0.0, remaining_work_s_);
  } else if (phase_ != Phase::none) {
    phase_ = Phase::none; // work without lots: nothing to resume
  }
  if (parts_in_repair_ > 0) {
    set_state(MachineState::down);
    state_since_s_ = kernel_.now() - snapshot.in_state_s;
    return;
  }
  if (group_.halted_by_tower()) { // an outage under way: the work waits for the tower
    set_state(MachineState::halted);
    return;
  }
  if (phase_ != Phase::none) {
    request_phase(phase_, remaining_work_s_); // its lots started before: no lot_started again
    if (state_ == snapshot.state)
      state_since_s_ = kernel_.now() - snapshot.in_state_s;
  }
  // Finished lots: the group passes them on once every lot of the plant is in place.
}

} // namespace gigatwin::plant
