#include "WorkerPool.hpp"

#include "Factory.hpp"
#include "ShiftCalendar.hpp"

#include <algorithm>

namespace gigatwin::models {

WorkerPool::WorkerPool(Factory& factory, const WorkerPoolSpec& spec, std::size_t index)
    : factory_(factory), spec_(spec), index_(index),
      absence_rng_(factory.seed(), factory.replication(), "worker_pools/" + spec.name, "absenteeism"),
      headcount_(spec.headcount) {}

bool WorkerPool::shares_skill(const WorkerPool& other) const {
  return std::any_of(spec_.skills.begin(), spec_.skills.end(),
                     [&](const auto& s) { return other.has_skill(s); });
}

std::int64_t WorkerPool::crews() const {
  return spec_.calendar_index ? factory_.spec().calendars[*spec_.calendar_index].crews : 1;
}

void WorkerPool::change_headcount(std::int64_t delta) {
  headcount_ += delta;
  if (!spec_.calendar_index)
    set_on_shift(headcount_ - in_training_);
}

void WorkerPool::change_in_training(std::int64_t delta) {
  in_training_ += delta;
  if (!spec_.calendar_index)
    set_on_shift(headcount_ - in_training_);
}

bool WorkerPool::has_skill(const std::string& skill) const {
  return std::find(spec_.skills.begin(), spec_.skills.end(), skill) != spec_.skills.end();
}

void WorkerPool::start() {
  if (!spec_.calendar_index) {
    set_on_shift(headcount_);
    return;
  }
  factory_.kernel().spawn_process("shifts/" + spec_.name, [this] { run_shifts(); });
}

void WorkerPool::run_shifts() {
  auto& kernel = factory_.kernel();
  const double horizon = factory_.horizon();
  ShiftCalendar calendar(factory_.spec().calendars[*spec_.calendar_index]);
  ShiftInstance shift = calendar.next();
  while (shift.start_s < horizon) {
    kernel.sleep_until(shift.start_s);
    std::int64_t present = calendar.crew_size(headcount_ - in_training_, shift.crew);
    if (spec_.absenteeism > 0) {
      const std::int64_t crew = present;
      for (std::int64_t i = 0; i < crew; ++i)
        if (absence_rng_.uniform01() < spec_.absenteeism)
          --present;
    }
    kernel.in_kernel([this, present] { set_on_shift(present); });
    const ShiftInstance next = calendar.next();
    if (next.start_s > shift.end_s && shift.end_s < horizon) { // a gap: nobody on shift until the next one
      kernel.sleep_until(shift.end_s);
      kernel.in_kernel([this] { set_on_shift(0); });
    }
    shift = next;
  }
}

void WorkerPool::set_on_shift(std::int64_t n) {
  accumulate(factory_.kernel().now());
  on_shift_ = n;
  factory_.workforce().shift_changed(*this);
}

void WorkerPool::accumulate(double now_s) {
  paid_s_ += static_cast<double>(on_shift_) * (now_s - since_s_);
  worked_s_ += static_cast<double>(assigned_) * (now_s - since_s_);
  since_s_ = now_s;
}

void WorkerPool::assign(std::int64_t n, double now_s) {
  accumulate(now_s);
  assigned_ += n;
}

void WorkerPool::unassign(std::int64_t n, double now_s) {
  accumulate(now_s);
  assigned_ -= n;
}

double WorkerPool::paid_hours(double now_s) const {
  return (paid_s_ + static_cast<double>(on_shift_) * (now_s - since_s_)) / 3600.0;
}

double WorkerPool::worked_hours(double now_s) const {
  return (worked_s_ + static_cast<double>(assigned_) * (now_s - since_s_)) / 3600.0;
}

void WorkerPool::reset_statistics(double now_s) {
  accumulate(now_s);
  paid_s_ = worked_s_ = 0.0;
}

} // namespace gigatwin::models
