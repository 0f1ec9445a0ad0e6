#pragma once
// Workforce: the worker pools of the plant and the hand-over of their workers to machines. A
// machine that needs operators (`count` workers with a skill) asks for them when it is about
// to set up or process; it gets them at once if enough workers with the skill are on shift and
// free (drawn from the pools in scenario order), otherwise it waits in one queue, served first
// come first served among those whose need can be met (first fit). When a shift ends with
// fewer workers than are assigned, the most recently served machines lose theirs and pause
// (preempt-resume) until workers come back. Hours in h, money in the scenario's currency.

#include "plant/Observation.hpp"
#include "plant/WorkerPool.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <deque>
#include <list>
#include <map>
#include <memory>
#include <string>
#include <vector>

namespace gigatwin::plant {

class PlantContext;
class Machine;

class Workforce {
public:
  Workforce(PlantContext& context, const scenario::ScenarioSpec& spec);
  void start();

  /// The number of a skill the scenario names (a pool's or a station group's operators').
  SkillId skill_id(const std::string& skill) const;
  /// True if `m` got the operators its group's mode needs now; otherwise it is queued and told
  /// later (Machine::operators_granted).
  bool request(Machine& m);
  /// `m` gives back every worker it holds; waiting machines are served.
  void release(Machine& m);
  /// `m` no longer waits (it broke down while waiting).
  void cancel_request(Machine& m);
  /// Serves waiting machines whose need can be met now (after a release or a mode change).
  void rebalance();
  /// Called by a pool whose on-shift count changed.
  void shift_changed(WorkerPool& pool);
  /// Whether a machine holds workers of `pool` or waits for a skill it has: the demand that
  /// keeps a crew on past its shift (overtime on demand).
  bool needs_workers_of(const WorkerPool& pool) const;
  /// Whether any worker with the skill is on shift (else a waiting machine is off shift).
  bool anyone_on_shift(SkillId skill) const;

  const std::vector<std::unique_ptr<WorkerPool>>& pools() const { return pools_; }
  void reset_statistics(double now_s);

private:
  bool try_grant(Machine& m);
  void give_back(Machine& m);
  void observe_workers(ObservationKind kind, const Machine& m, const WorkerPool& pool, std::int64_t n);

  PlantContext& context_;
  std::map<std::string, SkillId, std::less<>> skill_ids_;
  std::vector<std::unique_ptr<WorkerPool>> pools_;
  std::deque<Machine*> waiting_;
  // Machines holding workers, in the order they got them (shift ends take workers back from the
  // most recent first). A list, each machine knowing its place: a release is O(1) (a vector
  // search grew with the plant: 6-22 % of a 16x-64x plant's time).
  std::list<Machine*> holders_;
};

} // namespace gigatwin::plant
