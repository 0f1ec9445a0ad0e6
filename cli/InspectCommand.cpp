#include "Commands.hpp"
#include "ExitCode.hpp"

#include "results/DisplayUnits.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <cmath>
#include <cstdio>
#include <iostream>
#include <map>
#include <string>
#include <variant>

namespace gigatwin::cli {

namespace {
std::string text_cell(const results::Table& t, std::size_t row, const char* column) {
  return results::text_at(t, row, column);
}

double number_cell(const results::Table& t, std::size_t row, const char* column) {
  return results::number_at(t, row, column);
}

std::string attribute_or(const results::ResultsReader& file, const std::string& path, const char* name) {
  return file.has_attribute(path, name) ? file.attribute_string(path, name) : std::string("?");
}
} // namespace

int inspect_command(const InspectArgs& args) {
  try {
    const results::ResultsReader file(args.file, args.no_verify ? results::ResultsReader::Checksum::skip
                                                                : results::ResultsReader::Checksum::verify);
    std::string scenario_name = "?";
    if (file.has_attribute("/scenario", "name"))
      scenario_name = file.attribute_string("/scenario", "name");
    const auto runs = file.has("/runs") ? file.list("/runs") : std::vector<std::string>{};
    std::printf("%s: GigaTwin results, scenario '%s', created %s, %zu run(s)\n", args.file.c_str(),
                scenario_name.c_str(), attribute_or(file, "/", "created").c_str(), runs.size());
    if (file.has("/experiment/confidence")) {
      const results::Table ci = file.read_table("/experiment/confidence");
      const results::Table points =
          file.has("/experiment/points") ? file.read_table("/experiment/points") : results::Table{};
      // Paired differences to the baseline, by (point, kpi).
      std::map<std::pair<std::int64_t, std::string>, std::pair<double, double>> diff;
      std::int64_t baseline = -1;
      // What the line makes names the good lots out ("packs/h"): the first run's products say.
      const std::string noun = results::lot_noun(file);
      if (file.has("/experiment/differences")) {
        const results::Table d = file.read_table("/experiment/differences");
        for (std::size_t r = 0; r < d.rows.size(); ++r) {
          diff[{static_cast<std::int64_t>(number_cell(d, r, "point")), text_cell(d, r, "kpi")}] = {
              number_cell(d, r, "mean_difference"), number_cell(d, r, "half_width")};
          baseline = static_cast<std::int64_t>(number_cell(d, r, "baseline"));
        }
      }
      if (file.has_attribute("/", "complete") && file.attribute_int("/", "complete") == 0)
        std::printf("incomplete: %lld of %lld planned run(s) completed, %lld failed (gigatwin batch --resume "
                    "finishes it)\n",
                    static_cast<long long>(file.attribute_int("/", "runs_ok")),
                    static_cast<long long>(file.attribute_int("/", "runs_planned")),
                    static_cast<long long>(file.attribute_int("/", "runs_failed")));
      std::map<std::int64_t, std::vector<std::size_t>> by_point;
      for (std::size_t r = 0; r < ci.rows.size(); ++r)
        by_point[static_cast<std::int64_t>(number_cell(ci, r, "point"))].push_back(r);
      for (const auto& [point, rows] : by_point) {
        const auto n = rows.empty() ? 0 : static_cast<long long>(number_cell(ci, rows.front(), "n"));
        const double level = rows.empty() ? 0.95 : number_cell(ci, rows.front(), "level");
        std::printf("\npoint %lld: %lld replication(s)", static_cast<long long>(point), n);
        if (point >= 0 && static_cast<std::size_t>(point) < points.rows.size())
          std::printf(": %s", text_cell(points, static_cast<std::size_t>(point), "parameters").c_str());
        std::printf("%s\n", point == baseline ? " (baseline)" : "");
        const bool differences = baseline >= 0 && point != baseline;
        std::printf("  %-22s %14s %14s  %-10s%s\n", "kpi", "mean", "+/- CI", "unit",
                    differences ? "  - baseline (+/- CI, paired)" : "");
        for (std::size_t r : rows) {
          const double mean = number_cell(ci, r, "mean");
          const double hw = number_cell(ci, r, "half_width");
          const std::string kpi = text_cell(ci, r, "kpi");
          const bool core = kpi == "throughput" || kpi == "output" || kpi == "cycle_time_mean" ||
                            kpi == "wip_mean" || kpi == "scrap";
          // KPIs that do not apply to this scenario (no workers, no energy, no outage) stay out.
          if (std::isnan(mean) || (!core && mean == 0.0 && !(hw > 0.0)))
            continue;
          // In the units `run` and the desktop app show (times of lots in hours, fractions in %).
          const results::DisplayUnit shown = results::display_unit(kpi, text_cell(ci, r, "units"), noun);
          const auto plain = [&](double v, int digits) {
            return results::plain_number(v * shown.factor, digits);
          };
          const std::string half = std::isnan(hw) ? "-" : plain(hw, 4);
          std::string vs;
          if (const auto d = diff.find({point, kpi}); differences && d != diff.end()) {
            const double delta = d->second.first;
            vs = std::string("  ") + (delta > 0 ? "+" : "") + plain(delta, 4) + " (" +
                 (std::isnan(d->second.second) ? std::string("-") : plain(d->second.second, 4)) + ")";
          }
          std::printf("  %-22s %14s %14s  %-10s%s\n", kpi.c_str(), plain(mean, 6).c_str(), half.c_str(),
                      shown.units.c_str(), vs.c_str());
        }
        std::printf("  (+/- is the half-width of the %.0f %% Student-t interval over replications)\n",
                    100 * level);
      }
    }
    if (file.has("/experiment/precision")) {
      const results::Table p = file.read_table("/experiment/precision");
      std::printf("\nprecision targets (--precision):\n");
      for (std::size_t r = 0; r < p.rows.size(); ++r)
        std::printf("  point %lld %-18s +/- %.3g %% after %lld replication(s), target %.3g %%: %s\n",
                    static_cast<long long>(number_cell(p, r, "point")), text_cell(p, r, "kpi").c_str(),
                    100 * number_cell(p, r, "achieved"), static_cast<long long>(number_cell(p, r, "n")),
                    100 * number_cell(p, r, "target"), number_cell(p, r, "met") == 1 ? "met" : "MISSED");
    }
    std::size_t failed = 0;
    for (const auto& run : runs) {
      const std::string group = "/runs/" + run;
      const std::string status = attribute_or(file, group, "status");
      if (status != "ok") {
        if (failed++ == 0)
          std::printf("\nfailed runs:\n");
        std::string error = file.has_attribute(group, "error") ? file.attribute_string(group, "error") : "";
        // A multi-line error (a crash report, say) is indented under its run.
        for (std::size_t at = error.find('\n'); at != std::string::npos; at = error.find('\n', at + 5))
          error.replace(at, 1, "\n    ");
        while (!error.empty() && (error.back() == '\n' || error.back() == ' '))
          error.pop_back();
        std::printf("  %s: %s%s%s\n", run.c_str(), status.c_str(), error.empty() ? "" : ": ", error.c_str());
      }
    }
    if (failed == 0)
      std::printf("\nfailed runs: none\n");
    // Which runs carry an event trace, and how much of it (docs/EVENTS.md).
    std::size_t traced = 0;
    for (const auto& run : runs) {
      const std::string trace = "/runs/" + run + "/trace";
      if (!file.has(trace) || !file.has_attribute(trace, "events"))
        continue;
      if (traced++ == 0)
        std::printf("\nevent traces (gigatwin export --trace writes them as CSV and OCEL 2.0):\n");
      std::printf(
          "  %s: %lld events, kinds %s, station groups %s, %.6g to %.6g d\n", run.c_str(),
          static_cast<long long>(file.attribute_int(trace, "events")),
          attribute_or(file, trace, "kinds").c_str(), attribute_or(file, trace, "station_groups").c_str(),
          file.attribute_double(trace, "from_s") / 86400.0, file.attribute_double(trace, "to_s") / 86400.0);
    }
    return exit_ok;
  } catch (const results::ResultsError& e) {
    std::cerr << "gigatwin inspect: " << e.what() << "\n";
    return exit_bad_input;
  }
}

} // namespace gigatwin::cli
