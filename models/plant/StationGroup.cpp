#include "plant/StationGroup.hpp"

#include "plant/LotRouter.hpp"
#include "plant/PlantContext.hpp"
#include "plant/RecoveryMonitor.hpp"
#include "plant/Transport.hpp"
#include "plant/Workforce.hpp"

#include <algorithm>
#include <limits>
#include <stdexcept>

namespace gigatwin::plant {

void StationGroup::arrive(Lot& lot, bool waits) {
  lot.arrived_s = context_.kernel().now();
  context_.observe_lot<ObservationKind::lot_arrived>(lot, observed_index(), Observation::none, waits ? 1 : 0);
}

void StationGroup::lot_started(const Lot& lot, const Machine& m) {
  context_.observe_lot<ObservationKind::lot_started>(lot, observed_index(),
                                                     static_cast<std::int32_t>(m.entity()));
}

void StationGroup::lot_passed_on(const Lot& lot) {
  context_.observe_lot<ObservationKind::lot_moved>(lot, observed_index());
}

void StationGroup::idle_changed() {
  all_busy_.update(context_.kernel().now(), idle_.empty() ? 1.0 : 0.0);
}

StationGroup::StationGroup(PlantContext& context, LotRouter& router, Workforce& workforce,
                           std::uint32_t index, const scenario::StationGroupSpec& group,
                           const scenario::StepSpec& step, bool saturated_source,
                           const std::vector<scenario::PartSpec>& parts)
    : context_(context), router_(router), workforce_(workforce), index_(index), spec_(group), step_(step),
      batch_(group.batch), active_mode_(group.modes.empty() ? 0 : group.initial_mode),
      saturated_source_(saturated_source), buffer_(step.buffer_capacity.value_or(Buffer::unlimited)) {
  if (group.modes.empty())
    throw std::invalid_argument("station group '" + group.name + "' has no mode to work in");
  for (const auto& m : group.modes)
    modes_.emplace_back(m, m.operators ? workforce.skill_id(m.operators->skill) : SkillId{0});
  machines_.reserve(static_cast<std::size_t>(group.machines));
  for (std::int64_t i = 0; i < group.machines; ++i) {
    machines_.push_back(
        std::make_unique<Machine>(*this, context_, router_, workforce_, static_cast<std::uint32_t>(i)));
    idle_.push_back(machines_.back().get());
  }
  for (const auto& part : parts)
    parts_.push_back(
        {part.product_index, part.quantity, Buffer(step.buffer_capacity.value_or(Buffer::unlimited)), {}});
  if (const auto& c = group.changeover) {
    if (c->time)
      changeover_default_.emplace(*c->time);
    for (const auto& pair : c->between)
      changeover_pairs_.emplace_back(static_cast<std::uint32_t>(pair.from_index),
                                     static_cast<std::uint32_t>(pair.to_index),
                                     core::Distribution(pair.time));
  }
  for (const auto& m : modes_)
    powered_ = powered_ || m.spec().power.any();
  power_ = core::TimeWeighted(0.0, static_cast<double>(machines_.size()) * power_kw(MachineState::idle));
}

double StationGroup::power_kw(MachineState s) const {
  const scenario::PowerSpec& p = mode().spec().power;
  switch (s) {
  case MachineState::idle:
    return p.idle_kw;
  case MachineState::setup:
    return p.setup_kw;
  case MachineState::busy:
    return p.busy_kw;
  case MachineState::blocked:
    return p.blocked_kw;
  case MachineState::down:
    return p.down_kw;
  case MachineState::waiting_operator:
    return p.waiting_operator_kw;
  case MachineState::off_shift:
    return p.off_shift_kw;
  case MachineState::halted:
    return p.halted_kw;
  }
  return 0.0;
}

void StationGroup::change_power(double delta_kw) {
  power_.update(context_.kernel().now(), power_.current() + delta_kw);
}

std::size_t StationGroup::failure_clocks() const {
  std::size_t n = 0;
  for (const auto& m : modes_)
    n = std::max(n, m.failure_clocks());
  return n;
}

bool StationGroup::halted_by_tower() const {
  return mode().spec().depends_on_control_tower && context_.control_tower_down();
}

void StationGroup::tower_changed() {
  for (auto& m : machines_)
    if (halted_by_tower())
      m->halt();
    else
      m->resume_after_outage();
}

void StationGroup::accumulate_costs(double now_s) {
  const auto& m = mode().spec();
  const double machine_hours = static_cast<double>(machine_count()) * (now_s - costs_since_s_) / 3600.0;
  if (m.depreciation_s > 0)
    depreciation_ += machine_hours * 3600.0 * m.capital_cost_per_machine / m.depreciation_s;
  maintenance_ += machine_hours * m.maintenance_per_machine_per_h;
  costs_since_s_ = now_s;
}

double StationGroup::depreciation(double now_s) const {
  const auto& m = mode().spec();
  double d = depreciation_;
  if (m.depreciation_s > 0)
    d += static_cast<double>(machine_count()) * (now_s - costs_since_s_) * m.capital_cost_per_machine /
         m.depreciation_s;
  return d;
}

double StationGroup::maintenance(double now_s) const {
  return maintenance_ + static_cast<double>(machine_count()) * (now_s - costs_since_s_) / 3600.0 *
                            mode().spec().maintenance_per_machine_per_h;
}

void StationGroup::set_mode(std::size_t mode_index) {
  if (mode_index == active_mode_)
    return;
  const double now = context_.kernel().now();
  accumulate_costs(now);
  if (powered_) { // every machine's draw changes with the mode
    const std::size_t old_mode = active_mode_;
    active_mode_ = mode_index;
    double after = 0.0;
    for (const auto& m : machines_)
      after += power_kw(m->state());
    active_mode_ = old_mode;
    change_power(after - power_.current()); // exactly `after`, without drift from the increments
  }
  active_mode_ = mode_index;
  capital_spent_ += static_cast<double>(machine_count()) * mode().spec().capital_cost_per_machine;
  for (auto& m : machines_)
    m->mode_changed();
  tower_changed();
  workforce_.rebalance(); // machines waiting for operators the new mode may not need
}

void StationGroup::count_output() {
  ++output_;
  if (recovery_ != nullptr)
    recovery_->departure(context_.kernel().now());
}

void StationGroup::capture(std::uint32_t id, std::vector<LotState>& lots,
                           std::vector<MachineSnapshot>& machines) const {
  for (const Lot& lot : buffer_.lots())
    lots.push_back(lot_state(lot, LotPlace::buffer, id));
  for (const PartInput& part : parts_)
    for (const Lot& lot : part.buffer.lots())
      lots.push_back(lot_state(lot, LotPlace::buffer, id));
  for (std::size_t i = 0; i < machines_.size(); ++i)
    machines.push_back(machines_[i]->capture(id, static_cast<std::uint32_t>(i), lots));
}

void StationGroup::restore_machine(std::uint32_t index, const MachineSnapshot& snapshot,
                                   std::vector<Lot> lots) {
  Machine* m = machines_.at(index).get();
  m->restore(snapshot, std::move(lots));
  if ((m->state() != MachineState::idle || m->has_finished_lots()) &&
      std::find(idle_.begin(), idle_.end(), m) != idle_.end())
    remove_idle(m);
}

void StationGroup::restore_waiting(const Lot& lot) {
  const double now = context_.kernel().now();
  if (!parts_.empty())
    part_for(lot).buffer.restore(lot, now);
  else
    buffer_.restore(lot, now);
}

void StationGroup::settle_after_restore() {
  for (auto& m : machines_)
    if (m->state() != MachineState::down && m->state() != MachineState::halted && m->has_finished_lots())
      lot_done(*m);
  std::deque<Machine*> idle;
  idle.swap(idle_);
  idle_changed();
  for (Machine* m : idle)
    machine_free(*m);
}

void StationGroup::start_failure_clocks() {
  for (auto& m : machines_)
    m->start_failure_clocks();
}

const core::Distribution* StationGroup::changeover_time(std::uint32_t from, std::uint32_t to) const {
  for (const auto& [f, t, time] : changeover_pairs_)
    if (f == from && t == to)
      return &time;
  return changeover_default_ ? &*changeover_default_ : nullptr;
}

double StationGroup::operator_cost(double now_s) const {
  double cost = operator_cost_;
  for (const auto& m : machines_)
    cost += m->held_operator_cost(now_s);
  return cost;
}

const scenario::StepSpec& StationGroup::step_of(const Lot& lot) const {
  return context_.spec().steps[lot.step];
}

double StationGroup::buffer_mean(double now_s) const {
  double level = buffer_.mean_level(now_s);
  for (const auto& part : parts_)
    level += part.buffer.mean_level(now_s);
  return level;
}

std::vector<PartBufferResult>
StationGroup::part_buffers(double now_s, const std::vector<scenario::ProductSpec>& products) const {
  std::vector<PartBufferResult> out;
  for (const auto& part : parts_)
    out.push_back({spec_.name, products[part.product].name, part.quantity, part.buffer.mean_level(now_s),
                   part.matched > 0 ? part.matching_wait_sum_s / static_cast<double>(part.matched)
                                    : std::numeric_limits<double>::quiet_NaN()});
  return out;
}

double StationGroup::matching_wait_mean() const {
  return matched_parts_ > 0 ? matching_wait_sum_s_ / static_cast<double>(matched_parts_)
                            : std::numeric_limits<double>::quiet_NaN();
}

StationGroup::PartInput& StationGroup::part_for(const Lot& lot) {
  return *std::find_if(parts_.begin(), parts_.end(),
                       [&](const PartInput& p) { return p.product == lot.product; });
}

const StationGroup::PartInput& StationGroup::part_for(const Lot& lot) const {
  return *std::find_if(parts_.begin(), parts_.end(),
                       [&](const PartInput& p) { return p.product == lot.product; });
}

bool StationGroup::kit_ready() const {
  return std::all_of(parts_.begin(), parts_.end(),
                     [](const PartInput& p) { return p.buffer.size() >= p.quantity; });
}

void StationGroup::start_kit(Machine& m) {
  const double now = context_.kernel().now();
  kit_.clear();
  double oldest = now;
  for (auto& part : parts_)
    for (std::int64_t k = 0; k < part.quantity; ++k) {
      kit_.push_back(part.buffer.pop(now));
      matching_wait_sum_s_ += now - kit_.back().buffered_s;
      ++matched_parts_;
      part.matching_wait_sum_s += now - kit_.back().buffered_s;
      ++part.matched;
      oldest = std::min(oldest, kit_.back().arrived_s);
    }
  Lot assembled = router_.assemble(step_.product, kit_);
  assembled.arrived_s = oldest; // an assembly's lot is at the step since its oldest part
  m.start(assembled);
  pull_from_upstream();
}

void StationGroup::try_kits() {
  while (!idle_.empty() && kit_ready()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    idle_changed();
    start_kit(*m);
  }
}

void StationGroup::queue_blocked(Machine& m) {
  if (parts_.empty())
    blocked_upstream_.push_back(&m);
  else
    part_for(m.next_finished()).blocked.push_back(&m);
}

void StationGroup::feed_from_saturated_source() {
  while (!idle_.empty()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    idle_changed();
    start_from_source(*m);
  }
}

void StationGroup::start_from_source(Machine& m) {
  if (!batch_) {
    Lot lot = router_.new_lot(step_.product);
    arrive(lot, false);
    m.start(lot);
    return;
  }
  batch_lots_.clear();
  for (std::int64_t i = 0; i < batch_->size; ++i) {
    batch_lots_.push_back(router_.new_lot(step_.product));
    arrive(batch_lots_.back(), false);
  }
  m.start_batch(batch_lots_);
}

void StationGroup::accept(const Lot& incoming) {
  Lot lot = incoming;
  if (!parts_.empty()) {
    arrive(lot, true);
    part_for(lot).buffer.push(lot, context_.kernel().now());
    try_kits();
    return;
  }
  if (!batch_ && !idle_.empty()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    idle_changed();
    arrive(lot, false);
    m->start(lot);
  } else {
    arrive(lot, true);
    buffer_.push(lot, context_.kernel().now());
    if (batch_)
      try_batches();
  }
}

void StationGroup::accept_rework(const Lot& lot) {
  // Rework is never refused: the lot may take the buffer past its capacity (a loop that could
  // block would deadlock the line).
  accept(lot);
}

bool StationGroup::batch_ready() const {
  const std::int64_t waiting = buffer_.size();
  if (waiting >= batch_->size)
    return true;
  return batch_->max_wait_s > 0 && waiting >= batch_->min &&
         context_.kernel().now() >= buffer_.front().buffered_s + batch_->max_wait_s;
}

void StationGroup::start_batch(Machine& m) {
  const double now = context_.kernel().now();
  batch_lots_.clear();
  while (!buffer_.empty() && static_cast<std::int64_t>(batch_lots_.size()) < batch_->size)
    batch_lots_.push_back(buffer_.pop(now));
  m.start_batch(batch_lots_);
  pull_from_upstream();
}

void StationGroup::try_batches() {
  while (!idle_.empty() && !buffer_.empty() && batch_ready()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    idle_changed();
    start_batch(*m);
  }
  arm_batch_timer();
}

void StationGroup::arm_batch_timer() {
  // A partial batch may start once its oldest lot has waited max_wait: wake up then.
  if (idle_.empty() || batch_->max_wait_s <= 0 || buffer_.size() < batch_->min || buffer_.empty())
    return;
  const double due = buffer_.front().buffered_s + batch_->max_wait_s;
  if (batch_timer_pending_ && batch_timer_at_ == due)
    return;
  context_.kernel().cancel(batch_timer_);
  batch_timer_pending_ = true;
  batch_timer_at_ = due;
  batch_timer_ = context_.kernel().schedule_at(due, [this] {
    batch_timer_pending_ = false;
    batch_timer_ = {};
    try_batches();
  });
}

Lot StationGroup::take_from_blocked(std::deque<Machine*>& blocked) {
  Machine* up = blocked.front();
  const Lot lot = up->hand_over();
  if (!up->has_finished_lots()) { // a batch machine stays blocked until its last lot is gone
    blocked.pop_front();
    up->group().machine_free(*up);
  }
  return lot;
}

void StationGroup::machine_free(Machine& m) {
  if (!parts_.empty()) {
    if (kit_ready()) {
      start_kit(m);
    } else {
      m.go_idle();
      idle_.push_back(&m);
      idle_changed();
    }
  } else if (batch_) {
    if (!buffer_.empty() && batch_ready()) { // lots sent back for rework come before new ones
      start_batch(m);
    } else if (saturated_source_) {
      start_from_source(m);
    } else {
      m.go_idle();
      idle_.push_back(&m);
      idle_changed();
      arm_batch_timer();
    }
  } else if (!buffer_.empty()) {
    m.start(buffer_.pop(context_.kernel().now()));
    pull_from_upstream();
  } else if (!blocked_upstream_.empty()) { // only with a zero-capacity buffer
    Lot lot = take_from_blocked(blocked_upstream_);
    arrive(lot, false);
    m.start(lot);
  } else if (Transport* t = inbound_with_delivery()) { // a carrier waits with a lot
    Lot lot = t->take_delivery();
    arrive(lot, false);
    m.start(lot);
  } else if (saturated_source_) {
    start_from_source(m);
  } else {
    m.go_idle();
    idle_.push_back(&m);
    idle_changed();
  }
}

void StationGroup::pull_from_upstream() {
  if (!parts_.empty()) {
    const double now = context_.kernel().now();
    for (auto& part : parts_)
      while (part.buffer.has_room() && !part.blocked.empty()) {
        Lot lot = take_from_blocked(part.blocked);
        arrive(lot, true);
        part.buffer.push(lot, now);
      }
    try_kits();
    return;
  }
  for (Transport* t : inbound_)
    t->room_downstream();
  while (buffer_.has_room() && !blocked_upstream_.empty()) {
    Lot lot = take_from_blocked(blocked_upstream_);
    arrive(lot, true);
    buffer_.push(lot, context_.kernel().now());
  }
  if (batch_)
    try_batches();
}

void StationGroup::lot_done(Machine& m) {
  // Pass on every finished lot the next step takes; block with the rest.
  while (m.has_finished_lots()) {
    const std::uint32_t step = m.next_finished().step; // the lot's next step, set when it was judged
    if (step == sink_step) {
      router_.lot_finished(m.hand_over());
    } else if (Transport* t = router_.transport_into(step)) {
      if (!t->can_accept()) {
        m.block();
        t->add_blocked(&m);
        return;
      }
      t->accept(m.hand_over());
    } else if (StationGroup& next = router_.group_of_step(step); next.can_accept(m.next_finished())) {
      next.accept(m.hand_over());
    } else {
      m.block();
      next.queue_blocked(m);
      return;
    }
  }
  machine_free(m);
}

void StationGroup::count_inspection(bool defective, bool rejected) {
  ++inspected_;
  if (defective && rejected)
    ++rejected_defective_;
  else if (rejected)
    ++rejected_good_;
  else if (defective)
    ++passed_defective_;
  inspection_cost_ += mode().spec().inspection->cost_per_lot;
}

void StationGroup::reject(Lot& lot) {
  const scenario::StepSpec& step = step_of(lot);
  if (!step.rework_step) {
    count_scrap();
    router_.lot_scrapped(lot);
    return;
  }
  // Rework repairs the lot; it passes the steps from the rework step on again.
  lot.defective = false;
  lot.reworked = true;
  ++rework_;
  lot.step = static_cast<std::uint32_t>(*step.rework_step);
  context_.observe_lot<ObservationKind::lot_reworked>(lot, observed_index());
  router_.group_of_step(*step.rework_step).accept_rework(lot);
}

void StationGroup::remove_idle(Machine* m) {
  idle_.erase(std::find(idle_.begin(), idle_.end(), m));
  idle_changed();
}

void StationGroup::remove_blocked_downstream(Machine* m) {
  const std::uint32_t step = m->next_finished().step;
  if (Transport* t = router_.transport_into(step))
    t->remove_blocked(m);
  else
    router_.group_of_step(step).remove_blocked_upstream(m);
}

Transport* StationGroup::inbound_with_delivery() const {
  for (Transport* t : inbound_)
    if (t->has_delivery())
      return t;
  return nullptr;
}

void StationGroup::remove_blocked_upstream(Machine* m) {
  for (auto& part : parts_) {
    const auto it = std::find(part.blocked.begin(), part.blocked.end(), m);
    if (it != part.blocked.end()) {
      part.blocked.erase(it);
      return;
    }
  }
  blocked_upstream_.erase(std::find(blocked_upstream_.begin(), blocked_upstream_.end(), m));
}

} // namespace gigatwin::plant
