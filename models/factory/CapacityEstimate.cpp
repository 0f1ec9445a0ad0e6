#include "CapacityEstimate.hpp"

#include "Distribution.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <limits>

namespace gigatwin::models {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

double mean_of(const DistributionSpec& d) {
  return engine::Distribution(d).mean();
}

/// Mean machine time per lot at a group in its initial mode: process time (shared over a full
/// batch) plus setup time shared over the lots between setups, stretched by machine and robot
/// breakdowns (1 + MTTR/MTTF per failing part, operating time).
double effective_time(const StationGroupSpec& group) {
  const std::size_t m = group.initial_mode < group.modes.size() ? group.initial_mode : 0;
  const ModeSpec* mode = group.modes.empty() ? nullptr : &group.modes[m];
  const double per_batch = group.batch ? static_cast<double>(group.batch->size) : 1.0;
  double t = mean_of(group.process_time);
  if (group.setup)
    t += mean_of(group.setup->time) / static_cast<double>(group.setup->every_lots);
  double stretch = 1.0;
  const auto add_failures = [&](const FailureSpec& f, double parts) {
    const double mttf = mean_of(f.time_to_failure);
    stretch += mttf > 0 ? parts * mean_of(f.time_to_repair) / mttf : inf;
  };
  if (group.failures)
    add_failures(*group.failures, 1.0);
  if (mode != nullptr && mode->robot_failures)
    add_failures(*mode->robot_failures, static_cast<double>(mode->robots_per_machine));
  return t * stretch / per_batch;
}

const InspectionSpec* initial_inspection(const StationGroupSpec& group) {
  if (group.modes.empty() || group.initial_mode >= group.modes.size())
    return nullptr;
  const auto& inspection = group.modes[group.initial_mode].inspection;
  return inspection ? &*inspection : nullptr;
}

/// Visits per lot entering the line, from the traffic equations of the lot's journey: states
/// (step j, defective or not); at each visit a lot is scrapped, may turn defective, may be
/// rejected by an inspection (then scrapped or sent back, repaired, to the rework step), or
/// moves on. v = e + P^T v, with e the entry at (step 0, good).
struct Traffic {
  Eigen::VectorXd visits;     // [2 j + d]
  Eigen::VectorXd forward;    // [j]: lots moving on from step j to j + 1 (or the sink)
  double good_out = 0.0;      // per entering lot
  double defective_out = 0.0; // per entering lot (escapes)
};

Traffic solve_traffic(const ScenarioSpec& spec) {
  const auto n = static_cast<Eigen::Index>(spec.steps.size());
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(2 * n, 2 * n); // P(s, s'): one visit's next state
  Eigen::VectorXd to_sink_good = Eigen::VectorXd::Zero(2 * n);
  Eigen::VectorXd to_sink_bad = Eigen::VectorXd::Zero(2 * n);
  Eigen::MatrixXd forward_of = Eigen::MatrixXd::Zero(n, 2 * n); // lots moving on from step j
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto& step = spec.steps[static_cast<std::size_t>(j)];
    const InspectionSpec* inspection = initial_inspection(spec.station_groups[step.group_index]);
    for (int d = 0; d < 2; ++d) {
      const Eigen::Index s = 2 * j + d;
      const double kept = 1.0 - step.scrap_probability;
      const double turn = d == 0 ? step.defect_probability : 0.0;
      for (int out = 0; out < 2; ++out) { // defective after this visit's processing?
        const double p_state = kept * (out == 1 ? (d == 1 ? 1.0 : turn) : (d == 1 ? 0.0 : 1.0 - turn));
        if (p_state == 0.0)
          continue;
        const double reject =
            inspection ? (out == 1 ? inspection->detection : inspection->false_reject) : 0.0;
        if (reject > 0.0 && step.rework_step)
          P(s, 2 * static_cast<Eigen::Index>(*step.rework_step)) += p_state * reject; // repaired
        const double pass = p_state * (1.0 - reject);
        forward_of(j, s) += pass;
        if (j + 1 < n)
          P(s, 2 * (j + 1) + out) += pass;
        else
          (out == 1 ? to_sink_bad : to_sink_good)(s) += pass;
      }
    }
  }
  Eigen::VectorXd entry = Eigen::VectorXd::Zero(2 * n);
  if (n > 0)
    entry(0) = 1.0;
  Traffic t;
  const Eigen::MatrixXd A = Eigen::MatrixXd::Identity(2 * n, 2 * n) - P.transpose();
  t.visits = A.fullPivLu().solve(entry);
  t.forward = forward_of * t.visits;
  t.good_out = to_sink_good.dot(t.visits);
  t.defective_out = to_sink_bad.dot(t.visits);
  return t;
}
} // namespace

CapacityEstimate estimate_capacity(const ScenarioSpec& spec) {
  CapacityEstimate est;
  const bool saturated = spec.source.saturated;
  est.arrival_rate_per_h = saturated ? 0.0 : 3600.0 / mean_of(spec.source.interarrival);
  const Traffic traffic = solve_traffic(spec);
  double best = inf;
  auto add_row = [&](StepCapacity row) {
    row.load = saturated ? std::numeric_limits<double>::quiet_NaN()
                         : est.arrival_rate_per_h * row.reach / row.capacity_per_h;
    const double entering = row.reach > 0 ? row.capacity_per_h / row.reach : inf;
    if (entering < best) {
      best = entering;
      est.bottleneck = est.steps.size();
    }
    est.steps.push_back(row);
  };
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const auto& step = spec.steps[i];
    const auto& group = spec.station_groups[step.group_index];
    const auto j = static_cast<Eigen::Index>(i);
    if (const auto& t = step.transport) {
      StepCapacity tc;
      const bool agv = t->kind == TransportKind::agv;
      tc.station_group = std::string(agv ? "agv -> " : "conveyor -> ") + group.name;
      tc.machines = t->carriers;
      tc.effective_time_s =
          (mean_of(t->travel_time) + mean_of(t->return_time)) / static_cast<double>(t->lots_per_trip);
      tc.capacity_per_h = 3600.0 * static_cast<double>(t->carriers) / tc.effective_time_s;
      tc.reach = i > 0 ? traffic.forward(j - 1) : 1.0; // reworked lots skip the transport
      add_row(tc);
    }
    StepCapacity sc;
    sc.station_group = group.name;
    sc.machines = group.machines;
    sc.effective_time_s = effective_time(group);
    sc.capacity_per_h =
        sc.effective_time_s > 0 ? 3600.0 * static_cast<double>(group.machines) / sc.effective_time_s : inf;
    sc.reach = traffic.visits(2 * j) + traffic.visits(2 * j + 1);
    add_row(sc);
  }
  est.line_yield = traffic.good_out + traffic.defective_out;
  est.escape_fraction = est.line_yield > 0 ? traffic.defective_out / est.line_yield : 0.0;
  est.max_entering_per_h = best;
  est.max_throughput_per_h = best * est.line_yield;
  return est;
}

} // namespace gigatwin::models
