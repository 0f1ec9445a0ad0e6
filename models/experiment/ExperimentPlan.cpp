#include "experiment/ExperimentPlan.hpp"

#include "experiment/Experiment.hpp"
#include "experiment/Replication.hpp"

namespace gigatwin::experiment {

ExperimentPlan ExperimentPlan::make(std::vector<scenario::ScenarioSpec> points, std::vector<std::string> labels,
                                    std::int64_t replications, std::uint64_t seed,
                                    std::optional<std::int64_t> baseline) {
  ExperimentPlan plan;
  plan.points = std::move(points);
  plan.point_labels = std::move(labels);
  plan.point_labels.resize(plan.points.size(), "(base scenario)");
  plan.seed = seed;
  plan.replications = replications;
  plan.baseline = baseline;
  for (std::size_t p = 0; p < plan.points.size(); ++p)
    plan.add_replications(static_cast<std::int64_t>(p), 0, replications);
  return plan;
}

void ExperimentPlan::add_replications(std::int64_t point, std::int64_t from, std::int64_t to) {
  for (std::int64_t r = from; r < to; ++r)
    runs.push_back(PlannedRun{point, r, run_id(point, r)});
}

std::string ExperimentPlan::key() const {
  std::string text = "gigatwin-experiment seed=" + std::to_string(seed) + "\n";
  for (const auto& p : points)
    text += text_hash(p.resolved_yaml) + "\n";
  return text_hash(text);
}

std::string ExperimentPlan::run_key(const PlannedRun& run) const {
  return text_hash("gigatwin-run seed=" + std::to_string(seed) +
                   " replication=" + std::to_string(run.replication) + "\n" +
                   points[static_cast<std::size_t>(run.point)].resolved_yaml);
}

std::vector<std::size_t> ExperimentPlan::shard_runs(const Shard& shard) const {
  std::vector<std::size_t> out;
  for (std::size_t k = 0; k < runs.size(); ++k)
    if (static_cast<std::int64_t>(k % static_cast<std::size_t>(shard.count)) == shard.index)
      out.push_back(k);
  return out;
}

} // namespace gigatwin::experiment
