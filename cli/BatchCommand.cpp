#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"
#include "MpiExecutor.hpp"
#include "ScenarioInput.hpp"
#include "SweepInput.hpp"

#include "plant/Kpis.hpp"

#include <charconv>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <iterator>
#include <sstream>

namespace gigatwin::cli {

namespace {
/// "3/16" -> {3, 16}; a clear message otherwise.
std::optional<experiment::Shard> parse_shard(const std::string& text) {
  const auto slash = text.find('/');
  experiment::Shard s;
  auto number = [](std::string_view t, std::int64_t& v) {
    const auto [end, ec] = std::from_chars(t.data(), t.data() + t.size(), v);
    return ec == std::errc() && end == t.data() + t.size() && !t.empty();
  };
  if (slash == std::string::npos || !number(std::string_view(text).substr(0, slash), s.index) ||
      !number(std::string_view(text).substr(slash + 1), s.count) || s.count < 1 || s.index < 0 ||
      s.index >= s.count) {
    std::cerr << "gigatwin batch: --shard: expected INDEX/COUNT with 0 <= INDEX < COUNT (e.g. "
                 "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT with --array=0-15), found '"
              << text << "'\n";
    return std::nullopt;
  }
  return s;
}

/// "throughput=0.02" or "throughput=2%" -> a precision target; a clear message otherwise.
std::optional<experiment::PrecisionTarget> parse_precision(const std::string& text) {
  const auto eq = text.find('=');
  experiment::PrecisionTarget t;
  bool known = false;
  if (eq != std::string::npos) {
    t.kpi = text.substr(0, eq);
    for (const auto& k : plant::summary_kpis())
      known = known || t.kpi == k.name;
    std::string value = text.substr(eq + 1);
    const bool percent = !value.empty() && value.back() == '%';
    if (percent)
      value.pop_back();
    const auto [end, ec] = std::from_chars(value.data(), value.data() + value.size(), t.relative);
    if (ec == std::errc() && end == value.data() + value.size() && !value.empty()) {
      if (percent)
        t.relative /= 100;
      if (known && t.relative > 0 && t.relative < 1)
        return t;
    }
  }
  std::cerr
      << "gigatwin batch: --precision: expected KPI=RELATIVE_HALF_WIDTH with a KPI of "
         "/experiment/summary and a width between 0 and 1 (e.g. throughput=0.02 or throughput=2%), found '"
      << text << "'" << (eq != std::string::npos && !known ? " (unknown KPI '" + t.kpi + "')" : "") << "\n";
  return std::nullopt;
}
} // namespace

int batch_command(const BatchArgs& args) {
  experiment::ExperimentOptions options;
  if (!args.shard.empty()) {
    const auto shard = parse_shard(args.shard);
    if (!shard)
      return exit_bad_input;
    options.shard = *shard;
  }
  for (const auto& p : args.precision) {
    const auto target = parse_precision(p);
    if (!target)
      return exit_bad_input;
    options.precision.push_back(*target);
  }
  if (args.mpi && !mpi_available()) {
    std::cerr << "gigatwin batch: --mpi: this gigatwin was built without MPI (install libopenmpi-dev and "
                 "rebuild)\n";
    return exit_bad_input;
  }
  if (args.mpi && !started_by_mpi_launcher()) {
    std::cerr
        << "gigatwin batch: --mpi: this gigatwin was not started by an MPI launcher, so it would run "
           "alone; start it as `mpirun -np N gigatwin batch ... --mpi` (or srun), or leave --mpi out to "
           "use this machine's cores\n";
    return exit_bad_input;
  }
  if (args.mpi && !options.shard.whole()) {
    std::cerr << "gigatwin batch: --mpi and --shard are two ways to split a batch: use one\n";
    return exit_bad_input;
  }
  // Every point is loaded before anything runs: a bad value is reported where the sweep writes it.
  std::vector<std::string> overrides = args.overrides;
  auto loaded = load_sweep_or_report(args.sweep, overrides);
  if (!loaded)
    return exit_bad_input;
  if (args.trace && !loaded->points.front().trace.enabled) {
    overrides.push_back(trace_on_override(loaded->points.front().trace));
    loaded = load_sweep_or_report(args.sweep, overrides);
    if (!loaded)
      return exit_bad_input;
  }
  const scenario::SweepSpec& sweep = loaded->sweep;
  std::vector<scenario::ScenarioSpec>& points = loaded->points;
  const std::vector<std::string>& labels = loaded->labels;
  options.out_path = args.out.empty() ? std::filesystem::path(args.sweep).stem().string() + ".h5" : args.out;
  options.overwrite = args.force;
  options.resume = args.resume;
  options.jobs = args.jobs;
  options.replications = sweep.replications;
  options.seed = args.seed ? static_cast<std::uint64_t>(*args.seed) : points.front().seed;
  options.command_line = args.command_line;
  options.point_labels = labels;
  options.max_replications = std::max(args.max_replications, sweep.replications);
  if (sweep.baseline)
    options.baseline = static_cast<std::int64_t>(*sweep.baseline);
  auto plan = experiment::ExperimentPlan::make(std::move(points), labels, options.replications, options.seed,
                                               options.baseline);
  for (const auto& parameter : sweep.parameters)
    plan.parameter_names.push_back(parameter.name);
  plan.point_values = sweep.point_values;
  for (const auto& point : sweep.points) {
    plan.point_overrides.push_back(overrides);
    plan.point_overrides.back().insert(plan.point_overrides.back().end(), point.begin(), point.end());
  }
  {
    std::ifstream text(args.sweep);
    plan.sweep_text.assign(std::istreambuf_iterator<char>(text), std::istreambuf_iterator<char>());
    plan.sweep_path = args.sweep;
  }
  std::ostringstream banner;
  banner << "GigaTwin " << GIGATWIN_VERSION << ": sweep " << args.sweep << " over " << sweep.scenario_path
         << " (" << plan.points.size() << " point(s) x " << options.replications << " replication(s), seed "
         << options.seed;
  if (!options.shard.whole())
    banner << ", shard " << options.shard.text() << ": " << plan.shard_runs(options.shard).size()
           << " run(s)";
  if (!args.mpi)
    banner << ", " << options.jobs << " process(es)";
  banner << ")\n";
  if (!args.mpi)
    return run_experiment_and_report(std::move(plan), options, args.quiet, banner.str(), args.progress, true);
  install_stop_handlers();
  return run_under_mpi(plan, experiment::parts_dir_of(options.out_path), args.mpi_schedule,
                       [&](experiment::RunExecutor& executor) {
                         options.executor = &executor;
                         return run_experiment_and_report(plan, options, args.quiet, banner.str(),
                                                          args.progress, true);
                       });
}

} // namespace gigatwin::cli
