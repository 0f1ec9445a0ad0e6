#include "Experiment.hpp"

#include "ResultsTables.hpp"

#include "ResultsWriter.hpp"

#include <chrono>
#include <ctime>
#include <filesystem>
#include <optional>
#include <unistd.h>

namespace gigatwin::models {

namespace fs = std::filesystem;

namespace {
std::string iso_time_now() {
  std::time_t t = std::time(nullptr);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buf[32];
  std::strftime(buf, sizeof buf, "%Y-%m-%dT%H:%M:%SZ", &tm);
  return buf;
}

std::string host_name() {
  char buf[256] = {};
  if (gethostname(buf, sizeof buf - 1) != 0)
    return "unknown";
  return buf;
}

/// Removes the part files however the experiment ends.
struct PartsDir {
  fs::path path;
  explicit PartsDir(fs::path p) : path(std::move(p)) { fs::create_directories(path); }
  ~PartsDir() {
    std::error_code ec;
    fs::remove_all(path, ec);
  }
};
} // namespace

void set_payback(RunResult& run, const RunResult& baseline) {
  // One-off costs of the roll-out (capital, severance, retraining) over the yearly savings in
  // recurring cost (labour + maintenance + energy) per good lot against the same plant without it, at
  // the run's output rate. Savings are averaged over the whole measured period, so a roll-out
  // late in the run understates them and overstates the payback period.
  const double one_off = run.capital_spent + run.severance_cost + run.training_cost;
  if (run.output <= 0 || baseline.output <= 0 || one_off <= 0 || run.measured_s <= 0)
    return;
  const double recurring_run = run.labour_cost + run.maintenance_cost + run.energy_cost;
  const double recurring_base = baseline.labour_cost + baseline.maintenance_cost + baseline.energy_cost;
  const double per_unit_saving =
      recurring_base / static_cast<double>(baseline.output) - recurring_run / static_cast<double>(run.output);
  const double lots_per_year = static_cast<double>(run.output) * (365.0 * 86400.0) / run.measured_s;
  const double savings_per_year = per_unit_saving * lots_per_year;
  if (savings_per_year > 0)
    run.payback_years = one_off / savings_per_year;
}

std::string text_hash(const std::string& text) {
  std::uint64_t h = 14695981039346656037ull;
  for (unsigned char c : text) {
    h ^= c;
    h *= 1099511628211ull;
  }
  char buf[17];
  std::snprintf(buf, sizeof buf, "%016llx", static_cast<unsigned long long>(h));
  return buf;
}

ExperimentOutcome run_experiment(const ScenarioSpec& spec, const ExperimentOptions& options) {
  return run_experiment(std::vector<ScenarioSpec>{spec}, options);
}

ExperimentOutcome run_experiment(const std::vector<ScenarioSpec>& specs, const ExperimentOptions& options) {
  const std::string started = iso_time_now();
  // Opening the writer first refuses an existing file before any simulation time is spent.
  results::ResultsWriter out(options.out_path, options.overwrite);
  fs::path out_path(options.out_path);
  PartsDir parts(out_path.parent_path() /
                 (out_path.filename().string() + ".parts-" + std::to_string(::getpid())));

  ExperimentOutcome outcome;
  std::vector<std::string> ids;
  std::vector<std::int64_t> points;
  std::vector<std::string> part_files;
  const std::int64_t total = static_cast<std::int64_t>(specs.size()) * options.replications;
  for (std::size_t point = 0; point < specs.size(); ++point) {
    const ScenarioSpec& spec = specs[point];
    std::optional<ScenarioSpec> baseline; // the same plant without its roll-out, for the payback period
    if (!spec.rollout.empty()) {
      baseline = spec;
      baseline->rollout.clear();
    }
    std::optional<ScenarioSpec> twin;
    if (spec.control_tower && (!spec.control_tower->outages.empty() || spec.control_tower->random)) {
      twin = spec;
      twin->control_tower.reset();
    }
    const auto p = static_cast<std::int64_t>(point);
    for (std::int64_t rep = 0; rep < options.replications; ++rep) {
      ReplicationOptions ro;
      ro.point = p;
      ro.replication = rep;
      ro.seed = options.seed;
      ro.part_path = (parts.path / (run_id(p, rep) + ".h5")).string();
      const std::int64_t index = p * options.replications + rep;
      if (options.progress)
        ro.progress = [&, index](double now, double end) { options.progress(index, total, now, end); };
      outcome.runs.push_back(run_replication_in_child(spec, ro));
      if (twin) {
        // The same replication without outages, with the same random numbers: what they cost.
        ReplicationOptions to = ro;
        to.part_path.clear();
        to.progress = nullptr;
        const RunResult without = run_replication_in_child(*twin, to);
        outcome.runs.back().lost_output = static_cast<double>(without.output - outcome.runs.back().output);
      }
      if (baseline) {
        ReplicationOptions bo = ro;
        bo.part_path.clear();
        bo.progress = nullptr;
        set_payback(outcome.runs.back(), run_replication_in_child(*baseline, bo));
      }
      if (interrupt_requested()) // the signal came just as the replication ended
        throw ReplicationInterrupted();
      ids.push_back(run_id(p, rep));
      points.push_back(p);
      part_files.push_back(ro.part_path);
    }
  }

  const ScenarioSpec& first = specs.front();
  out.set_attribute("/", "software", std::string("GigaTwin"));
  out.set_attribute("/", "software_version", std::string(GIGATWIN_VERSION));
  out.set_attribute("/", "created", iso_time_now());
  out.set_attribute("/", "start_time", started);
  out.set_attribute("/", "host", host_name());
  out.set_attribute("/", "command_line", options.command_line);
  out.set_attribute("/", "seed", static_cast<std::int64_t>(options.seed));
  out.set_attribute("/", "replications", options.replications);
  out.write_text("/scenario", first.resolved_yaml,
                 specs.size() > 1 ? "the scenario of point 0 as simulated (the others: /experiment/points)"
                                  : "the scenario as simulated: file content after --set overrides");
  out.set_attribute("/scenario", "hash", text_hash(first.resolved_yaml));
  out.set_attribute("/scenario", "source_path", first.source_path);
  out.set_attribute("/scenario", "name", first.name);
  out.write_table("/experiment/summary", summary_table(outcome.runs, ids, points, first.currency));
  out.write_table("/experiment/confidence", confidence_table(outcome.runs, points, first.currency));
  if (!options.point_labels.empty())
    out.write_table("/experiment/points", point_table(options.point_labels, specs));
  for (const auto& f : part_files)
    out.copy_runs_from(f);
  out.set_attribute("/", "end_time", iso_time_now());
  if (interrupt_requested()) // a stop asked for while the file was being assembled
    throw ReplicationInterrupted();
  out.commit();
  outcome.out_path = options.out_path;
  return outcome;
}

} // namespace gigatwin::models
