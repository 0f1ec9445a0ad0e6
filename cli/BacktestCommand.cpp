#include "Commands.hpp"
#include "ExitCode.hpp"
#include "PendingFile.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"
#include "TraceExport.hpp"
#include "TwinSession.hpp"

#include "plantdata/PlantLog.hpp"
#include "scenario/Units.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace gigatwin::cli {

namespace {

std::string fixed(double v, int decimals) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "%.*f", decimals, v);
  return buf;
}

} // namespace

int backtest_command(const BacktestArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin backtest: " << message << "\n";
    return exit_bad_input;
  };
  TwinOptions options;
  if (const std::string error = read_twin_times(args.every, args.horizon, args.first, options);
      !error.empty())
    return refuse(error);
  options.replications = args.replications;
  options.jobs = args.jobs;
  TraceEpoch epoch;
  if (std::string error; !parse_trace_epoch(args.start_date, epoch, error))
    return refuse("--start-date: " + error);
  const auto format = log_format_or_report("backtest", args.columns);
  if (!format)
    return exit_bad_input;
  if (!args.out.empty() && !output_folder_or_report("backtest", args.out, args.force))
    return exit_bad_input;
  auto loaded = load_scenario_or_report(args.scenario, args.overrides);
  if (!loaded)
    return exit_bad_input;
  options.seed = args.seed.value_or(loaded->seed);

  const bool progress = !args.quiet && isatty(STDERR_FILENO);
  std::optional<TwinSession> twin;
  plantdata::PlantLog log;
  std::size_t made = 0;
  const auto each = [&](const plantdata::LogEvent& e) {
    if (!twin) {
      twin.emplace(*loaded, log_origin_s(e.time_s, args.start_date), options);
      twin->on_drift = [&](const plantdata::DriftAlarm& a, double at_s) {
        if (progress)
          std::cerr << "\n";
        std::cerr << "gigatwin backtest: day " << fixed(at_s / 86400.0, 2) << ": "
                  << loaded->station_groups[a.group].name << " " << plantdata::quantity_name(a.quantity)
                  << (a.refined  ? " refit refined"
                      : a.higher ? " drifted up"
                                 : " drifted down")
                  << ": mean " << fixed(a.mean_before, 1) << " s, now " << fixed(a.mean_after, 1) << " s ("
                  << a.family << ", fitted to the latest " << a.observations << ")\n";
      };
      twin->on_failed_forecast = [&](const std::string& why) {
        if (progress)
          std::cerr << "\n";
        std::cerr << "gigatwin backtest: a forecast failed: " << why << "\n";
      };
      twin->on_forecast = [&](const ForecastRecord& r) {
        ++made;
        if (progress)
          std::cerr << "\rgigatwin backtest: forecast " << made << " from day "
                    << fixed(r.forecast.from_s / 86400.0, 1) << std::flush;
      };
    }
    twin->on_event(e, log);
  };
  try {
    if (!read_log_or_report("backtest", args.log, *format, log, each))
      return exit_bad_input;
  } catch (const std::exception& e) {
    if (progress)
      std::cerr << "\n";
    std::cerr << "gigatwin backtest: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (progress && made > 0)
    std::cerr << "\n";
  if (!twin)
    return refuse(args.log + ": no event to replay");

  // Forecasts whose horizon the log covers, against what the plant did.
  std::ostringstream table;
  table << "from [d],forecast,low (5%),high (95%),naive,actual,twin error [%],naive error [%],covered\n";
  double twin_error = 0, naive_error = 0;
  std::size_t scored = 0, covered = 0;
  for (const ForecastRecord& r : twin->records()) {
    if (!r.actual)
      continue;
    const auto& p = r.forecast.points.back();
    const double actual = *r.actual;
    std::string e_twin = "", e_naive = "";
    if (actual > 0) {
      const double et = std::abs(p.mean - actual) / actual * 100;
      e_twin = fixed(et, 2);
      // Both are scored on the same forecasts: those with a naive one (some output seen before).
      if (std::isfinite(r.naive)) {
        const double en = std::abs(r.naive - actual) / actual * 100;
        twin_error += et;
        naive_error += en;
        ++scored;
        e_naive = fixed(en, 2);
      }
    }
    covered += r.covered();
    table << fixed(r.forecast.from_s / 86400.0, 3) << ',' << fixed(p.mean, 1) << ',' << fixed(p.low, 1) << ','
          << fixed(p.high, 1) << ',' << (std::isfinite(r.naive) ? fixed(r.naive, 1) : std::string()) << ','
          << fixed(actual, 0) << ',' << e_twin << ',' << e_naive << ',' << (r.covered() ? "yes" : "no")
          << '\n';
  }
  std::size_t with_actual = 0;
  for (const auto& r : twin->records())
    with_actual += r.actual.has_value();
  if (!args.out.empty()) {
    try {
      write_whole(args.out, table.str());
    } catch (const std::exception& e) {
      std::cerr << "gigatwin backtest: " << e.what() << "\n";
      return exit_runtime_failure;
    }
  }
  if (!args.quiet)
    std::cout << table.str();
  const auto& ignored = twin->tracker().ignored();
  std::cout << "forecasts scored: " << with_actual << " of " << twin->records().size() << " (horizon "
            << fixed(options.horizon_s / 3600.0, 1) << " h, " << options.replications
            << " replications each)\n";
  if (scored > 0) {
    std::cout << "MAPE of the output: twin " << fixed(twin_error / static_cast<double>(scored), 2)
              << " %, naive " << fixed(naive_error / static_cast<double>(scored), 2)
              << " % (the trailing 24 h's output)\n";
  }
  if (with_actual > 0)
    std::cout << "90 % prediction intervals covering the actual output: " << covered << " of " << with_actual
              << " (" << fixed(100.0 * static_cast<double>(covered) / static_cast<double>(with_actual), 1)
              << " %)\n";
  std::int64_t dropped = 0;
  for (const auto& [reason, n] : ignored)
    dropped += n;
  std::cout << "events applied: " << twin->tracker().events_applied() << ", ignored: " << dropped << "\n";
  const auto refinements = std::count_if(twin->drifts().begin(), twin->drifts().end(),
                                         [](const auto& d) { return d.alarm.refined; });
  std::cout << "drifts found: " << static_cast<std::int64_t>(twin->drifts().size()) - refinements
            << " (fits refined after them: " << refinements << ")\n";
  for (const auto& [reason, n] : ignored)
    std::cerr << "gigatwin backtest: ignored " << n << " event(s): " << reason << "\n";
  if (!args.out.empty())
    std::cout << args.out << "\n";
  return exit_ok;
}

} // namespace gigatwin::cli
