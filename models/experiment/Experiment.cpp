#include "experiment/Experiment.hpp"

#include "experiment/Replication.hpp"
#include "experiment/ResultsAssembler.hpp"
#include "experiment/RunPart.hpp"
#include "experiment/SummaryStatistics.hpp"

#include "results/OutputPath.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "results/ResultsWriter.hpp"
#include "results/WriterLock.hpp"

#include <cctype>
#include <cmath>
#include <filesystem>
#include <fstream>
#include <map>
#include <optional>
#include <set>
#include <sys/statvfs.h>

namespace gigatwin::experiment {

namespace fs = std::filesystem;

namespace {
std::string part_path(const std::string& parts_dir, const PlannedRun& run) {
  return (fs::path(parts_dir) / (run.id + ".h5")).string();
}

/// The parts folder of one batch: created with the experiment's key. The caller holds the results
/// file's WriterLock, so no other batch touches it meanwhile.
class PartsFolder {
public:
  PartsFolder(const std::string& out_path, const std::string& key, bool resume, bool overwrite)
      : path_(parts_dir_of(out_path)) {
    const fs::path key_file = fs::path(path_) / "experiment.key";
    if (fs::exists(path_)) {
      std::string found;
      std::ifstream(key_file) >> found;
      std::size_t parts = 0;
      for (const auto& e : fs::directory_iterator(path_))
        parts += e.path().extension() == ".h5" ? 1 : 0;
      if (resume && found != key)
        throw ExperimentRefused(
            "the parts in '" + path_ +
            "' belong to a different experiment (other scenario, points or seed); nothing "
            "was run (use --force to start again, which deletes them)");
      if (!resume && !overwrite)
        throw ExperimentRefused("an unfinished batch left " + std::to_string(parts) +
                                " completed run(s) in '" + path_ +
                                "'; nothing was run (use --resume to finish it, or --force to start again)");
      if (!resume)
        fs::remove_all(path_);
    }
    fs::create_directories(path_);
    std::ofstream(key_file) << key << "\n";
  }
  const std::string& path() const { return path_; }
  void remove() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }

private:
  std::string path_;
};

/// A committed part of this run from an earlier attempt, if it is sound and of the same run.
bool reusable_part(const std::string& path, const std::string& run_key, const std::string& id) {
  if (!fs::exists(path))
    return false;
  try {
    const results::ResultsReader part(path);
    return part.attribute_string("/runs/" + id, "run_key") == run_key;
  } catch (const results::ResultsError&) {
    return false; // damaged or foreign: run it again
  }
}

/// Whether an error says the disk, a quota or the file-size limit has no room left: then every
/// later write fails the same way.
bool out_of_room(std::string message) {
  for (auto& c : message)
    c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  for (const char* words :
       {"no space left on device", "disk quota exceeded", "file too large", "file size limit exceeded"})
    if (message.find(words) != std::string::npos)
      return true;
  return false;
}

/// Whether the file system of `folder` has less room than one more part file needs.
bool little_room(const std::string& folder) {
  struct statvfs fs {};
  if (::statvfs(folder.c_str(), &fs) != 0)
    return false;
  return static_cast<std::uintmax_t>(fs.f_bavail) * fs.f_frsize < 1024 * 1024;
}

/// The twin runs kept in the parts folder (RunPart.cpp): each was simulated once.
std::int64_t count_twins(const std::string& folder) {
  std::int64_t n = 0;
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec)) {
    const std::string name = entry.path().filename().string();
    n += name.rfind("twin-", 0) == 0 && entry.path().extension() == ".run" ? 1 : 0;
  }
  return n;
}

/// Removes the parts' temporary files ("<part>.h5.tmp-<pid>") of run processes that are gone.
void remove_temporaries(const std::string& folder) {
  std::error_code ec;
  for (const auto& entry : fs::directory_iterator(folder, ec))
    if (entry.path().filename().string().find(".tmp-") != std::string::npos)
      fs::remove(entry.path(), ec);
}

/// The runs an earlier attempt left only in the results file (its parts were assembled and
/// removed, or lost), which --resume turns back into parts and reuses like any other part. Runs
/// that failed there, or were planned differently, are left to run again. The file is read (and
/// its checksum verified) once, however many runs come out of it.
class RunsInResultsFile {
public:
  RunsInResultsFile(const std::string& results_path, const std::string& key)
      : path_(results_path), key_(key) {
    try {
      reader_.emplace(results_path);
      if (reader_->has_attribute("/", "experiment_key") &&
          reader_->attribute_string("/", "experiment_key") == key && reader_->has("/experiment/summary")) {
        summary_ = reader_->read_table("/experiment/summary");
        return;
      }
    } catch (const results::ResultsError&) {
      // damaged or foreign: nothing to take from it
    }
    reader_.reset();
  }

  /// Writes `run`'s part file from the results file if it holds the run, completed, with the same
  /// run key; false otherwise.
  bool extract(const ExperimentPlan& plan, const PlannedRun& run, const std::string& part) const {
    if (!reader_)
      return false;
    const std::string group = "/runs/" + run.id;
    if (!reader_->has(group) || !reader_->has_attribute(group, "run_key") ||
        reader_->attribute_string(group, "run_key") != plan.run_key(run) ||
        reader_->attribute_string(group, "status") != "ok")
      return false;
    results::Table row;
    row.description = summary_.description;
    row.columns = summary_.columns;
    for (std::size_t r = 0; r < summary_.rows.size(); ++r)
      if (results::text_at(summary_, r, "run") == run.id)
        row.rows.push_back(summary_.rows[r]);
    if (row.rows.size() != 1)
      return false;
    results::ResultsWriter writer(part, true);
    writer.write_table("/experiment/summary", row);
    writer.set_attribute("/", "experiment_key", key_);
    writer.copy_run_from(path_, run.id, true); // verified when reader_ opened it
    writer.commit();
    return true;
  }

private:
  std::string path_;
  std::string key_;
  std::optional<results::ResultsReader> reader_; // empty: nothing to take
  results::Table summary_;
};

/// Calls visit(point, kpi, target, mean, half_width, n) for every point's interval of a KPI that
/// has a --precision target, from the summary rows so far.
template <class Visit>
void for_each_precision_interval(const results::Table& summary, const ExperimentOptions& options,
                                 Visit visit) {
  const results::Table ci = confidence_table(summary);
  for (std::size_t row = 0; row < ci.rows.size(); ++row) {
    const std::string kpi = results::text_at(ci, row, "kpi");
    for (const auto& target : options.precision)
      if (target.kpi == kpi)
        visit(static_cast<std::int64_t>(results::number_at(ci, row, "point")), kpi, target,
              results::number_at(ci, row, "mean"), results::number_at(ci, row, "half_width"),
              results::number_at(ci, row, "n"));
  }
}

/// With precision targets: the replications to add to each point, from its summary rows.
std::map<std::int64_t, std::int64_t> replications_needed(const ExperimentPlan& plan,
                                                         const results::Table& summary,
                                                         const ExperimentOptions& options) {
  std::map<std::int64_t, std::int64_t> have;
  for (const auto& r : plan.runs)
    have[r.point] = std::max(have[r.point], r.replication + 1);
  std::map<std::int64_t, std::int64_t> want;
  for_each_precision_interval(
      summary, options,
      [&](std::int64_t point, const std::string&, const PrecisionTarget& target, double mean, double hw,
          double n) {
        const double goal = target.relative * std::abs(mean);
        if (std::isnan(hw) && n < 2 && options.max_replications >= 2) {
          want[point] = std::max<std::int64_t>(want[point], 2); // one replication has no interval yet
          return;
        }
        if (std::isnan(hw) || std::isnan(mean) || hw <= goal)
          return;
        // The half-width shrinks as 1/sqrt(n): n (hw/goal)^2 replications should do; at least one more.
        const double estimate = goal > 0 ? std::ceil(n * (hw / goal) * (hw / goal)) : n + 1;
        const auto n_new = static_cast<std::int64_t>(
            std::min<double>(static_cast<double>(options.max_replications), std::max(estimate, n + 1)));
        if (n_new > have[point])
          want[point] = std::max(want[point], n_new);
      });
  std::map<std::int64_t, std::int64_t> add;
  for (const auto& [point, n] : want)
    add[point] = n - have[point];
  return add;
}
/// The summary rows of the part files, one table.
results::Table summary_of(const std::vector<std::string>& parts) {
  results::Table summary;
  for (const auto& f : parts) {
    const results::ResultsReader part(f);
    results::Table row = part.read_table("/experiment/summary");
    if (summary.columns.empty())
      summary = std::move(row);
    else
      summary.rows.insert(summary.rows.end(), row.rows.begin(), row.rows.end());
  }
  return summary;
}

/// With precision targets: per point and target, what the final replications achieved.
results::Table precision_table(const results::Table& summary, const ExperimentOptions& options,
                               std::vector<std::string>& missed) {
  using results::ColumnType;
  results::Table t;
  t.description = "per sweep point and --precision target: the relative half-width of the 95 % interval "
                  "reached, and whether it met the target (replications stop at --max-replications)";
  t.columns = {{"point", ColumnType::int64, "", "sweep point index"},
               {"kpi", ColumnType::string, "", "KPI name, a column of /experiment/summary"},
               {"target", ColumnType::float64, "1", "the half-width asked for, relative to the mean"},
               {"achieved", ColumnType::float64, "1", "the half-width reached, relative to the mean"},
               {"half_width", ColumnType::float64, "", "the half-width reached, in the KPI's units"},
               {"n", ColumnType::int64, "", "replications"},
               {"met", ColumnType::int64, "", "1: achieved <= target; 0: missed"}};
  for_each_precision_interval(
      summary, options,
      [&](std::int64_t point, const std::string& kpi, const PrecisionTarget& target, double mean, double hw,
          double replications) {
        const auto n = static_cast<std::int64_t>(replications);
        const double achieved = mean != 0 ? hw / std::abs(mean) : (hw == 0 ? 0.0 : INFINITY);
        const bool met = !std::isnan(achieved) && achieved <= target.relative;
        t.rows.push_back({point, kpi, target.relative, achieved, hw, n, std::int64_t{met ? 1 : 0}});
        if (!met) {
          char text[256];
          std::snprintf(text, sizeof text,
                        "point %lld: %s +/- %.3g %% after %lld replication(s), target %.3g %%",
                        static_cast<long long>(point), kpi.c_str(), achieved * 100, static_cast<long long>(n),
                        target.relative * 100);
          missed.emplace_back(text);
        }
      });
  return t;
}
} // namespace

std::string parts_dir_of(const std::string& out_path) {
  return out_path + ".parts";
}

std::string execute_run_into(const ExperimentPlan& plan, std::size_t k, const std::string& parts_dir,
                             bool live) {
  try {
    return execute_planned_run(plan, k, part_path(parts_dir, plan.runs.at(k)), plan.key(), live);
  } catch (const ReplicationInterrupted&) {
    throw kernel::ChildInterrupted{};
  }
}

void set_payback(plant::RunResult& run, const plant::RunResult& baseline) {
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

ExperimentOutcome run_experiment(const scenario::ScenarioSpec& spec, const ExperimentOptions& options) {
  return run_experiment(ExperimentPlan::make({spec}, {}, options.replications, options.seed), options);
}

ExperimentOutcome run_experiment(ExperimentPlan plan, const ExperimentOptions& options) {
  ExperimentOutcome outcome;
  outcome.out_path = options.out_path;
  const std::string started = iso_time_now();
  const std::string key = plan.key();
  if (!options.precision.empty() && !options.shard.whole())
    throw ExperimentRefused("--precision needs every replication of a point in one batch: not with --shard");
  try {
    results::prepare_output_path(options.out_path);
  } catch (const results::BadOutputPath& e) {
    throw ExperimentRefused(std::string(e.what()) + "; nothing was run");
  }
  // Taken before anything is looked at, so that a second writer (even with --force) is refused
  // before it can judge or remove the first one's file or parts.
  std::optional<results::WriterLock> lock;
  try {
    lock.emplace(options.out_path);
  } catch (const results::WriterLockBusy& e) {
    throw ExperimentRefused(e.what());
  }
  if (fs::exists(options.out_path) && !options.overwrite) {
    bool same_incomplete = false;
    bool same_complete = false;
    try {
      const results::ResultsReader existing(options.out_path);
      const bool same = existing.has_attribute("/", "experiment_key") &&
                        existing.attribute_string("/", "experiment_key") == key;
      const bool complete = same && existing.attribute_int("/", "complete") == 1;
      // Complete for the runs it planned; --resume may plan more (more replications).
      bool holds_every_run = complete;
      for (std::size_t k : plan.shard_runs(options.shard)) {
        const std::string group = "/runs/" + plan.runs[k].id;
        holds_every_run =
            holds_every_run && existing.has(group) && existing.attribute_string(group, "status") == "ok";
      }
      if (options.resume && holds_every_run && !fs::exists(parts_dir_of(options.out_path))) {
        outcome.already_complete = true;
        return outcome;
      }
      // Finishing the file replaces it: a run it holds that this plan does not (fewer
      // replications asked for) would be lost. With --precision the plan grows as the intervals
      // ask, and runs beyond it are the same numbers computed again.
      if (options.resume && same && options.precision.empty() && existing.has("/runs")) {
        std::set<std::string> planned;
        for (const auto& run : plan.runs)
          planned.insert(run.id);
        for (const auto& id : existing.list("/runs"))
          if (!planned.contains(id))
            throw ExperimentRefused("results file '" + options.out_path + "' holds run " + id +
                                    ", which this command does not plan (fewer points or replications?); "
                                    "nothing was run (resume with the same points and replications, or "
                                    "--force to start again)");
      }
      same_incomplete = same && !complete;
      same_complete = complete;
    } catch (const results::ResultsError&) {
    }
    if (same_complete && options.resume)
      same_incomplete = true; // more runs planned than the file holds: resume adds them
    if (same_incomplete && !options.resume)
      throw ExperimentRefused(
          "results file '" + options.out_path +
          "' holds an unfinished batch of this experiment; nothing was run (use --resume to "
          "finish it, or --force to start again)");
    if (!same_incomplete)
      throw ExperimentRefused(
          "results file '" + options.out_path +
          "' already exists; nothing was run (use --force to replace it, or --out to write "
          "elsewhere" +
          std::string(options.resume ? "; --resume finishes only an unfinished file of the "
                                       "same experiment)"
                                     : ")"));
  }
  const bool parts_existed = fs::exists(parts_dir_of(options.out_path));
  PartsFolder parts(options.out_path, key, options.resume, options.overwrite);

  LocalExecutor local(options.jobs);
  RunExecutor& executor = options.executor ? *options.executor : static_cast<RunExecutor&>(local);
  std::map<std::size_t, plant::RunResult> fresh;
  std::map<std::string, FailedRun> failures;
  BatchProgress progress;
  std::map<std::size_t, double> in_flight;
  bool stopped = false;
  bool disk_full = false;
  std::vector<std::size_t> mine = plan.shard_runs(options.shard);
  std::optional<RunsInResultsFile> earlier;
  if (options.resume && fs::exists(options.out_path))
    earlier.emplace(options.out_path, key);
  // With --resume, a run is done already if its part is, or the results file holds it.
  auto done_before = [&](std::size_t k) {
    const PlannedRun& run = plan.runs[k];
    const std::string part = part_path(parts.path(), run);
    return options.resume &&
           (reusable_part(part, plan.run_key(run), run.id) || (earlier && earlier->extract(plan, run, part)));
  };
  std::vector<std::size_t> todo;
  for (std::size_t k : mine) {
    if (done_before(k))
      ++outcome.runs_reused;
    else
      todo.push_back(k);
  }
  progress.runs_total = static_cast<std::int64_t>(mine.size());
  progress.runs_done = outcome.runs_reused;

  kernel::PoolCallbacks cb;
  const bool live = static_cast<bool>(options.on_live);
  cb.work = [&](std::size_t k) { return execute_run_into(plan, k, parts.path(), live); };
  if (live)
    cb.on_line = [&](std::size_t, const std::string& line) { options.on_live(line); };
  auto report = [&] {
    if (!options.progress)
      return;
    double partial = 0;
    for (const auto& [k, f] : in_flight)
      partial += f;
    progress.running = static_cast<std::int64_t>(in_flight.size());
    progress.fraction = progress.runs_total > 0 ? (static_cast<double>(progress.runs_done) + partial) /
                                                      static_cast<double>(progress.runs_total)
                                                : 1.0;
    options.progress(progress);
  };
  cb.on_progress = [&](std::size_t k, double f) { in_flight[k] = f; };
  cb.on_done = [&](std::size_t k, const kernel::ChildOutcome& o) {
    in_flight.erase(k);
    const PlannedRun& run = plan.runs[k];
    switch (o.status) {
    case kernel::ChildOutcome::Status::ok:
      ++progress.runs_done;
      failures.erase(run.id);
      if (!o.payload.empty())
        fresh[k] = plant::RunResult::decode(o.payload);
      break;
    case kernel::ChildOutcome::Status::failed:
    case kernel::ChildOutcome::Status::crashed:
      ++progress.runs_done;
      ++progress.runs_failed;
      failures[run.id] = FailedRun{run.id, run.point, run.replication, o.payload};
      // Every later run would fail the same way: stop, keep what is complete, let --resume finish.
      // A run may also die inside HDF5 when the disk fills (no message): the room left says so.
      if (out_of_room(o.payload) ||
          (o.status == kernel::ChildOutcome::Status::crashed && little_room(parts.path())))
        disk_full = true;
      break;
    case kernel::ChildOutcome::Status::interrupted:
      break;
    }
    report();
  };
  cb.stop_requested = [&] { return disk_full || (options.stop_requested && options.stop_requested()); };
  cb.on_tick = [&] { report(); };

  auto part_files = [&](const std::vector<std::size_t>& runs) {
    std::vector<std::string> files;
    for (std::size_t k : runs)
      if (const auto p = part_path(parts.path(), plan.runs[k]); fs::exists(p))
        files.push_back(p);
    return files;
  };
  for (;;) {
    if (!todo.empty() && !executor.execute(plan, todo, cb)) {
      stopped = true;
      break;
    }
    if (options.precision.empty())
      break;
    // Sequential procedure: the intervals so far decide which points need more replications.
    const auto add = replications_needed(plan, summary_of(part_files(mine)), options);
    if (add.empty())
      break;
    todo.clear();
    for (const auto& [point, extra] : add) {
      std::int64_t have = 0;
      for (const auto& r : plan.runs)
        if (r.point == point)
          have = std::max(have, r.replication + 1);
      const std::size_t first_new = plan.runs.size();
      plan.add_replications(point, have, have + extra);
      outcome.replications_added += extra;
      for (std::size_t k = first_new; k < plan.runs.size(); ++k) {
        if (done_before(k)) {
          ++outcome.runs_reused;
          ++progress.runs_done;
        } else {
          todo.push_back(k);
        }
        mine.push_back(k);
      }
    }
    progress.runs_total = static_cast<std::int64_t>(mine.size());
  }

  // Every run process has ended: a temporary part file left now belongs to a run that was
  // killed or crashed half-way, and nobody will finish it.
  remove_temporaries(parts.path());
  outcome.twins_simulated = count_twins(parts.path());
  outcome.interrupted = stopped && !disk_full;
  for (const auto& [k, r] : fresh)
    outcome.runs.push_back(r);
  const std::vector<std::string> sources = part_files(mine);
  std::vector<FailedRun> failed;
  for (const auto& [id, f] : failures) {
    failed.push_back(f);
    outcome.failures.emplace_back(id, f.error);
  }
  if (sources.empty() && failed.empty()) {
    if (!parts_existed)
      parts.remove();
    return outcome; // stopped before any run ended: nothing to write
  }
  std::vector<std::string> planned;
  for (std::size_t k : mine)
    planned.push_back(plan.runs[k].id);
  ExperimentHeader header = header_of(plan, !options.point_labels.empty(), options.command_line, started);
  header.shard = options.shard;
  if (!options.precision.empty() && !stopped) {
    if (const results::Table summary = summary_of(sources); !summary.columns.empty())
      header.precision_table = precision_table(summary, options, outcome.precision_missed);
  }
  AssembledFile file;
  try {
    file = assemble_results(options.out_path, true, header, sources, std::move(failed), planned);
  } catch (const results::ResultsError& e) {
    // The parts stay: nothing completed is lost, and --resume assembles them once the disk has
    // room again. Other causes (parts of another GigaTwin version, say) --resume cannot fix.
    if (!out_of_room(e.what()))
      throw;
    throw results::ResultsError(std::string(e.what()) + "; the " + std::to_string(sources.size()) +
                                " completed run(s) are kept in '" + parts.path() +
                                "': run the same command with --resume once there is room");
  }
  outcome.written = true;
  outcome.runs_ok = file.runs_ok;
  outcome.runs_failed = file.runs_failed;
  outcome.missing = file.missing;
  if (file.missing.empty() && file.runs_failed == 0)
    parts.remove();
  return outcome;
}

} // namespace gigatwin::experiment
