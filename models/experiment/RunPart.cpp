#include "RunPart.hpp"

#include "Experiment.hpp"
#include "Factory.hpp"
#include "LiveSample.hpp"
#include "Replication.hpp"
#include "ResultsTables.hpp"

#include "ChildProcess.hpp"
#include "Mser.hpp"
#include "ProcessPool.hpp"

#include <stdexcept>
#include <vector>

#include <optional>

namespace gigatwin::models {

namespace {
/// The warm-up MSER-5 picks from a pilot of the same replication (same random numbers, no
/// warm-up), run in a child process; its throughput series is what the rule reads.
double mser5_warmup(const ScenarioSpec& spec, const PlannedRun& planned, std::uint64_t seed) {
  ScenarioSpec pilot = spec;
  pilot.warmup_s = 0;
  pilot.warmup_mser5 = false;
  auto outcome = engine::run_in_child([&] {
    std::vector<double> series;
    ReplicationOptions ro;
    ro.point = planned.point;
    ro.replication = planned.replication;
    ro.seed = seed;
    ro.on_sample = [&](const SeriesSample& s, const Factory&) { series.push_back(s.throughput_per_h); };
    try {
      run_replication(pilot, ro);
    } catch (const ReplicationInterrupted&) {
      throw engine::ChildInterrupted{};
    }
    const auto r = engine::mser5(series);
    return std::to_string(static_cast<double>(r.observations_deleted) * spec.sample_interval_s);
  });
  if (outcome.status == engine::ChildOutcome::Status::interrupted)
    throw ReplicationInterrupted();
  if (outcome.status != engine::ChildOutcome::Status::ok)
    throw std::runtime_error("the MSER-5 pilot run failed: " + outcome.payload);
  return std::stod(outcome.payload);
}
} // namespace

std::string execute_planned_run(const ExperimentPlan& plan, std::size_t k, const std::string& part_path,
                                const std::string& experiment_key, bool live) {
  const PlannedRun& planned = plan.runs.at(k);
  ScenarioSpec spec = plan.points.at(static_cast<std::size_t>(planned.point));
  if (spec.warmup_mser5)
    spec.warmup_s = mser5_warmup(spec, planned, plan.seed);
  std::optional<ScenarioSpec> without_outages;
  if (const ControlTowerSpec* tower = spec.active_tower(); tower && tower->has_outages()) {
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
  if (live)
    ro.on_sample = [&](const SeriesSample& s, const Factory& factory) {
      engine::report_line(live_sample_json(factory, s, planned.point, planned.replication, spec.horizon_s));
    };
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
