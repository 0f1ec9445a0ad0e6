#include "RunPart.hpp"

#include "Experiment.hpp"
#include "Replication.hpp"
#include "ResultsTables.hpp"

#include "ProcessPool.hpp"

#include <optional>

namespace gigatwin::models {

std::string execute_planned_run(const ExperimentPlan& plan, std::size_t k, const std::string& part_path,
                                const std::string& experiment_key) {
  const PlannedRun& planned = plan.runs.at(k);
  const ScenarioSpec& spec = plan.points.at(static_cast<std::size_t>(planned.point));
  std::optional<ScenarioSpec> without_outages;
  if (spec.control_tower && (!spec.control_tower->outages.empty() || spec.control_tower->random)) {
    without_outages = spec;
    without_outages->control_tower.reset();
  }
  std::optional<ScenarioSpec> without_rollout;
  if (!spec.rollout.empty()) {
    without_rollout = spec;
    without_rollout->rollout.clear();
  }
  const double stages = 1.0 + (without_outages ? 1 : 0) + (without_rollout ? 1 : 0);
  double stage = 0;
  ReplicationOptions ro;
  ro.point = planned.point;
  ro.replication = planned.replication;
  ro.seed = plan.seed;
  ro.progress = [&stage, stages](double now, double end) {
    engine::report_progress((stage + (end > 0 ? now / end : 1.0)) / stages);
  };
  // The twins use the same random numbers as the run (same seed and replication).
  std::optional<RunResult> twin, baseline;
  if (without_outages) {
    twin = run_replication_in_child(*without_outages, ro);
    ++stage;
  }
  if (without_rollout) {
    baseline = run_replication_in_child(*without_rollout, ro);
    ++stage;
  }
  ro.part_path = part_path;
  ro.before_commit = [&](results::ResultsWriter& part, RunResult& result) {
    if (twin)
      result.lost_output = static_cast<double>(twin->output - result.output);
    if (baseline)
      set_payback(result, *baseline);
    part.write_table("/experiment/summary",
                     summary_table({result}, {planned.id}, {planned.point}, spec.currency));
    part.set_attribute("/", "experiment_key", experiment_key);
    part.set_attribute("/runs/" + planned.id, "run_key", plan.run_key(planned));
  };
  return run_replication(spec, ro).encode();
}

} // namespace gigatwin::models
