#include "Commands.hpp"
#include "ExitCode.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"

#include "core/ConfidenceInterval.hpp"
#include "plantdata/DistributionFit.hpp"
#include "plantdata/LogKpis.hpp"
#include "results/ResultsReader.hpp"

#include <unistd.h>

#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <sstream>

namespace gigatwin::cli {

namespace fs = std::filesystem;

namespace {

/// One KPI of the plant against the model's replications.
struct Comparison {
  std::string kpi, units;
  double plant = std::nan("");
  std::vector<double> model;
};

std::string shown(double v) {
  return std::isnan(v) ? std::string("-") : plantdata::decimal(v, 4);
}

} // namespace

int validate_against_command(const ValidateAgainstArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin validate-against: " << message << "\n";
    return exit_bad_input;
  };
  if (args.replications < 2)
    return refuse("--replications: expected at least 2 (an interval needs them), found " +
                  std::to_string(args.replications));
  const auto format = log_format_or_report("validate-against", args.columns);
  if (!format)
    return exit_bad_input;
  if (!load_scenario_or_report(args.scenario, args.overrides))
    return exit_bad_input;

  // The plant, from its log, read a line at a time.
  plantdata::PlantLog log;
  plantdata::KpiObserver observer(log);
  const auto read = read_log_or_report("validate-against", args.log, *format, log,
                                       [&](const plantdata::LogEvent& e) { observer.add(e); });
  if (!read)
    return exit_bad_input;
  const std::size_t events = *read;
  const plantdata::LogKpis plant = observer.finish();
  if (!(plant.period_s > 0))
    return refuse(args.log + ": no period to compare (" + std::to_string(events) + " event(s))");

  // The model over the same period, from an empty plant as the log is taken to start, measured
  // from its start.
  std::vector<std::string> overrides = args.overrides;
  overrides.push_back("horizon=" + plantdata::decimal(plant.period_s, 12) + "s");
  overrides.push_back("warmup=0s");
  auto spec = load_scenario_or_report(args.scenario, overrides);
  if (!spec)
    return exit_bad_input;
  if (!args.quiet)
    std::cerr << "simulating " << args.replications << " replication(s) of " << spec->name
              << " over the log's " << plantdata::decimal(plant.period_s / 86400, 4) << " d...\n";
  const SimulatedRuns model(*spec, args.replications, args.seed.value_or(spec->seed), args.jobs,
                            fs::temp_directory_path() /
                                ("gigatwin-validate-against-" + std::to_string(::getpid()) + ".h5"));
  if (!model.ok())
    return model.exit_code();

  std::vector<Comparison> rows = {{"throughput", "lots/h", plant.throughput_per_h, {}},
                                  {"wip_mean", "lots", plant.wip_mean, {}},
                                  {"cycle_time_mean", "h", plant.cycle_time_mean_s / 3600, {}}};
  std::map<std::string, std::size_t> utilization_row;
  for (const auto& [group, u] : plant.utilization) {
    utilization_row[group] = rows.size();
    rows.push_back({"utilization " + group, "%", 100 * u, {}});
  }
  try {
    const results::ResultsReader file(model.path().string());
    const results::Table summary = file.read_table("/experiment/summary");
    for (std::size_t r = 0; r < summary.rows.size(); ++r) {
      rows[0].model.push_back(results::number_at(summary, r, "throughput"));
      rows[1].model.push_back(results::number_at(summary, r, "wip_mean"));
      rows[2].model.push_back(results::number_at(summary, r, "cycle_time_mean") / 3600);
      const results::Table stations =
          file.read_table("/runs/" + results::text_at(summary, r, "run") + "/stations");
      for (std::size_t s = 0; s < stations.rows.size(); ++s)
        if (const auto it = utilization_row.find(results::text_at(stations, s, "name"));
            it != utilization_row.end())
          rows[it->second].model.push_back(100 * results::number_at(stations, s, "utilization"));
    }
  } catch (const std::exception& e) {
    std::cerr << "gigatwin validate-against: " << e.what() << "\n";
    return exit_runtime_failure;
  }

  // The plant is one realisation: it is held against the 95 % prediction interval of one more
  // replication of the model, mean +- t(0.975, R-1) sd sqrt(1 + 1/R).
  std::cout << "plant log " << args.log << ": " << events << " events over "
            << plantdata::decimal(plant.period_s / 86400, 4) << " d; model " << args.scenario << ": "
            << args.replications << " replications\n";
  std::cout << std::left << std::setw(34) << "KPI" << std::right << std::setw(12) << "plant" << std::setw(12)
            << "model"
            << "  95 % prediction interval   verdict\n";
  int differ = 0, compared = 0;
  for (const auto& row : rows) {
    std::string verdict = "not in the model";
    std::string interval;
    double mean = std::nan("");
    if (row.model.size() >= 2 && !std::isnan(row.plant)) {
      const auto n = static_cast<double>(row.model.size());
      double sum = 0, sq = 0;
      for (double v : row.model)
        sum += v;
      mean = sum / n;
      for (double v : row.model)
        sq += (v - mean) * (v - mean);
      const double half =
          core::student_t_quantile(0.975, n - 1) * std::sqrt(sq / (n - 1)) * std::sqrt(1 + 1 / n);
      interval = "[" + shown(mean - half) + ", " + shown(mean + half) + "]";
      const bool inside = std::abs(row.plant - mean) <= half;
      verdict = inside ? "consistent" : "DIFFERS";
      ++compared;
      differ += !inside;
    }
    std::cout << std::left << std::setw(34) << (row.kpi + " [" + row.units + "]") << std::right
              << std::setw(12) << shown(row.plant) << std::setw(12) << shown(mean) << "  " << std::left
              << std::setw(26) << interval << verdict << "\n";
  }
  std::cout << differ << " of " << compared
            << " KPIs differ significantly (the plant outside the model's 95 % "
            << "prediction interval; about 1 in 20 does by chance)\n";
  return exit_ok;
}

} // namespace gigatwin::cli
