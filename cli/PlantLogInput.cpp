#include "PlantLogInput.hpp"

#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"
#include "TraceExport.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <algorithm>
#include <iostream>

namespace gigatwin::cli {

std::optional<plantdata::LogFormat> log_format_or_report(const std::string& command,
                                                         const std::vector<std::string>& columns) {
  static const std::vector<std::string> schema = {"time",    "kind",  "lot",  "product", "station_group",
                                                  "machine", "state", "pool", "count"};
  plantdata::LogFormat format;
  for (const auto& c : columns) {
    const auto eq = c.find('=');
    if (eq == std::string::npos || eq == 0 || eq + 1 == c.size()) {
      std::cerr << "gigatwin " << command
                << ": --column: expected schema_column=file_column (e.g. time=timestamp), found '" << c
                << "'\n";
      return std::nullopt;
    }
    const std::string key = c.substr(0, eq);
    if (std::find(schema.begin(), schema.end(), key) == schema.end()) {
      std::cerr
          << "gigatwin " << command
          << ": --column: expected one of the schema's columns (time, kind, lot, product, station_group, "
             "machine, state, pool, count) before '=', found '"
          << key << "'\n";
      return std::nullopt;
    }
    format.columns[key] = c.substr(eq + 1);
  }
  return format;
}

double log_origin_s(double first_time_s, const std::string& start_date) {
  double epoch = 0;
  if (first_time_s > 1e8 && plantdata::parse_iso_time(start_date + "T00:00:00Z", epoch))
    return epoch;
  return 0;
}

std::optional<std::size_t> read_log_or_report(const std::string& command, const std::string& path,
                                              const plantdata::LogFormat& format, plantdata::PlantLog& log,
                                              const plantdata::EventSink& each) {
  std::size_t events = 0;
  try {
    if (results::is_hdf5_file(path)) {
      // A results file: the trace of its first traced run, read as the plant's log.
      results::ResultsReader file(path, results::ResultsReader::Checksum::verify);
      std::string traced;
      for (const auto& run : file.has("/runs") ? file.list("/runs") : std::vector<std::string>{})
        if (file.has("/runs/" + run + "/trace")) {
          traced = run;
          break;
        }
      if (traced.empty()) {
        std::cerr
            << "gigatwin " << command << ": " << path
            << ": expected a run with an event trace (run with --trace, or trace: in the scenario), found "
               "none\n";
        return std::nullopt;
      }
      log = plantdata::PlantLog{};
      events = read_trace_as_log(file, traced, log, each);
    } else {
      plantdata::read_plant_log(path, format, log, [&](const plantdata::LogEvent& e) {
        ++events;
        each(e);
      });
    }
  } catch (const plantdata::PlantLogError& e) {
    std::cerr << "gigatwin " << command << ": " << e.what() << "\n";
    return std::nullopt;
  } catch (const results::ResultsError& e) {
    std::cerr << "gigatwin " << command << ": " << e.what() << "\n";
    return std::nullopt;
  }
  if (log.dropped() > 0)
    std::cerr << log.problem_report();
  if (events == 0) {
    std::cerr << "gigatwin " << command << ": " << path << ": no event could be read (" << log.rows
              << " row(s))\n";
    return std::nullopt;
  }
  return events;
}

std::optional<std::filesystem::path> output_folder_or_report(const std::string& command,
                                                             const std::string& out, bool force) {
  const std::filesystem::path path(out);
  const std::filesystem::path folder =
      path.has_parent_path() ? path.parent_path() : std::filesystem::path(".");
  if (!std::filesystem::is_directory(folder)) {
    std::cerr << "gigatwin " << command << ": " << out << ": the folder " << folder.string()
              << " does not exist\n";
    return std::nullopt;
  }
  if (std::filesystem::exists(path) && !force) {
    std::cerr << "gigatwin " << command << ": " << out << " exists (use --force to replace it)\n";
    return std::nullopt;
  }
  return folder;
}

SimulatedRuns::SimulatedRuns(const scenario::ScenarioSpec& spec, std::int64_t replications,
                             std::uint64_t seed, std::size_t jobs, std::filesystem::path path,
                             const std::string& command_line)
    : path_(std::move(path)) {
  experiment::ExperimentOptions options;
  options.out_path = path_.string();
  options.overwrite = true;
  options.jobs = jobs;
  options.seed = seed;
  options.replications = replications;
  options.command_line = command_line;
  auto plan = experiment::ExperimentPlan::make({spec}, {}, replications, seed);
  exit_code_ = run_experiment_and_report(std::move(plan), options, true, "", "bar", true);
}

SimulatedRuns::~SimulatedRuns() {
  std::error_code ignored;
  std::filesystem::remove(path_, ignored);
}

} // namespace gigatwin::cli
