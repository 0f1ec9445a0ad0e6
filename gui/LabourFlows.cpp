#include "LabourFlows.hpp"

#include "results/ResultsReader.hpp"
#include "results/Table.hpp"

#include <QMap>

#include <algorithm>
#include <cmath>

namespace gigatwin::gui {

namespace {
double number(const results::Table& t, std::size_t row, const char* column) {
  const double v = results::number_at(t, row, column);
  return std::isnan(v) ? 0.0 : v;
}
QString text(const results::Table& t, std::size_t row, const char* column) {
  return QString::fromStdString(results::text_at(t, row, column));
}
} // namespace

std::optional<LabourFlows> LabourFlows::from_tables(const results::Table& pools, const results::Table& ledger,
                                                    double warmup_s) {
  const int n = static_cast<int>(pools.rows.size());
  if (n == 0)
    return std::nullopt;
  LabourFlows f;
  QMap<QString, int> index;
  for (int i = 0; i < n; ++i) {
    const QString name = text(pools, static_cast<std::size_t>(i), "name");
    index[name] = i;
    f.left << name;
    f.right << name;
  }
  const int hired = static_cast<int>(f.left.size());
  f.left << "hired";
  const int laid_off = static_cast<int>(f.right.size());
  f.right << "laid off";
  const int quit = laid_off + 1;
  f.right << "quit";

  // Where moved workers went, from the ledger's measured period. A file written before the
  // ledger named the other pool has its _out and _in rows one after the other: they pair up.
  QVector<QVector<double>> reassigned(n, QVector<double>(n, 0.0)), retrained(n, QVector<double>(n, 0.0));
  const bool named = ledger.find_column("other_pool").has_value();
  for (std::size_t r = 0; r < ledger.rows.size(); ++r) {
    if (results::number_at(ledger, r, "time") < warmup_s)
      continue;
    const QString event = text(ledger, r, "event");
    if (event != "reassign_out" && event != "retrain_out")
      continue;
    const int from = index.value(text(ledger, r, "pool"), -1);
    int to = -1;
    if (named)
      to = index.value(text(ledger, r, "other_pool"), -1);
    else if (r + 1 < ledger.rows.size() && text(ledger, r + 1, "event") == QString(event).replace("_out", "_in"))
      to = index.value(text(ledger, r + 1, "pool"), -1);
    if (from < 0 || to < 0)
      continue;
    (event == "reassign_out" ? reassigned : retrained)[from][to] += number(ledger, r, "count");
  }

  for (int i = 0; i < n; ++i) {
    const auto row = static_cast<std::size_t>(i);
    const double start = number(pools, row, "headcount_start"), hires = number(pools, row, "hires");
    const double layoffs = number(pools, row, "layoffs"), attrition = number(pools, row, "attrition");
    const double moved_out = number(pools, row, "moved_out");
    f.start << start;
    f.end << number(pools, row, "headcount");
    f.hires += hires;
    f.layoffs += layoffs;
    f.attrition += attrition;
    // The pool table's counts are the truth; the ledger only says where the moves went. Should
    // they differ (an event at the very end of the warm-up), the split is scaled to the count.
    for (auto* moves : {&reassigned, &retrained}) {
      const double total_out = number(pools, row, moves == &reassigned ? "reassigned_out" : "retrained_out");
      double listed = 0;
      for (double x : (*moves)[i])
        listed += x;
      for (int j = 0; j < n; ++j)
        (*moves)[i][j] = listed > 0 ? (*moves)[i][j] * total_out / listed : 0.0;
    }
    // Those who started in the pool and are still in it. Negative when some of the pool's hires
    // were laid off or quit again within the period: those come out of the hires' flow instead.
    double stayed = start - moved_out - layoffs - attrition;
    double laid_from_start = layoffs, quit_from_start = attrition, hired_laid = 0, hired_quit = 0, hired_moved = 0;
    if (stayed < 0) { // more left than started: hires left too (laid off, quit, then moved on)
      double deficit = -stayed;
      hired_laid = std::min(deficit, laid_from_start);
      laid_from_start -= hired_laid;
      deficit -= hired_laid;
      hired_quit = std::min(deficit, quit_from_start);
      quit_from_start -= hired_quit;
      deficit -= hired_quit;
      hired_moved = std::min(deficit, moved_out);
      stayed = 0;
    }
    // The moves out of the pool: from its workers at the start, the rest from its hires.
    const double from_hires = moved_out > 0 ? hired_moved / moved_out : 0.0;
    const auto add = [&](int from, int to, double workers, Kind kind) {
      if (workers > 0)
        f.flows.push_back({from, to, workers, kind});
    };
    add(i, i, stayed, Kind::stayed);
    for (int j = 0; j < n; ++j) {
      add(i, j, reassigned[i][j] * (1 - from_hires), Kind::reassigned);
      add(i, j, retrained[i][j] * (1 - from_hires), Kind::retrained);
      add(hired, j, reassigned[i][j] * from_hires, Kind::reassigned);
      add(hired, j, retrained[i][j] * from_hires, Kind::retrained);
      f.reassigned += reassigned[i][j];
      f.retrained += retrained[i][j];
    }
    add(i, laid_off, laid_from_start, Kind::laid_off);
    add(i, quit, quit_from_start, Kind::quit);
    add(hired, i, hires - hired_laid - hired_quit - hired_moved, Kind::hired);
    add(hired, laid_off, hired_laid, Kind::laid_off);
    add(hired, quit, hired_quit, Kind::quit);
  }
  return f;
}

std::optional<LabourFlows> LabourFlows::of_run(const results::ResultsReader& file, const QString& run) {
  const std::string group = "/runs/" + run.toStdString();
  if (!file.has(group + "/pools"))
    return std::nullopt;
  const results::Table ledger = file.has(group + "/workforce") ? file.read_table(group + "/workforce") : results::Table{};
  const double warmup = file.has_attribute(group, "warmup_s") ? file.attribute_double(group, "warmup_s") : 0.0;
  auto flows = from_tables(file.read_table(group + "/pools"), ledger, warmup);
  if (flows && file.has("/experiment/summary")) {
    // The costs of the moves: the run's row of the summary, in the scenario's currency.
    const results::Table summary = file.read_table("/experiment/summary");
    for (std::size_t r = 0; r < summary.rows.size(); ++r)
      if (results::text_at(summary, r, "run") == run.toStdString()) {
        flows->severance_cost = results::number_at(summary, r, "severance_cost");
        flows->training_cost = results::number_at(summary, r, "training_cost");
        if (const auto c = summary.find_column("severance_cost"))
          flows->currency = QString::fromStdString(summary.columns[*c].units);
      }
  }
  return flows;
}

double LabourFlows::out_of(int i) const {
  double sum = 0;
  for (const Flow& flow : flows)
    if (flow.from == i)
      sum += flow.workers;
  return sum;
}

double LabourFlows::into(int j) const {
  double sum = 0;
  for (const Flow& flow : flows)
    if (flow.to == j)
      sum += flow.workers;
  return sum;
}

} // namespace gigatwin::gui
