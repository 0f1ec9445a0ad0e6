#pragma once
// The gigatwin subcommands. Each returns the process exit code (ExitCode.hpp) and writes its
// messages itself: results to stdout, progress and errors to stderr.

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::cli {

struct RunArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed; ///< 0 .. 2^64-1, as in scenario files
  std::optional<std::int64_t> replications;
  std::vector<std::string> overrides;
  bool quiet = false;
  bool force = false;
  bool resume = false;
  bool trace = false; ///< --trace: the event trace on, as `trace.enabled: true` would
  std::size_t jobs = 1;
  std::string progress = "bar"; ///< or "json": machine-readable lines on stdout (for the GUI)
  std::string from_state;       ///< a plant state (JSON) to start every run from; empty: time 0
  std::string command_line;
};
int run_command(const RunArgs& args);

struct OptimizeArgs {
  std::string file; ///< the optimisation file (docs/OPTIMISE.md)
  std::string out;  ///< the results file (HDF5)
  std::optional<std::uint64_t> seed;
  std::size_t jobs = 1;
  bool force = false;
  bool quiet = false;
  std::string command_line;
};
/// Searches an optimisation file's decision variables; writes every candidate and the front.
int optimize_command(const OptimizeArgs& args);

struct SnapshotArgs {
  std::string results;  ///< the results file whose run is simulated again (or, with scenario, a log)
  std::string scenario; ///< set: `results` is a plant log, the state is kept from its events
  std::vector<std::string> overrides;
  std::vector<std::string> columns;
  std::string run; ///< its group under /runs; empty: the first
  std::string at;  ///< when, as a duration from time 0 ("30d")
  std::string out;
  std::string start_date = "2026-01-05"; ///< the date of time 0, for the state's date
  bool force = false;
  bool quiet = false;
};
/// Writes the plant state of a run at a time (docs/LIVE.md, "State snapshots").
int snapshot_command(const SnapshotArgs& args);

struct BacktestArgs {
  std::string log;
  std::string scenario;
  std::vector<std::string> overrides;
  std::vector<std::string> columns;
  std::string every = "24h";   ///< plant time between forecasts
  std::string horizon = "24h"; ///< what each forecast covers
  std::string first = "24h";   ///< plant time seen before the first forecast
  std::int64_t replications = 30;
  std::optional<std::uint64_t> seed;
  std::size_t jobs = 1;
  std::string start_date = "2026-01-05";
  std::string out; ///< the forecasts against the actuals (CSV); empty: none
  bool force = false;
  bool quiet = false;
};
/// Replays a plant log through the twin at full speed and scores its forecasts (docs/LIVE.md).
int backtest_command(const BacktestArgs& args);

struct TwinArgs {
  std::string scenario;
  std::vector<std::string> overrides;
  std::string mqtt;      ///< the broker
  std::string mqtt_user; ///< password: the file below, or GIGATWIN_MQTT_PASSWORD
  std::string password_file;
  std::string mqtt_ca; ///< mqtts: the authority the broker's certificate is checked against
  std::string client_id = "gigatwin-twin";    ///< the persistent session's name
  std::string plant_topic = "gigatwin/plant"; ///< the plant's prefix (read only)
  std::string topic = "gigatwin/twin";        ///< the twin's own prefix (published under)
  std::string every = "1h";
  std::string horizon = "24h";
  std::string first = "0h";
  std::int64_t replications = 30;
  std::optional<std::uint64_t> seed;
  std::size_t jobs = 1;
  double target = 0;
  std::string start_date = "2026-01-05";
  std::string log;         ///< the forecast log (HDF5); empty: none
  std::string checkpoint;  ///< the plant's state, written with every forecast (JSON); empty: none
  bool resume = false;     ///< carry on from the checkpoint's files when they are there
  bool until_done = false; ///< stop once the plant says done and all its events are in
  bool force = false;
  bool quiet = false;
};
/// Follows a plant over MQTT, forecasts from its state, publishes the forecasts (docs/LIVE.md).
int twin_command(const TwinArgs& args);

struct EmulateArgs {
  std::string scenario;
  std::string out;
  std::optional<std::uint64_t> seed;
  std::vector<std::string> overrides; ///< --set: the plant's hidden truth
  double missing = 0;                 ///< share of records lost
  double duplicates = 0;              ///< share of records written twice
  double clock_skew_s = 0;            ///< sd of each machine clock's offset, s
  std::string start_date = "2026-01-05";
  std::string mqtt;                     ///< broker URL: the log is also sent live (docs/LIVE.md)
  double speed = 600;                   ///< plant time over wall time on the live stream; 0: at once
  std::string topic = "gigatwin/plant"; ///< the live stream's topic prefix
  std::string mqtt_user;                ///< the broker's user (password: GIGATWIN_MQTT_PASSWORD)
  std::string mqtt_ca;                  ///< mqtts: the authority the broker's certificate is checked against
  bool force = false;
  bool quiet = false;
  std::string command_line;
};
/// Simulates a scenario once and writes its event log as a plant's MES would (a "plant" for tests).
int emulate_command(const EmulateArgs& args);

struct FitArgs {
  std::string log;
  std::string scenario;               ///< the base the fitted scenario extends
  std::string out;                    ///< the fitted scenario (YAML)
  std::vector<std::string> columns;   ///< schema=header, for logs with other column names
  std::size_t min_observations = 30;  ///< fewer: the base value is kept
  std::string criterion = "aic";      ///< "aic" or "bic"
  int bootstrap = 200;                ///< bootstrap samples for the p-values (0: none)
  bool empirical = false;             ///< the empirical distribution where every family is rejected
  double alpha = 0.01;                ///< the Anderson–Darling test's level for that
  std::string failure_basis = "auto"; ///< "auto" (from the data), "operating" or "calendar"
  bool force = false;
  bool quiet = false;
};
/// Fits the process times a plant's event log shows and writes a scenario extending the base.
int fit_command(const FitArgs& args);

struct DiscoverArgs {
  std::string log;
  std::string out;                  ///< the draft scenario (YAML)
  std::vector<std::string> columns; ///< schema=header, for logs with other column names
  bool force = false;
  bool quiet = false;
};
/// Drafts a scenario — groups, machines, routings, bills of materials, sources — from a plant log.
int discover_command(const DiscoverArgs& args);

struct ValidateAgainstArgs {
  std::string log;
  std::string scenario;
  std::vector<std::string> overrides;
  std::vector<std::string> columns;
  std::int64_t replications = 10;
  std::optional<std::uint64_t> seed;
  std::size_t jobs = 1;
  bool quiet = false;
};
/// Simulates a scenario over a plant log's period and holds the plant's KPIs against the model's.
int validate_against_command(const ValidateAgainstArgs& args);

struct ValidateArgs {
  std::string scenario;
  std::vector<std::string> overrides;
  std::string target; ///< a good-output rate ("4/h") to show the utilisation it needs; empty: none
};
int validate_command(const ValidateArgs& args);

struct BenchArgs {
  std::string scenario;
  std::int64_t lots = 1'000'000;
  bool skip_actors = false;
  bool skip_plants = false;
  std::string scenarios_dir;     ///< where gigafactory.yaml and gigafactory-35gwh.yaml are
  double plant_days_scale = 1.0; ///< the plants' simulated days, as a multiple of the defaults
};
int bench_command(const BenchArgs& args);

struct BatchArgs {
  std::string sweep;
  std::string out;
  std::optional<std::uint64_t> seed;
  bool quiet = false;
  bool force = false;
  bool resume = false;
  bool trace = false;
  std::size_t jobs = 1;
  std::string shard;                    ///< "i/N", empty: all runs
  bool mpi = false;                     ///< spread runs over the ranks of an MPI job
  std::string mpi_schedule = "dynamic"; ///< or "static"
  std::vector<std::string> precision;   ///< KPI=relative half-width, e.g. throughput=0.02
  std::vector<std::string> overrides;   ///< --set, applied to the base scenario
  std::int64_t max_replications = 100;
  std::string progress = "bar";
  std::string command_line;
};
/// Runs every point x replication of a sweep file into one results file.
int batch_command(const BatchArgs& args);

struct MergeArgs {
  std::vector<std::string> inputs;
  std::string out;
  bool force = false;
  bool partial = false; ///< write the merged file even if runs are missing
};
/// Merges the results files of a batch's shards into one.
int merge_command(const MergeArgs& args);

struct InspectArgs {
  std::string file;
  bool no_verify = false; ///< read a file whose checksum no longer matches (modified after writing)
};
/// Prints a results file's points, KPIs with their intervals and failed runs.
int inspect_command(const InspectArgs& args);

struct ExportArgs {
  std::string file;
  std::string csv_dir;
  bool force = false;
  bool no_verify = false;                ///< as for inspect
  bool trace = false;                    ///< also each run's event trace: CSV and OCEL 2.0 (SQLite)
  std::string start_date = "2026-01-05"; ///< simulated time 0 in OCEL timestamps (a Monday)
};
/// Writes a results file's tables and time series as CSV files (one per table or run series).
int export_command(const ExportArgs& args);

} // namespace gigatwin::cli
