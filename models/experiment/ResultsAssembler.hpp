#pragma once
// ResultsAssembler: builds an experiment's results file from its sources — part files of single
// runs, or whole results files of shards — and records the runs that failed. Everything the file
// says about the experiment (summary, confidence, differences to the baseline) is recomputed from
// the sources' /experiment/summary rows, so a batch, a resumed batch and merged shards of the same
// experiment give the same tables. The header (root attributes, /scenario, /experiment/points)
// identifies the experiment: `merge` reads it back to refuse mixing shards of different ones.

#include "experiment/ExperimentPlan.hpp"

#include "results/ResultsReader.hpp"
#include "results/Table.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::experiment {

struct FailedRun {
  std::string id;
  std::int64_t point = 0;
  std::int64_t replication = 0;
  std::string error;
};

/// What identifies an experiment and travels with every file of it.
struct ExperimentHeader {
  std::string key; ///< ExperimentPlan::key()
  std::uint64_t seed = 1;
  std::int64_t replications = 1; ///< planned per point
  std::int64_t points = 1;
  std::optional<std::int64_t> baseline;
  std::string scenario_yaml;   ///< point 0's resolved scenario
  std::string scenario_source; ///< the scenario file
  std::string scenario_name;
  results::Table point_table; ///< /experiment/points; no rows for a single scenario
  std::string sweep_text;     ///< /experiment/sweep: the sweep file as written (empty: none)
  std::string sweep_path;
  results::Table precision_table; ///< /experiment/precision (with --precision); no rows: none
  std::string command_line;
  std::string start_time;
  Shard shard;
};

ExperimentHeader header_of(const ExperimentPlan& plan, bool sweep, const std::string& command_line,
                           const std::string& start_time);
/// Reads a results file's header; throws results::ResultsError for a file that has none.
ExperimentHeader read_header(const results::ResultsReader& file);

struct AssembledFile {
  std::int64_t runs_ok = 0;
  std::int64_t runs_failed = 0;
  std::vector<std::string> missing; ///< planned run ids in neither sources nor failures
};

/// Writes `out_path` (refusing an existing file unless `overwrite`) from `sources` and `failures`;
/// `planned` are the run ids this file should hold. A failure of a run that a source holds is
/// dropped (a later attempt succeeded). Throws results::ResultsError for unreadable or
/// inconsistent sources (different experiments, different GigaTwin versions, a run twice).
AssembledFile assemble_results(const std::string& out_path, bool overwrite, const ExperimentHeader& header,
                               const std::vector<std::string>& sources, std::vector<FailedRun> failures,
                               const std::vector<std::string>& planned);

/// Now, UTC, ISO 8601.
std::string iso_time_now();

} // namespace gigatwin::experiment
