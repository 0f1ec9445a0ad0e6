#include "experiment/Optimiser.hpp"

#include "experiment/Replication.hpp"
#include "plant/Kpis.hpp"
#include "scenario/ScenarioLoader.hpp"

#include "core/ConfidenceInterval.hpp"
#include "kernel/ProcessPool.hpp"

#include <pagmo/algorithm.hpp>
#include <pagmo/algorithms/gaco.hpp>
#include <pagmo/algorithms/nsga2.hpp>
#include <pagmo/batch_evaluators/member_bfe.hpp>
#include <pagmo/bfe.hpp>
#include <pagmo/population.hpp>
#include <pagmo/problem.hpp>

#include <algorithm>
#include <chrono>
#include <cmath>
#include <cstdint>
#include <map>
#include <memory>
#include <optional>
#include <stdexcept>
#include <variant>

namespace gigatwin::experiment {

namespace {

using scenario::DecisionVariable;

/// Fitness of a candidate that breaks a constraint: behind every feasible one, ordered by how far
/// it misses; of one that could not be run: behind those.
constexpr double infeasible = 1e30;
constexpr double failed = 1e31;

/// The station columns that hold numbers, by name.
const plant::StationColumn* station_column(const std::string& name) {
  for (const auto& c : plant::station_columns())
    if (name == c.name && !std::holds_alternative<std::string plant::StationResult::*>(c.member))
      return &c;
  return nullptr;
}

double station_value(const plant::StationResult& s, const plant::StationColumn& c) {
  if (const auto* d = std::get_if<double plant::StationResult::*>(&c.member))
    return s.**d;
  if (const auto* i = std::get_if<std::int64_t plant::StationResult::*>(&c.member))
    return static_cast<double>(s.**i);
  return std::nan("");
}

/// What the search and the runs share: the problem, the cache of candidates, the budget.
struct Evaluator {
  const scenario::OptimisationSpec& spec;
  const OptimiserOptions& options;
  std::vector<OptimisedCandidate> candidates;
  std::map<std::vector<double>, std::size_t> known; // canonical x -> candidate
  std::size_t generation = 0;
  bool stopped = false;

  std::vector<scenario::KpiRef> kpis() const {
    std::vector<scenario::KpiRef> out;
    for (const auto& o : spec.objectives)
      out.push_back(o.kpi);
    for (const auto& c : spec.constraints)
      out.push_back(c.kpi);
    return out;
  }

  /// pagmo's decision vector holds continuous variables first, whole ones (integers, choices)
  /// last: `order[i]` is the file's variable at position i.
  std::vector<std::size_t> order;

  std::vector<double> canonical(const double* x) const {
    std::vector<double> values(spec.variables.size());
    for (std::size_t i = 0; i < order.size(); ++i) {
      const DecisionVariable& v = spec.variables[order[i]];
      values[order[i]] = v.kind == DecisionVariable::Kind::continuous ? x[i] : std::round(x[i]);
    }
    return values;
  }

  std::vector<double> fitness_of(const OptimisedCandidate& c) const {
    std::vector<double> f(spec.objectives.size());
    if (!c.error.empty()) {
      std::fill(f.begin(), f.end(), failed);
      return f;
    }
    double violation = 0;
    for (std::size_t k = 0; k < spec.constraints.size(); ++k) {
      const auto& con = spec.constraints[k];
      const double limit = c.constraint_limit[k];
      const double miss = con.at_least ? con.bound - limit : limit - con.bound;
      if (!(miss <= 0)) // NaN misses too
        violation += std::isfinite(miss) ? miss / std::max(std::abs(con.bound), 1e-9) : 1e6;
    }
    for (std::size_t i = 0; i < f.size(); ++i)
      f[i] = violation > 0 ? infeasible * (1 + std::min(violation, 1e6))
                           : (spec.objectives[i].maximise ? -c.mean[i] : c.mean[i]);
    return f;
  }

  /// Runs the replications asked for — (candidate, replication) pairs, `jobs` at a time — and
  /// keeps every KPI's value of each in the candidate (values[kpi][replication]).
  void run_replications(const std::vector<std::pair<std::size_t, std::int64_t>>& wanted) {
    std::map<std::size_t, scenario::ScenarioSpec> specs;
    std::vector<std::pair<std::size_t, std::int64_t>> tasks;
    for (const auto& [k, r] : wanted) {
      if (!candidates[k].error.empty())
        continue;
      if (!specs.count(k)) {
        try {
          specs.emplace(k, scenario::load_scenario_file(spec.scenario_path, candidates[k].overrides));
          specs.at(k).trace.enabled = false;
        } catch (const std::exception& e) {
          candidates[k].error = std::string("the scenario refuses this candidate: ") + e.what();
          continue;
        }
      }
      tasks.emplace_back(k, r);
    }
    std::size_t next = 0;
    kernel::PoolCallbacks callbacks;
    callbacks.next_task = [&]() -> std::optional<std::size_t> {
      if (next >= tasks.size())
        return std::nullopt;
      return next++;
    };
    callbacks.work = [&](std::size_t t) {
      // Common random numbers: replication r of every candidate draws the same streams.
      ReplicationOptions run;
      run.replication = tasks[t].second;
      run.seed = spec.seed;
      return run_replication(specs.at(tasks[t].first), run).encode();
    };
    const auto refs = kpis();
    callbacks.on_done = [&](std::size_t t, const kernel::ChildOutcome& outcome) {
      OptimisedCandidate& c = candidates[tasks[t].first];
      const auto r = static_cast<std::size_t>(tasks[t].second);
      if (outcome.status != kernel::ChildOutcome::Status::ok) {
        if (c.error.empty())
          c.error = "replication " + std::to_string(r) + " failed: " + outcome.payload;
        return;
      }
      const plant::RunResult result = plant::RunResult::decode(outcome.payload);
      if (c.got.size() <= r)
        c.got.resize(r + 1, 0);
      c.got[r] = 1;
      c.values.resize(refs.size());
      for (std::size_t i = 0; i < refs.size(); ++i) {
        if (c.values[i].size() <= r)
          c.values[i].resize(r + 1, std::nan(""));
        c.values[i][r] = kpi_value(result, refs[i]);
      }
    };
    callbacks.stop_requested = [&] { return options.stop_requested && options.stop_requested(); };
    if (!kernel::ProcessPool(std::max<std::size_t>(options.jobs, 1)).run(callbacks))
      stopped = true;
  }

  /// A candidate's KPIs over the replications it has: means, intervals, constraint limits,
  /// feasibility.
  void summarise(OptimisedCandidate& c) {
    if (!c.error.empty())
      return;
    const auto refs = kpis();
    if (c.values.size() != refs.size() || c.got.size() < static_cast<std::size_t>(spec.replications) ||
        std::find(c.got.begin(), c.got.end(), 0) != c.got.end()) {
      c.error = stopped ? "interrupted" : "a replication gave no result";
      return;
    }
    c.replications = static_cast<std::int64_t>(c.values.front().size());
    for (std::size_t i = 0; i < refs.size(); ++i) {
      const std::vector<double>& values = c.values[i];
      const auto ci = core::confidence_interval(values, 0.95);
      c.mean[i] = ci.mean;
      c.half_width[i] = ci.half_width;
      if (i >= spec.objectives.size()) {
        const auto& con = spec.constraints[i - spec.objectives.size()];
        const double sd_of_mean =
            ci.half_width / core::student_t_quantile(0.975, static_cast<double>(values.size() - 1));
        const double t = core::student_t_quantile(con.confidence, static_cast<double>(values.size() - 1));
        c.constraint_limit[i - spec.objectives.size()] =
            con.at_least ? ci.mean - t * sd_of_mean : ci.mean + t * sd_of_mean;
      }
    }
    const auto f = fitness_of(c);
    c.feasible = std::all_of(f.begin(), f.end(), [](double v) { return v < infeasible; });
  }

  /// Runs the new candidates of a generation (every replication, `jobs` at a time).
  void run(const std::vector<std::size_t>& fresh) {
    std::vector<std::pair<std::size_t, std::int64_t>> wanted;
    for (std::size_t k : fresh)
      for (std::int64_t r = 0; r < spec.replications; ++r)
        wanted.emplace_back(k, r);
    run_replications(wanted);
    for (std::size_t k : fresh)
      summarise(candidates[k]);
  }

  /// Fitness of a batch of decision vectors (pagmo's dvs: one after another).
  std::vector<double> batch(const std::vector<double>& dvs) {
    const std::size_t n = order.size();
    const std::size_t count = n == 0 ? 0 : dvs.size() / n;
    std::vector<std::size_t> which(count);
    std::vector<std::size_t> fresh;
    for (std::size_t j = 0; j < count; ++j) {
      auto x = canonical(dvs.data() + j * n);
      const auto it = known.find(x);
      if (it != known.end()) {
        which[j] = it->second;
        continue;
      }
      OptimisedCandidate c;
      c.index = candidates.size();
      c.generation = generation;
      for (std::size_t v = 0; v < x.size(); ++v)
        c.overrides.push_back(spec.variables[v].override_for(x[v]));
      c.x = x;
      c.mean.assign(spec.objectives.size() + spec.constraints.size(), std::nan(""));
      c.half_width = c.mean;
      c.constraint_limit.assign(spec.constraints.size(), std::nan(""));
      if (candidates.size() >= static_cast<std::size_t>(spec.evaluations) || stopped) {
        c.error = "over the budget: not evaluated";
        which[j] = SIZE_MAX;
        continue;
      }
      known.emplace(x, candidates.size());
      which[j] = candidates.size();
      fresh.push_back(candidates.size());
      candidates.push_back(std::move(c));
    }
    run(fresh);
    std::vector<double> out;
    for (std::size_t j = 0; j < count; ++j) {
      if (which[j] == SIZE_MAX) {
        out.insert(out.end(), spec.objectives.size(), failed);
        continue;
      }
      const auto f = fitness_of(candidates[which[j]]);
      out.insert(out.end(), f.begin(), f.end());
    }
    return out;
  }
};

/// pagmo's user-defined problem: the file's variables, objectives to minimise.
struct PlantProblem {
  std::shared_ptr<Evaluator> evaluator;

  pagmo::vector_double fitness(const pagmo::vector_double& x) const { return evaluator->batch(x); }
  pagmo::vector_double batch_fitness(const pagmo::vector_double& dvs) const { return evaluator->batch(dvs); }
  std::pair<pagmo::vector_double, pagmo::vector_double> get_bounds() const {
    pagmo::vector_double low, high;
    for (std::size_t i : evaluator->order) {
      const DecisionVariable& v = evaluator->spec.variables[i];
      low.push_back(v.kind == DecisionVariable::Kind::choice ? 0.0 : v.low);
      high.push_back(v.kind == DecisionVariable::Kind::choice ? static_cast<double>(v.choices.size() - 1)
                                                              : v.high);
    }
    return {low, high};
  }
  pagmo::vector_double::size_type get_nobj() const { return evaluator->spec.objectives.size(); }
  pagmo::vector_double::size_type get_nix() const {
    return static_cast<pagmo::vector_double::size_type>(std::count_if(
        evaluator->spec.variables.begin(), evaluator->spec.variables.end(),
        [](const DecisionVariable& v) { return v.kind != DecisionVariable::Kind::continuous; }));
  }
  std::string get_name() const { return "GigaTwin plant"; }
};

/// Indices of the feasible candidates no other feasible one beats on every objective's mean
/// (minimisation form); for one objective, the best.
std::vector<std::size_t> front_of(const Evaluator& e) {
  std::vector<std::size_t> feasible;
  for (const auto& c : e.candidates)
    if (c.feasible && c.error.empty())
      feasible.push_back(c.index);
  const auto value = [&](std::size_t k, std::size_t i) {
    return e.spec.objectives[i].maximise ? -e.candidates[k].mean[i] : e.candidates[k].mean[i];
  };
  std::vector<std::size_t> front;
  for (std::size_t a : feasible) {
    bool dominated = false;
    for (std::size_t b : feasible) {
      if (a == b)
        continue;
      bool no_worse = true, better = false;
      for (std::size_t i = 0; i < e.spec.objectives.size(); ++i) {
        no_worse = no_worse && value(b, i) <= value(a, i);
        better = better || value(b, i) < value(a, i);
      }
      dominated = dominated || (no_worse && better);
    }
    if (!dominated)
      front.push_back(a);
  }
  std::sort(front.begin(), front.end(),
            [&](std::size_t a, std::size_t b) { return value(a, 0) < value(b, 0); });
  if (e.spec.objectives.size() == 1 && front.size() > 1)
    front.erase(front.begin() + 1, front.end()); // (resize(1) trips GCC 12's -Warray-bounds)
  return front;
}

/// Kim–Nelson among the best feasible candidates by the objective's mean (minimisation form).
void select_best(Evaluator& e, const scenario::SelectionSpec& settings, SelectionRecord& record) {
  const bool maximise = e.spec.objectives.front().maximise;
  std::vector<std::size_t> ranked;
  for (const auto& c : e.candidates)
    if (c.feasible && c.error.empty() && std::isfinite(c.mean[0]))
      ranked.push_back(c.index);
  const auto value = [&](std::size_t k) {
    return maximise ? -e.candidates[k].mean[0] : e.candidates[k].mean[0];
  };
  std::stable_sort(ranked.begin(), ranked.end(),
                   [&](std::size_t a, std::size_t b) { return value(a) < value(b); });
  if (ranked.size() > static_cast<std::size_t>(settings.top))
    ranked.resize(static_cast<std::size_t>(settings.top));
  if (ranked.empty())
    return;
  record.candidates = ranked;
  const Observe observe = [&](const std::vector<std::pair<std::size_t, std::size_t>>& wanted) {
    std::vector<std::pair<std::size_t, std::int64_t>> missing;
    for (const auto& [system, n] : wanted) {
      const OptimisedCandidate& c = e.candidates[ranked[system]];
      if (n >= c.got.size() || !c.got[n])
        missing.emplace_back(ranked[system], static_cast<std::int64_t>(n));
    }
    e.run_replications(missing);
    std::vector<double> out;
    for (const auto& [system, n] : wanted) {
      const OptimisedCandidate& c = e.candidates[ranked[system]];
      if (e.stopped)
        throw std::runtime_error("interrupted");
      if (n >= c.got.size() || !c.got[n] || !std::isfinite(c.values[0][n]))
        throw std::runtime_error("candidate " + std::to_string(c.index) + "'s replication " +
                                 std::to_string(n) + " gave no value of the objective" +
                                 (c.error.empty() ? "" : ": " + c.error));
      out.push_back(maximise ? -c.values[0][n] : c.values[0][n]);
    }
    return out;
  };
  try {
    const SelectionOutcome o = select_smallest(
        ranked.size(),
        SelectionSettings{.alpha = settings.alpha,
                          .delta = settings.delta,
                          .first = static_cast<std::size_t>(settings.first),
                          .max_per_system = static_cast<std::size_t>(settings.max_per_candidate)},
        observe);
    record.done = true;
    record.guaranteed = o.guaranteed;
    record.observations = o.observations;
    record.means.clear();
    for (double m : o.means)
      record.means.push_back(maximise ? -m : m);
    record.eliminated_at = o.eliminated_at;
    record.chosen = o.chosen;
  } catch (const std::exception& error) {
    record.error = error.what();
  }
  for (std::size_t k : ranked) // their KPIs over every replication they now have
    e.summarise(e.candidates[k]);
}

} // namespace

std::vector<std::string> check_kpi_names(const scenario::OptimisationSpec& spec) {
  std::vector<std::string> problems;
  const auto where = [&](const scenario::KpiRef& k) {
    return spec.path + ":" + std::to_string(k.pos.line) + ":" + std::to_string(k.pos.column) +
           ": error: " + k.key_path + ": ";
  };
  std::vector<scenario::KpiRef> refs;
  for (const auto& o : spec.objectives)
    refs.push_back(o.kpi);
  for (const auto& c : spec.constraints)
    refs.push_back(c.kpi);
  for (const auto& k : refs) {
    if (k.station.empty()) {
      const auto& kpis = plant::summary_kpis();
      if (std::none_of(kpis.begin(), kpis.end(), [&](const auto& d) { return k.column == d.name; })) {
        std::string names;
        for (const auto& d : kpis)
          names += (names.empty() ? "" : ", ") + std::string(d.name);
        problems.push_back(where(k) + "expected a KPI of the run summary (" + names +
                           ") or stations.<group>.<column>, found '" + k.name + "'");
      }
    } else if (!station_column(k.column)) {
      std::string names;
      for (const auto& c : plant::station_columns())
        if (!std::holds_alternative<std::string plant::StationResult::*>(c.member))
          names += (names.empty() ? "" : ", ") + std::string(c.name);
      problems.push_back(where(k) + "expected a station column (" + names + "), found '" + k.column + "'");
    }
  }
  return problems;
}

double kpi_value(const plant::RunResult& run, const scenario::KpiRef& kpi) {
  if (kpi.station.empty()) {
    for (const auto& d : plant::summary_kpis())
      if (kpi.column == d.name)
        return d.get(run);
    return std::nan("");
  }
  const plant::StationColumn* column = station_column(kpi.column);
  if (!column)
    return std::nan("");
  if (kpi.station == "*") {
    double sum = 0;
    for (const auto& s : run.stations)
      sum += station_value(s, *column);
    return sum;
  }
  for (const auto& s : run.stations)
    if (s.name == kpi.station)
      return station_value(s, *column);
  return std::nan("");
}

OptimisationResult optimise(const scenario::OptimisationSpec& spec, const OptimiserOptions& options) {
  const auto start = std::chrono::steady_clock::now();
  auto evaluator = std::make_shared<Evaluator>(Evaluator{spec, options, {}, {}, 0, false, {}});
  for (std::size_t i = 0; i < spec.variables.size(); ++i)
    if (spec.variables[i].kind == DecisionVariable::Kind::continuous)
      evaluator->order.push_back(i);
  for (std::size_t i = 0; i < spec.variables.size(); ++i)
    if (spec.variables[i].kind != DecisionVariable::Kind::continuous)
      evaluator->order.push_back(i);

  const bool several = spec.objectives.size() > 1;
  OptimisationResult result;
  // NSGA-II wants a multiple of 4, at least 8; GACO a population at least its kernel.
  std::size_t size = spec.population > 0
                         ? static_cast<std::size_t>(spec.population)
                         : std::clamp<std::size_t>(static_cast<std::size_t>(spec.evaluations) / 6, 8, 40);
  if (several)
    size = std::max<std::size_t>(8, (size + 3) / 4 * 4);
  result.population = size;
  const auto seed = static_cast<unsigned>(spec.seed % 4294967291u);
  pagmo::problem problem{PlantProblem{evaluator}};
  pagmo::bfe batch{pagmo::member_bfe{}};
  pagmo::algorithm algorithm;
  if (several) {
    pagmo::nsga2 nsga2(1u, 0.95, 10.,
                       1.0 / static_cast<double>(std::max<std::size_t>(spec.variables.size(), 1)), 50., seed);
    nsga2.set_bfe(batch);
    algorithm = pagmo::algorithm{nsga2};
    result.algorithm = "NSGA-II (pagmo2)";
  } else {
    const unsigned ker = static_cast<unsigned>(std::min<std::size_t>(size, 20));
    pagmo::gaco gaco(1u, ker, 1.0, 0.0, 0.01, 1u, 7u, 100000u, 100000u, 0.0, true, seed);
    gaco.set_bfe(batch);
    algorithm = pagmo::algorithm{gaco};
    result.algorithm = "GACO, extended ant colony (pagmo2)";
  }
  pagmo::population population{problem, batch, static_cast<pagmo::population::size_type>(size), seed};
  const auto budget = static_cast<std::size_t>(spec.evaluations);
  const auto report = [&] {
    if (options.progress)
      options.progress(evaluator->candidates.size(), budget, evaluator->generation);
  };
  report();
  // One generation at a time, until the budget is spent or the search stops finding new
  // candidates (every one it proposes is known: it has converged).
  std::size_t stale = 0;
  while (evaluator->candidates.size() < budget && !evaluator->stopped && stale < 20) {
    if (options.stop_requested && options.stop_requested()) {
      evaluator->stopped = true;
      break;
    }
    const std::size_t before = evaluator->candidates.size();
    ++evaluator->generation;
    population = algorithm.evolve(population);
    stale = evaluator->candidates.size() == before ? stale + 1 : 0;
    report();
  }
  if (spec.selection && spec.objectives.size() == 1 && !evaluator->stopped)
    select_best(*evaluator, *spec.selection, result.selection);
  result.candidates = evaluator->candidates;
  result.front = front_of(*evaluator);
  if (result.selection.done) // the selection's pick is the best, whatever the means of the search said
    result.front = {result.selection.candidates[result.selection.chosen]};
  for (std::size_t k : result.front)
    result.candidates[k].on_front = true;
  result.generations = evaluator->generation;
  result.interrupted = evaluator->stopped;
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return result;
}

} // namespace gigatwin::experiment
