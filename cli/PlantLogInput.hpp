#pragma once
// PlantLogInput: what the plant-data commands (emulate, fit, validate-against) share — the
// `--column schema=file` mappings checked, a plant log read a line at a time with every dropped
// row reported, the file a command writes checked before anything runs, and a scenario
// simulated into a results file of its own that is removed after.

#include "experiment/ExperimentPlan.hpp"
#include "plantdata/PlantLog.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::cli {

/// The mappings of `--column` (schema_column=file_column); nullopt after one message on stderr
/// (prefixed "gigatwin COMMAND: ").
std::optional<plantdata::LogFormat> log_format_or_report(const std::string& command,
                                                         const std::vector<std::string>& columns);

/// Reads `path` into `log`, each event kept going to `each`; the rows dropped are reported on
/// stderr. `path` may also be a GigaTwin results file (HDF5): the event trace of its first
/// traced run is read as the log (times in simulated seconds). The number of events kept, or nullopt after
/// one message (the file cannot be read, or it holds no event).
std::optional<std::size_t> read_log_or_report(const std::string& command, const std::string& path,
                                              const plantdata::LogFormat& format, plantdata::PlantLog& log,
                                              const plantdata::EventSink& each);

/// The log time of the scenario's time 0: a log's times are epoch seconds (ISO 8601 dates, or
/// numbers that large: over 10^8 s, three years), counted from `start_date` (YYYY-MM-DD), or
/// seconds from time 0 already (a simulator's trace). `first_time_s`: the log's first time.
double log_origin_s(double first_time_s, const std::string& start_date);

/// The folder the file `out` goes in, checked: it exists, and `out` is not there yet unless
/// `force`. nullopt after one message on stderr.
std::optional<std::filesystem::path> output_folder_or_report(const std::string& command,
                                                             const std::string& out, bool force);

/// A results file simulated for a command's own use, removed when this goes.
class SimulatedRuns {
public:
  /// Simulates `replications` of `spec` from `seed` into `path`, quietly, `jobs` at once. ok()
  /// says whether it worked; exit_code() is the run's code otherwise.
  SimulatedRuns(const scenario::ScenarioSpec& spec, std::int64_t replications, std::uint64_t seed,
                std::size_t jobs, std::filesystem::path path, const std::string& command_line = "");
  ~SimulatedRuns();
  SimulatedRuns(const SimulatedRuns&) = delete;
  SimulatedRuns& operator=(const SimulatedRuns&) = delete;
  bool ok() const { return exit_code_ == 0; }
  int exit_code() const { return exit_code_; }
  const std::filesystem::path& path() const { return path_; }

private:
  std::filesystem::path path_;
  int exit_code_ = 0;
};

} // namespace gigatwin::cli
