#pragma once
// ExperimentPlan: the runs of an experiment — every sweep point (a scenario) times its
// replications — with their ids and keys. A run is fully determined by its point's resolved
// scenario, the master seed and its replication index (streams derive from seed, replication,
// entity and purpose, never from the point: common random numbers across points), so the same
// plan gives the same numbers however its runs are spread over processes, ranks or shards.

#include "plant/PlantState.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::experiment {

struct PlannedRun {
  std::int64_t point = 0;
  std::int64_t replication = 0;
  std::string id; ///< "p0003-r0011", its group under /runs
};

/// `index`/`count` of a Slurm-style job array: the runs k with k mod count = index.
struct Shard {
  std::int64_t index = 0;
  std::int64_t count = 1;
  bool whole() const { return count == 1; }
  std::string text() const { return std::to_string(index) + "/" + std::to_string(count); }
};

struct ExperimentPlan {
  std::vector<scenario::ScenarioSpec> points;
  std::vector<std::string> point_labels;              ///< overrides per point ("(base scenario)" for none)
  std::vector<std::string> parameter_names;           ///< a sweep's parameters (dimensions)
  std::vector<std::vector<std::string>> point_values; ///< per point, per parameter: its value
  /// Per point: every key=value it applies to the base scenario (--set first, then each linked
  /// key), so that a results file alone reproduces any point.
  std::vector<std::vector<std::string>> point_overrides;
  std::string sweep_text; ///< the sweep file as written (empty: a single scenario)
  std::string sweep_path;
  std::uint64_t seed = 1;
  std::int64_t replications = 1;        ///< planned per point (more may be added for precision)
  std::optional<std::int64_t> baseline; ///< the point others are compared with
  std::vector<PlannedRun> runs;         ///< point-major order
  /// Every run starts from this plant state instead of an empty plant (`run --from-state`); the
  /// points' warm-up is its time and their horizon runs on from there. Local runs only.
  std::optional<plant::PlantState> from_state;
  std::string from_state_text; ///< the state's file as read (runs from another state are other runs)

  /// Runs `replications` of every point, in point-major order.
  static ExperimentPlan make(std::vector<scenario::ScenarioSpec> points, std::vector<std::string> labels,
                             std::int64_t replications, std::uint64_t seed,
                             std::optional<std::int64_t> baseline = std::nullopt);
  /// Adds replications `from`..`to`-1 of `point` (for the sequential precision procedure).
  void add_replications(std::int64_t point, std::int64_t from, std::int64_t to);
  /// Identifies the experiment (every point's resolved scenario and the seed; not the number of
  /// replications): parts and shards of different experiments are never mixed.
  std::string key() const;
  /// Identifies one run: its point's scenario, the seed and the replication.
  std::string run_key(const PlannedRun& run) const;
  /// Indexes into `runs` that belong to `shard`.
  std::vector<std::size_t> shard_runs(const Shard& shard) const;
};

} // namespace gigatwin::experiment
