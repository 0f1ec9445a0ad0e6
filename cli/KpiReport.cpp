#include "KpiReport.hpp"

#include "ConfidenceInterval.hpp"
#include "Kpis.hpp"

#include <cmath>
#include <cstdio>
#include <string>

namespace gigatwin::cli {

namespace {
std::string line(const char* fmt, auto... args) {
  char buf[256];
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
    auto ci = engine::confidence_interval(std::span<const double>(v), 0.95);
    // Times read best in the largest unit that keeps them above 1.
    double scale = 1.0;
    std::string units = k.units;
    if (units == "s" && std::abs(ci.mean) >= 3600) {
      scale = 1.0 / 3600;
      units = "h";
    } else if (units == "s" && std::abs(ci.mean) >= 60) {
      scale = 1.0 / 60;
      units = "min";
    }
    std::string hw = std::isnan(ci.half_width) ? "-" : line("%.4g", ci.half_width * scale);
    out << line("  %-18s %14.6g %14s  %s\n", k.name, ci.mean * scale, hw.c_str(), units.c_str());
  }
  const auto& first = runs.front();
  out << "\nStations (replication 0), fractions of machine time:\n";
  out << line("  %-22s %8s %6s %6s %7s %7s %6s %10s %8s\n", "station", "machines", "util", "setup", "blocked",
              "starved", "down", "output", "scrap");
  for (const auto& s : first.stations)
    out << line("  %-22s %8lld %6.3f %6.3f %7.3f %7.3f %6.3f %10lld %8lld\n", s.name.c_str(),
                static_cast<long long>(s.machines), s.utilization, s.setup, s.blocked, s.starved, s.down,
                static_cast<long long>(s.output), static_cast<long long>(s.scrap));
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
