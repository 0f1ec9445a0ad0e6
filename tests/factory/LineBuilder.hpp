#pragma once
// Builds ScenarioSpecs in code for the validation tests, so that the simulator is checked
// independently of the YAML loader. Times in seconds; MIN = 60 s is the tests' time unit.

#include "experiment/Experiment.hpp"
#include "experiment/Replication.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "plant/StationMode.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <string>
#include <unistd.h>

namespace gigatwin::test {

using core::DistributionSpec;
using scenario::ScenarioSpec;

inline constexpr double MIN = 60.0;

/// Erlang C: the probability that an arrival waits in an M/M/c queue with offered load
/// a = lambda / mu (c servers, a < c) — also the fraction of time all c servers are busy.
inline double erlang_c(int c, double a) {
  double term = 1.0, sum = 1.0; // k = 0
  for (int k = 1; k < c; ++k) {
    term *= a / k;
    sum += term;
  }
  const double last = term * a / c / (1.0 - a / c); // a^c / c! * 1/(1 - rho)
  return last / (sum + last);
}

/// A results file in the temporary folder, removed when the test is done; `tag` names the test
/// file so that parallel ctest runs do not collide.
struct TempResultsFile {
  explicit TempResultsFile(const std::string& tag)
      : path(std::filesystem::temp_directory_path() /
             ("gigatwin-" + tag + "-" + std::to_string(::getpid()) + ".h5")) {}
  ~TempResultsFile() { std::filesystem::remove(path); }
  TempResultsFile(const TempResultsFile&) = delete;
  TempResultsFile& operator=(const TempResultsFile&) = delete;
  std::filesystem::path path;
};

class LineBuilder {
public:
  explicit LineBuilder(double horizon_s, double warmup_s = 0) {
    spec_.name = "test line";
    spec_.horizon_s = horizon_s;
    spec_.warmup_s = warmup_s;
    spec_.sample_interval_s = horizon_s / 100;
    spec_.seed = 12345;
  }
  LineBuilder& poisson(double rate_per_s) {
    spec_.source.saturated = false;
    spec_.source.interarrival = DistributionSpec::exponential(1.0 / rate_per_s);
    return *this;
  }
  LineBuilder& interarrival(DistributionSpec d) {
    spec_.source.saturated = false;
    spec_.source.interarrival = std::move(d);
    return *this;
  }
  LineBuilder& saturated() {
    spec_.source.saturated = true;
    return *this;
  }
  /// Appends a step with its own station group.
  LineBuilder& step(const std::string& name, std::int64_t machines, DistributionSpec process,
                    std::optional<std::int64_t> buffer = std::nullopt, double scrap = 0.0) {
    // A group works in one manual mode until mode() gives it modes of its own (as a scenario
    // written without `modes`).
    scenario::StationGroupSpec g;
    g.name = name;
    g.machines = machines;
    scenario::ModeSpec manual;
    manual.mode = scenario::AutomationMode::manual;
    manual.process_time = std::move(process);
    g.modes.push_back(manual);
    spec_.station_groups.push_back(g);
    modes_added_.push_back(false);
    scenario::StepSpec s;
    s.station_group = name;
    s.group_index = spec_.station_groups.size() - 1;
    s.buffer_capacity = buffer;
    s.scrap_probability = scrap;
    spec_.steps.push_back(s);
    return *this;
  }
  /// Breakdowns of the last step's group in its initial mode.
  LineBuilder& failures(DistributionSpec ttf, DistributionSpec ttr, scenario::FailureBasis basis) {
    initial_mode().failures = scenario::FailureSpec{std::move(ttf), std::move(ttr), basis};
    return *this;
  }
  LineBuilder& setup(DistributionSpec time, std::int64_t every) {
    initial_mode().setup = scenario::SetupSpec{std::move(time), every};
    return *this;
  }
  /// A calendar of daily shifts given as (start, length) in hours.
  LineBuilder& calendar(const std::string& name, std::vector<std::pair<double, double>> shifts_h,
                        std::int64_t crews = 1,
                        std::array<bool, 7> days = {true, true, true, true, true, true, true}) {
    scenario::CalendarSpec c;
    c.name = name;
    for (auto [start, length] : shifts_h)
      c.shifts.push_back({start * 3600, length * 3600});
    c.crews = crews;
    c.days = days;
    spec_.calendars.push_back(c);
    return *this;
  }
  /// A worker pool; `calendar` empty = always on shift.
  LineBuilder& pool(const std::string& name, const std::string& skill, std::int64_t headcount,
                    const std::string& calendar = "", double wage_per_h = 0, double absenteeism = 0) {
    scenario::WorkerPoolSpec p;
    p.name = name;
    p.skills = {skill};
    p.headcount = headcount;
    p.calendar = calendar;
    for (std::size_t i = 0; i < spec_.calendars.size(); ++i)
      if (spec_.calendars[i].name == calendar)
        p.calendar_index = i;
    p.wage_per_h = wage_per_h;
    p.absenteeism = absenteeism;
    spec_.worker_pools.push_back(p);
    return *this;
  }
  /// The last step's group needs `count` workers with `skill` (in its initial mode).
  LineBuilder& operators(const std::string& skill, std::int64_t count = 1,
                         scenario::OperatorPhase during = scenario::OperatorPhase::both) {
    initial_mode().operators = scenario::OperatorSpec{skill, count, during};
    return *this;
  }
  /// Adds an automation mode to the last step's group (the first added is the initial one).
  LineBuilder& mode(scenario::AutomationMode kind, DistributionSpec process, std::int64_t robots = 0,
                    bool depends_on_tower = false, double capital = 0, double depreciation_s = 0,
                    double maintenance_per_h = 0) {
    auto& g = spec_.station_groups.back();
    scenario::ModeSpec m;
    m.mode = kind;
    m.process_time = std::move(process);
    m.robots_per_machine = robots;
    m.depends_on_control_tower = depends_on_tower;
    m.capital_cost_per_machine = capital;
    m.depreciation_s = depreciation_s;
    m.maintenance_per_machine_per_h = maintenance_per_h;
    if (!modes_added_.back()) // the first mode given replaces the plain manual one
      g.modes.clear();
    modes_added_.back() = true;
    g.modes.push_back(m);
    return *this;
  }
  /// The last added mode needs `count` operators with `skill`.
  LineBuilder& mode_operators(const std::string& skill, std::int64_t count,
                              scenario::OperatorPhase during = scenario::OperatorPhase::both) {
    auto& g = spec_.station_groups.back();
    g.modes.back().operators = scenario::OperatorSpec{skill, count, during};
    return *this;
  }
  /// AGVs carry lots from the step before into the last step: `count` vehicles of `capacity`
  /// lots, `travel_s` there and `return_s` back.
  LineBuilder& agvs(std::int64_t count, std::int64_t capacity, double travel_s, double return_s,
                    bool depends_on_tower = true) {
    scenario::TransportSpec t;
    t.kind = scenario::TransportKind::agv;
    t.carriers = count;
    t.lots_per_trip = capacity;
    t.travel_time = DistributionSpec::constant(travel_s);
    t.return_time = DistributionSpec::constant(return_s);
    t.depends_on_control_tower = depends_on_tower;
    spec_.steps.back().transport = t;
    return *this;
  }
  /// A conveyor of `capacity` lots and `travel` (a distribution) into the last step.
  LineBuilder& conveyor(std::int64_t capacity, DistributionSpec travel) {
    scenario::TransportSpec t;
    t.kind = scenario::TransportKind::conveyor;
    t.carriers = capacity;
    t.travel_time = std::move(travel);
    t.return_time = DistributionSpec::constant(0);
    t.depends_on_control_tower = false;
    spec_.steps.back().transport = t;
    return *this;
  }
  /// Each robot of the last added mode fails on its own clock.
  LineBuilder& robot_failures(DistributionSpec ttf, DistributionSpec ttr, scenario::FailureBasis basis) {
    spec_.station_groups.back().modes.back().robot_failures =
        scenario::FailureSpec{std::move(ttf), std::move(ttr), basis};
    return *this;
  }
  /// The last step's group processes lots in batches.
  LineBuilder& batch(std::int64_t size, std::int64_t min = 0, double max_wait_s = 0) {
    spec_.station_groups.back().batch = scenario::BatchSpec{size, min > 0 ? min : size, max_wait_s};
    return *this;
  }
  /// Lots finished at the last step become defective with probability p.
  LineBuilder& defects(double p) {
    spec_.steps.back().defect_probability = p;
    return *this;
  }
  /// The last step's group inspects (its single mode); rejects go to step `rework_step`, or are
  /// scrapped.
  LineBuilder& inspection(double detection, double false_reject, double cost_per_lot = 0,
                          std::optional<std::size_t> rework_step = std::nullopt) {
    auto& g = spec_.station_groups.back();
    g.modes.back().inspection =
        scenario::InspectionSpec{scenario::InspectionMethod::human, detection, false_reject, cost_per_lot};
    spec_.steps.back().rework_step = rework_step;
    if (rework_step)
      spec_.steps.back().rework_group = spec_.steps[*rework_step].station_group;
    return *this;
  }
  /// The power of the last added mode, or of the last step's group without modes.
  scenario::PowerSpec& power() { return spec_.station_groups.back().modes.back().power; }
  scenario::EnergySpec& energy() { return spec_.energy; }
  scenario::WorkforcePolicySpec& policy() { return spec_.workforce_policy; }
  scenario::LabourLawSpec& labour() { return spec_.labour; }
  /// A pool with several skills.
  LineBuilder& pool_skills(const std::string& name, std::vector<std::string> skills, std::int64_t headcount,
                           double wage_per_h = 0, const std::string& calendar = "") {
    pool(name, skills.front(), headcount, calendar, wage_per_h);
    spec_.worker_pools.back().skills = std::move(skills);
    return *this;
  }
  LineBuilder& outage(double at_s, double duration_s) {
    if (!spec_.control_tower)
      spec_.control_tower.emplace();
    spec_.control_tower->outages.push_back({at_s, duration_s});
    return *this;
  }
  LineBuilder& random_outages(DistributionSpec between, DistributionSpec duration) {
    if (!spec_.control_tower)
      spec_.control_tower.emplace();
    spec_.control_tower->random = scenario::RandomOutageSpec{std::move(between), std::move(duration)};
    return *this;
  }
  /// At `at_s`, station group `group` switches to its mode number `mode_index`.
  LineBuilder& rollout(double at_s, std::size_t group, std::size_t mode_index) {
    scenario::RolloutStepSpec r;
    r.at_s = at_s;
    r.group_index = group;
    r.station_group = spec_.station_groups[group].name;
    r.mode_index = mode_index;
    spec_.rollout.push_back(r);
    return *this;
  }
  /// Runs all replications like `gigatwin run` (twins for outages included) into `out`.
  experiment::ExperimentOutcome experiment(const std::string& out, std::int64_t replications = 1) const {
    experiment::ExperimentOptions o;
    o.out_path = out;
    o.overwrite = true;
    o.replications = replications;
    o.seed = spec_.seed;
    return experiment::run_experiment(spec_, o);
  }
  LineBuilder& seed(std::uint64_t s) {
    spec_.seed = s;
    return *this;
  }
  const ScenarioSpec& spec() const { return spec_; }
  ScenarioSpec& spec_for_test() { return spec_; }

  /// One replication in a child process (one SimGrid engine per process).
  plant::RunResult run(std::int64_t replication = 0, const std::string& part_path = "",
                        kernel::TimerMode mode = kernel::TimerMode::batched) const {
    experiment::ReplicationOptions o;
    o.timer_mode = mode;
    o.replication = replication;
    o.seed = spec_.seed;
    o.part_path = part_path;
    return experiment::run_replication_in_child(spec_, o);
  }

private:
  scenario::ModeSpec& initial_mode() {
    auto& g = spec_.station_groups.back();
    return g.modes.at(g.initial_mode);
  }
  ScenarioSpec spec_;
  std::vector<bool> modes_added_; // per group: mode() has given it modes of its own
};

/// Little's law must hold on every run: time-average WIP = departure rate x mean time in system,
/// up to the lots straddling the ends of the measurement period.
inline void check_littles_law(const plant::RunResult& r, double rel_tol = 0.01) {
  // Parts consumed by an assembly leave the system too (the assembled lot enters it anew).
  double departures = static_cast<double>(r.output + r.scrap);
  for (const auto& p : r.products)
    departures += static_cast<double>(p.consumed);
  const double lambda = departures / r.measured_s;
  INFO("L = " << r.wip_mean << ", lambda W = " << lambda * r.sojourn_mean_all_s);
  CHECK(r.wip_mean == Approx(lambda * r.sojourn_mean_all_s).epsilon(rel_tol));
}

} // namespace gigatwin::test
