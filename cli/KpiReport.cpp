#include "KpiReport.hpp"

#include "results/DisplayUnits.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <map>
#include <string>
#include <tuple>
#include <utility>
#include <variant>
#include <vector>

namespace gigatwin::cli {

namespace {
std::string line(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}

std::string text(const results::Table& t, std::size_t row, std::string_view column) {
  return results::text_at(t, row, column);
}

double num(const results::Table& t, std::size_t row, std::string_view column) {
  return results::number_at(t, row, column);
}

bool core_kpi(const std::string& k) {
  return k == "throughput" || k == "output" || k == "cycle_time_mean" || k == "wip_mean" || k == "scrap";
}

void print_point(std::ostream& out, const results::ResultsReader& file, const results::Table& ci,
                 const std::vector<std::size_t>& rows, const std::string& first_run) {
  const std::string group = "/runs/" + first_run;
  const double horizon = file.attribute_double(group, "horizon_s");
  const double warmup = file.attribute_double(group, "warmup_s");
  const auto n = static_cast<long long>(num(ci, rows.front(), "n"));
  // What the line makes names the good lots out ("packs/h"), when it is one product.
  const std::string noun = results::lot_noun(file, group);
  if (file.has_attribute(group, "warmup_method") && file.attribute_string(group, "warmup_method") == "mser5")
    out << "\nKPIs after a warm-up chosen by MSER-5 for each run (" << first_run << ": " << warmup / 86400.0
        << " d of " << horizon / 86400.0 << " d; the others: measured_time in the summary), " << n
        << " replication(s):\n";
  else
    out << "\nKPIs over " << (horizon - warmup) / 86400.0 << " d after a warm-up of " << warmup / 86400.0
        << " d, " << n << " replication(s):\n";
  out << line("  %-18s %14s %14s  %s\n", "kpi", "mean", "+/- 95% CI", "unit");
  for (std::size_t r : rows) {
    const std::string kpi = text(ci, r, "kpi");
    double mean = num(ci, r, "mean");
    double hw = num(ci, r, "half_width");
    // KPIs that do not apply to this scenario (no workers, no roll-out, no outage) stay out.
    if (!core_kpi(kpi) && (std::isnan(mean) || (mean == 0.0 && !(hw > 0.0))))
      continue;
    // The units the desktop app and `inspect` show too (times of lots in hours, fractions in %).
    const results::DisplayUnit shown = results::display_unit(kpi, text(ci, r, "units"), noun);
    const std::string half = std::isnan(hw) ? "-" : results::plain_number(hw * shown.factor, 4);
    out << line("  %-18s %14s %14s  %s\n", kpi.c_str(), results::plain_number(mean * shown.factor).c_str(),
                half.c_str(), shown.units.c_str());
  }
  const results::Table st = file.read_table(group + "/stations");
  out << "\nStations (" << first_run << "), fractions of machine time:\n";
  out << line("  %-22s %-8s %8s %6s %6s %7s %7s %6s %6s %6s %6s %10s %8s\n", "station", "mode", "machines",
              "util", "setup", "blocked", "starved", "down", "wait", "offsh", "halted", "output", "scrap");
  for (std::size_t r = 0; r < st.rows.size(); ++r)
    out << line("  %-22s %-8s %8.0f %6.3f %6.3f %7.3f %7.3f %6.3f %6.3f %6.3f %6.3f %10.0f %8.0f\n",
                text(st, r, "name").c_str(), text(st, r, "mode").c_str(), num(st, r, "machines"),
                num(st, r, "utilization"), num(st, r, "setup"), num(st, r, "blocked"), num(st, r, "starved"),
                num(st, r, "down"), num(st, r, "waiting_operator"), num(st, r, "off_shift"),
                num(st, r, "halted"), num(st, r, "output"), num(st, r, "scrap"));
  out << "  (wait = waiting for operators, offsh = no operator on shift, halted = control-tower outage)\n";
  if (st.find_column("wait_mean")) {
    // One time unit for the table, the one that reads best for its longest time at a step.
    double longest = 0;
    for (std::size_t r = 0; r < st.rows.size(); ++r)
      if (const double v = num(st, r, "time_at_step_mean"); v > longest)
        longest = v;
    const auto [scale, unit] = longest >= 3600 ? std::pair(1.0 / 3600, "h")
                               : longest >= 60 ? std::pair(1.0 / 60, "min")
                                               : std::pair(1.0, "s");
    out << "\nWaits (" << first_run << "), in " << unit << ":\n";
    out << line("  %-22s %10s %10s %10s %8s %8s\n", "station", "wait", "at step", "at step p90", "P(wait)",
                "all busy");
    for (std::size_t r = 0; r < st.rows.size(); ++r)
      out << line("  %-22s %10.4g %10.4g %11.4g %8.3f %8.3f\n", text(st, r, "name").c_str(),
                  num(st, r, "wait_mean") * scale, num(st, r, "time_at_step_mean") * scale,
                  num(st, r, "time_at_step_p90") * scale, num(st, r, "waiting_probability"),
                  num(st, r, "all_busy"));
    out << "  (wait = arrival to a machine taking the lot; at step = arrival to passing it on; P(wait) = of "
           "an arriving lot finding no idle machine; all busy = fraction of time no machine idle)\n";
  }
  if (file.has(group + "/transports")) {
    const results::Table tr = file.read_table(group + "/transports");
    out << "\nTransports (" << first_run << "), fractions of carrier time:\n";
    out << line("  %-22s %-8s %8s %8s %10s %7s %7s %7s %7s %9s\n", "to", "kind", "carriers", "trips", "lots",
                "moving", "unload", "halted", "idle", "on board");
    for (std::size_t r = 0; r < tr.rows.size(); ++r)
      out << line("  %-22s %-8s %8.0f %8.0f %10.0f %7.3f %7.3f %7.3f %7.3f %9.3g\n",
                  text(tr, r, "to").c_str(), text(tr, r, "kind").c_str(), num(tr, r, "carriers"),
                  num(tr, r, "trips"), num(tr, r, "lots_moved"), num(tr, r, "moving"),
                  num(tr, r, "waiting_to_unload"), num(tr, r, "halted"), num(tr, r, "idle"),
                  num(tr, r, "in_transit_mean"));
    out << "  (unload = arrived, waiting for room in the step; on board = time-average lots carried)\n";
  }
  if (file.has(group + "/part_buffers")) {
    const results::Table pb = file.read_table(group + "/part_buffers");
    out << "\nAssembly part buffers (" << first_run << "):\n";
    out << line("  %-22s %-16s %8s %12s %14s\n", "station", "part", "per kit", "mean [lots]",
                "wait for kit [h]");
    for (std::size_t r = 0; r < pb.rows.size(); ++r)
      out << line("  %-22s %-16s %8.0f %12.4g %14.4g\n", text(pb, r, "station_group").c_str(),
                  text(pb, r, "part").c_str(), num(pb, r, "quantity"), num(pb, r, "buffer_mean"),
                  num(pb, r, "matching_wait_mean") / 3600.0);
  }
}
} // namespace

void print_kpis(std::ostream& out, const results::ResultsReader& file) {
  if (!file.has("/experiment/summary"))
    return;
  const results::Table summary = file.read_table("/experiment/summary");
  const results::Table ci = file.read_table("/experiment/confidence");
  std::map<std::int64_t, std::string> first_run; // per point
  for (std::size_t r = 0; r < summary.rows.size(); ++r)
    first_run.emplace(static_cast<std::int64_t>(num(summary, r, "point")), text(summary, r, "run"));
  std::map<std::int64_t, std::vector<std::size_t>> rows;
  for (std::size_t r = 0; r < ci.rows.size(); ++r)
    rows[static_cast<std::int64_t>(num(ci, r, "point"))].push_back(r);
  const results::Table points =
      file.has("/experiment/points") ? file.read_table("/experiment/points") : results::Table{};
  for (const auto& [point, point_rows] : rows) {
    if (!points.rows.empty())
      out << "\npoint " << point << ": "
          << (static_cast<std::size_t>(point) < points.rows.size()
                  ? text(points, static_cast<std::size_t>(point), "parameters")
                  : std::string())
          << "\n";
    print_point(out, file, ci, point_rows, first_run.at(point));
  }
  double wall = 0, events = 0;
  for (std::size_t r = 0; r < summary.rows.size(); ++r) {
    wall += num(summary, r, "wall_time");
    events += num(summary, r, "events");
  }
  out << line("\n%.0f events in %.2f s of simulation (%.3g events/s)\n", events, wall,
              wall > 0 ? events / wall : 0.0);
}

void print_point_table(std::ostream& out, const results::ResultsReader& file) {
  const results::Table ci =
      file.has("/experiment/confidence") ? file.read_table("/experiment/confidence") : results::Table{};
  const results::Table points =
      file.has("/experiment/points") ? file.read_table("/experiment/points") : results::Table{};
  // point -> kpi -> (mean, half-width, units)
  std::map<std::int64_t, std::map<std::string, std::tuple<double, double, std::string>>> cells;
  std::map<std::int64_t, double> replications; // per point
  for (std::size_t r = 0; r < ci.rows.size(); ++r) {
    const auto point = static_cast<std::int64_t>(num(ci, r, "point"));
    cells[point][text(ci, r, "kpi")] = {num(ci, r, "mean"), num(ci, r, "half_width"), text(ci, r, "units")};
    replications[point] = std::max(replications[point], num(ci, r, "n"));
  }
  std::vector<std::string> kpis;
  for (const char* k : {"throughput", "cycle_time_mean", "cost_per_unit", "headcount_end"}) {
    bool present = false;
    for (const auto& [point, row] : cells)
      if (const auto it = row.find(k); it != row.end() && !std::isnan(std::get<0>(it->second)) &&
                                       (core_kpi(k) || std::get<0>(it->second) != 0.0))
        present = true;
    if (present)
      kpis.push_back(k);
  }
  std::map<std::int64_t, std::int64_t> failed;
  if (file.has("/experiment/failed")) {
    const results::Table f = file.read_table("/experiment/failed");
    for (std::size_t r = 0; r < f.rows.size(); ++r)
      ++failed[static_cast<std::int64_t>(num(f, r, "point"))];
  }
  std::size_t width = 10;
  for (std::size_t p = 0; p < points.rows.size(); ++p)
    width = std::max(width, text(points, p, "parameters").size());
  width = std::min<std::size_t>(width, 64);
  // Times read best in hours when every point's mean is above one.
  std::map<std::string, std::pair<double, std::string>> scale;
  for (const auto& k : kpis) {
    std::string units = std::get<2>(cells.begin()->second.at(k));
    double smallest = INFINITY;
    for (const auto& [point, row] : cells)
      smallest = std::min(smallest, std::abs(std::get<0>(row.at(k))));
    scale[k] = units == "s" && smallest >= 3600 ? std::make_pair(1.0 / 3600, std::string("h"))
                                                : std::make_pair(1.0, units);
  }
  std::string header = line("%-6s %-*s %3s", "point", static_cast<int>(width), "parameters", "n");
  for (const auto& k : kpis) {
    const std::string& units = scale[k].second;
    header += line(" %25s", (k + (units.empty() ? "" : " [" + units + "]")).c_str());
  }
  out << "\n" << header << (failed.empty() ? "" : "  failed") << "\n";
  // Every point, those whose runs all failed (no interval) included.
  std::int64_t point_count = static_cast<std::int64_t>(points.rows.size());
  if (!cells.empty())
    point_count = std::max(point_count, cells.rbegin()->first + 1);
  if (!failed.empty())
    point_count = std::max(point_count, failed.rbegin()->first + 1);
  for (std::int64_t point = 0; point < point_count; ++point) {
    const auto found = cells.find(point);
    std::string params = static_cast<std::size_t>(point) < points.rows.size()
                             ? text(points, static_cast<std::size_t>(point), "parameters")
                             : std::string("-");
    if (params.size() > width)
      params = params.substr(0, width - 3) + "...";
    const double n = replications.contains(point) ? replications.at(point) : 0.0;
    std::string text_line =
        line("%-6lld %-*s %3.0f", static_cast<long long>(point), static_cast<int>(width), params.c_str(), n);
    for (const auto& k : kpis) {
      if (found == cells.end() || !found->second.contains(k)) {
        text_line += line(" %25s", "-");
        continue;
      }
      const auto& [mean, hw, units] = found->second.at(k);
      const double f = scale[k].first;
      text_line += std::isnan(hw) ? line(" %25.6g", mean * f) : line(" %13.6g +/- %-7.3g", mean * f, hw * f);
    }
    if (!failed.empty())
      text_line += line("  %6lld", static_cast<long long>(failed[point]));
    out << text_line << "\n";
  }
  out << "(+/- is the half-width of the 95 % Student-t interval over the point's replications; "
         "gigatwin inspect shows every KPI)\n";
}

} // namespace gigatwin::cli
