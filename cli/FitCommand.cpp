#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ScenarioInput.hpp"

#include "plantdata/DistributionFit.hpp"
#include "plantdata/PlantLog.hpp"
#include "plantdata/ProcessTimes.hpp"
#include "scenario/ScenarioEdits.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/StationGroupParser.hpp"

#include <unistd.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <iomanip>
#include <iostream>
#include <sstream>

namespace gigatwin::cli {

namespace fs = std::filesystem;

namespace {

std::string parameters_text(const plantdata::Fit& fit) {
  std::string out;
  for (const auto& [key, value] : fit.parameters)
    out +=
        (out.empty() ? "" : ", ") + key + " " + plantdata::decimal(value, 4) + (key == "shape" ? "" : " s");
  return out;
}

/// Writes `text` to `path` whole or not at all.
void write_whole(const fs::path& path, const std::string& text) {
  const fs::path partial = path.string() + ".partial-" + std::to_string(::getpid());
  {
    std::ofstream out(partial, std::ios::binary);
    out << text;
    out.flush();
    if (!out) {
      std::error_code ignored;
      fs::remove(partial, ignored);
      throw std::runtime_error("cannot write " + path.string());
    }
  }
  fs::rename(partial, path);
}

} // namespace

int fit_command(const FitArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin fit: " << message << "\n";
    return exit_bad_input;
  };
  plantdata::LogFormat format;
  for (const auto& c : args.columns) {
    const auto eq = c.find('=');
    static const std::vector<std::string> schema = {"time",    "kind",  "lot",  "product", "station_group",
                                                    "machine", "state", "pool", "count"};
    if (eq == std::string::npos || eq == 0 || eq + 1 == c.size())
      return refuse("--column: expected schema_column=file_column (e.g. time=timestamp), found '" + c + "'");
    const std::string key = c.substr(0, eq);
    if (std::find(schema.begin(), schema.end(), key) == schema.end())
      return refuse(
          "--column: expected one of the schema's columns (time, kind, lot, product, station_group, "
          "machine, state, pool, count) before '=', found '" +
          key + "'");
    format.columns[key] = c.substr(eq + 1);
  }
  const fs::path out(args.out);
  const fs::path folder = out.has_parent_path() ? out.parent_path() : fs::path(".");
  if (!fs::is_directory(folder))
    return refuse(args.out + ": the folder " + folder.string() + " does not exist");
  if (fs::exists(out) && !args.force)
    return refuse(args.out + " exists (use --force to replace it)");
  const fs::path report_dir = folder / (out.stem().string() + ".report");
  const auto base = load_scenario_or_report(args.scenario, {});
  if (!base)
    return exit_bad_input;

  plantdata::PlantLog log;
  try {
    log = plantdata::read_plant_log(args.log, format);
  } catch (const plantdata::PlantLogError& e) {
    return refuse(e.what());
  }
  if (log.dropped() > 0)
    std::cerr << log.problem_report();
  if (log.events.empty())
    return refuse(args.log + ": no event could be read (" + std::to_string(log.rows) + " row(s))");

  // The base as written (bases merged): where each group keeps its process time.
  scenario::DiagnosticLog parse_log(args.scenario);
  const auto tree = scenario::parse_yaml_tree(base->resolved_yaml, parse_log);
  const auto samples = plantdata::process_times(log);
  std::ostringstream yaml, table;
  std::ostringstream csv;
  csv << "station_group,n,family,parameter_1,value_1,parameter_2,value_2,log_likelihood,aic,bic,ks,chosen\n";
  yaml << "# Fitted by gigatwin fit from " << args.log << " (" << log.events.size() << " events";
  if (log.dropped() > 0)
    yaml << ", " << log.dropped() << " rows dropped";
  yaml << ")\n# over " << args.scenario
       << ".\n# Process times per station group: maximum likelihood over exponential, gamma, Weibull,\n"
          "# lognormal and normal, the lowest AIC kept (docs/FITTING.md).\n";
  yaml << "extends: " << fs::relative(fs::absolute(args.scenario), fs::absolute(folder)).generic_string()
       << "\n";
  int fitted = 0;
  table << std::left << std::setw(24) << "station group" << std::right << std::setw(8) << "n"
        << "  best fit (AIC), next        KS D\n";
  for (std::size_t g = 0; g < base->station_groups.size(); ++g) {
    const auto& group = base->station_groups[g];
    const auto it = std::find_if(samples.begin(), samples.end(), [&](const plantdata::GroupProcessTimes& s) {
      return s.group == group.name;
    });
    const std::size_t n = it == samples.end() ? 0 : it->seconds.size();
    if (n < args.min_observations) {
      table << std::left << std::setw(24) << group.name << std::right << std::setw(8) << n
            << "  kept the base's ("
            << (n == 0 ? "no process time in the log" : "fewer than " + std::to_string(args.min_observations))
            << ")\n";
      continue;
    }
    std::vector<double> seconds = it->seconds;
    const std::size_t lifted = plantdata::lift_rounded_zeros(seconds);
    const auto fits = plantdata::fit_families(seconds);
    if (fits.empty()) {
      table << std::left << std::setw(24) << group.name << std::right << std::setw(8) << n
            << "  kept the base's (no family fits: every process time the same?)\n";
      continue;
    }
    for (std::size_t k = 0; k < fits.size(); ++k) {
      // Every number to 17 digits: the report is what other tools check the fits against.
      csv << group.name << ',' << n << ',' << plantdata::family_name(fits[k].family);
      for (std::size_t p = 0; p < 2; ++p)
        csv << ',' << (p < fits[k].parameters.size() ? fits[k].parameters[p].first : "") << ','
            << (p < fits[k].parameters.size() ? plantdata::decimal(fits[k].parameters[p].second, 17) : "");
      csv << ',' << plantdata::decimal(fits[k].log_likelihood, 17) << ','
          << plantdata::decimal(fits[k].aic, 17) << ',' << plantdata::decimal(fits[k].bic, 17) << ','
          << plantdata::decimal(fits[k].ks, 17) << ',' << (k == 0 ? 1 : 0) << '\n';
    }
    const plantdata::Fit& best = fits.front();
    std::string next;
    if (fits.size() > 1)
      next = std::string(plantdata::family_name(fits[1].family)) + " +" +
             plantdata::decimal(fits[1].aic - best.aic, 3);
    // Where the group writes its process time: in its mode when it has modes.
    const scenario::TreeNode* item =
        tree ? scenario::node_at(*tree, "station_groups[" + std::to_string(g) + "]") : nullptr;
    const bool moded = item && item->find("modes");
    const std::string value = scenario::emit_flow_yaml(plantdata::scenario_value(best));
    yaml << (fitted++ == 0 ? "station_groups:\n" : "") << "  # " << group.name << ": n = " << n << ", "
         << plantdata::family_name(best.family) << " (AIC " << plantdata::decimal(best.aic, 8)
         << (next.empty() ? "" : "; " + next) << "), KS D = " << plantdata::decimal(best.ks, 3)
         << (it->unpaired ? ", " + std::to_string(it->unpaired) + " lots without start or finish" : "")
         << (lifted
                 ? ", " + std::to_string(lifted) + " times of 0 s (whole seconds in the log) taken as 0.5 s"
                 : "")
         << "\n"
         << "  - name: " << group.name << "\n";
    if (moded)
      yaml << "    modes: {" << scenario::mode_name(group.initial().mode) << ": {process_time: " << value
           << "}}\n";
    else
      yaml << "    process_time: " << value << "\n";
    table << std::left << std::setw(24) << group.name << std::right << std::setw(8) << n << "  "
          << plantdata::family_name(best.family) << " (" << parameters_text(best) << ")"
          << (next.empty() ? "" : ", next " + next) << "  " << plantdata::decimal(best.ks, 3) << "\n";
  }
  for (const auto& s : samples)
    if (std::none_of(base->station_groups.begin(), base->station_groups.end(),
                     [&](const scenario::StationGroupSpec& g) { return g.name == s.group; }))
      std::cerr << "gigatwin fit: warning: station group '" << s.group << "' of " << args.log << " is not in "
                << args.scenario << ": its " << s.seconds.size() << " process time(s) are left out\n";

  // The fitted scenario must load, from where it goes, before anything is written.
  try {
    scenario::load_scenario_text(yaml.str(), args.out, {}, folder.string());
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "gigatwin fit: the fitted scenario does not load (a bug: please report it):\n"
              << e.what() << "\n";
    return exit_runtime_failure;
  }
  try {
    fs::create_directories(report_dir);
    write_whole(report_dir / "process_times.csv", csv.str());
    write_whole(out, yaml.str());
  } catch (const std::exception& e) {
    std::cerr << "gigatwin fit: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (args.quiet) {
    std::cout << args.out << "\n";
  } else {
    std::cout << "fitted " << fitted << " of " << base->station_groups.size()
              << " station groups' process times from " << log.events.size() << " events (" << log.dropped()
              << " rows dropped)\n"
              << table.str() << "scenario: " << args.out
              << "\nreport:   " << (report_dir / "process_times.csv").string() << "\n";
  }
  return exit_ok;
}

} // namespace gigatwin::cli
