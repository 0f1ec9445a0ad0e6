#pragma once
// WorkerPool: a pool of interchangeable workers as the line sees them — how many are on shift
// now and how many of those are assigned to machines — with the hours they are paid (on shift,
// present) and the hours they work (assigned), in h, and the wage bill in the scenario's
// currency. Its shift process (an S4U actor: rare, story-like logic) follows the calendar,
// draws absences and, where the labour law allows overtime on demand, keeps a crew on past
// the end of its shift while machines need its workers; the Workforce hands the workers to
// machines.

#include "scenario/ScenarioSpec.hpp"
#include "scenario/ShiftCalendar.hpp"

#include "core/RandomStream.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gigatwin::plant {

class PlantContext;
class Workforce;

/// A skill, numbered by the Workforce (names are compared once, when the plant is built).
using SkillId = std::uint32_t;

class WorkerPool {
public:
  WorkerPool(PlantContext& context, Workforce& workforce, const scenario::WorkerPoolSpec& spec,
             std::size_t index, const std::vector<SkillId>& skills);

  /// Starts the shift process (or puts everyone on shift for good when there is no calendar).
  void start();

  const scenario::WorkerPoolSpec& spec() const { return spec_; }
  std::size_t index() const { return index_; }
  std::int64_t on_shift() const { return on_shift_; }
  std::int64_t assigned() const { return assigned_; }
  std::int64_t available() const { return on_shift_ - assigned_; }
  bool has_skill(SkillId skill) const { return skill < skills_.size() && skills_[skill]; }
  /// Any skill in common with another pool.
  bool shares_skill(const WorkerPool& other) const;
  /// Crews the pool is split into (1 without a calendar).
  std::int64_t crews() const;

  // Headcount, as the workforce ledger changes it. Workers in training still belong to the pool
  // but are not on any shift; a change reaches the shifts at the next shift start (at once
  // without a calendar).
  std::int64_t headcount() const { return headcount_; }
  std::int64_t in_training() const { return in_training_; }
  void change_headcount(std::int64_t delta);
  void change_in_training(std::int64_t delta);

  void assign(std::int64_t n, double now_s);
  void unassign(std::int64_t n, double now_s);

  double paid_hours(double now_s) const;
  double worked_hours(double now_s) const;
  /// The hourly wage paid: the pool's, raised to the minimum wage if below it.
  double wage_per_h() const;
  /// Paid hours x wage plus overtime and night premiums (measurement period).
  double wage_bill(double now_s) const { return paid_hours(now_s) * wage_per_h() + premium_pay_; }
  double overtime_hours() const { return overtime_worker_h_; }
  double night_hours() const { return night_worker_h_; }
  /// Worker-hours of shift extensions worked because machines needed the pool (measurement
  /// period).
  double demand_overtime_hours() const { return demand_overtime_worker_h_; }
  /// The most hours any crew was scheduled in one calendar week.
  double max_week_hours() const { return max_week_h_; }
  void reset_statistics(double now_s);

private:
  void set_on_shift(std::int64_t n);
  void accumulate(double now_s);
  void run_shifts();
  /// Books the hours and premiums of [start, end) worked by `present` workers of `crew` in the
  /// shift that started at `shift_start_s` (whose week the hours count in).
  void book_shift(double shift_start_s, double start_s, double end_s, std::int64_t crew,
                  std::int64_t present);
  /// Extends the shift block by block while machines need the pool, within the law's limits;
  /// returns when the crew goes home.
  double work_overtime_on_demand(const scenario::ShiftInstance& shift, const scenario::ShiftInstance& next,
                                 scenario::ShiftCalendar ahead, std::int64_t present);

  PlantContext& context_;
  Workforce& workforce_;
  const scenario::WorkerPoolSpec& spec_;
  std::vector<bool> skills_; ///< indexed by SkillId
  std::size_t index_;
  core::RandomStream absence_rng_;
  std::int64_t headcount_;
  std::int64_t in_training_ = 0;
  std::int64_t on_shift_ = 0;
  std::int64_t assigned_ = 0;
  double since_s_ = 0.0;
  double paid_s_ = 0.0;   // worker x s on shift since the last reset
  double worked_s_ = 0.0; // worker x s assigned since the last reset
  // Labour-law accounting, over the measurement period only (never reset: clipped when booked).
  std::vector<std::int64_t> crew_week_;
  std::vector<double> crew_week_h_;
  double max_week_h_ = 0.0;
  double premium_pay_ = 0.0;
  double overtime_worker_h_ = 0.0;
  double night_worker_h_ = 0.0;
  double demand_overtime_worker_h_ = 0.0;
};

} // namespace gigatwin::plant
