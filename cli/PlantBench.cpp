#include "PlantBench.hpp"

#include "experiment/Replication.hpp"
#include "kernel/ChildProcess.hpp"

#include <algorithm>
#include <sstream>
#include <stdexcept>
#include <sys/resource.h>

namespace gigatwin::cli {

namespace {

/// The same distribution k times as fast: every duration divided by k.
core::DistributionSpec faster(core::DistributionSpec d, double k) {
  using core::DistributionKind;
  switch (d.kind) {
  case DistributionKind::gamma:
  case DistributionKind::weibull:
    d.b /= k; // shape kept, scale divided
    break;
  case DistributionKind::empirical:
    for (double& v : d.values)
      v /= k;
    break;
  default:
    d.a /= k;
    d.b /= k;
    d.c /= k;
  }
  return d;
}

} // namespace

scenario::ScenarioSpec scaled_plant(const scenario::ScenarioSpec& spec, std::int64_t k) {
  scenario::ScenarioSpec s = spec;
  const auto times = static_cast<double>(k);
  s.name = spec.name + " x" + std::to_string(k);
  for (auto& g : s.station_groups)
    g.machines *= k;
  for (auto& p : s.worker_pools)
    p.headcount *= k;
  for (auto& step : s.steps) {
    if (step.buffer_capacity)
      *step.buffer_capacity *= k;
    if (step.transport)
      step.transport->carriers *= k;
  }
  if (!s.source.saturated)
    s.source.interarrival = faster(s.source.interarrival, times);
  for (auto& p : s.products)
    if (p.source && !p.source->saturated)
      p.source->interarrival = faster(p.source->interarrival, times);
  s.energy.base_load_kw *= times;
  s.max_wip = std::max<std::int64_t>(s.max_wip, s.max_wip * k);
  return s;
}

PlantFigures bench_plant(const std::string& name, scenario::ScenarioSpec spec, double days,
                         const std::string& dir) {
  spec.horizon_s = days * 86400.0;
  spec.warmup_s = std::min(spec.warmup_s, spec.horizon_s / 2);
  spec.warmup_mser5 = false;
  spec.trace.enabled = false;
  PlantFigures f;
  f.name = name;
  for (const auto& g : spec.station_groups)
    f.machines += g.machines;
  auto outcome = kernel::run_in_child([&] {
    experiment::ReplicationOptions o;
    o.seed = spec.seed;
    o.part_path = dir + "/plant.h5";
    const plant::RunResult r = experiment::run_replication(spec, o);
    rusage usage{};
    getrusage(RUSAGE_SELF, &usage);
    std::ostringstream out;
    out.precision(17);
    out << static_cast<double>(r.events) << ' ' << r.wall_s << ' '
        << static_cast<double>(usage.ru_maxrss) / 1024.0;
    return out.str();
  });
  if (outcome.status != kernel::ChildOutcome::Status::ok)
    throw std::runtime_error(name + ": benchmark process failed: " + outcome.payload);
  std::istringstream in(outcome.payload);
  in >> f.events >> f.wall_s >> f.peak_mb;
  return f;
}

} // namespace gigatwin::cli
