#include "plant/WorkforceLedger.hpp"

#include <string_view>

#include "plant/PlantContext.hpp"
#include "plant/StationGroup.hpp"
#include "plant/WorkerPool.hpp"
#include "plant/Workforce.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plant {

WorkforceLedger::WorkforceLedger(PlantContext& context, Workforce& workforce,
                                 const std::vector<std::unique_ptr<StationGroup>>& groups,
                                 const scenario::ScenarioSpec& spec)
    : context_(context), workforce_(workforce), groups_(groups), spec_(spec),
      training_rng_(context.seed(), context.replication(), "workforce", "retraining"),
      vacancies_(spec.worker_pools.size(), 0), pending_hires_(spec.worker_pools.size(), 0),
      pools_(spec.worker_pools.size()), cumulative_(spec.worker_pools.size()) {
  for (std::size_t i = 0; i < pools_.size(); ++i)
    pools_[i].start = spec.worker_pools[i].headcount;
}

WorkerPool& WorkforceLedger::pool_at(std::size_t i) {
  return *workforce_.pools()[i];
}

std::vector<std::int64_t> WorkforceLedger::positions() const {
  // A skill's demand goes to the first pool that has the skill.
  const auto& pools = workforce_.pools();
  std::vector<std::int64_t> need(pools.size(), 0);
  for (const auto& step : groups_) {
    const scenario::OperatorSpec* op = step->operators();
    if (op == nullptr)
      continue;
    for (std::size_t i = 0; i < pools.size(); ++i)
      if (pools[i]->has_skill(step->operator_skill())) {
        need[i] += step->machine_count() * op->count * pools[i]->crews();
        break;
      }
  }
  return need;
}

void WorkforceLedger::record(std::size_t pool, const char* event, std::int64_t count,
                             std::optional<std::size_t> other_pool) {
  if (count == 0)
    return;
  PoolLedger& all = cumulative_[pool];
  const std::string_view e(event);
  if (e == "hire")
    all.hires += count;
  else if (e == "layoff")
    all.layoffs += count;
  else if (e == "attrition")
    all.attrition += count;
  else if (e == "reassign_out")
    all.reassigned_out += count;
  else if (e == "retrain_out")
    all.retrained_out += count;
  const double now = context_.kernel().now();
  const std::string other = other_pool ? spec_.worker_pools[*other_pool].name : std::string();
  // Same moment, pool, event and other pool as the last row: one row with the total.
  if (!events_.empty() && events_.back().time_s == now &&
      events_.back().pool == spec_.worker_pools[pool].name && events_.back().event == event &&
      events_.back().other_pool == other) {
    events_.back().count += count;
    return;
  }
  events_.push_back({now, spec_.worker_pools[pool].name, event, count, other});
}

void WorkforceLedger::lay_off(std::size_t pool, std::int64_t n) {
  WorkerPool& p = pool_at(pool);
  p.change_headcount(-n);
  pools_[pool].layoffs += n;
  layoffs_ += n;
  layoffs_all_ += n;
  severance_cost_ += static_cast<double>(n) * spec_.workforce_policy.severance_weeks *
                     spec_.labour.regular_week_h * p.wage_per_h();
  record(pool, "layoff", n);
}

void WorkforceLedger::hire_later(std::size_t pool, std::int64_t n) {
  if (n <= 0)
    return;
  pending_hires_[pool] += n;
  context_.kernel().schedule_in(spec_.workforce_policy.hiring_lead_s, [this, pool, n] {
    // Hires cancelled meanwhile (positions that went away again) come off the latest ones.
    const std::int64_t hired = std::min(n, pending_hires_[pool]);
    pending_hires_[pool] -= hired;
    if (hired <= 0)
      return;
    pool_at(pool).change_headcount(hired);
    pools_[pool].hires += hired;
    hires_ += hired;
    record(pool, "hire", hired);
  });
}

void WorkforceLedger::train(std::size_t from, std::size_t to) {
  const auto& r = *spec_.workforce_policy.retraining;
  pool_at(from).change_in_training(+1);
  ++trainees_;
  training_cost_ += r.cost_per_worker;
  record(from, "training_start", 1, to);
  context_.kernel().schedule_in(r.duration_s, [this, from, to, &r] {
    --trainees_;
    pool_at(from).change_in_training(-1);
    if (training_rng_.uniform01() < r.success_rate) {
      pool_at(from).change_headcount(-1);
      pool_at(to).change_headcount(+1);
      pools_[from].moved_out += 1;
      pools_[from].retrained_out += 1;
      pools_[to].moved_in += 1;
      ++retrained_;
      record(from, "retrain_out", 1, to);
      record(to, "retrain_in", 1, from);
    } else {
      record(from, "training_failed", 1, to);
      lay_off(from, 1);
      ++vacancies_[to]; // the position is open again
      if (spec_.workforce_policy.hire) {
        --vacancies_[to];
        hire_later(to, 1);
      }
    }
  });
}

void WorkforceLedger::positions_changed(const std::vector<std::int64_t>& before) {
  const auto after = positions();
  const auto& policy = spec_.workforce_policy;
  std::vector<std::int64_t> displaced(after.size(), 0);
  for (std::size_t i = 0; i < after.size(); ++i) {
    const std::int64_t delta = after[i] - before[i];
    if (delta > 0)
      vacancies_[i] += delta;
    else
      displaced[i] = -delta;
  }
  // Lost positions first cancel hires still to come, then take open positions back, so a pool
  // that both loses and gains nets out; only the rest displaces workers.
  for (std::size_t i = 0; i < after.size(); ++i) {
    std::int64_t netted = std::min(displaced[i], pending_hires_[i]);
    pending_hires_[i] -= netted;
    displaced[i] -= netted;
    netted = std::min(displaced[i], vacancies_[i]);
    displaced[i] -= netted;
    vacancies_[i] -= netted;
  }
  for (std::size_t p = 0; p < displaced.size(); ++p) {
    std::int64_t left = std::min(displaced[p], pool_at(p).headcount() - pool_at(p).in_training());
    std::int64_t laid_off = 0;
    while (left > 0) {
      --left;
      std::size_t q = 0;
      if (policy.reassign) {
        for (q = 0; q < vacancies_.size(); ++q)
          if (q != p && vacancies_[q] > 0 && pool_at(p).shares_skill(pool_at(q)))
            break;
        if (q < vacancies_.size()) {
          --vacancies_[q];
          pool_at(p).change_headcount(-1);
          pool_at(q).change_headcount(+1);
          pools_[p].moved_out += 1;
          pools_[p].reassigned_out += 1;
          pools_[q].moved_in += 1;
          ++reassigned_;
          record(p, "reassign_out", 1, q);
          record(q, "reassign_in", 1, p);
          continue;
        }
      }
      if (policy.retraining &&
          (policy.retraining->capacity == 0 || trainees_ < policy.retraining->capacity)) {
        for (q = 0; q < vacancies_.size(); ++q)
          if (q != p && vacancies_[q] > 0)
            break;
        if (q < vacancies_.size()) {
          --vacancies_[q];
          train(p, q);
          continue;
        }
      }
      ++laid_off;
    }
    if (laid_off > 0)
      lay_off(p, laid_off);
  }
  if (policy.hire)
    for (std::size_t q = 0; q < vacancies_.size(); ++q) {
      hire_later(q, vacancies_[q]);
      vacancies_[q] = 0;
    }
}

void WorkforceLedger::start() {
  for (std::size_t i = 0; i < spec_.worker_pools.size(); ++i)
    if (spec_.worker_pools[i].attrition_per_year > 0)
      context_.kernel().spawn_process("attrition/" + spec_.worker_pools[i].name,
                                      [this, i] { run_attrition(i); });
}

void WorkforceLedger::run_attrition(std::size_t pool) {
  // Each worker quits at a constant rate: the next quit in the pool comes after an exponential
  // time of mean 1 / (headcount x rate), drawn with the headcount of the moment.
  auto& kernel = context_.kernel();
  core::RandomStream rng(context_.seed(), context_.replication(),
                         "worker_pools/" + spec_.worker_pools[pool].name, "attrition");
  const double rate_per_s = spec_.worker_pools[pool].attrition_per_year / (365.0 * 86400.0);
  double t = kernel.now();
  for (;;) {
    const std::int64_t present = pool_at(pool).headcount() - pool_at(pool).in_training();
    if (present <= 0) { // an empty pool loses no one: look again a day later (hires may come)
      t += 86400.0;
      if (t >= context_.horizon())
        return;
      kernel.sleep_until(t);
      continue;
    }
    t += -std::log(rng.uniform01()) / (static_cast<double>(present) * rate_per_s);
    if (t >= context_.horizon())
      return;
    kernel.sleep_until(t);
    kernel.in_kernel([this, pool] {
      if (pool_at(pool).headcount() - pool_at(pool).in_training() <= 0)
        return;
      pool_at(pool).change_headcount(-1);
      pools_[pool].attrition += 1;
      ++attrition_;
      record(pool, "attrition", 1);
      if (spec_.workforce_policy.hire)
        hire_later(pool, 1); // the position stays: replace the leaver
    });
  }
}

void WorkforceLedger::reset_statistics() {
  for (std::size_t i = 0; i < pools_.size(); ++i)
    pools_[i] = PoolLedger{pool_at(i).headcount(), 0, 0, 0, 0, 0, 0, 0};
  layoffs_ = hires_ = reassigned_ = retrained_ = attrition_ = 0;
  severance_cost_ = training_cost_ = 0.0;
}

} // namespace gigatwin::plant
