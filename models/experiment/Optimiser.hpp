#pragma once
// Optimiser: simulation optimisation of a plant (docs/OPTIMISE.md). The decision variables of an
// optimisation file are searched by pagmo2's algorithms — NSGA-II for several objectives, the
// extended ant colony (GACO) for one; both take whole-number variables — and every candidate is
// evaluated as `replications` runs of its scenario, in child processes (`jobs` at a time), with
// common random numbers: replication r of every candidate draws the same streams, so candidates
// are compared on the same luck. A whole generation is evaluated at once (pagmo's batch fitness
// evaluation); a candidate met again is taken from the cache, not run again. The budget counts
// distinct candidates.
//
// A constraint holds when the one-sided confidence limit of its KPI's mean (Student's t over the
// replications) is on the right side of its bound; a candidate that breaks one is ranked behind
// every feasible one, by how far it misses (pagmo's NSGA-II has no constraints of its own). The
// result lists every candidate with its KPIs' means and 95 % intervals, and the feasible
// candidates no other feasible one beats on every objective's mean (the front; for one objective,
// the best).
//
// With one objective and `selection:` in the file, the best feasible candidates then go through
// Kim and Nelson's fully sequential procedure (experiment/Selection: more replications, common
// random numbers, the clearly worse dropped stage by stage): the one it picks is within delta of
// the best of them with probability at least 1 − alpha, and it is the result's best.
//
// Not yet: replications allocated during the search (OCBA, racing), dominance among several
// objectives tested statistically.

#include "experiment/Selection.hpp"
#include "plant/RunResult.hpp"
#include "scenario/OptimisationLoader.hpp"

#include <functional>
#include <string>
#include <vector>

namespace gigatwin::experiment {

struct OptimisedCandidate {
  std::size_t index = 0;      ///< in the order first evaluated
  std::size_t generation = 0; ///< 0: the first population
  std::vector<double> x;      ///< per variable: its value (a choice: its index)
  std::vector<std::string> overrides;
  /// Per objective, then per constraint: the KPI's mean and the half-width of its 95 % interval.
  std::vector<double> mean, half_width;
  std::vector<double> constraint_limit; ///< per constraint: the confidence limit compared with the bound
  /// Per KPI (objectives, then constraints), per replication: its value; got[r]: replication r came.
  std::vector<std::vector<double>> values;
  std::vector<char> got;
  bool feasible = false;
  bool on_front = false;
  std::int64_t replications = 0;
  std::string error; ///< a run failed: not ranked
};

/// Kim–Nelson's selection among the best candidates after the search (experiment/Selection).
struct SelectionRecord {
  bool done = false;
  bool guaranteed = false;                ///< it ended with one left (else the budget per candidate ran out)
  std::vector<std::size_t> candidates;    ///< those taken into it
  std::vector<std::size_t> observations;  ///< per one of them: replications it ended with
  std::vector<double> means;              ///< per one: the objective's mean over them
  std::vector<std::size_t> eliminated_at; ///< per one: the stage it was dropped at (0: never)
  std::size_t chosen = 0;                 ///< index into candidates of the results' rows
  std::string error;                      ///< why it could not finish (interrupted, a run failed)
};

struct OptimisationResult {
  std::vector<OptimisedCandidate> candidates;
  std::vector<std::size_t> front; ///< indices into candidates, best first for one objective
  std::size_t generations = 0;
  std::string algorithm;
  std::size_t population = 0;
  SelectionRecord selection;
  bool interrupted = false;
  double wall_s = 0;
};

struct OptimiserOptions {
  std::size_t jobs = 1;
  /// After every generation: candidates evaluated so far and the budget.
  std::function<void(std::size_t evaluated, std::size_t budget, std::size_t generation)> progress;
  std::function<bool()> stop_requested;
};

/// Problems with the file's KPI names that only the experiment layer can see (an unknown summary
/// KPI or station column): one message each, with the file's position. Empty: all known.
std::vector<std::string> check_kpi_names(const scenario::OptimisationSpec& spec);

/// A KPI of one run (NaN when the run has no such value).
double kpi_value(const plant::RunResult& run, const scenario::KpiRef& kpi);

/// Searches; throws std::runtime_error if the base scenario cannot be run at all.
OptimisationResult optimise(const scenario::OptimisationSpec& spec, const OptimiserOptions& options);

} // namespace gigatwin::experiment
