#pragma once
// ScenarioSpec: a fully validated scenario (schema v1) as plain data: the factory (a source,
// station groups, a linear routing with buffers, a sink) and the run settings. All times are
// seconds, all rates per second. It is what the loader produces and what the factory model
// is built from; it holds no simulation state.

#include "DistributionSpec.hpp"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::models {

using engine::DistributionSpec;

enum class FailureBasis { calendar, operating };

/// Breakdowns of each machine of a group: independent, preempt-resume.
struct FailureSpec {
  DistributionSpec time_to_failure; ///< s, measured on `basis` time
  DistributionSpec time_to_repair;  ///< s
  FailureBasis basis = FailureBasis::operating;
};

/// A setup is done before a machine's first lot and again after every `every_lots` lots.
struct SetupSpec {
  DistributionSpec time; ///< s
  std::int64_t every_lots = 1;
};

enum class OperatorPhase { processing, setup, both };

/// People a machine of the group needs: `count` workers with `skill`, held during its setups,
/// its processing, or both. A machine without them waits (waiting_operator, or off_shift when
/// no worker with the skill is on shift).
struct OperatorSpec {
  std::string skill;
  std::int64_t count = 1;
  OperatorPhase during = OperatorPhase::both;
};

struct StationGroupSpec {
  std::string name;
  std::int64_t machines = 1;
  DistributionSpec process_time; ///< s per lot
  std::optional<SetupSpec> setup;
  std::optional<FailureSpec> failures;
  std::optional<OperatorSpec> operators;
};

/// One shift of a day: it starts `start_s` after midnight (0 <= start < 24 h) and lasts
/// `length_s` (0 < length <= 24 h), possibly past midnight.
struct ShiftSpec {
  double start_s = 0.0;
  double length_s = 0.0;
};

/// A shift calendar: the day's shifts (no two overlapping), the weekdays they are worked (time
/// 0 is a Monday 00:00; index 0 = Monday), and the crews that take the shifts in turn: the k-th
/// shift worked since time 0 is worked by crew k mod crews.
struct CalendarSpec {
  std::string name;
  std::vector<ShiftSpec> shifts; ///< sorted by start
  std::array<bool, 7> days = {true, true, true, true, true, true, true};
  std::int64_t crews = 1;
};

/// A pool of interchangeable workers. Its headcount is split into the calendar's crews as
/// evenly as possible (the first crews get one more); without a calendar everyone is always
/// available. Each worker on a shift is absent with probability `absenteeism`.
struct WorkerPoolSpec {
  std::string name;
  std::vector<std::string> skills;
  std::int64_t headcount = 0;
  std::string calendar;                      ///< empty: always on shift
  std::optional<std::size_t> calendar_index; ///< into ScenarioSpec::calendars
  double wage_per_h = 0.0;                   ///< in ScenarioSpec::currency per paid hour
  double absenteeism = 0.0;                  ///< probability per worker and shift
};

/// One step of the routing: the lot waits in the step's input buffer, then is processed by one
/// machine of the station group. A finished lot is scrapped with `scrap_probability`.
struct StepSpec {
  std::string station_group;
  std::size_t group_index = 0;                 ///< index into ScenarioSpec::station_groups
  std::optional<std::int64_t> buffer_capacity; ///< lots waiting (not those on machines); nullopt = unlimited
  double scrap_probability = 0.0;
};

struct SourceSpec {
  bool saturated = false;        ///< the first step never starves; a lot enters when it starts there
  DistributionSpec interarrival; ///< s between arrivals, when not saturated
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::string source_path;   ///< file the scenario came from ("" for text)
  std::string resolved_yaml; ///< the scenario after overrides, as YAML text
  double horizon_s = 0.0;    ///< simulated time of one run, including warm-up
  double warmup_s = 0.0;     ///< statistics are reset at this time
  double sample_interval_s = 3600.0;
  std::uint64_t seed = 1;
  std::int64_t replications = 1;
  SourceSpec source;
  std::vector<StationGroupSpec> station_groups;
  std::string product = "lot";
  std::vector<StepSpec> steps;
  std::string currency = "USD"; ///< ISO 4217 code of every money value
  std::vector<CalendarSpec> calendars;
  std::vector<WorkerPoolSpec> worker_pools;
};

} // namespace gigatwin::models
