#include "experiment/Replication.hpp"

#include "experiment/ResultsTables.hpp"
#include "experiment/TraceRecorder.hpp"
#include "plant/Factory.hpp"

#include "kernel/ChildProcess.hpp"
#include "kernel/Kernel.hpp"
#include "results/ResultsWriter.hpp"

#include <array>
#include <chrono>
#include <csignal>
#include <cstdio>
#include <optional>

namespace gigatwin::experiment {

namespace {
volatile std::sig_atomic_t interrupt_flag = 0;
}

void request_interrupt() {
  interrupt_flag = 1;
  kernel::forward_signal_to_child(SIGTERM);
}
bool interrupt_requested() {
  return interrupt_flag != 0;
}

std::string run_id(std::int64_t point, std::int64_t replication) {
  char buf[64];
  std::snprintf(buf, sizeof buf, "p%04lld-r%04lld", static_cast<long long>(point),
                static_cast<long long>(replication));
  return buf;
}

plant::RunResult run_replication(const scenario::ScenarioSpec& spec, const ReplicationOptions& options) {
  const auto wall_start = std::chrono::steady_clock::now();
  const std::string id = run_id(options.point, options.replication);
  const std::string group = "/runs/" + id;

  std::optional<results::ResultsWriter> part;
  std::optional<results::SeriesWriter> time, throughput, wip, headcount, layoffs, robots, power,
      cost_per_unit;
  std::vector<results::SeriesWriter> pool_writers; // 8 per pool
  if (!options.part_path.empty()) {
    part.emplace(options.part_path, true);
    time.emplace(
        part->open_series(group + "/timeseries/time", "s", "end of the sampling interval, simulated time"));
    throughput.emplace(part->open_series(group + "/timeseries/throughput", "lots/h",
                                         "good lots leaving the line per hour during the interval"));
    wip.emplace(part->open_series(group + "/timeseries/wip", "lots",
                                  "time-average lots in the system during the interval"));
    headcount.emplace(part->open_series(group + "/timeseries/headcount", "workers", "workers in all pools"));
    layoffs.emplace(part->open_series(group + "/timeseries/layoffs", "workers",
                                      "workers laid off since the start of the run (cumulative)"));
    robots.emplace(part->open_series(group + "/timeseries/robots", "robots", "robots in all station groups"));
    power.emplace(part->open_series(group + "/timeseries/power", "kW",
                                    "mean electric power during the interval, machines and base load"));
    cost_per_unit.emplace(part->open_series(
        group + "/timeseries/cost_per_unit", spec.currency + "/lot",
        "total cost per good lot so far (the cost_per_unit KPI at this time; NaN while no good lot has left "
        "since the measurement start)"));
    // Per worker pool: /timeseries/pools/<pool>/<series>, in PoolSample's order.
    static const std::array<std::pair<const char*, const char*>, 8> pool_series = {{
        {"headcount", "workers on the payroll (in training included)"},
        {"on_shift", "workers present on the shift"},
        {"idle", "workers on shift and not assigned to a machine"},
        {"in_training", "workers retraining for another pool's skill"},
        {"hires", "workers hired since time 0 (cumulative)"},
        {"layoffs", "workers laid off since time 0 (cumulative)"},
        {"retrained", "workers retrained out of the pool since time 0 (cumulative)"},
        {"reassigned", "workers reassigned out of the pool since time 0 (cumulative)"},
    }};
    for (const auto& pool : spec.worker_pools)
      for (const auto& [name, description] : pool_series)
        pool_writers.push_back(
            part->open_series(group + "/timeseries/pools/" + pool.name + "/" + name, "workers", description));
  }

  kernel::Kernel kernel(options.timer_mode);
  plant::Factory factory(kernel, spec, options.replication, options.seed);
  if (part || options.on_sample) {
    factory.set_sample_listener([&](const plant::SeriesSample& s) {
      if (options.on_sample)
        options.on_sample(s, factory);
      if (!part)
        return;
      time->append(s.time_s);
      throughput->append(s.throughput_per_h);
      wip->append(s.wip);
      headcount->append(s.headcount);
      layoffs->append(s.layoffs);
      robots->append(s.robots);
      power->append(s.power_kw);
      cost_per_unit->append(s.cost_per_unit);
      std::size_t k = 0;
      for (const plant::PoolSample& p : s.pools)
        for (double v :
             {p.headcount, p.on_shift, p.idle, p.in_training, p.hires, p.layoffs, p.retrained, p.reassigned})
          pool_writers[k++].append(v);
    });
  }
  // The trace needs a file to stream to: a run without a part file (a pilot) is not traced.
  std::optional<TraceRecorder> trace;
  if (part && spec.trace.enabled) {
    trace.emplace(*part, group, factory, spec.trace);
    factory.set_observer(&*trace);
  }
  if (options.from_state)
    factory.start_from(*options.from_state);
  else
    factory.start();
  const double slice = options.slice_s > 0 ? options.slice_s : spec.horizon_s / 500.0;
  const bool finished = kernel.run_until(spec.horizon_s, slice, [&](double now, double end) {
    if (interrupt_requested() || (trace && !trace->failure().empty()))
      kernel.request_stop();
    if (options.progress)
      options.progress(now, end);
  });
  if (!factory.failure().empty())
    throw std::runtime_error(factory.failure());
  if (trace && !trace->failure().empty())
    throw std::runtime_error(trace->failure());
  if (!finished)
    throw ReplicationInterrupted();

  plant::RunResult result = factory.result(spec.horizon_s);
  result.wall_s = std::chrono::duration<double>(std::chrono::steady_clock::now() - wall_start).count();
  if (part) {
    if (trace)
      trace->finish();
    part->write_table(group + "/stations", station_table(result));
    part->write_table(group + "/lead_time_histogram", lead_time_histogram_table(result));
    if (result.products.size() > 1)
      part->write_table(group + "/products", product_table(result));
    if (!result.outage_log.empty())
      part->write_table(group + "/outages", outage_table(result));
    if (!result.transports.empty())
      part->write_table(group + "/transports", transport_table(result));
    if (!result.part_buffers.empty())
      part->write_table(group + "/part_buffers", part_buffer_table(result));
    if (!result.pools.empty()) {
      part->write_table(group + "/pools", pool_table(result, spec.currency));
      part->write_table(group + "/workforce", ledger_table(factory.ledger().events()));
    }
    part->set_attribute(group, "point", options.point);
    part->set_attribute(group, "replication", options.replication);
    part->set_unsigned_attribute(group, "seed", options.seed);
    part->set_attribute(group, "status", std::string("ok"));
    part->set_attribute(group, "wall_time_s", result.wall_s);
    part->set_attribute(group, "horizon_s", spec.horizon_s);
    part->set_attribute(group, "warmup_s", spec.warmup_s);
    part->set_attribute(group, "warmup_method", std::string(spec.warmup_mser5 ? "mser5" : "fixed"));
    time->close();
    throughput->close();
    wip->close();
    headcount->close();
    layoffs->close();
    robots->close();
    power->close();
    cost_per_unit->close();
    for (auto& w : pool_writers)
      w.close();
    if (options.before_commit)
      options.before_commit(*part, result);
    part->commit();
  }
  return result;
}

plant::RunResult run_replication_in_child(const scenario::ScenarioSpec& spec,
                                          const ReplicationOptions& options) {
  auto outcome = kernel::run_in_child([&]() -> std::string {
    try {
      return run_replication(spec, options).encode();
    } catch (const ReplicationInterrupted&) {
      throw kernel::ChildInterrupted{};
    }
  });
  switch (outcome.status) {
  case kernel::ChildOutcome::Status::ok:
    return plant::RunResult::decode(outcome.payload);
  case kernel::ChildOutcome::Status::interrupted:
    throw ReplicationInterrupted();
  case kernel::ChildOutcome::Status::failed:
  case kernel::ChildOutcome::Status::crashed:
    break;
  }
  throw std::runtime_error("replication " + std::to_string(options.replication) +
                           " failed: " + outcome.payload);
}

} // namespace gigatwin::experiment
