#include "experiment/RunPart.hpp"

#include "experiment/Experiment.hpp"
#include "experiment/LiveSample.hpp"
#include "experiment/Provenance.hpp"
#include "experiment/Replication.hpp"
#include "experiment/ResultsTables.hpp"
#include "plant/Factory.hpp"

#include "core/Mser.hpp"
#include "kernel/ChildProcess.hpp"
#include "kernel/ProcessPool.hpp"

#include "scenario/Diagnostic.hpp"
#include "scenario/YamlTree.hpp"

#include <bit>
#include <cerrno>
#include <cstdio>
#include <fcntl.h>
#include <filesystem>
#include <fstream>
#include <optional>
#include <sstream>
#include <stdexcept>
#include <sys/file.h>
#include <unistd.h>
#include <vector>

namespace gigatwin::experiment {

namespace {
/// The warm-up MSER-5 picks from a pilot of the same replication (same random numbers, no
/// warm-up), run in a child process; its throughput series is what the rule reads.
double mser5_warmup(const scenario::ScenarioSpec& spec, const PlannedRun& planned, std::uint64_t seed) {
  scenario::ScenarioSpec pilot = spec;
  pilot.warmup_s = 0;
  pilot.warmup_mser5 = false;
  auto outcome = kernel::run_in_child([&] {
    std::vector<double> series;
    ReplicationOptions ro;
    ro.point = planned.point;
    ro.replication = planned.replication;
    ro.seed = seed;
    ro.on_sample = [&](const plant::SeriesSample& s, const plant::Factory&) {
      series.push_back(s.throughput_per_h);
    };
    try {
      run_replication(pilot, ro);
    } catch (const ReplicationInterrupted&) {
      throw kernel::ChildInterrupted{};
    }
    const auto r = core::mser5(series);
    return std::to_string(static_cast<double>(r.observations_deleted) * spec.sample_interval_s);
  });
  if (outcome.status == kernel::ChildOutcome::Status::interrupted)
    throw ReplicationInterrupted();
  if (outcome.status != kernel::ChildOutcome::Status::ok)
    throw std::runtime_error("the MSER-5 pilot run failed: " + outcome.payload);
  return std::stod(outcome.payload);
}
/// `yaml` (a resolved scenario) without its top-level `key`: what a twin without its roll-out or
/// outages is made of, whatever the point changed there.
std::string yaml_without(const std::string& yaml, std::string_view key) {
  scenario::DiagnosticLog log("resolved scenario");
  auto tree = parse_yaml_tree(yaml, log);
  if (!tree)
    return yaml; // cannot happen for a resolved scenario; then the twin is keyed by all of it
  std::erase_if(tree->entries, [&](const scenario::TreeEntry& e) { return e.key == key; });
  return emit_yaml(*tree);
}

/// Holds an exclusive lock on a file while it lives (nothing, where the file system has no
/// locks: then two processes may simulate the same twin, which costs time and changes nothing).
class FileLock {
public:
  explicit FileLock(const std::string& path) : fd_(::open(path.c_str(), O_CREAT | O_RDWR | O_CLOEXEC, 0644)) {
    if (fd_ < 0)
      return;
    int rc = 0;
    do
      rc = ::flock(fd_, LOCK_EX);
    while (rc != 0 && errno == EINTR);
    locked_ = rc == 0;
  }
  /// False where the file system takes no locks: then the twin is not shared (see twin_result).
  bool locked() const { return locked_; }
  ~FileLock() {
    if (fd_ >= 0)
      ::close(fd_); // releases the lock
  }
  FileLock(const FileLock&) = delete;
  FileLock& operator=(const FileLock&) = delete;

private:
  int fd_;
  bool locked_ = false;
};

/// The twin's RunResult. A twin is the same plant without its roll-out (or outages), the same
/// seed and replication: points of a sweep that differ only in their roll-out share it, so it is
/// simulated once — by the first run that needs it, in its own child process — and kept in the
/// parts folder (`twin-<key>.run`, removed with the folder) for the others, which wait on its
/// lock rather than simulate it again. `what` names the twin ("rollout", "outages").
plant::RunResult twin_result(const scenario::ScenarioSpec& twin, const char* what,
                             const std::string& yaml_key, const ReplicationOptions& ro,
                             const std::string& folder) {
  if (folder.empty())
    return run_replication_in_child(twin, ro);
  // The binary that simulated it is part of the key: a --resume with another build (whose
  // RunResult may be laid out otherwise) simulates its twins again.
  std::ostringstream key;
  key << "gigatwin-twin " << GIGATWIN_VERSION;
  for (const auto& [name, value] : provenance_attributes())
    key << ' ' << name << '=' << value;
  key << ' ' << what << " seed=" << ro.seed << " replication=" << ro.replication
      << " warmup=" << std::bit_cast<std::uint64_t>(twin.warmup_s)
      << " from_state=" << (ro.from_state ? ro.from_state_key : std::string("none")) << "\n"
      << yaml_without(twin.resolved_yaml, yaml_key);
  const std::string base = folder + "/twin-" + text_hash(key.str());
  const FileLock lock(base + ".lock");
  if (!lock.locked()) // two processes could write the file at once: simulate it here, share nothing
    return run_replication_in_child(twin, ro);
  {
    std::ifstream in(base + ".run", std::ios::binary);
    if (in) {
      std::string bytes((std::istreambuf_iterator<char>(in)), std::istreambuf_iterator<char>());
      try {
        return plant::RunResult::decode(bytes);
      } catch (const std::exception&) {
        // damaged (a crash while it was written cannot leave one, but a disk can): simulate again
      }
    }
  }
  const plant::RunResult result = run_replication_in_child(twin, ro);
  // Under the lock no other process writes this twin; the pid keeps leftovers of a killed one apart.
  const std::string temporary = base + ".run.tmp-" + std::to_string(::getpid());
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    const std::string bytes = result.encode();
    out.write(bytes.data(), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::error_code ec;
      std::filesystem::remove(temporary, ec);
      return result; // not shared; the run goes on
    }
  }
  std::error_code ec;
  std::filesystem::rename(temporary, base + ".run", ec);
  if (ec)
    std::filesystem::remove(temporary, ec);
  return result;
}

} // namespace

std::string execute_planned_run(const ExperimentPlan& plan, std::size_t k, const std::string& part_path,
                                const std::string& experiment_key, bool live) {
  const PlannedRun& planned = plan.runs.at(k);
  scenario::ScenarioSpec spec = plan.points.at(static_cast<std::size_t>(planned.point));
  if (spec.warmup_mser5 && !plan.from_state)
    spec.warmup_s = mser5_warmup(spec, planned, plan.seed);
  std::optional<scenario::ScenarioSpec> without_outages;
  if (const scenario::ControlTowerSpec* tower = spec.active_tower(); tower && tower->has_outages()) {
    without_outages = spec;
    without_outages->control_tower.reset();
  }
  std::optional<scenario::ScenarioSpec> without_rollout;
  if (!spec.rollout.empty()) {
    without_rollout = spec;
    without_rollout->rollout.clear();
  }
  const double stages = 1.0 + (without_outages ? 1 : 0) + (without_rollout ? 1 : 0);
  double stage = 0;
  ReplicationOptions ro;
  ro.from_state = plan.from_state ? &*plan.from_state : nullptr;
  if (ro.from_state)
    ro.from_state_key = text_hash(plan.from_state_text);
  ro.point = planned.point;
  ro.replication = planned.replication;
  ro.seed = plan.seed;
  ro.progress = [&stage, stages](double now, double end) {
    kernel::report_progress((stage + (end > 0 ? now / end : 1.0)) / stages);
  };
  // The twins use the same random numbers as the run (same seed and replication).
  std::optional<plant::RunResult> twin, baseline;
  const std::string folder =
      part_path.empty() ? std::string() : std::filesystem::path(part_path).parent_path().string();
  if (without_outages) {
    twin = twin_result(*without_outages, "outages", "control_tower", ro, folder);
    ++stage;
  }
  if (without_rollout) {
    baseline = twin_result(*without_rollout, "rollout", "rollout", ro, folder);
    ++stage;
  }
  ro.part_path = part_path;
  if (live)
    ro.on_sample = [&](const plant::SeriesSample& s, const plant::Factory& factory) {
      kernel::report_line(live_sample_json(factory, s, planned.point, planned.replication, spec.horizon_s));
    };
  ro.before_commit = [&](results::ResultsWriter& part, plant::RunResult& result) {
    if (twin)
      result.lost_output = static_cast<double>(twin->output - result.output);
    if (baseline)
      set_payback(result, *baseline);
    part.write_table("/experiment/summary",
                     summary_table({result}, {planned.id}, {planned.point}, spec.currency));
    part.set_attribute("/", "experiment_key", experiment_key);
    part.set_attribute("/runs/" + planned.id, "run_key", plan.run_key(planned));
  };
  return run_replication(spec, ro).encode();
}

} // namespace gigatwin::experiment
