#pragma once
// WorkforceLedger: what automation does to jobs. When a roll-out changes the operators a
// station group needs, positions disappear in some pools and open in others (machines x
// operators per machine x the pool's crews). Displaced workers are, in this order, reassigned to
// an open position in a pool that shares a skill with theirs, retrained into a pool with open
// positions (duration, cost, capacity, success rate; a trainee who fails is laid off), or laid
// off with severance (weeks of regular pay). Open positions left over are hired for after a
// lead time. Every change is a ledger event (time s, pool, event, count); per pool
// start + hires + moved in - moved out - layoffs - attrition = end always holds. Money in the scenario's
// currency.

#include "scenario/ScenarioSpec.hpp"

#include "core/RandomStream.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::plant {

class PlantContext;
class StationGroup;
class Workforce;
class WorkerPool;

struct LedgerEvent {
  double time_s;
  std::string pool;
  std::string event; ///< hire, layoff, reassign_out, reassign_in, training_start, retrain_out, retrain_in,
                     ///< training_failed
  std::int64_t count;
  /// The pool on the other side: where the workers went (reassign_out, retrain_out,
  /// training_start, training_failed: the pool they trained for) or came from (reassign_in,
  /// retrain_in); empty for hires, layoffs and attrition.
  std::string other_pool = {};
};

/// Per-pool totals since the last reset.
struct PoolLedger {
  std::int64_t start = 0; ///< headcount at the last reset
  std::int64_t hires = 0;
  std::int64_t layoffs = 0;
  std::int64_t attrition = 0; ///< quits
  std::int64_t moved_in = 0;  ///< reassigned or retrained into this pool
  std::int64_t moved_out = 0; ///< reassigned or retrained out of this pool
  std::int64_t reassigned_out = 0;
  std::int64_t retrained_out = 0;
};

class WorkforceLedger {
public:
  /// `groups`: the plant's station groups (filled once the plant is built; read when it runs).
  WorkforceLedger(PlantContext& context, Workforce& workforce,
                  const std::vector<std::unique_ptr<StationGroup>>& groups,
                  const scenario::ScenarioSpec& spec);

  /// Positions each pool needs now, from the station groups' active modes.
  std::vector<std::int64_t> positions() const;
  /// Called after station groups changed mode: applies the policy to the change in positions.
  void positions_changed(const std::vector<std::int64_t>& before);

  /// Every event of the run, warm-up included.
  const std::vector<LedgerEvent>& events() const { return events_; }
  const PoolLedger& pool(std::size_t i) const { return pools_[i]; }
  /// Per-pool hires, layoffs, attrition, reassigned_out and retrained_out since time 0 (the
  /// cumulative time series).
  const PoolLedger& pool_since_start(std::size_t i) const { return cumulative_[i]; }
  std::int64_t layoffs_total() const { return layoffs_; }
  std::int64_t layoffs_since_start() const { return layoffs_all_; }
  std::int64_t hires_total() const { return hires_; }
  std::int64_t reassigned_total() const { return reassigned_; }
  std::int64_t retrained_total() const { return retrained_; }
  std::int64_t attrition_total() const { return attrition_; }
  double severance_cost() const { return severance_cost_; }
  double training_cost() const { return training_cost_; }
  /// Restarts the totals (not the event list) at the end of warm-up.
  void reset_statistics();
  /// Starts the quit processes of pools with attrition.
  void start();

private:
  void record(std::size_t pool, const char* event, std::int64_t count,
              std::optional<std::size_t> other_pool = std::nullopt);
  void lay_off(std::size_t pool, std::int64_t n);
  void train(std::size_t from, std::size_t to);
  void hire_later(std::size_t pool, std::int64_t n);
  WorkerPool& pool_at(std::size_t i);
  void run_attrition(std::size_t pool);

  PlantContext& context_;
  Workforce& workforce_;
  const std::vector<std::unique_ptr<StationGroup>>& groups_;
  const scenario::ScenarioSpec& spec_;
  core::RandomStream training_rng_;
  std::vector<std::int64_t> vacancies_;     // open positions not yet filled or being filled
  std::vector<std::int64_t> pending_hires_; // hires scheduled and not cancelled, per pool
  std::int64_t trainees_ = 0;
  std::vector<PoolLedger> pools_;
  std::vector<PoolLedger> cumulative_; // never reset
  std::vector<LedgerEvent> events_;
  std::int64_t layoffs_ = 0, hires_ = 0, reassigned_ = 0, retrained_ = 0;
  std::int64_t layoffs_all_ = 0; // never reset: the time series is cumulative from time 0
  std::int64_t attrition_ = 0;
  double severance_cost_ = 0.0, training_cost_ = 0.0;
};

} // namespace gigatwin::plant
