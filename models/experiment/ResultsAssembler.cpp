#include "experiment/ResultsAssembler.hpp"

#include "experiment/Provenance.hpp"

#include "experiment/Experiment.hpp"
#include "experiment/ResultsTables.hpp"
#include "experiment/SummaryStatistics.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsWriter.hpp"

#include <algorithm>
#include <ctime>
#include <set>
#include <unistd.h>

namespace gigatwin::experiment {

using results::ColumnType;
using results::ResultsError;

namespace {
std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0)
    return "unknown";
  return buf;
}

results::Table failed_table(const std::vector<FailedRun>& failures) {
  results::Table t;
  t.description = "One row per run that failed: its error. Failed runs are left out of the summary and "
                  "the statistics; `gigatwin batch --resume` runs them again.";
  t.columns = {
      {"run", ColumnType::string, "", "run id (its group under /runs holds status and error)"},
      {"point", ColumnType::int64, "", "sweep point index"},
      {"replication", ColumnType::int64, "", "replication index"},
      {"error", ColumnType::string, "", "what went wrong"},
  };
  for (const auto& f : failures)
    t.rows.push_back({f.id, f.point, f.replication, f.error});
  return t;
}

} // namespace

std::string iso_time_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

ExperimentHeader header_of(const ExperimentPlan& plan, bool sweep, const std::string& command_line,
                           const std::string& start_time) {
  ExperimentHeader h;
  h.key = plan.key();
  h.seed = plan.seed;
  h.replications = plan.replications;
  h.points = static_cast<std::int64_t>(plan.points.size());
  h.baseline = plan.baseline;
  const scenario::ScenarioSpec& first = plan.points.front();
  h.scenario_yaml = first.resolved_yaml;
  h.scenario_source = first.source_path;
  h.scenario_name = first.name;
  if (sweep)
    h.point_table = point_table(plan.point_labels, plan.points, plan.parameter_names, plan.point_values,
                                plan.point_overrides);
  h.sweep_text = plan.sweep_text;
  h.sweep_path = plan.sweep_path;
  h.command_line = command_line;
  h.start_time = start_time;
  return h;
}

ExperimentHeader read_header(const results::ResultsReader& file) {
  if (!file.has_attribute("/", "experiment_key"))
    throw ResultsError(file.path() +
                       ": it has no experiment_key attribute, so it cannot be matched with "
                       "other shards (every file gigatwin run or batch writes has one; this one "
                       "says it was written by " +
                       (file.has_attribute("/", "software_version")
                            ? "GigaTwin " + file.attribute_string("/", "software_version")
                            : std::string("another program")) +
                       ")");
  ExperimentHeader h;
  h.key = file.attribute_string("/", "experiment_key");
  h.seed = file.attribute_unsigned("/", "seed");
  h.replications = file.attribute_int("/", "replications");
  h.points = file.attribute_int("/", "points");
  if (file.has_attribute("/", "baseline"))
    h.baseline = file.attribute_int("/", "baseline");
  h.scenario_yaml = file.read_text("/scenario");
  h.scenario_source = file.attribute_string("/scenario", "source_path");
  h.scenario_name = file.attribute_string("/scenario", "name");
  if (file.has("/experiment/points"))
    h.point_table = file.read_table("/experiment/points");
  if (file.has("/experiment/sweep")) {
    h.sweep_text = file.read_text("/experiment/sweep");
    if (file.has_attribute("/experiment/sweep", "source_path"))
      h.sweep_path = file.attribute_string("/experiment/sweep", "source_path");
  }
  h.command_line = file.attribute_string("/", "command_line");
  h.start_time = file.attribute_string("/", "start_time");
  h.shard.index = file.attribute_int("/", "shard_index");
  h.shard.count = file.attribute_int("/", "shard_count");
  return h;
}

AssembledFile assemble_results(const std::string& out_path, bool overwrite, const ExperimentHeader& header,
                               const std::vector<std::string>& sources, std::vector<FailedRun> failures,
                               const std::vector<std::string>& planned) {
  results::ResultsWriter out(out_path, overwrite, iso_time_now());
  results::Table summary;
  std::set<std::string> ok_ids, source_failed_ids;
  std::vector<FailedRun> source_failures;
  for (const auto& path : sources) {
    const results::ResultsReader in(path);
    if (!in.has_attribute("/", "experiment_key") || in.attribute_string("/", "experiment_key") != header.key)
      throw ResultsError(path + ": belongs to a different experiment (other scenario, sweep points or seed)");
    results::Table rows = in.read_table("/experiment/summary");
    if (summary.columns.empty()) {
      summary.description = rows.description;
      summary.columns = rows.columns;
    } else if (rows.columns != summary.columns) {
      throw ResultsError(path + ": /experiment/summary has other columns than " + sources.front() +
                         " (written by another GigaTwin version)");
    }
    for (std::size_t r = 0; r < rows.rows.size(); ++r)
      if (!ok_ids.insert(results::text_at(rows, r, "run")).second)
        throw ResultsError(path + ": run " + results::text_at(rows, r, "run") + " is in more than one input");
    std::move(rows.rows.begin(), rows.rows.end(), std::back_inserter(summary.rows));
    if (in.has("/experiment/failed")) {
      const results::Table f = in.read_table("/experiment/failed");
      for (std::size_t r = 0; r < f.rows.size(); ++r) {
        source_failures.push_back(FailedRun{
            results::text_at(f, r, "run"), static_cast<std::int64_t>(results::number_at(f, r, "point")),
            static_cast<std::int64_t>(results::number_at(f, r, "replication")),
            results::text_at(f, r, "error")});
        source_failed_ids.insert(source_failures.back().id);
      }
    }
  }
  std::sort(summary.rows.begin(), summary.rows.end(), [](const auto& a, const auto& b) {
    return std::get<std::string>(a[0]) < std::get<std::string>(b[0]);
  });
  std::erase_if(failures, [&](const FailedRun& f) {
    return ok_ids.contains(f.id) || source_failed_ids.contains(f.id);
  });

  out.set_attribute("/", "software", std::string("GigaTwin"));
  out.set_attribute("/", "software_version", std::string(GIGATWIN_VERSION));
  for (const auto& [name, value] : provenance_attributes())
    out.set_attribute("/", name, value);
  out.set_attribute("/", "start_time", header.start_time);
  out.set_attribute("/", "host", host_name());
  out.set_attribute("/", "command_line", header.command_line);
  out.set_unsigned_attribute("/", "seed", header.seed);
  out.set_attribute("/", "replications", header.replications);
  out.set_attribute("/", "points", header.points);
  if (header.baseline)
    out.set_attribute("/", "baseline", *header.baseline);
  out.set_attribute("/", "experiment_key", header.key);
  out.set_attribute("/", "shard_index", header.shard.index);
  out.set_attribute("/", "shard_count", header.shard.count);
  out.write_text("/scenario", header.scenario_yaml,
                 header.point_table.rows.empty()
                     ? "the scenario as simulated: file content after --set overrides"
                     : "the scenario of point 0 as simulated (the others: /experiment/points)");
  out.set_attribute("/scenario", "hash", text_hash(header.scenario_yaml));
  out.set_attribute("/scenario", "source_path", header.scenario_source);
  out.set_attribute("/scenario", "name", header.scenario_name);
  if (!summary.columns.empty()) {
    out.write_table("/experiment/summary", summary);
    out.write_table("/experiment/confidence", confidence_table(summary));
    if (header.baseline)
      out.write_table("/experiment/differences", difference_table(summary, *header.baseline));
  }
  if (!header.point_table.rows.empty())
    out.write_table("/experiment/points", header.point_table);
  if (!header.sweep_text.empty()) {
    out.write_text("/experiment/sweep", header.sweep_text,
                   "the sweep file as written, for the record; to re-run a point, apply its overrides "
                   "(/experiment/points) to /scenario");
    out.set_attribute("/experiment/sweep", "source_path", header.sweep_path);
  }
  if (!header.precision_table.rows.empty()) {
    out.write_table("/experiment/precision", header.precision_table);
    std::int64_t met = 1;
    for (std::size_t r = 0; r < header.precision_table.rows.size(); ++r)
      met = met && results::number_at(header.precision_table, r, "met") == 1 ? 1 : 0;
    out.set_attribute("/", "precision_met", met);
  }
  for (const auto& path : sources)
    out.copy_runs_from(path);
  for (const auto& f : failures) {
    const std::string group = "/runs/" + f.id;
    out.create_group(group);
    out.set_attribute(group, "point", f.point);
    out.set_attribute(group, "replication", f.replication);
    out.set_unsigned_attribute(group, "seed", header.seed);
    out.set_attribute(group, "status", std::string("failed"));
    out.set_attribute(group, "error", f.error);
  }
  std::vector<FailedRun> all_failures = source_failures;
  all_failures.insert(all_failures.end(), failures.begin(), failures.end());
  std::sort(all_failures.begin(), all_failures.end(),
            [](const auto& a, const auto& b) { return a.id < b.id; });
  if (!all_failures.empty())
    out.write_table("/experiment/failed", failed_table(all_failures));

  AssembledFile result;
  result.runs_ok = static_cast<std::int64_t>(ok_ids.size());
  result.runs_failed = static_cast<std::int64_t>(all_failures.size());
  std::set<std::string> accounted = ok_ids;
  for (const auto& f : all_failures)
    accounted.insert(f.id);
  for (const auto& id : planned)
    if (!accounted.contains(id))
      result.missing.push_back(id);
  out.set_attribute("/", "runs_planned", static_cast<std::int64_t>(planned.size()));
  out.set_attribute("/", "runs_ok", result.runs_ok);
  out.set_attribute("/", "runs_failed", result.runs_failed);
  out.set_attribute("/", "complete",
                    static_cast<std::int64_t>(result.missing.empty() && all_failures.empty() ? 1 : 0));
  out.set_attribute("/", "end_time", iso_time_now());
  out.commit();
  return result;
}

} // namespace gigatwin::experiment
