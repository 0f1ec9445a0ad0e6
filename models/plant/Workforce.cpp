#include "plant/Workforce.hpp"

#include "plant/Machine.hpp"
#include "plant/PlantContext.hpp"
#include "plant/StationGroup.hpp"

#include <algorithm>
#include <stdexcept>

namespace gigatwin::plant {

Workforce::Workforce(PlantContext& context, const scenario::ScenarioSpec& spec) : context_(context) {
  // Every skill named anywhere gets a number, so machines and pools compare numbers, not names.
  const auto number = [&](const std::string& skill) {
    return skill_ids_.try_emplace(skill, static_cast<SkillId>(skill_ids_.size())).first->second;
  };
  for (std::size_t i = 0; i < spec.worker_pools.size(); ++i) {
    std::vector<SkillId> skills;
    for (const auto& skill : spec.worker_pools[i].skills)
      skills.push_back(number(skill));
    pools_.push_back(std::make_unique<WorkerPool>(context, *this, spec.worker_pools[i], i, skills));
  }
  for (const auto& group : spec.station_groups)
    for (const auto& mode : group.modes)
      if (mode.operators)
        number(mode.operators->skill);
}

SkillId Workforce::skill_id(const std::string& skill) const {
  const auto it = skill_ids_.find(skill);
  if (it == skill_ids_.end())
    throw std::logic_error("workforce: the skill '" + skill + "' is not in the scenario");
  return it->second;
}

void Workforce::start() {
  for (auto& p : pools_)
    p->start();
}

bool Workforce::anyone_on_shift(SkillId skill) const {
  return std::any_of(pools_.begin(), pools_.end(),
                     [&](const auto& p) { return p->has_skill(skill) && p->on_shift() > 0; });
}

bool Workforce::needs_workers_of(const WorkerPool& pool) const {
  for (const Machine* m : holders_)
    for (const auto& held : m->held_operators())
      if (held.first == &pool)
        return true;
  return std::any_of(waiting_.begin(), waiting_.end(), [&](const Machine* m) {
    return m->group().operators() != nullptr && pool.has_skill(m->group().operator_skill());
  });
}

bool Workforce::try_grant(Machine& m) {
  const SkillId skill = m.group().operator_skill();
  const std::int64_t count = m.group().operators()->count;
  std::int64_t free = 0;
  for (const auto& p : pools_)
    if (p->has_skill(skill))
      free += std::max<std::int64_t>(p->available(), 0);
  if (free < count)
    return false;
  std::int64_t left = count;
  const double now = context_.kernel().now();
  for (auto& p : pools_) {
    if (left == 0)
      break;
    if (!p->has_skill(skill) || p->available() <= 0)
      continue;
    const std::int64_t take = std::min(left, p->available());
    p->assign(take, now);
    m.hold_operators(*p, take);
    observe_workers(ObservationKind::workers_held, m, *p, take);
    left -= take;
  }
  m.holder_position = holders_.insert(holders_.end(), &m);
  return true;
}

bool Workforce::request(Machine& m) {
  if (try_grant(m))
    return true;
  waiting_.push_back(&m);
  return false;
}

void Workforce::observe_workers(ObservationKind kind, const Machine& m, const WorkerPool& pool,
                                std::int64_t n) {
  if (context_.observed())
    context_.observe(Observation{.time_s = context_.kernel().now(),
                                 .kind = kind,
                                 .group = m.group().observed_index(),
                                 .machine = m.machine_id(),
                                 .pool = static_cast<std::int32_t>(pool.index()),
                                 .count = n});
}

void Workforce::give_back(Machine& m) {
  const double now = context_.kernel().now();
  for (const auto& [pool, n] : m.held_operators()) {
    pool->unassign(n, now);
    observe_workers(ObservationKind::workers_released, m, *pool, n);
  }
  m.clear_operators();
  holders_.erase(m.holder_position);
}

void Workforce::release(Machine& m) {
  give_back(m);
  rebalance();
}

void Workforce::cancel_request(Machine& m) {
  waiting_.erase(std::find(waiting_.begin(), waiting_.end(), &m));
}

void Workforce::rebalance() {
  for (std::size_t i = 0; i < waiting_.size();) {
    Machine* m = waiting_[i];
    // Its group may have changed mode meanwhile: the need is read now.
    if (!m->needs_operators_now() || try_grant(*m)) {
      waiting_.erase(waiting_.begin() + static_cast<std::ptrdiff_t>(i));
      m->operators_granted();
    } else {
      m->show_waiting(anyone_on_shift(m->group().operator_skill()));
      ++i;
    }
  }
}

void Workforce::shift_changed(WorkerPool& pool) {
  // Fewer on shift than assigned: the most recently served machines lose their workers.
  std::int64_t excess = pool.assigned() - pool.on_shift();
  std::vector<Machine*> victims;
  for (auto it = holders_.rbegin(); it != holders_.rend() && excess > 0; ++it)
    for (const auto& [p, n] : (*it)->held_operators())
      if (p == &pool) {
        victims.push_back(*it);
        excess -= n;
        break;
      }
  for (auto it = victims.rbegin(); it != victims.rend(); ++it) { // keep their original order at the front
    Machine* m = *it;
    give_back(*m);
    if (m->lose_operators())
      waiting_.push_front(m);
  }
  rebalance();
}

void Workforce::reset_statistics(double now_s) {
  for (auto& p : pools_)
    p->reset_statistics(now_s);
}

} // namespace gigatwin::plant
