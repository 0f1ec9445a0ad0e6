#include "Commands.hpp"
#include "ExitCode.hpp"
#include "PlantBench.hpp"
#include "ScenarioInput.hpp"

#include "TandemBench.hpp"
#include "core/Distribution.hpp"
#include "experiment/Replication.hpp"
#include "kernel/ChildProcess.hpp"

#include <cstdio>
#include <filesystem>
#include <iostream>
#include <unistd.h>

namespace gigatwin::cli {

namespace {
bench::BenchFigures in_child(const std::function<bench::BenchFigures()>& fn) {
  auto outcome = kernel::run_in_child([&] { return fn().encode(); });
  if (outcome.status != kernel::ChildOutcome::Status::ok)
    throw std::runtime_error("benchmark process failed: " + outcome.payload);
  return bench::BenchFigures::decode(outcome.payload);
}

// gigatwin = GigaTwin's engine with batched timers (the default), gt-direct = one SimGrid
// kernel timer per event (the design before optimisation; same results, see tests/factory).
void print(const char* name, const bench::BenchFigures& f, double analytic, double unit_s) {
  std::printf(
      "%-10s %10.0f lots %12.0f events %8.3f s %12.4g lots/s %12.4g events/s  W=%.3f (analytic %.3f)\n", name,
      f.lots, f.events, f.wall_s, f.lots / f.wall_s, f.events / f.wall_s, f.mean_time_in_system / unit_s,
      analytic / unit_s);
}
} // namespace

int bench_command(const BenchArgs& args) {
  auto loaded = load_scenario_or_report(args.scenario);
  if (!loaded)
    return exit_bad_input;
  scenario::ScenarioSpec spec = std::move(*loaded);
  // The same model for all three: the scenario's source rate and (exponential) service means.
  bench::TandemModel model;
  model.lots = args.lots;
  model.seed = spec.seed;
  model.arrival_rate = 1.0 / core::Distribution(spec.source.interarrival).mean();
  model.service_means.clear();
  for (const auto& step : spec.steps)
    model.service_means.push_back(
        core::Distribution(spec.station_groups[step.group_index].initial().process_time).mean());
  const double analytic = bench::analytic_time_in_system(model);
  const double unit_s = model.service_means.front(); // the classic model's time unit: station 1's mean
  // GigaTwin runs the scenario long enough for `lots` arrivals on average.
  spec.horizon_s = static_cast<double>(args.lots) / model.arrival_rate;
  spec.warmup_s = 0;
  if (spec.source.saturated) {
    std::cerr
        << "gigatwin bench: the benchmark needs an open line (a source with a rate), not a saturated one\n";
    return exit_bad_input;
  }

  std::printf("bench tandem%zu: %lld lots, arrival rate %.4g/s, service means", model.service_means.size(),
              static_cast<long long>(args.lots), model.arrival_rate);
  for (double m : model.service_means)
    std::printf(" %.4g", m);
  std::printf(" s; W in units of %.4g s\n", unit_s);

  try {
    const auto dir =
        std::filesystem::temp_directory_path() / ("gigatwin-bench-" + std::to_string(::getpid()));
    std::filesystem::create_directories(dir);
    auto gigatwin = [&](kernel::TimerMode mode) {
      return in_child([&] {
        experiment::ReplicationOptions o;
        o.seed = spec.seed;
        o.timer_mode = mode;
        o.part_path = (dir / "bench.h5").string(); // every feature on: time series streamed to HDF5
        auto r = experiment::run_replication(spec, o);
        return bench::BenchFigures{static_cast<double>(r.output), static_cast<double>(r.events), r.wall_s,
                                   r.cycle_time_mean_s};
      });
    };
    auto gt = gigatwin(kernel::TimerMode::batched);
    print("gigatwin", gt, analytic, unit_s);
    auto gt_direct = gigatwin(kernel::TimerMode::direct);
    print("gt-direct", gt_direct, analytic, unit_s);
    std::filesystem::remove_all(dir);
    auto hand = in_child([&] { return bench::run_hand_heap(model); });
    print("hand-heap", hand, analytic, unit_s);
    bench::BenchFigures actors{};
    if (!args.skip_actors) {
      actors = in_child([&] { return bench::run_simgrid_actors(model); });
      print("actors", actors, analytic, unit_s);
    }
    const double gt_rate = gt.lots / gt.wall_s, hand_rate = hand.lots / hand.wall_s;
    const double actors_rate = args.skip_actors ? 0.0 : actors.lots / actors.wall_s;
    std::printf("bench tandem5: gigatwin_lots_per_s=%.0f hand_lots_per_s=%.0f actors_lots_per_s=%.0f "
                "ratio_vs_hand=%.3f gigatwin_events_per_s=%.0f direct_timers_lots_per_s=%.0f "
                "mean_time_in_system=%.3f analytic=%.3f\n",
                gt_rate, hand_rate, actors_rate, gt_rate / hand_rate, gt.events / gt.wall_s,
                gt_direct.lots / gt_direct.wall_s, gt.mean_time_in_system / unit_s, analytic / unit_s);
    if (args.skip_plants)
      return exit_ok;

    // The plants, each for a stretch of simulated time with some ten million events.
    auto plant = [&](const std::string& file) {
      auto s = load_scenario_or_report(args.scenarios_dir + "/" + file);
      if (!s)
        throw std::runtime_error("cannot load " + args.scenarios_dir + "/" + file);
      return std::move(*s);
    };
    const scenario::ScenarioSpec base = plant("gigafactory.yaml");
    const double scale = args.plant_days_scale;
    std::vector<PlantFigures> plants;
    std::printf("\nbench plants (trace off; time series and tables to a part file, as a run):\n");
    std::printf("%-18s %10s %8s %12s %9s %12s %10s %9s\n", "plant", "machines", "days", "events", "wall s",
                "events/s", "vs tandem", "peak MB");
    const double tandem_events_per_s = gt.events / gt.wall_s;
    const auto show = [&](const PlantFigures& f, double days) {
      std::printf("%-18s %10lld %8.4g %12.0f %9.3f %12.4g %10.3f %9.1f\n", f.name.c_str(),
                  static_cast<long long>(f.machines), days, f.events, f.wall_s, f.events_per_s(),
                  f.events_per_s() / tandem_events_per_s, f.peak_mb);
      std::fflush(stdout);
    };
    const std::vector<std::pair<std::string, std::pair<scenario::ScenarioSpec, double>>> runs = {
        {"default", {base, 365.0 * scale}},
        {"35gwh", {plant("gigafactory-35gwh.yaml"), 30.0 * scale}},
        {"64x", {scaled_plant(base, 64), 8.0 * scale}},
    };
    std::filesystem::create_directories(dir);
    for (const auto& [name, run] : runs) {
      plants.push_back(bench_plant(name, run.first, run.second, dir.string()));
      show(plants.back(), run.second);
    }
    std::filesystem::remove_all(dir);
    const double r35 = plants[1].events_per_s() / tandem_events_per_s;
    const double r64 = plants[2].events_per_s() / plants[0].events_per_s();
    std::printf(
        "bench plants: default_events_per_s=%.0f gwh35_events_per_s=%.0f x64_events_per_s=%.0f "
        "gwh35_vs_tandem=%.3f (target >= 0.70) x64_vs_default=%.3f (target >= 0.80) ratio_vs_hand=%.3f "
        "(target >= 0.50)\n",
        plants[0].events_per_s(), plants[1].events_per_s(), plants[2].events_per_s(), r35, r64,
        gt_rate / hand_rate);
    return exit_ok;
  } catch (const std::exception& e) {
    std::cerr << "gigatwin bench: " << e.what() << "\n";
    return exit_runtime_failure;
  }
}

} // namespace gigatwin::cli
