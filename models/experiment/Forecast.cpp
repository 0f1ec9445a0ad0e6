#include "experiment/Forecast.hpp"

#include "plant/Factory.hpp"

#include "kernel/Kernel.hpp"
#include "kernel/ProcessPool.hpp"

#include <algorithm>
#include <chrono>
#include <cmath>
#include <limits>
#include <map>
#include <sstream>
#include <stdexcept>

namespace gigatwin::experiment {

double quantile(std::vector<double> values, double q) {
  if (values.empty())
    return std::numeric_limits<double>::quiet_NaN();
  std::sort(values.begin(), values.end());
  const double h = q * static_cast<double>(values.size() - 1);
  const auto lo = static_cast<std::size_t>(std::floor(h));
  const std::size_t hi = std::min(lo + 1, values.size() - 1);
  return values[lo] + (h - static_cast<double>(lo)) * (values[hi] - values[lo]);
}

namespace {

/// One replication from the state, in this (child) process: the output at each checkpoint and
/// the busiest group, as "n1 n2 ... nk\tgroup".
std::string one_run(const scenario::ScenarioSpec& base, const ForecastRequest& request,
                    const std::vector<double>& checkpoints, std::int64_t replication) {
  scenario::ScenarioSpec spec = base;
  spec.trace.enabled = false;
  spec.warmup_mser5 = false;
  spec.warmup_s = request.state.time_s;
  spec.horizon_s = request.state.time_s + request.horizon_s;
  kernel::Kernel kernel;
  plant::Factory factory(kernel, spec, replication, request.seed);
  factory.start_from(request.state);
  std::ostringstream out;
  out.precision(17);
  plant::RunResult last;
  for (double at : checkpoints) {
    kernel.run_until(request.state.time_s + at, std::max(request.horizon_s / 50.0, 60.0));
    if (!factory.failure().empty())
      throw std::runtime_error(factory.failure());
    last = factory.result(request.state.time_s + at);
    out << last.output << ' ';
  }
  std::string busiest;
  double most = -1;
  for (const auto& s : last.stations)
    if (s.utilization + s.setup > most) {
      most = s.utilization + s.setup;
      busiest = s.name;
    }
  out << '\t' << busiest;
  return out.str();
}

} // namespace

Forecast forecast(const scenario::ScenarioSpec& spec, const ForecastRequest& request) {
  const auto wall_start = std::chrono::steady_clock::now();
  if (!(request.horizon_s > 0) || request.replications < 1)
    throw std::invalid_argument("a forecast needs a horizon > 0 and at least one replication");
  std::vector<double> checkpoints;
  for (double c : request.checkpoints_s)
    if (c > 0 && c < request.horizon_s)
      checkpoints.push_back(c);
  checkpoints.push_back(request.horizon_s);
  std::sort(checkpoints.begin(), checkpoints.end());
  checkpoints.erase(std::unique(checkpoints.begin(), checkpoints.end()), checkpoints.end());

  const auto n = static_cast<std::size_t>(request.replications);
  std::vector<std::string> payloads(n);
  std::string failure;
  std::size_t next = 0;
  kernel::PoolCallbacks callbacks;
  callbacks.next_task = [&]() -> std::optional<std::size_t> {
    if (next >= n || !failure.empty())
      return std::nullopt;
    return next++;
  };
  callbacks.work = [&](std::size_t k) {
    return one_run(spec, request, checkpoints, static_cast<std::int64_t>(k));
  };
  callbacks.on_done = [&](std::size_t k, const kernel::ChildOutcome& outcome) {
    if (outcome.status == kernel::ChildOutcome::Status::ok)
      payloads[k] = outcome.payload;
    else if (failure.empty())
      failure = "forecast replication " + std::to_string(k) + " failed: " + outcome.payload;
  };
  kernel::ProcessPool(std::max<std::size_t>(request.jobs, 1)).run(callbacks);
  if (!failure.empty())
    throw std::runtime_error(failure);

  Forecast f;
  f.from_s = request.state.time_s;
  f.horizon_s = request.horizon_s;
  f.replications = request.replications;
  f.target = request.target;
  std::map<std::string, int> busiest;
  for (const std::string& payload : payloads) {
    const auto tab = payload.find('\t');
    std::istringstream numbers(payload.substr(0, tab));
    std::vector<double> outputs;
    for (double v; numbers >> v;)
      outputs.push_back(v);
    if (outputs.size() != checkpoints.size())
      throw std::runtime_error("a forecast replication sent an unreadable result");
    f.outputs.push_back(outputs);
    if (tab != std::string::npos)
      ++busiest[payload.substr(tab + 1)];
  }
  for (std::size_t c = 0; c < checkpoints.size(); ++c) {
    std::vector<double> at;
    double sum = 0;
    for (const auto& run : f.outputs) {
      at.push_back(run[c]);
      sum += run[c];
    }
    f.points.push_back(ForecastPoint{request.state.time_s + checkpoints[c], sum / static_cast<double>(n),
                                     quantile(at, 0.05), quantile(at, 0.95)});
  }
  for (const auto& [name, count] : busiest)
    if (count > f.bottleneck_share) {
      f.bottleneck = name;
      f.bottleneck_share = count;
    }
  f.bottleneck_share /= static_cast<double>(n);
  if (request.target > 0) {
    std::size_t short_of = 0;
    for (const auto& run : f.outputs)
      short_of += run.back() < request.target;
    f.miss_probability = static_cast<double>(short_of) / static_cast<double>(n);
  } else {
    f.miss_probability = std::numeric_limits<double>::quiet_NaN();
  }
  f.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  return f;
}

} // namespace gigatwin::experiment
