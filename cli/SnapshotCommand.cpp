#include "Commands.hpp"
#include "ExitCode.hpp"
#include "PendingFile.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"
#include "TraceExport.hpp"

#include "experiment/Replication.hpp"
#include "plant/Factory.hpp"
#include "plantdata/PlantStateFile.hpp"
#include "plantdata/PlantTracker.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "scenario/Diagnostic.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/Units.hpp"

#include "kernel/Kernel.hpp"

#include <cmath>
#include <cstdio>
#include <filesystem>
#include <iostream>
#include <optional>

namespace gigatwin::cli {

namespace {

/// The state a twin following the plant's log would hold at `at_s`.
int snapshot_from_log(const SnapshotArgs& args, double at_s) {
  const auto format = log_format_or_report("snapshot", args.columns);
  if (!format)
    return exit_bad_input;
  auto spec = load_scenario_or_report(args.scenario, args.overrides);
  if (!spec)
    return exit_bad_input;
  std::optional<plantdata::PlantTracker> tracker;
  double origin = 0;
  plantdata::PlantLog log;
  const auto each = [&](const plantdata::LogEvent& e) {
    if (!tracker) {
      origin = log_origin_s(e.time_s, args.start_date);
      tracker.emplace(*spec, origin);
    }
    if (e.time_s - origin <= at_s)
      tracker->apply(e, log);
  };
  if (!read_log_or_report("snapshot", args.results, *format, log, each))
    return exit_bad_input;
  if (!tracker)
    return exit_bad_input;
  const plant::PlantState state = tracker->state(at_s);
  try {
    write_whole(args.out, plantdata::plant_state_json(state, *spec, args.start_date));
  } catch (const std::exception& e) {
    std::cerr << "gigatwin snapshot: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (!args.quiet) {
    std::cerr << "gigatwin snapshot: " << args.results << " at " << at_s / 86400.0
              << " d: " << state.lots.size() << " lots in the plant, " << tracker->events_applied()
              << " events applied\n";
    for (const auto& [reason, n] : tracker->ignored())
      std::cerr << "gigatwin snapshot: ignored " << n << " event(s): " << reason << "\n";
  }
  std::cout << args.out << "\n";
  return exit_ok;
}

} // namespace

int snapshot_command(const SnapshotArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin snapshot: " << message << "\n";
    return exit_bad_input;
  };
  double at_s = 0;
  try {
    at_s = scenario::parse_duration(args.at);
  } catch (const std::exception& e) {
    return refuse("--at: expected a time such as 30d, 720h or 5400s, found '" + args.at + "' (" + e.what() +
                  ")");
  }
  if (!(at_s >= 0) || !std::isfinite(at_s))
    return refuse("--at: expected a time of 0 or more, found '" + args.at + "'");
  TraceEpoch epoch;
  if (std::string error; !parse_trace_epoch(args.start_date, epoch, error))
    return refuse("--start-date: " + error);
  if (const auto ext = std::filesystem::path(args.out).extension(); ext == ".h5" || ext == ".hdf5")
    return refuse(
        "-o: a state is a JSON document (docs/LIVE.md, \"State snapshots\"): name it .json, found '" +
        args.out + "'");
  if (!output_folder_or_report("snapshot", args.out, args.force))
    return exit_bad_input;
  if (!args.scenario.empty())
    return snapshot_from_log(args, at_s);

  // The run is simulated again from its scenario, seed and replication up to --at: a results
  // file keeps what a run measured, not its state, and the simulation is reproducible.
  scenario::ScenarioSpec spec;
  std::uint64_t seed = 0;
  std::int64_t replication = 0;
  std::string run = args.run;
  try {
    const results::ResultsReader file(args.results);
    const auto runs = file.list("/runs");
    if (runs.empty())
      return refuse(args.results + ": no run in the file");
    if (run.empty())
      run = runs.front();
    if (!file.has("/runs/" + run))
      return refuse("--run: expected a run of " + args.results + " (" + runs.front() + " to " + runs.back() +
                    "), found '" + run + "'");
    const std::string group = "/runs/" + run;
    if (file.attribute_int(group, "point") != 0)
      return refuse(
          "--run: " + run +
          " is a point of a sweep other than the first; the file keeps the first "
          "point's scenario only (run that point's scenario with `gigatwin run` and take the snapshot "
          "from it)");
    seed = file.attribute_unsigned(group, "seed");
    replication = file.attribute_int(group, "replication");
    spec = scenario::load_scenario_text(file.read_text("/scenario"), args.results + ":/scenario");
  } catch (const scenario::ScenarioError& e) {
    return refuse(e.what());
  } catch (const std::exception& e) {
    return refuse(args.results + ": " + e.what());
  }
  if (at_s > spec.horizon_s * (1 + 1e-12)) {
    char buf[200];
    std::snprintf(buf, sizeof buf, "--at: expected a time within the run (up to %g d), found %g d",
                  spec.horizon_s / 86400.0, at_s / 86400.0);
    return refuse(buf);
  }
  spec.trace.enabled = false;
  try {
    kernel::Kernel kernel;
    plant::Factory factory(kernel, spec, replication, seed);
    factory.start();
    kernel.run_until(at_s, std::max(at_s / 100.0, 1.0));
    if (!factory.failure().empty())
      throw std::runtime_error(factory.failure());
    const plant::PlantState state = factory.capture_state();
    write_whole(args.out, plantdata::plant_state_json(state, spec, args.start_date));
    if (!args.quiet) {
      std::size_t busy = 0, down = 0;
      for (const auto& m : state.machines) {
        busy += m.state == plant::MachineState::busy || m.state == plant::MachineState::setup;
        down += m.state == plant::MachineState::down;
      }
      std::cerr << "gigatwin snapshot: " << run << " at " << at_s / 86400.0 << " d: " << state.lots.size()
                << " lots in the plant, " << busy << " of " << state.machines.size() << " machines working, "
                << down << " down\n";
    }
    std::cout << args.out << "\n";
  } catch (const std::exception& e) {
    std::cerr << "gigatwin snapshot: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  return exit_ok;
}

} // namespace gigatwin::cli
