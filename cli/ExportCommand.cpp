#include "Commands.hpp"
#include "CsvField.hpp"
#include "ExitCode.hpp"
#include "TraceExport.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <charconv>
#include <cmath>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <map>
#include <optional>
#include <string>
#include <variant>
#include <vector>

namespace gigatwin::cli {

namespace fs = std::filesystem;

namespace {
/// The shortest text that reads back as the same double (std::to_chars): 0.1, not
/// 0.10000000000000001.
std::string csv_number(double v) {
  if (std::isnan(v))
    return "NaN";
  char buf[40];
  const auto [end, ec] = std::to_chars(buf, buf + sizeof buf, v);
  return ec == std::errc() ? std::string(buf, end) : std::string("NaN");
}

/// "throughput [lots/h]": a column's name with its units, for spreadsheets that show only the header.
std::string header_cell(const std::string& name, const std::string& units) {
  return csv_field(units.empty() ? name : name + " [" + units + "]");
}

std::string csv_cell(const results::Cell& cell) {
  if (const auto* i = std::get_if<std::int64_t>(&cell))
    return std::to_string(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&cell))
    return std::to_string(*u);
  if (const auto* d = std::get_if<double>(&cell))
    return csv_number(*d);
  return csv_field(std::get<std::string>(cell));
}

/// One CSV file to write: its name in the folder and its lines.
struct CsvFile {
  std::string name;
  std::vector<std::string> lines;
};

CsvFile table_csv(const std::string& name, const results::Table& t) {
  CsvFile f{name, {}};
  std::string header;
  for (std::size_t c = 0; c < t.columns.size(); ++c)
    header += (c ? "," : "") + header_cell(t.columns[c].name, t.columns[c].units);
  f.lines.push_back(header);
  for (const auto& row : t.rows) {
    std::string line;
    for (std::size_t c = 0; c < row.size(); ++c)
      line += (c ? "," : "") + csv_cell(row[c]);
    f.lines.push_back(line);
  }
  return f;
}

/// The series in `group` that have as many samples as `time`, side by side with it.
CsvFile series_csv(const std::string& name, const results::ResultsReader& file, const std::string& group,
                   const std::vector<double>& time) {
  const auto units = [&](const std::string& path) {
    return file.has_attribute(path, "units") ? file.attribute_string(path, "units") : std::string();
  };
  const std::string time_path = group.substr(0, group.find("/timeseries") + 11) + "/time";
  std::vector<std::pair<std::string, std::vector<double>>> columns = {
      {header_cell("time", units(time_path)), time}};
  for (const auto& member : file.list(group)) {
    const std::string path = group + "/" + member;
    if (member == "time" || member == "pools")
      continue;
    auto values = file.read_series(path);
    if (values.size() == time.size())
      columns.emplace_back(header_cell(member, units(path)), std::move(values));
  }
  CsvFile f{name, {}};
  std::string header;
  for (std::size_t c = 0; c < columns.size(); ++c)
    header += (c ? "," : "") + columns[c].first;
  f.lines.push_back(header);
  for (std::size_t r = 0; r < time.size(); ++r) {
    std::string line;
    for (std::size_t c = 0; c < columns.size(); ++c)
      line += (c ? "," : "") + csv_number(columns[c].second[r]);
    f.lines.push_back(line);
  }
  return f;
}
} // namespace

int export_command(const ExportArgs& args) {
  TraceEpoch epoch;
  if (std::string error; !parse_trace_epoch(args.start_date, epoch, error)) {
    std::cerr << "gigatwin export: --start-date: " << error << "\n";
    return exit_bad_input;
  }
  std::vector<CsvFile> files;
  std::vector<std::string> traced_runs;
  // Opened (and its checksum verified) once: the traces are read from it again at the end.
  std::optional<results::ResultsReader> opened;
  try {
    opened.emplace(args.file, args.no_verify ? results::ResultsReader::Checksum::skip
                                             : results::ResultsReader::Checksum::verify);
    const results::ResultsReader& file = *opened;
    for (const char* table : {"summary", "confidence", "differences", "points", "failed", "precision"})
      if (file.has(std::string("/experiment/") + table))
        files.push_back(
            table_csv(std::string(table) + ".csv", file.read_table(std::string("/experiment/") + table)));
    const auto runs = file.has("/runs") ? file.list("/runs") : std::vector<std::string>{};
    // One folder per run: <dir>/<run>/stations.csv, timeseries.csv, pools/<pool>.csv, ...
    for (const auto& run : runs) {
      const std::string group = "/runs/" + run;
      for (const auto& member : file.list(group)) {
        if (member == "trace") {
          traced_runs.push_back(run);
          if (args.trace)
            check_trace(file, run);
        }
        if (member == "timeseries" || member == "trace")
          continue;
        files.push_back(table_csv(run + "/" + member + ".csv", file.read_table(group + "/" + member)));
      }
      if (!file.has(group + "/timeseries/time"))
        continue;
      const auto time = file.read_series(group + "/timeseries/time");
      files.push_back(series_csv(run + "/timeseries.csv", file, group + "/timeseries", time));
      if (file.has(group + "/timeseries/pools"))
        for (const auto& pool : file.list(group + "/timeseries/pools"))
          files.push_back(
              series_csv(run + "/pools/" + pool + ".csv", file, group + "/timeseries/pools/" + pool, time));
    }
  } catch (const results::ResultsError& e) {
    std::cerr << "gigatwin export: " << e.what() << "\n";
    return exit_bad_input;
  }
  // Nothing is replaced without --force, and nothing is written when something would be.
  std::error_code ec;
  fs::create_directories(args.csv_dir, ec);
  if (ec) {
    std::cerr << "gigatwin export: cannot create " << args.csv_dir << ": " << ec.message() << "\n";
    return exit_runtime_failure;
  }
  std::vector<std::string> names;
  for (const auto& f : files)
    names.push_back(f.name);
  if (args.trace)
    for (const auto& run : traced_runs)
      for (const char* name : {"/trace.csv", "/trace.sqlite"})
        names.push_back(run + name);
  if (!args.force)
    for (const auto& name : names)
      if (fs::exists(fs::path(args.csv_dir) / name)) {
        std::cerr << "gigatwin export: " << (fs::path(args.csv_dir) / name).string()
                  << " already exists (use --force to replace the files)\n";
        return exit_bad_input;
      }
  for (const auto& f : files) {
    const fs::path target = fs::path(args.csv_dir) / f.name;
    const fs::path temporary = target.string() + ".part";
    fs::create_directories(target.parent_path(), ec);
    {
      std::ofstream out(temporary);
      for (const auto& line : f.lines)
        out << line << '\n';
      if (!out) {
        std::cerr << "gigatwin export: cannot write " << temporary.string() << "\n";
        fs::remove(temporary, ec);
        return exit_runtime_failure;
      }
    }
    fs::rename(temporary, target, ec);
    if (ec) {
      std::cerr << "gigatwin export: cannot write " << target.string() << ": " << ec.message() << "\n";
      return exit_runtime_failure;
    }
  }
  if (args.trace) {
    if (traced_runs.empty())
      std::cerr << "gigatwin export: warning: no run of " << args.file
                << " has an event trace (run with --trace, or trace: in the scenario)\n";
    try {
      const results::ResultsReader& file = *opened;
      for (const auto& run : traced_runs) {
        const fs::path folder = fs::path(args.csv_dir) / run;
        fs::create_directories(folder, ec);
        if (ec)
          throw std::runtime_error("cannot create " + folder.string() + ": " + ec.message());
        write_trace_csv(file, run, (folder / "trace.csv").string());
        write_trace_ocel(file, run, (folder / "trace.sqlite").string(), epoch);
      }
    } catch (const std::exception& e) {
      std::cerr << "gigatwin export: " << e.what() << "\n";
      return exit_runtime_failure;
    }
  } else if (!traced_runs.empty()) {
    std::printf("%zu run(s) have an event trace: add --trace to export it (CSV and OCEL 2.0)\n",
                traced_runs.size());
  }
  std::printf("%zu CSV files in %s (the experiment's tables at the top, one folder per run)%s\n",
              files.size(), args.csv_dir.c_str(),
              args.trace && !traced_runs.empty() ? ", with each run's trace.csv and trace.sqlite" : "");
  return exit_ok;
}

} // namespace gigatwin::cli
