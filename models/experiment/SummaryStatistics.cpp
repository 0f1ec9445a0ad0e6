#include "experiment/SummaryStatistics.hpp"

#include "plant/Kpis.hpp"

#include "core/ConfidenceInterval.hpp"

#include <cmath>
#include <map>

namespace gigatwin::experiment {

using results::ColumnType;

namespace {
/// Per point, per replication: the summary row.
std::map<std::int64_t, std::map<std::int64_t, std::size_t>> rows_by_point(const results::Table& summary) {
  std::map<std::int64_t, std::map<std::int64_t, std::size_t>> out;
  for (std::size_t r = 0; r < summary.rows.size(); ++r)
    out[static_cast<std::int64_t>(results::number_at(summary, r, "point"))]
       [static_cast<std::int64_t>(results::number_at(summary, r, "replication"))] = r;
  return out;
}

std::string units_in(const results::Table& summary, std::string_view kpi) {
  const auto c = summary.find_column(kpi);
  return c ? summary.columns[*c].units : std::string();
}
} // namespace

results::Table confidence_table(const results::Table& summary, double level) {
  results::Table t;
  t.description = "Per sweep point and KPI: mean over replications and the Student-t confidence interval "
                  "half-width (mean +/- half_width); half_width is NaN with fewer than 2 replications.";
  t.columns = {
      {"point", ColumnType::int64, "", "sweep point index"},
      {"kpi", ColumnType::string, "", "KPI name, a column of /experiment/summary"},
      {"mean", ColumnType::float64, "", "mean over replications, in the KPI's units (column units)"},
      {"half_width", ColumnType::float64, "", "confidence interval half-width, in the KPI's units"},
      {"n", ColumnType::int64, "", "replications"},
      {"level", ColumnType::float64, "1", "confidence level"},
      {"units", ColumnType::string, "", "units of mean and half_width"},
  };
  for (const auto& [point, reps] : rows_by_point(summary))
    for (const auto& k : plant::summary_kpis()) {
      std::vector<double> v;
      for (const auto& [rep, row] : reps)
        v.push_back(results::number_at(summary, row, k.name));
      auto ci = core::confidence_interval(std::span<const double>(v), level);
      t.rows.push_back(
          {point, std::string(k.name), ci.mean, ci.half_width, ci.n, level, units_in(summary, k.name)});
    }
  return t;
}

results::Table difference_table(const results::Table& summary, std::int64_t baseline, double level) {
  results::Table t;
  t.description = "Per sweep point and KPI: the mean of the paired differences point - baseline over the "
                  "replications both points have (same seeds: common random numbers), with the Student-t "
                  "half-width of that mean; half_width is NaN with fewer than 2 pairs.";
  t.columns = {
      {"point", ColumnType::int64, "", "sweep point index"},
      {"baseline", ColumnType::int64, "", "the baseline point's index"},
      {"kpi", ColumnType::string, "", "KPI name, a column of /experiment/summary"},
      {"mean_difference", ColumnType::float64, "", "mean of (point - baseline), in the KPI's units"},
      {"half_width", ColumnType::float64, "", "confidence interval half-width, in the KPI's units"},
      {"n", ColumnType::int64, "", "pairs (replications run at both points)"},
      {"level", ColumnType::float64, "1", "confidence level"},
      {"units", ColumnType::string, "", "units of mean_difference and half_width"},
  };
  const auto by_point = rows_by_point(summary);
  const auto base = by_point.find(baseline);
  if (base == by_point.end())
    return t;
  for (const auto& [point, reps] : by_point) {
    if (point == baseline)
      continue;
    for (const auto& k : plant::summary_kpis()) {
      std::vector<double> d;
      for (const auto& [rep, row] : reps)
        if (const auto b = base->second.find(rep); b != base->second.end())
          d.push_back(results::number_at(summary, row, k.name) -
                      results::number_at(summary, b->second, k.name));
      auto ci = core::confidence_interval(std::span<const double>(d), level);
      t.rows.push_back({point, baseline, std::string(k.name), ci.mean, ci.half_width, ci.n, level,
                        units_in(summary, k.name)});
    }
  }
  return t;
}

} // namespace gigatwin::experiment
