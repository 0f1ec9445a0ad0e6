// The experiment-level statistics, checked against intervals worked out by hand, and the split of
// a plan into shards (a partition: every run in exactly one shard, sizes within one).

#include "experiment/ExperimentPlan.hpp"
#include "experiment/Replication.hpp"
#include "experiment/SummaryStatistics.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <set>

using namespace gigatwin;
using results::ColumnType;

namespace {
/// A summary with the columns the statistics read: run, point, replication, throughput, output.
results::Table
summary(const std::vector<std::tuple<std::int64_t, std::int64_t, double, std::int64_t>>& rows) {
  results::Table t;
  t.columns = {{"run", ColumnType::string, "", ""},
               {"point", ColumnType::int64, "", ""},
               {"replication", ColumnType::int64, "", ""},
               {"throughput", ColumnType::float64, "lots/h", ""},
               {"output", ColumnType::int64, "lots", ""}};
  for (const auto& [p, r, x, n] : rows)
    t.rows.push_back({experiment::run_id(p, r), p, r, x, n});
  return t;
}

const results::Cell* find(const results::Table& t, std::int64_t point, const std::string& kpi,
                          const char* column) {
  for (const auto& row : t.rows)
    if (std::get<std::int64_t>(row[0]) == point && std::get<std::string>(row[*t.find_column("kpi")]) == kpi)
      return &row[*t.find_column(column)];
  return nullptr;
}

double number(const results::Table& t, std::int64_t point, const std::string& kpi, const char* column) {
  const auto* c = find(t, point, kpi, column);
  REQUIRE(c != nullptr);
  if (const auto* i = std::get_if<std::int64_t>(c))
    return static_cast<double>(*i);
  return std::get<double>(*c);
}

// t_{0.975, 2} and t_{0.975, 1}, from a table of Student's t.
constexpr double t975_2 = 4.302652729911275;
constexpr double t975_1 = 12.706204736174698;
} // namespace

TEST_CASE("confidence per point: mean and t s / sqrt(n) over its replications, units from the summary",
          "[statistics]") {
  const auto s = summary({{0, 0, 1.0, 10}, {0, 1, 2.0, 20}, {0, 2, 3.0, 30}, {1, 0, 5.0, 7}});
  const auto ci = experiment::confidence_table(s);
  CHECK(number(ci, 0, "throughput", "mean") == Approx(2.0));
  CHECK(number(ci, 0, "throughput", "half_width") == Approx(t975_2 * 1.0 / std::sqrt(3.0)));
  CHECK(number(ci, 0, "output", "half_width") == Approx(t975_2 * 10.0 / std::sqrt(3.0)));
  CHECK(number(ci, 0, "throughput", "n") == 3);
  CHECK(std::get<std::string>(*find(ci, 0, "throughput", "units")) == "lots/h");
  CHECK(number(ci, 1, "throughput", "mean") == Approx(5.0));
  CHECK(std::isnan(number(ci, 1, "throughput", "half_width"))); // one replication: no spread
}

TEST_CASE("paired differences to the baseline use the replications both points have", "[statistics]") {
  // Point 1 lacks replication 2; point 2 has all. Differences by replication: point 1: 1.5, 2.5;
  // point 2: 0, 0, 0 (the same numbers: a KPI unaffected by the point's change).
  const auto s = summary({{0, 0, 1.0, 10},
                          {0, 1, 2.0, 20},
                          {0, 2, 3.0, 30},
                          {1, 0, 2.5, 10},
                          {1, 1, 4.5, 20},
                          {2, 0, 1.0, 10},
                          {2, 1, 2.0, 20},
                          {2, 2, 3.0, 30}});
  const auto d = experiment::difference_table(s, 0);
  CHECK_FALSE(find(d, 0, "throughput", "mean_difference")); // no row for the baseline itself
  CHECK(number(d, 1, "throughput", "n") == 2);
  CHECK(number(d, 1, "throughput", "mean_difference") == Approx(2.0));
  // s of {1.5, 2.5} = sqrt(0.5); half-width t_{0.975,1} s / sqrt(2) = t_{0.975,1} / 2.
  CHECK(number(d, 1, "throughput", "half_width") == Approx(t975_1 * 0.5));
  CHECK(number(d, 2, "throughput", "mean_difference") == 0.0);
  CHECK(number(d, 2, "throughput", "half_width") == 0.0);
  CHECK(number(d, 1, "output", "mean_difference") == 0.0);
}

TEST_CASE("shards partition the runs: each in one shard, sizes within one", "[statistics]") {
  scenario::ScenarioSpec spec;
  spec.resolved_yaml = "name: x\n";
  const auto plan = experiment::ExperimentPlan::make({spec, spec, spec}, {}, 7, 1); // 21 runs
  for (std::int64_t count : {1, 2, 4, 21, 30}) {
    std::multiset<std::size_t> seen;
    std::size_t smallest = plan.runs.size(), largest = 0;
    for (std::int64_t i = 0; i < count; ++i) {
      const auto mine = plan.shard_runs(experiment::Shard{i, count});
      seen.insert(mine.begin(), mine.end());
      smallest = std::min(smallest, mine.size());
      largest = std::max(largest, mine.size());
    }
    CHECK(seen.size() == plan.runs.size());
    CHECK(std::set<std::size_t>(seen.begin(), seen.end()).size() == plan.runs.size());
    CHECK(largest - smallest <= 1);
  }
}

TEST_CASE("a run's key depends on its scenario, seed and replication, not on its point index",
          "[statistics]") {
  scenario::ScenarioSpec a, b;
  a.resolved_yaml = "name: a\n";
  b.resolved_yaml = "name: b\n";
  const auto plan = experiment::ExperimentPlan::make({a, b, a}, {}, 2, 7);
  CHECK(plan.run_key(plan.runs[0]) == plan.run_key(plan.runs[4])); // p0 r0 and p2 r0: same scenario
  CHECK(plan.run_key(plan.runs[0]) != plan.run_key(plan.runs[1]));
  CHECK(plan.run_key(plan.runs[0]) != plan.run_key(plan.runs[2]));
  auto other_seed = experiment::ExperimentPlan::make({a, b, a}, {}, 2, 8);
  CHECK(plan.run_key(plan.runs[0]) != other_seed.run_key(other_seed.runs[0]));
  CHECK(plan.key() != other_seed.key());
}
