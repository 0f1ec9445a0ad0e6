// gigatwin: the headless command line of GigaTwin — run a scenario, validate one, benchmark
// the engine. Exit codes: 0 ok, 1 runtime failure, 2 bad input, 130 interrupted.

#include "Commands.hpp"
#include "ExitCode.hpp"

#include <CLI/CLI.hpp>

#include <iostream>

using namespace gigatwin::cli;

int main(int argc, char** argv) {
  CLI::App app{"GigaTwin — discrete-event digital twin of a battery gigafactory", "gigatwin"};
  app.set_version_flag("--version", std::string("gigatwin ") + GIGATWIN_VERSION);
  app.require_subcommand(1);

  RunArgs run;
  auto* run_cmd = app.add_subcommand("run", "Simulate a scenario and write an HDF5 results file");
  run_cmd->add_option("scenario", run.scenario, "Scenario file (YAML)")->required();
  run_cmd->add_option("--out,-o", run.out,
                      "Results file (default: the scenario file's name with .h5, in the current directory)");
  run_cmd->add_option("--seed", run.seed, "Master seed, 0 to 2^63-1 (overrides the scenario's seed)")
      ->check(CLI::NonNegativeNumber);
  run_cmd->add_option("--replications,-r", run.replications, "Replications (overrides the scenario's)")
      ->check(CLI::PositiveNumber);
  run_cmd->add_option("--set", run.overrides, "Override a scenario key: key.path=value (repeatable)");
  run_cmd->add_flag("--quiet,-q", run.quiet, "No progress bar");
  run_cmd->add_flag("--force", run.force, "Replace an existing results file");

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
  bench_cmd->add_option("--lots", bench.lots, "Lots to simulate")->check(CLI::PositiveNumber);
  bench_cmd->add_flag("--skip-actors", bench.skip_actors, "Leave out the (slow) SimGrid-actors variant");

  BatchArgs batch;
  auto* batch_cmd =
      app.add_subcommand("batch", "Run every point x replication of a sweep file into one results file");
  batch_cmd->add_option("sweep", batch.sweep, "Sweep file (YAML)")->required();
  batch_cmd->add_option("-o,--out", batch.out, "Results file (default: the sweep file's name with .h5)");
  batch_cmd->add_option("--seed", batch.seed, "Master seed, 0 to 2^63-1 (default: the base scenario's)")
      ->check(CLI::NonNegativeNumber);
  batch_cmd->add_flag("--quiet,-q", batch.quiet, "No progress bar");
  batch_cmd->add_flag("--force", batch.force, "Replace an existing results file");

  InspectArgs inspect;
  auto* inspect_cmd =
      app.add_subcommand("inspect", "Print a results file's KPIs with intervals and failed runs");
  inspect_cmd->add_option("file", inspect.file, "Results file (HDF5)")->required();

  ExportArgs export_args;
  auto* export_cmd =
      app.add_subcommand("export", "Write a results file's tables and time series as CSV files");
  export_cmd->add_option("file", export_args.file, "Results file (HDF5)")->required();
  export_cmd->add_option("--csv", export_args.csv_dir, "Folder for the CSV files (created if missing)")
      ->required();
  export_cmd->add_flag("--force", export_args.force, "Replace CSV files that exist already");

  try {
    app.parse(argc, argv);
  } catch (const CLI::ParseError& e) {
    const int code = app.exit(e);
    return code == 0 ? exit_ok : exit_bad_input;
  }

  for (int i = 0; i < argc; ++i)
    run.command_line += (i ? " " : "") + std::string(argv[i]);

  if (*run_cmd)
    return run_command(run);
  if (*validate_cmd)
    return validate_command(validate);
  if (*bench_cmd)
    return bench_command(bench);
  if (*batch_cmd) {
    batch.command_line = run.command_line;
    return batch_command(batch);
  }
  if (*inspect_cmd)
    return inspect_command(inspect);
  if (*export_cmd)
    return export_command(export_args);
  return exit_bad_input;
}
