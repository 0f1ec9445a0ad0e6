#include "KpiReport.hpp"

#include "ConfidenceInterval.hpp"
#include "Kpis.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <string>
#include <string_view>

namespace gigatwin::cli {

namespace {
std::string line(const char* fmt, auto... args) {
  char buf[512];
  std::snprintf(buf, sizeof buf, fmt, args...);
  return buf;
}
} // namespace

void print_kpis(std::ostream& out, const models::ScenarioSpec& spec,
                const std::vector<models::RunResult>& runs) {
  if (runs.empty())
    return;
  out << "\nKPIs over " << (spec.horizon_s - spec.warmup_s) / 86400.0 << " d after a warm-up of "
      << spec.warmup_s / 86400.0 << " d, " << runs.size() << " replication(s):\n";
  out << line("  %-18s %14s %14s  %s\n", "kpi", "mean", "+/- 95% CI", "unit");
  for (const auto& k : models::summary_kpis()) {
    std::vector<double> v;
    for (const auto& r : runs)
      v.push_back(k.get(r));
    // KPIs that do not apply to this scenario (no workers, no roll-out, no outage) stay out.
    const bool core = k.name == std::string_view("throughput") || k.name == std::string_view("output") ||
                      k.name == std::string_view("cycle_time_mean") ||
                      k.name == std::string_view("wip_mean") || k.name == std::string_view("scrap");
    if (!core && std::all_of(v.begin(), v.end(), [](double x) { return std::isnan(x) || x == 0.0; }))
      continue;
    auto ci = engine::confidence_interval(std::span<const double>(v), 0.95);
    // Times read best in the largest unit that keeps them above 1.
    double scale = 1.0;
    std::string units = models::units_of(k, spec.currency);
    if (units == "s" && std::abs(ci.mean) >= 3600) {
      scale = 1.0 / 3600;
      units = "h";
    } else if (units == "s" && std::abs(ci.mean) >= 60) {
      scale = 1.0 / 60;
      units = "min";
    } else if (units == "h" && std::abs(ci.mean) < 1) {
      scale = 60;
      units = "min";
    }
    std::string hw = std::isnan(ci.half_width) ? "-" : line("%.4g", ci.half_width * scale);
    out << line("  %-18s %14.6g %14s  %s\n", k.name, ci.mean * scale, hw.c_str(), units.c_str());
  }
  const auto& first = runs.front();
  out << "\nStations (replication 0), fractions of machine time:\n";
  out << line("  %-22s %-8s %8s %6s %6s %7s %7s %6s %6s %6s %6s %10s %8s\n", "station", "mode", "machines",
              "util", "setup", "blocked", "starved", "down", "wait", "offsh", "halted", "output", "scrap");
  for (const auto& s : first.stations)
    out << line("  %-22s %-8s %8lld %6.3f %6.3f %7.3f %7.3f %6.3f %6.3f %6.3f %6.3f %10lld %8lld\n",
                s.name.c_str(), s.mode.c_str(), static_cast<long long>(s.machines), s.utilization, s.setup,
                s.blocked, s.starved, s.down, s.waiting_operator, s.off_shift, s.halted,
                static_cast<long long>(s.output), static_cast<long long>(s.scrap));
  out << "  (wait = waiting for operators, offsh = no operator on shift, halted = control-tower outage)\n";
  if (!first.transports.empty()) {
    out << "\nTransports (replication 0), fractions of carrier time:\n";
    out << line("  %-22s %-8s %8s %8s %10s %7s %7s %7s %7s %9s\n", "to", "kind", "carriers", "trips", "lots",
                "moving", "unload", "halted", "idle", "on board");
    for (const auto& t : first.transports)
      out << line("  %-22s %-8s %8lld %8lld %10lld %7.3f %7.3f %7.3f %7.3f %9.3g\n", t.to.c_str(),
                  t.kind.c_str(), static_cast<long long>(t.carriers), static_cast<long long>(t.trips),
                  static_cast<long long>(t.lots_moved), t.moving, t.waiting_to_unload, t.halted, t.idle,
                  t.in_transit_mean);
    out << "  (unload = arrived, waiting for room in the step; on board = time-average lots carried)\n";
  }
  double wall = 0;
  std::uint64_t events = 0;
  for (const auto& r : runs) {
    wall += r.wall_s;
    events += r.events;
  }
  out << line("\n%llu events in %.2f s of simulation (%.3g events/s)\n",
              static_cast<unsigned long long>(events), wall,
              wall > 0 ? static_cast<double>(events) / wall : 0.0);
}

} // namespace gigatwin::cli
