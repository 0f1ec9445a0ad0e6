// gigatwin: the headless command line of GigaTwin — run a scenario, validate one, run sweeps
// (locally, sharded or under MPI), merge, inspect and export results, benchmark the engine. Exit codes: 0 ok,
// 1 runtime failure, 2 bad input, 130 interrupted.

#include "Commands.hpp"
#include "ExitCode.hpp"

#include <CLI/CLI.hpp>

#include <charconv>
#include <csignal>
#include <cstdint>
#include <iostream>
#include <limits>
#include <unistd.h>

using namespace gigatwin::cli;

namespace {
/// A decimal integer of type T within [min, max], refused in words a person reads (CLI11's own
/// range checks print their bounds as 300-digit numbers). The accepted text is rewritten in plain
/// decimal: CLI11 would read 010 as octal and 0x10 as hex.
template <class T>
CLI::Validator decimal_in(T min, T max, const std::string& expected, const std::string& name) {
  return CLI::Validator(
      [min, max, expected](std::string& text) -> std::string {
        T value{};
        const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
        const bool digits = !text.empty() && text.find_first_not_of("-0123456789") == std::string::npos;
        if (digits && ec == std::errc() && end == text.data() + text.size() && value >= min && value <= max) {
          text = std::to_string(value);
          return {};
        }
        return "expected " + expected + ", found '" + text + "'";
      },
      name);
}

CLI::Validator integer_at_least(long long min) {
  return decimal_in<long long>(min, std::numeric_limits<long long>::max(),
                               "an integer >= " + std::to_string(min), "INT>=" + std::to_string(min));
}

CLI::Validator integer_between(long long min, long long max) {
  return decimal_in<long long>(min, max,
                               "an integer from " + std::to_string(min) + " to " + std::to_string(max),
                               "INT in [" + std::to_string(min) + ", " + std::to_string(max) + "]");
}

/// The seed as a scenario file writes it: decimal digits, 0 to 2^64 - 1 (results files store it
/// unsigned). No sign, no hex, no clamping.
CLI::Validator seed_value() {
  return decimal_in<std::uint64_t>(0, std::numeric_limits<std::uint64_t>::max(),
                                   "an integer from 0 to 18446744073709551615 (2^64 - 1, decimal)", "SEED");
}

std::size_t default_jobs() {
  const long n = sysconf(_SC_NPROCESSORS_ONLN);
  return n > 0 ? static_cast<std::size_t>(n) : 1;
}
} // namespace

int main(int argc, char** argv) {
  // Past `ulimit -f` a write should fail with EFBIG and be reported like a full disk, not kill
  // the process half-way through a results file.
  std::signal(SIGXFSZ, SIG_IGN);
  CLI::App app{"GigaTwin — discrete-event digital twin of a battery gigafactory", "gigatwin"};
  app.set_version_flag("--version", std::string("gigatwin ") + GIGATWIN_VERSION);
  app.require_subcommand(1);

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and write an HDF5 results file");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (YAML)")->required();
  run_cmd->add_option("--out,-o", run.out,
                      "Results file (default: the scenario file's name with .h5, in the current directory)");
  run_cmd->add_option("--seed", run.seed, "Master seed, 0 to 2^64-1 (overrides the scenario's seed)")
      ->transform(seed_value());
  run_cmd->add_option("--replications,-r", run.replications, "Replications (overrides the scenario's)")
      ->transform(integer_at_least(1));
  run_cmd->add_option("--set", run.overrides, "Override a scenario key: key.path=value (repeatable)");
  run_cmd->add_flag("--quiet,-q", run.quiet,
                    "Print only the results file's path and errors (no banner, progress bar or KPI report)");
  run_cmd->add_flag("--force", run.force, "Replace an existing results file");
  run_cmd->add_flag(
      "--trace", run.trace,
      "Record every event of each run in /runs/<id>/trace (the scenario's trace: filter applies; "
      "docs/EVENTS.md)");
  run.jobs = default_jobs();
  run_cmd->add_option("--jobs,-j", run.jobs, "Replications run at once, one process each (default: cores)")
      ->transform(integer_between(1, 4096));
  run_cmd
      ->add_option("--progress", run.progress,
                   "bar: a progress bar and the KPI report; json: JSON lines on stdout (start, progress, "
                   "samples with station states, done) for programs such as gigatwin-gui")
      ->check(CLI::IsMember({"bar", "json"}));
  run_cmd->add_flag("--resume", run.resume,
                    "Finish an interrupted run: only the missing replications execute");
  run_cmd->add_option(
      "--from-state", run.from_state,
      "Start every replication from this plant state (JSON, from gigatwin snapshot or the live "
      "twin; docs/LIVE.md): the horizon runs on from its time, with no warm-up");

  SnapshotArgs snapshot;
  auto* snapshot_cmd = app.add_subcommand(
      "snapshot",
      "Write the plant state of a run at a time (JSON): where every lot is, every machine's state");
  snapshot_cmd
      ->add_option(
          "results", snapshot.results,
          "Results file (HDF5) of the run; with --scenario, a plant's event log (CSV, JSON lines, or a "
          "traced results file)")
      ->required();
  snapshot_cmd->add_option(
      "--scenario", snapshot.scenario,
      "Read the input as a plant log and keep the state from its events, as the live twin "
      "does, for this scenario's plant");
  snapshot_cmd->add_option("--set", snapshot.overrides,
                           "With --scenario: override a scenario key (repeatable)");
  snapshot_cmd->add_option("--column", snapshot.columns,
                           "With --scenario: schema=header for the log's columns");
  snapshot_cmd->add_option("--at", snapshot.at, "When: a time from the run's start, e.g. 30d or 720h")
      ->required();
  snapshot_cmd->add_option("-o,--out", snapshot.out, "The state file to write (JSON)")->required();
  snapshot_cmd->add_option("--run", snapshot.run, "The run, e.g. p0000-r0002 (default: the first)");
  snapshot_cmd->add_option("--start-date", snapshot.start_date,
                           "The date of time 0 (a Monday, YYYY-MM-DD; default 2026-01-05): the state's date");
  snapshot_cmd->add_flag("--force", snapshot.force, "Replace an existing state file");
  snapshot_cmd->add_flag("--quiet,-q", snapshot.quiet, "Print only the state file's path and errors");

  OptimizeArgs optimize;
  auto* optimize_cmd = app.add_subcommand(
      "optimize",
      "Search an optimisation file's decision variables (pagmo2: NSGA-II for several objectives, "
      "GACO for one) for the best plants; write every candidate and the front (HDF5; docs/OPTIMISE.md)");
  optimize_cmd->add_option("file", optimize.file, "Optimisation file (YAML)")->required();
  optimize_cmd->add_option("-o,--out", optimize.out, "The results file to write (HDF5)")->required();
  optimize_cmd->add_option("--seed", optimize.seed, "Master seed (default: the file's)")
      ->transform(seed_value());
  optimize_cmd->add_option("--jobs,-j", optimize.jobs, "Replications run at once (default 1)")
      ->check(CLI::Range(1, 4096));
  optimize_cmd->add_flag("--force", optimize.force, "Replace an existing results file");
  optimize_cmd->add_flag("--quiet,-q", optimize.quiet, "Print only the results file's path and errors");

  BacktestArgs backtest;
  auto* backtest_cmd = app.add_subcommand(
      "backtest",
      "Replay a plant log through the live twin at full speed and score its forecasts against the "
      "output that followed (MAPE, interval coverage, against the naive forecast)");
  backtest_cmd
      ->add_option("log", backtest.log, "The plant's event log (CSV, JSON lines, or a traced results file)")
      ->required();
  backtest_cmd
      ->add_option("scenario", backtest.scenario, "Scenario file (YAML): the twin's model of the plant")
      ->required();
  backtest_cmd->add_option("--set", backtest.overrides,
                           "Override a scenario key: key.path=value (repeatable)");
  backtest_cmd->add_option("--column", backtest.columns,
                           "schema=header for a log whose columns are named otherwise");
  backtest_cmd->add_option("--every", backtest.every, "Plant time between forecasts (default 24h)");
  backtest_cmd->add_option("--horizon", backtest.horizon, "What each forecast covers (default 24h)");
  backtest_cmd->add_option("--from", backtest.first,
                           "Plant time seen before the first forecast (default 24h)");
  backtest_cmd
      ->add_option("--replications,-r", backtest.replications, "Replications per forecast (default 30)")
      ->transform(integer_between(1, 10000));
  backtest_cmd->add_option("--seed", backtest.seed, "Master seed of the forecasts (default: the scenario's)")
      ->transform(seed_value());
  backtest.jobs = default_jobs();
  backtest_cmd->add_option("--jobs,-j", backtest.jobs, "Replications run at once (default: cores)")
      ->transform(integer_between(1, 4096));
  backtest_cmd->add_option("--start-date", backtest.start_date,
                           "The date of the scenario's time 0 in the log (a Monday; default 2026-01-05)");
  backtest_cmd->add_option("-o,--out", backtest.out, "Write the forecasts and actuals as CSV");
  backtest_cmd->add_flag("--force", backtest.force, "Replace an existing CSV");
  backtest_cmd->add_flag("--quiet,-q", backtest.quiet, "Print the summary only");

  TwinArgs twin;
  auto* twin_cmd = app.add_subcommand(
      "twin",
      "Follow a plant over MQTT, keep its state, forecast its output from there and publish the forecasts");
  twin_cmd->add_option("scenario", twin.scenario, "Scenario file (YAML): the twin's model of the plant")
      ->required();
  twin_cmd->add_option("--set", twin.overrides, "Override a scenario key: key.path=value (repeatable)");
  twin_cmd->add_option("--mqtt", twin.mqtt, "The broker: mqtt://host:port or mqtts://host:port (TLS)")
      ->required();
  twin_cmd->add_option(
      "--mqtt-user", twin.mqtt_user,
      "The broker's user; the password comes from --mqtt-password-file or GIGATWIN_MQTT_PASSWORD");
  twin_cmd->add_option("--mqtt-password-file", twin.password_file, "A file whose first line is the password");
  twin_cmd->add_option("--mqtt-ca", twin.mqtt_ca,
                       "mqtts: the CA certificate (PEM) to check the broker against");
  twin_cmd->add_option("--client-id", twin.client_id,
                       "The session's name at the broker (default gigatwin-twin)");
  twin_cmd->add_option("--plant-topic", twin.plant_topic,
                       "The plant's topic prefix (default gigatwin/plant)");
  twin_cmd->add_option("--topic", twin.topic, "The twin's own topic prefix (default gigatwin/twin)");
  twin_cmd->add_option("--every", twin.every, "Plant time between forecasts (default 1h)");
  twin_cmd->add_option("--horizon", twin.horizon, "What each forecast covers (default 24h)");
  twin_cmd->add_option("--from", twin.first, "Plant time seen before the first forecast (default 0h)");
  twin_cmd->add_option("--replications,-r", twin.replications, "Replications per forecast (default 30)")
      ->transform(integer_between(1, 10000));
  twin_cmd->add_option("--seed", twin.seed, "Master seed of the forecasts")->transform(seed_value());
  twin.jobs = default_jobs();
  twin_cmd->add_option("--jobs,-j", twin.jobs, "Replications run at once (default: cores)")
      ->transform(integer_between(1, 4096));
  twin_cmd->add_option("--target", twin.target,
                       "Good lots over the horizon to reach: the chance of missing it");
  twin_cmd->add_option("--start-date", twin.start_date,
                       "The date of the scenario's time 0 (a Monday; default 2026-01-05)");
  twin_cmd->add_option("--log", twin.log,
                       "The forecast log (HDF5): every forecast and, later, the actual output");
  twin_cmd->add_option("--checkpoint", twin.checkpoint,
                       "Write the plant's state (JSON) with every forecast, and beside it the twin's own "
                       "(FILE.twin) and the events since (FILE.journal)");
  twin_cmd->add_flag("--resume", twin.resume,
                     "Carry on from the --checkpoint's files when they are there (a twin started again)");
  twin_cmd->add_flag("--until-done", twin.until_done,
                     "Stop once the plant says it is done and every event it sent is in (tests, replays)");
  twin_cmd->add_flag("--force", twin.force, "Replace an existing forecast log");
  twin_cmd->add_flag("--quiet,-q", twin.quiet, "No progress lines");

  ValidateArgs validate;
  auto* validate_cmd = app.add_subcommand("validate", "Check a scenario and print its rough-cut capacity");
  validate_cmd->add_option("scenario", validate.scenario, "Scenario file (YAML)")->required();
  validate_cmd->add_option("--set", validate.overrides,
                           "Override a scenario key: key.path=value (repeatable)");
  validate_cmd->add_option("--target", validate.target,
                           "Good output to plan for (e.g. 4/h): prints the utilisation every step needs");

  BenchArgs bench;
  bench.scenario = std::string(GIGATWIN_SOURCE_DIR) + "/scenarios/tandem-line.yaml";
  auto* bench_cmd = app.add_subcommand("bench", "Benchmark the engine on the 5-station tandem line");
  bench_cmd->add_option("--scenario", bench.scenario, "Tandem-line scenario to run with GigaTwin's engine");
  bench_cmd->add_option("--lots", bench.lots, "Lots to simulate")->transform(integer_at_least(1));
  bench_cmd->add_flag("--skip-actors", bench.skip_actors, "Leave out the (slow) SimGrid-actors variant");
  bench.scenarios_dir = std::string(GIGATWIN_SOURCE_DIR) + "/scenarios";
  bench_cmd->add_flag("--skip-plants", bench.skip_plants,
                      "Leave out the plants (default gigafactory, 35 GWh, 64x) run after the tandem line");
  bench_cmd
      ->add_option("--plant-days", bench.plant_days_scale,
                   "The plants' simulated time as a multiple of 365 d (default), 30 d (35 GWh), 8 d (64x)")
      ->check(CLI::Range(0.001, 100.0));

  BatchArgs batch;
  auto* batch_cmd =
      app.add_subcommand("batch", "Run every point x replication of a sweep file into one results file");
  batch_cmd->add_option("sweep", batch.sweep, "Sweep file (YAML)")->required();
  batch_cmd->add_option("-o,--out", batch.out, "Results file (default: the sweep file's name with .h5)");
  batch_cmd->add_option("--seed", batch.seed, "Master seed, 0 to 2^64-1 (default: the base scenario's)")
      ->transform(seed_value());
  batch_cmd->add_option("--set", batch.overrides,
                        "Override a key of the base scenario under every point: key.path=value (repeatable)");
  batch_cmd->add_flag("--quiet,-q", batch.quiet,
                      "Print nothing but errors (no banner, progress bar or table)");
  batch_cmd->add_flag("--force", batch.force, "Replace an existing results file");
  batch_cmd->add_flag(
      "--trace", batch.trace,
      "Record every event of each run in /runs/<id>/trace (the scenario's trace: filter applies)");
  batch.jobs = default_jobs();
  batch_cmd
      ->add_option("--jobs,-j", batch.jobs, "Runs at once on this machine, one process each (default: cores)")
      ->transform(integer_between(1, 4096));
  batch_cmd->add_option("--progress", batch.progress, "bar or json, as for run")
      ->check(CLI::IsMember({"bar", "json"}));
  batch_cmd->add_flag(
      "--resume", batch.resume,
      "Finish an interrupted batch: runs completed before are kept, only the missing ones execute");
  batch_cmd->add_option(
      "--shard", batch.shard,
      "Run only shard INDEX/COUNT of the runs (0-based; e.g. "
      "$SLURM_ARRAY_TASK_ID/$SLURM_ARRAY_TASK_COUNT); combine the files with `gigatwin merge`");
  batch_cmd->add_flag("--mpi", batch.mpi, "Spread the runs over the ranks of an MPI job (mpirun -np N ...)");
  batch_cmd
      ->add_option("--mpi-schedule", batch.mpi_schedule,
                   "dynamic: a rank gets the next run when free; static: rank r gets every N-th run")
      ->check(CLI::IsMember({"dynamic", "static"}));
  batch_cmd->add_option(
      "--precision", batch.precision,
      "KPI=RELATIVE_HALF_WIDTH (e.g. throughput=0.02): add replications to a point until the "
      "95 % interval is that tight (repeatable)");
  batch_cmd
      ->add_option("--max-replications", batch.max_replications,
                   "Most replications per point that --precision may reach (default 100)")
      ->transform(integer_at_least(1));

  MergeArgs merge;
  auto* merge_cmd = app.add_subcommand("merge", "Merge the results files of a batch's shards into one file");
  merge_cmd->add_option("inputs", merge.inputs, "The shards' results files")->required();
  merge_cmd->add_option("-o,--out", merge.out, "Merged results file")->required();
  merge_cmd->add_flag("--force", merge.force, "Replace an existing results file");
  merge_cmd->add_flag("--partial", merge.partial, "Merge even if some shards' files are missing");

  InspectArgs inspect;
  auto* inspect_cmd =
      app.add_subcommand("inspect", "Print a results file's KPIs with intervals and failed runs");
  inspect_cmd->add_option("file", inspect.file, "Results file (HDF5)")->required();
  inspect_cmd->add_flag("--no-verify", inspect.no_verify,
                        "Read a file even if it was modified after GigaTwin wrote it (checksum not checked)");

  ExportArgs export_args;
  auto* export_cmd =
      app.add_subcommand("export", "Write a results file's tables and time series as CSV files");
  export_cmd->add_option("file", export_args.file, "Results file (HDF5)")->required();
  export_cmd->add_option("--csv", export_args.csv_dir, "Folder for the CSV files (created if missing)")
      ->required();
  export_cmd->add_flag("--force", export_args.force, "Replace CSV files that exist already");
  export_cmd->add_flag(
      "--trace", export_args.trace,
      "Also write each traced run's events: <run>/trace.csv and <run>/trace.sqlite (OCEL 2.0, "
      "for process-mining tools; docs/EVENTS.md)");
  export_cmd->add_option("--start-date", export_args.start_date,
                         "The date of simulated time 0 in OCEL timestamps, a Monday (default 2026-01-05)");
  export_cmd->add_flag("--no-verify", export_args.no_verify,
                       "Read a file even if it was modified after GigaTwin wrote it (checksum not checked)");

  EmulateArgs emulate;
  auto* emulate_cmd = app.add_subcommand(
      "emulate", "Simulate a scenario once and write its event log the way a plant's MES would (CSV)");
  emulate_cmd->add_option("scenario", emulate.scenario, "Scenario file (YAML): the plant")->required();
  emulate_cmd
      ->add_option("-o,--out", emulate.out,
                   "Plant event log to write (CSV; JSON lines when it ends in .jsonl or .ndjson)")
      ->required();
  emulate_cmd->add_option("--seed", emulate.seed, "Master seed, 0 to 2^64-1 (the plant's and the noise's)")
      ->transform(seed_value());
  emulate_cmd->add_option("--set", emulate.overrides,
                          "Override a scenario key (the hidden truth): key.path=value");
  emulate_cmd->add_option("--missing", emulate.missing, "Share of records lost (0 to below 1; default 0)");
  emulate_cmd->add_option("--duplicates", emulate.duplicates, "Share of records written twice (default 0)");
  emulate_cmd->add_option("--clock-skew", emulate.clock_skew_s,
                          "Each machine's clock off by a normal offset with this sd, in s (default 0)");
  emulate_cmd->add_option("--start-date", emulate.start_date,
                          "The log's first day, a Monday (default 2026-01-05)");
  emulate_cmd->add_option("--mqtt", emulate.mqtt,
                          "Also send the log live to this MQTT broker (mqtt://host:port; docs/LIVE.md)");
  emulate_cmd
      ->add_option(
          "--speed", emulate.speed,
          "Plant time over wall time on the live stream (default 600; 0: as fast as the broker takes it)")
      ->check(CLI::Range(0.0, 1e9));
  emulate_cmd->add_option("--topic", emulate.topic,
                          "The live stream's topic prefix (default gigatwin/plant)");
  emulate_cmd->add_option("--mqtt-user", emulate.mqtt_user,
                          "The broker's user name; the password comes from GIGATWIN_MQTT_PASSWORD");
  emulate_cmd->add_option(
      "--mqtt-ca", emulate.mqtt_ca,
      "mqtts: the CA certificate (PEM) to check the broker against (default: the system's)");
  emulate_cmd->add_flag("--force", emulate.force, "Replace an existing log");
  emulate_cmd->add_flag("--quiet,-q", emulate.quiet, "Print only the log's path and errors");

  FitArgs fit;
  auto* fit_cmd =
      app.add_subcommand("fit", "Fit process, setup, failure and repair times, sources and scrap rates from "
                                "a plant's event log; write a scenario extending the base");
  fit_cmd
      ->add_option("log", fit.log,
                   "Plant event log: CSV, JSON lines, or a results file with a trace (docs/EVENTS.md)")
      ->required();
  fit_cmd->add_option("--scenario", fit.scenario, "The base scenario (YAML) the fitted one extends")
      ->required();
  fit_cmd->add_option("-o,--out", fit.out, "Fitted scenario to write (YAML)")->required();
  fit_cmd->add_option("--column", fit.columns,
                      "A column named otherwise in the log: schema_column=file_column (repeatable)");
  fit_cmd
      ->add_option("--min-observations", fit.min_observations,
                   "Fewer process times than this: the base's value is kept (default 30)")
      ->transform(integer_at_least(2));
  fit_cmd->add_option("--criterion", fit.criterion, "Choose each family by aic or bic (default aic)")
      ->check(CLI::IsMember({"aic", "bic"}));
  fit_cmd
      ->add_option("--bootstrap", fit.bootstrap,
                   "Bootstrap samples for the p-values of the KS and AD statistics (default 200; 0: none)")
      ->transform(integer_at_least(0));
  fit_cmd->add_flag("--empirical", fit.empirical,
                    "Write the empirical distribution where the AD test rejects every family at --alpha");
  fit_cmd->add_option("--alpha", fit.alpha, "The level of that test (default 0.01)")
      ->check(CLI::Range(1e-6, 0.5));
  fit_cmd
      ->add_option("--failure-basis", fit.failure_basis,
                   "Times to failure on operating or calendar time, or auto: as the data support (default)")
      ->check(CLI::IsMember({"auto", "operating", "calendar"}));
  fit_cmd->add_flag("--force", fit.force, "Replace an existing fitted scenario");
  fit_cmd->add_flag("--quiet,-q", fit.quiet, "Print only the fitted scenario's path and errors");

  DiscoverArgs discover;
  auto* discover_cmd = app.add_subcommand(
      "discover",
      "Draft a scenario (groups, machines, routings, bills of materials, sources) from a plant log");
  discover_cmd
      ->add_option("log", discover.log,
                   "Plant event log: CSV, JSON lines, or a results file with a trace (docs/EVENTS.md)")
      ->required();
  discover_cmd->add_option("-o,--out", discover.out, "Draft scenario to write (YAML)")->required();
  discover_cmd->add_option("--column", discover.columns,
                           "A column named otherwise in the log: schema_column=file_column (repeatable)");
  discover_cmd->add_flag("--force", discover.force, "Replace an existing draft");
  discover_cmd->add_flag("--quiet,-q", discover.quiet, "Print only the draft's path and errors");

  ValidateAgainstArgs against;
  auto* against_cmd = app.add_subcommand(
      "validate-against",
      "Simulate a scenario over a plant log's period and compare the plant's KPIs with the model's");
  against_cmd
      ->add_option("log", against.log,
                   "Plant event log: CSV, JSON lines, or a results file with a trace (docs/EVENTS.md)")
      ->required();
  against_cmd->add_option("scenario", against.scenario, "The model (YAML)")->required();
  against_cmd->add_option("--set", against.overrides, "Override a scenario key: key.path=value (repeatable)");
  against_cmd->add_option("--column", against.columns,
                          "A column named otherwise in the log: schema_column=file_column");
  against_cmd->add_option("--replications,-r", against.replications, "Replications of the model (default 10)")
      ->transform(integer_at_least(2));
  against_cmd->add_option("--seed", against.seed, "Master seed, 0 to 2^64-1 (default: the scenario's)")
      ->transform(seed_value());
  against_cmd->add_option("--jobs,-j", against.jobs, "Replications run at once (default 1)")
      ->check(CLI::Range(1, 4096));
  against_cmd->add_flag("--quiet,-q", against.quiet, "Leave out the progress line");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    // A first word that is no command: name it, and the commands there are.
    if (argc > 1 && argv[1][0] != '-' && app.get_subcommands().empty() &&
        (dynamic_cast<const CLI::ExtrasError*>(&e) != nullptr ||
         dynamic_cast<const CLI::RequiredError*>(&e) != nullptr)) {
      std::cerr
          << "gigatwin: unknown command '" << argv[1]
          << "' (expected one of: run, validate, batch, merge, inspect, export, emulate, fit, discover, "
             "validate-against, snapshot, twin, backtest, optimize, bench; "
             "see gigatwin "
             "--help)\n";
      return exit_bad_input;
    }
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_bad_input;
  }

  for (int i = 0; i < argc; ++i)
    run.command_line += (i ? " " : "") + std::string(argv[i]);

  if (*run_cmd)
    return run_command(run);
  if (*validate_cmd)
    return validate_command(validate);
  if (*snapshot_cmd)
    return snapshot_command(snapshot);
  if (*optimize_cmd) {
    optimize.command_line = run.command_line;
    return optimize_command(optimize);
  }
  if (*backtest_cmd)
    return backtest_command(backtest);
  if (*twin_cmd)
    return twin_command(twin);
  if (*bench_cmd)
    return bench_command(bench);
  if (*batch_cmd) {
    batch.command_line = run.command_line;
    return batch_command(batch);
  }
  if (*merge_cmd)
    return merge_command(merge);
  if (*inspect_cmd)
    return inspect_command(inspect);
  if (*export_cmd)
    return export_command(export_args);
  if (*emulate_cmd) {
    emulate.command_line = run.command_line;
    return emulate_command(emulate);
  }
  if (*fit_cmd)
    return fit_command(fit);
  if (*against_cmd)
    return validate_against_command(against);
  if (*discover_cmd)
    return discover_command(discover);
  return exit_bad_input;
}
