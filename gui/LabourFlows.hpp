#pragma once
// LabourFlows: what happened to the people of a run over its measured period, as flows of
// workers for a Sankey diagram — from each pool's headcount at the start (and from hiring) to
// each pool's headcount at the end, to layoffs and to attrition, with the workers reassigned or
// retrained from one pool to another as flows between pools. Built from a run's `pools` table
// (the counts) and its `workforce` ledger (where moved workers went, events after the warm-up);
// the flows out of a pool add up to its headcount at the start plus its hires, and into it to its
// headcount at the end — the pool table's identity. Severance and training costs are the run's.
// It draws nothing (LabourFlowView does).

#include <QString>
#include <QVector>

#include <optional>

namespace gigatwin::results {
class ResultsReader;
struct Table;
}

namespace gigatwin::gui {

struct LabourFlows {
  enum class Kind { stayed, reassigned, retrained, hired, laid_off, quit, moved };
  /// A flow of `workers` from a left-hand node to a right-hand node.
  struct Flow {
    int from;    ///< index into `left`
    int to;      ///< index into `right`
    double workers;
    Kind kind;
  };
  /// Left: each pool at the start, then "hired". Right: each pool at the end, then "laid off",
  /// then "quit".
  QVector<QString> left, right;
  QVector<Flow> flows;
  QVector<double> start, end; ///< per pool, workers
  double hires = 0, layoffs = 0, attrition = 0, reassigned = 0, retrained = 0;
  double severance_cost = 0, training_cost = 0; ///< the run's, in `currency`
  QString currency;

  /// From a run's tables; `warmup_s`: ledger events before it are not in the measured period.
  /// nullopt when the run has no worker pools.
  static std::optional<LabourFlows> from_tables(const results::Table& pools, const results::Table& ledger,
                                                double warmup_s);
  /// Run `run`'s flows from its results file, with its severance and training cost from the
  /// summary; nullopt when the run has no worker pools. Throws results::ResultsError.
  static std::optional<LabourFlows> of_run(const results::ResultsReader& file, const QString& run);
  /// Workers flowing out of left node `i` / into right node `j`.
  double out_of(int i) const;
  double into(int j) const;
};

} // namespace gigatwin::gui
