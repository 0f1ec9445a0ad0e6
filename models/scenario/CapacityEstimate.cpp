#include "scenario/CapacityEstimate.hpp"

#include "core/Distribution.hpp"

#include <Eigen/Dense>

#include <cmath>
#include <limits>
#include <optional>

namespace gigatwin::scenario {

namespace {
constexpr double inf = std::numeric_limits<double>::infinity();

double mean_of(const core::DistributionSpec& d) {
  return core::Distribution(d).mean();
}

/// Mean machine time per lot of `product` (any product without its own process time: none) at a
/// group in its initial mode: process time (shared over a full batch) plus setup time shared over
/// the lots between setups, stretched by machine and robot breakdowns (1 + MTTR/MTTF per failing
/// part, operating time).
double effective_time(const StationGroupSpec& group, std::optional<std::size_t> product = std::nullopt) {
  const std::size_t m = group.initial_mode < group.modes.size() ? group.initial_mode : 0;
  const ModeSpec* mode = group.modes.empty() ? nullptr : &group.modes[m];
  if (mode == nullptr) // not a loaded scenario: no work to time
    return 0.0;
  const double per_batch = group.batch ? static_cast<double>(group.batch->size) : 1.0;
  double t = mean_of(mode->process_time);
  if (product)
    for (const auto& own : mode->process_time_by_product)
      if (own.product_index == *product)
        t = mean_of(own.time);
  if (mode->setup)
    t += mean_of(mode->setup->time) / static_cast<double>(mode->setup->every_lots);
  double stretch = 1.0;
  const auto add_failures = [&](const FailureSpec& f, double parts) {
    const double mttf = mean_of(f.time_to_failure);
    stretch += mttf > 0 ? parts * mean_of(f.time_to_repair) / mttf : inf;
  };
  if (mode->failures)
    add_failures(*mode->failures, 1.0);
  if (mode->robot_failures)
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

/// The traffic of one product's routing, steps [first, first + count) of spec.steps.
Traffic solve_traffic(const ScenarioSpec& spec, std::size_t first, std::size_t count) {
  const auto n = static_cast<Eigen::Index>(count);
  Eigen::MatrixXd P = Eigen::MatrixXd::Zero(2 * n, 2 * n); // P(s, s'): one visit's next state
  Eigen::VectorXd to_sink_good = Eigen::VectorXd::Zero(2 * n);
  Eigen::VectorXd to_sink_bad = Eigen::VectorXd::Zero(2 * n);
  Eigen::MatrixXd forward_of = Eigen::MatrixXd::Zero(n, 2 * n); // lots moving on from step j
  for (Eigen::Index j = 0; j < n; ++j) {
    const auto& step = spec.steps[first + static_cast<std::size_t>(j)];
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
          P(s, 2 * static_cast<Eigen::Index>(*step.rework_step - first)) += p_state * reject; // repaired
        // A splitting step sends `split` lots on for each good one.
        const double pass = p_state * (1.0 - reject) * static_cast<double>(step.split);
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

/// The products as the factory sees them: the scenario's, or the routing alone.
std::vector<ProductSpec> products_of(const ScenarioSpec& spec) {
  if (!spec.products.empty())
    return spec.products;
  ProductSpec only;
  only.name = spec.product;
  only.source = spec.source;
  only.step_count = spec.steps.size();
  return {only};
}
} // namespace

CapacityEstimate estimate_capacity(const ScenarioSpec& spec) {
  CapacityEstimate est;
  const std::vector<ProductSpec> products = products_of(spec);
  std::vector<Traffic> traffic;
  for (const auto& p : products)
    traffic.push_back(solve_traffic(spec, p.first_step, p.step_count));
  auto out_of = [&](std::size_t p) { return traffic[p].good_out + traffic[p].defective_out; };

  // The reference product: where the routing's product ends up through the bill of materials.
  std::size_t root = 0;
  while (products[root].consumer)
    root = *products[root].consumer;
  // Lots of each product entering per lot of the root entering: a part is needed `quantity`
  // times per assembly, divided by the share of its own lots that make it out of its routing.
  std::vector<double> per_root(products.size(), 0.0);
  per_root[root] = 1.0;
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t p = 0; p < products.size(); ++p)
      for (const PartSpec& part : products[p].parts) {
        const double need =
            per_root[p] * static_cast<double>(part.quantity) / std::max(out_of(part.product_index), 1e-300);
        if (per_root[p] > 0 && per_root[part.product_index] != need) {
          per_root[part.product_index] = need;
          changed = true;
        }
      }
  }
  // Entering rates (lots/h) from the sources; an assembled product enters as fast as its
  // scarcest part allows.
  std::vector<double> rate_in(products.size(), std::numeric_limits<double>::quiet_NaN());
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t p = 0; p < products.size(); ++p) {
      if (!std::isnan(rate_in[p]))
        continue;
      if (products[p].source) {
        rate_in[p] = products[p].source->saturated ? inf : 3600.0 / mean_of(products[p].source->interarrival);
        changed = true;
        continue;
      }
      double r = inf;
      bool known = true;
      for (const PartSpec& part : products[p].parts) {
        known = known && !std::isnan(rate_in[part.product_index]);
        if (known)
          r = std::min(r, rate_in[part.product_index] * out_of(part.product_index) /
                              static_cast<double>(part.quantity));
      }
      if (known) {
        rate_in[p] = r;
        changed = true;
      }
    }
  }
  // Saturated supply of a part is fine as long as the final product's rate is set by a source.
  const bool saturated = std::isinf(rate_in[root]) || std::isnan(rate_in[root]);
  est.arrival_rate_per_h = saturated ? 0.0 : rate_in[root];

  // One row per transport and per station group (a group serving several steps sums them):
  // its visits per lot of the final product entering, and the lots/h other products' sources
  // send through it.
  struct Demand {
    double per_root = 0.0; // visits per lot of the final product entering
    double offered = 0.0;  // lots/h from every product at its source's rate
    double others = 0.0;   // lots/h from products that do not end in the final product
    bool unknown = false;  // some product through it has no finite entering rate
  };
  std::vector<Demand> demand;
  std::vector<std::optional<std::size_t>> group_row(spec.station_groups.size());
  auto add = [&](std::size_t row, double visits, std::size_t product) {
    Demand& d = demand[row];
    d.per_root += per_root[product] * visits;
    if (!std::isfinite(rate_in[product])) {
      d.unknown = true;
      return;
    }
    d.offered += rate_in[product] * visits;
    if (per_root[product] == 0.0)
      d.others += rate_in[product] * visits;
  };
  auto new_row = [&](StepCapacity row) {
    est.steps.push_back(row);
    demand.emplace_back();
    return est.steps.size() - 1;
  };
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const auto& step = spec.steps[i];
    const std::size_t product = products.size() > step.product ? step.product : 0;
    const auto& group = spec.station_groups[step.group_index];
    const auto j = static_cast<Eigen::Index>(i - products[product].first_step);
    const Traffic& t = traffic[product];
    if (const auto& tr = step.transport) {
      StepCapacity tc;
      const bool agv = tr->kind == TransportKind::agv;
      tc.station_group = std::string(agv ? "agv -> " : "conveyor -> ") + group.name;
      tc.machines = tr->carriers;
      tc.effective_time_s =
          (mean_of(tr->travel_time) + mean_of(tr->return_time)) / static_cast<double>(tr->lots_per_trip);
      tc.capacity_per_h = 3600.0 * static_cast<double>(tr->carriers) / tc.effective_time_s;
      add(new_row(tc), j > 0 ? t.forward(j - 1) : 1.0, product); // reworked lots skip the transport
    }
    if (!group_row[step.group_index]) {
      StepCapacity sc;
      sc.station_group = group.name;
      sc.machines = group.machines;
      sc.effective_time_s = effective_time(group);
      sc.capacity_per_h =
          sc.effective_time_s > 0 ? 3600.0 * static_cast<double>(group.machines) / sc.effective_time_s : inf;
      group_row[step.group_index] = new_row(sc);
    }
    // A product with its own process time there loads the group as that many lots of its
    // `process_time` would: the row counts lots at the group's own time.
    const double group_time = est.steps[*group_row[step.group_index]].effective_time_s;
    const double weight = group_time > 0 ? effective_time(group, product) / group_time : 1.0;
    add(*group_row[step.group_index], (t.visits(2 * j) + t.visits(2 * j + 1)) * weight, product);
  }
  double best = inf;
  for (std::size_t r = 0; r < est.steps.size(); ++r) {
    StepCapacity& row = est.steps[r];
    const Demand& d = demand[r];
    row.reach = d.per_root;
    row.other_load_per_h = d.others;
    row.load =
        saturated || d.unknown ? std::numeric_limits<double>::quiet_NaN() : d.offered / row.capacity_per_h;
    // What is left of the row's capacity after the products that do not end in the final one.
    const double left = std::max(0.0, row.capacity_per_h - d.others);
    const double entering = d.per_root > 0 ? left / d.per_root : inf;
    if (entering < best) {
      best = entering;
      est.bottleneck = r;
    }
  }
  est.line_yield = out_of(root);
  est.escape_fraction = est.line_yield > 0 ? traffic[root].defective_out / est.line_yield : 0.0;
  est.max_entering_per_h = best;
  est.max_throughput_per_h = best * est.line_yield;
  return est;
}

} // namespace gigatwin::scenario
