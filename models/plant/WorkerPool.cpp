#include "plant/WorkerPool.hpp"

#include "plant/PlantContext.hpp"
#include "plant/Workforce.hpp"
#include "scenario/ShiftCalendar.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plant {

WorkerPool::WorkerPool(PlantContext& context, Workforce& workforce, const scenario::WorkerPoolSpec& spec,
                       std::size_t index, const std::vector<SkillId>& skills)
    : context_(context), workforce_(workforce), spec_(spec), index_(index),
      absence_rng_(context.seed(), context.replication(), "worker_pools/" + spec.name, "absenteeism"),
      headcount_(spec.headcount) {
  for (SkillId s : skills) {
    if (s >= skills_.size())
      skills_.resize(s + 1, false);
    skills_[s] = true;
  }
}

bool WorkerPool::shares_skill(const WorkerPool& other) const {
  for (SkillId s = 0; s < skills_.size(); ++s)
    if (skills_[s] && other.has_skill(s))
      return true;
  return false;
}

std::int64_t WorkerPool::crews() const {
  return spec_.calendar_index ? context_.spec().calendars[*spec_.calendar_index].crews : 1;
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

void WorkerPool::start() {
  if (!spec_.calendar_index) {
    set_on_shift(headcount_);
    return;
  }
  context_.kernel().spawn_process("shifts/" + spec_.name, [this] { run_shifts(); });
}

namespace {
constexpr double day_s = 86400.0;
constexpr double week_s = 7 * day_s;
} // namespace

void WorkerPool::run_shifts() {
  auto& kernel = context_.kernel();
  const double horizon = context_.horizon();
  scenario::ShiftCalendar calendar(context_.spec().calendars[*spec_.calendar_index]);
  scenario::ShiftInstance shift = calendar.next();
  while (shift.start_s < horizon) {
    kernel.sleep_until(shift.start_s);
    std::int64_t present = calendar.crew_size(headcount_ - in_training_, shift.crew);
    if (spec_.absenteeism > 0) {
      const std::int64_t crew = present;
      for (std::int64_t i = 0; i < crew; ++i)
        if (absence_rng_.uniform01() < spec_.absenteeism)
          --present;
    }
    book_shift(shift.nominal_start_s, shift.start_s, shift.end_s, shift.crew, present);
    kernel.in_kernel([this, present] { set_on_shift(present); });
    const scenario::ShiftInstance next = calendar.next();
    if (next.start_s > shift.end_s && shift.end_s < horizon) { // a gap: nobody on shift until the next one
      const double end = work_overtime_on_demand(shift, next, calendar, present);
      kernel.sleep_until(end);
      kernel.in_kernel([this] { set_on_shift(0); });
    }
    shift = next;
  }
}

double WorkerPool::work_overtime_on_demand(const scenario::ShiftInstance& shift,
                                           const scenario::ShiftInstance& next, scenario::ShiftCalendar ahead,
                                           std::int64_t present) {
  const auto& law = context_.spec().labour;
  double end = shift.end_s;
  if (law.demand_overtime_max_s <= 0 || present == 0)
    return end;
  // The crew's shifts still to come this week are part of its week: overtime may only use
  // what the cap leaves after them.
  const double week_end = (std::floor(shift.nominal_start_s / week_s) + 1) * week_s;
  double scheduled_rest_h = 0.0;
  for (scenario::ShiftInstance s = next; s.start_s < week_end; s = ahead.next())
    if (s.crew == shift.crew)
      scheduled_rest_h += (s.end_s - s.start_s) / 3600.0;
  const double next_start_s = next.start_s;
  auto& kernel = context_.kernel();
  const double block = law.demand_overtime_block_s;
  const double slack = 1e-6; // s: blocks that add up to the limit exactly are allowed
  const auto c = static_cast<std::size_t>(shift.crew);
  while (end + block - shift.end_s <= law.demand_overtime_max_s + slack &&
         end + block <= next_start_s + slack && end < context_.horizon() &&
         (law.weekly_cap_h <= 0 ||
          crew_week_h_[c] + scheduled_rest_h + block / 3600.0 <= law.weekly_cap_h + slack)) {
    kernel.sleep_until(end);
    bool demand = false;
    kernel.in_kernel([this, &demand] { demand = workforce_.needs_workers_of(*this); });
    if (!demand)
      break;
    book_shift(shift.nominal_start_s, end, end + block, shift.crew, present);
    const double measured_s =
        std::max(0.0, std::min(end + block, context_.horizon()) - std::max(end, context_.spec().warmup_s));
    demand_overtime_worker_h_ += static_cast<double>(present) * measured_s / 3600.0;
    end += block;
  }
  return end;
}

void WorkerPool::set_on_shift(std::int64_t n) {
  accumulate(context_.kernel().now());
  on_shift_ = n;
  if (context_.observed())
    context_.observe(Observation{.time_s = context_.kernel().now(),
                                 .kind = ObservationKind::workers_on_shift,
                                 .pool = static_cast<std::int32_t>(index_),
                                 .count = n});
  workforce_.shift_changed(*this);
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

double WorkerPool::wage_per_h() const {
  return std::max(spec_.wage_per_h, context_.spec().labour.minimum_wage_per_h);
}

namespace {

double overlap(double a0, double a1, double b0, double b1) {
  return std::max(0.0, std::min(a1, b1) - std::max(a0, b0));
}

/// Seconds of [a, b) that fall in the nightly window from `from` to `to` (s after midnight,
/// wrapping past midnight when to <= from).
double night_seconds(double a, double b, double from, double to) {
  double total = 0.0;
  for (double day = std::floor(a / day_s) - 1; day * day_s < b; ++day) {
    const double start = day * day_s + from;
    const double end = day * day_s + to + (to <= from ? day_s : 0.0);
    total += overlap(a, b, start, end);
  }
  return total;
}
} // namespace

void WorkerPool::book_shift(double shift_start_s, double start_s, double end_s, std::int64_t crew,
                            std::int64_t present) {
  const auto& law = context_.spec().labour;
  const auto c = static_cast<std::size_t>(crew);
  if (crew_week_.size() <= c) {
    crew_week_.resize(c + 1, -1);
    crew_week_h_.resize(c + 1, 0.0);
  }
  const auto week = static_cast<std::int64_t>(std::floor(shift_start_s / week_s));
  if (crew_week_[c] != week) {
    crew_week_[c] = week;
    crew_week_h_[c] = 0.0;
  }
  const double length_h = (end_s - start_s) / 3600.0;
  const double regular_h = std::clamp(law.regular_week_h - crew_week_h_[c], 0.0, length_h);
  crew_week_h_[c] += length_h;
  max_week_h_ = std::max(max_week_h_, crew_week_h_[c]);
  // Overtime is the end of the hours past the regular week; premiums count inside the
  // measurement period only.
  const double from = context_.spec().warmup_s, to = context_.horizon();
  const double overtime_start = start_s + regular_h * 3600.0;
  const double overtime_h = overlap(overtime_start, end_s, from, to) / 3600.0;
  const double night_h =
      night_seconds(std::max(start_s, from), std::min(end_s, to), law.night_start_s, law.night_end_s) /
      3600.0;
  const auto n = static_cast<double>(present);
  overtime_worker_h_ += n * overtime_h;
  night_worker_h_ += n * night_h;
  premium_pay_ +=
      n * wage_per_h() * ((law.overtime_premium - 1.0) * overtime_h + (law.night_premium - 1.0) * night_h);
}

} // namespace gigatwin::plant
