#pragma once
// OptimisationLoader: reads an optimisation file (YAML, docs/OPTIMISE.md) — a base scenario, the
// decision variables (scenario key paths: whole numbers or numbers within bounds, or a choice
// among values), the objectives (KPIs to minimise or maximise), constraints on KPIs with a
// confidence, replications per candidate, the evaluation budget and the seed. Problems are
// reported like a scenario's (file:line:column, key path, expected, found) by throwing
// ScenarioError; every variable's bounds and choices are checked by loading the scenario with
// them, so a search never meets a candidate the loader refuses for a reason the file could show.
//
// It does not search: experiment/Optimiser does.

#include "scenario/Diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

/// One decision: a scenario key (as for --set) and the values it may take.
struct DecisionVariable {
  enum class Kind { integer, continuous, choice };
  std::string name; ///< as the file names it (default: the key)
  std::string key;  ///< the scenario key path
  Kind kind = Kind::integer;
  double low = 0, high = 0;         ///< integer and continuous: inclusive bounds
  std::string unit;                 ///< continuous: appended to the value (e.g. "/h", "s")
  std::vector<std::string> choices; ///< choice: the values, as written
  SourcePos pos;
  /// The override for `value` (an integer or continuous value, or a choice's index).
  std::string override_for(double value) const;
};

/// A KPI: one of the run summary's (throughput, cost_per_unit, ...), a station group's column
/// (`stations.<group>.<column>`, e.g. stations.winding.wait_mean), or a column summed over every
/// group (`stations.*.machines`).
struct KpiRef {
  std::string name;     ///< as written
  std::string station;  ///< empty: a summary KPI; "*": summed over the groups
  std::string column;   ///< the summary KPI or the station column
  SourcePos pos;        ///< where it is written (the KPI names are checked by the experiment layer)
  std::string key_path; ///< e.g. objectives[0].minimise
};

struct OptimisationObjective {
  KpiRef kpi;
  bool maximise = false;
};

struct OptimisationConstraint {
  KpiRef kpi;
  bool at_least = true; ///< else at most
  double bound = 0;
  double confidence = 0.95; ///< the one-sided confidence the bound must hold with
};

/// Kim–Nelson selection among the best candidates after the search (one objective).
struct SelectionSpec {
  double alpha = 0.05;     ///< the chance of picking one more than delta worse than the best
  double delta = 0;        ///< the indifference zone, in the objective's units
  std::int64_t top = 5;    ///< candidates taken into it (the best feasible by mean)
  std::int64_t first = 10; ///< replications of each before screening
  std::int64_t max_per_candidate = 200;
  SourcePos pos;
};

struct OptimisationSpec {
  std::string path;          ///< the optimisation file
  std::string scenario_path; ///< the base scenario, resolved against the file's folder
  std::vector<DecisionVariable> variables;
  std::vector<OptimisationObjective> objectives;
  std::vector<OptimisationConstraint> constraints;
  std::int64_t replications = 5;  ///< per candidate (common random numbers: the same seeds for all)
  std::int64_t evaluations = 100; ///< distinct candidates evaluated at most
  std::int64_t population = 0;    ///< 0: chosen from the problem
  std::uint64_t seed = 1;
  std::optional<SelectionSpec> selection;
};

/// Reads and checks an optimisation file; throws ScenarioError.
OptimisationSpec load_optimisation_file(const std::string& path);
/// The same from text: `label` names it in messages, `folder` is where its scenario is looked
/// for (the fuzzer's entry).
OptimisationSpec load_optimisation_text(const std::string& text, const std::string& label,
                                        const std::string& folder);

/// Whether the file is a YAML map with a top-level `optimise` key.
bool is_optimisation_file(const std::string& path);

} // namespace gigatwin::scenario
