#pragma once
// ScenarioSpec: a fully validated scenario (schema v1) as plain data: the factory and the run
// settings. The factory has products, each released by a source or assembled from parts by a bill
// of materials, and each with a routing of its own: steps with buffers and transports, where one
// station group may serve several steps (re-entrant flow, a product mix) and an inspection may
// send rejects back to an earlier step for rework, so the route is followed per lot rather than
// along one line. Lots leave through a sink. All times are seconds, all rates per second. It is
// what the loader produces and what the factory model is built from; it holds no simulation state.

#include "core/DistributionSpec.hpp"
#include "scenario/Diagnostic.hpp"
#include "scenario/TraceSpec.hpp"

#include <array>
#include <cstdint>
#include <limits>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

using core::DistributionSpec;

enum class FailureBasis { calendar, operating };

/// Breakdowns of each machine of a group: independent, preempt-resume.
struct FailureSpec {
  core::DistributionSpec time_to_failure; ///< s, measured on `basis` time
  core::DistributionSpec time_to_repair;  ///< s
  FailureBasis basis = FailureBasis::operating;
};

/// A setup is done before a machine's first lot and again after every `every_lots` lots.
struct SetupSpec {
  core::DistributionSpec time; ///< s
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

enum class AutomationMode { manual, robotic, hybrid };

/// Quality inspection done by a mode's machines: each lot is judged defective or good; a
/// defective lot is caught with probability `detection`, a good one wrongly rejected with
/// probability `false_reject`. Every inspected lot costs `cost_per_lot`.
enum class InspectionMethod { human, ai_vision };
struct InspectionSpec {
  InspectionMethod method = InspectionMethod::human;
  double detection = 1.0;    ///< P(reject | defective)
  double false_reject = 0.0; ///< P(reject | good)
  double cost_per_lot = 0.0; ///< currency
};

/// A machine's electric power in each of its states, kW. Written as one value, it is drawn while
/// the machine sets up or processes and nothing otherwise.
struct PowerSpec {
  double busy_kw = 0.0;
  double setup_kw = 0.0;
  double idle_kw = 0.0;
  double blocked_kw = 0.0;
  double down_kw = 0.0;
  double waiting_operator_kw = 0.0;
  double off_shift_kw = 0.0;
  double halted_kw = 0.0;
  bool any() const {
    return busy_kw > 0 || setup_kw > 0 || idle_kw > 0 || blocked_kw > 0 || down_kw > 0 ||
           waiting_operator_kw > 0 || off_shift_kw > 0 || halted_kw > 0;
  }
};

/// Plant-wide energy: the price of a kWh and the facility's base load (HVAC, dry rooms,
/// lighting), drawn all the time on top of the machines.
struct EnergySpec {
  double price_per_kwh = 0.0; ///< scenario currency
  double base_load_kw = 0.0;
};

/// A product's own process time at a group (`process_time_by_product`), for the products whose
/// work there differs from the group's `process_time`.
struct ProductTime {
  std::string product;
  std::size_t product_index = 0; ///< resolved once the products are read
  core::DistributionSpec time;   ///< s per lot
  SourcePos pos;                 ///< where the name was written, for diagnostics
};

/// How a station group works in one automation mode: its times, breakdowns and people, the
/// robots each machine needs, what the mode costs, and whether it depends on the central
/// control tower (robotic and hybrid do unless told otherwise).
struct ModeSpec {
  AutomationMode mode = AutomationMode::manual;
  core::DistributionSpec process_time; ///< s per lot (any product not in process_time_by_product)
  std::vector<ProductTime> process_time_by_product;
  std::optional<SetupSpec> setup;
  std::optional<FailureSpec> failures;
  std::optional<OperatorSpec> operators;
  std::int64_t robots_per_machine = 0;
  /// Each robot of a machine fails on its own clock; the machine stops while any is in repair.
  std::optional<FailureSpec> robot_failures;
  double capital_cost_per_machine = 0.0;      ///< currency, spent when a machine enters this mode
  double depreciation_s = 0.0;                ///< straight-line depreciation period of that capital, s
  double maintenance_per_machine_per_h = 0.0; ///< currency per machine and hour in this mode
  bool depends_on_control_tower = false;
  PowerSpec power; ///< per machine
  std::optional<InspectionSpec> inspection;
};

/// Changeovers between products on a group's machines: before a lot of another product than the
/// machine's last, it sets up for `time` (or the time of the from/to pair, when listed). A
/// changeover counts as the group's regular setup.
struct ChangeoverPair {
  std::string from, to;                     ///< product names as written
  std::size_t from_index = 0, to_index = 0; ///< resolved once the products are read
  core::DistributionSpec time;              ///< s
  SourcePos from_pos, to_pos;               ///< where the names were written, for diagnostics
};
struct ChangeoverSpec {
  std::optional<core::DistributionSpec> time; ///< s, any change of product not listed in `between`
  std::vector<ChangeoverPair> between;
};

/// A batch process (oven, formation rack, aging room): a machine takes up to `size` lots at
/// once and processes them together for one process time. It starts when `size` lots wait, or
/// once the oldest waiting lot has waited `max_wait_s` and at least `min` lots wait.
struct BatchSpec {
  std::int64_t size = 1;
  std::int64_t min = 1;
  double max_wait_s = 0.0; ///< 0: only full batches
};

/// A station group's place on the plant's floor plan, in m: x to the right, y down the drawing.
/// Only the desktop app's floor view uses it.
struct FloorPosition {
  double x_m = 0.0;
  double y_m = 0.0;
};

/// A station group: `machines` identical parallel machines working in one of `modes` at a
/// time. A group written without `modes` has one manual mode made of its own keys
/// (process_time, setup, failures, operators): the modes are the one record of its work.
struct StationGroupSpec {
  std::string name;
  std::int64_t machines = 1;
  std::vector<ModeSpec> modes;  ///< at least one once loaded
  std::size_t initial_mode = 0; ///< index into modes
  /// The mode it starts in: its process time, setup, breakdowns and people at time 0.
  const ModeSpec& initial() const { return modes.at(initial_mode); }
  std::optional<BatchSpec> batch;
  std::optional<ChangeoverSpec> changeover;
  std::optional<FloorPosition> position; ///< where the desktop app draws it; every group or none
};

/// Scheduled or random outages of the central control system (e.g. a cyber attack): every
/// machine whose mode depends on the tower stops (preempt-resume) while one lasts.
struct OutageSpec {
  double at_s = 0.0;
  double duration_s = 0.0;
};
struct RandomOutageSpec {
  core::DistributionSpec time_between; ///< s from the end of one random outage to the next start
  core::DistributionSpec duration;     ///< s
};
/// How the time to recover throughput after an outage is measured (see RecoveryMonitor).
struct RecoverySpec {
  /// Where the rate is watched: a station group of the routing (its good output), "sink" (the
  /// line's good output), or "" for the rough-cut bottleneck's group.
  std::string at;
  double reference_s = 86400.0; ///< span before the outage that sets the normal rate
  double window_s = 3600.0;     ///< span after a candidate time whose output must reach it
  double tolerance = 0.05;      ///< fraction of the normal rate that may be missing
};
struct ControlTowerSpec {
  bool enabled = true;             ///< false: the outages are checked and kept, and never happen
  std::vector<OutageSpec> outages; ///< sorted by start, not overlapping
  std::optional<RandomOutageSpec> random;
  RecoverySpec recovery;

  /// Whether the file gives the tower any outage to have (switched on or not).
  bool has_outages() const { return !outages.empty() || random.has_value(); }
};

/// Working-time and pay rules (e.g. Korea's Labor Standards Act): hours beyond `regular_week_h`
/// in a calendar week (Monday 00:00 to Monday 00:00; a shift counts in the week it starts) are
/// overtime, paid at `overtime_premium` x wage; hours between `night_start_s` and `night_end_s`
/// get `night_premium` - 1 extra on top; wages below `minimum_wage_per_h` are raised to it.
/// No crew may be scheduled beyond `weekly_cap_h` in any week.
/// Overtime on demand: a shift followed by a gap is extended, `demand_overtime_block_s` at a
/// time and up to `demand_overtime_max_s`, while machines need the pool's workers and the
/// crew's week stays within the cap.
struct LabourLawSpec {
  double regular_week_h = 40.0;
  double weekly_cap_h = 0.0;     ///< 0 = no cap
  double overtime_premium = 1.0; ///< 1 = no premium (the default without a `labour` section)
  double night_premium = 1.0;
  double night_start_s = 22 * 3600.0;
  double night_end_s = 6 * 3600.0;
  double minimum_wage_per_h = 0.0;         ///< scenario currency
  double demand_overtime_max_s = 0.0;      ///< longest extension of one shift; 0 = none
  double demand_overtime_block_s = 3600.0; ///< extensions are decided a block at a time
};

/// Retraining of displaced workers into a skill another pool lacks.
struct RetrainingSpec {
  double duration_s = 0.0;
  double cost_per_worker = 0.0; ///< currency
  std::int64_t capacity = 0;    ///< workers in training at once; 0 = no limit
  double success_rate = 1.0;    ///< probability a trainee qualifies; the others are laid off
};

/// What happens to workers whose positions disappear (or appear) when station groups change
/// mode: first reassigned to open positions needing a skill they have, then retrained into a
/// needed skill (if retraining is offered and has room), else laid off with severance; pools
/// still short afterwards hire after a lead time.
struct WorkforcePolicySpec {
  bool reassign = true;
  std::optional<RetrainingSpec> retraining;
  double severance_weeks = 0.0; ///< weeks of regular pay (LabourLawSpec::regular_week_h) per layoff
  bool hire = true;
  double hiring_lead_s = 0.0;
};

/// A dated change of a station group's automation mode (the roll-out plan).
struct RolloutStepSpec {
  double at_s = 0.0;
  std::string station_group;
  std::size_t group_index = 0;
  std::string mode;           ///< "manual", "robotic" or "hybrid"
  std::size_t mode_index = 0; ///< into the group's modes
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
  double attrition_per_year = 0.0;           ///< quits per worker and year (replaced if hiring is on)
};

enum class TransportKind { agv, conveyor };

/// How lots reach a step from the one before: AGVs (`carriers` vehicles, each carrying up to
/// `lots_per_trip` lots, `travel_time` there and `return_time` back empty) or a conveyor
/// (`carriers` places on the belt, one lot each, `travel_time` from end to end, nothing to
/// return). A lot waits on its machine until a carrier takes it, and on its carrier until the
/// step's buffer has room. An AGV that is not full waits up to `max_wait_s` for more lots before
/// it leaves. AGVs depend on the control tower unless told otherwise.
struct TransportSpec {
  TransportKind kind = TransportKind::agv;
  std::int64_t carriers = 1;
  std::int64_t lots_per_trip = 1;
  core::DistributionSpec travel_time; ///< s, loaded
  core::DistributionSpec return_time; ///< s, empty (AGV); constant 0 for a conveyor
  double max_wait_s = 0.0;            ///< s an AGV waits at the pick-up point for a fuller load
  bool depends_on_control_tower = true;
};

/// One step of the routing: the lot waits in the step's input buffer, then is processed by one
/// machine of the station group. A finished lot is scrapped with `scrap_probability`.
struct StepSpec {
  std::size_t product = 0; ///< index into ScenarioSpec::products
  std::string station_group;
  std::size_t group_index = 0;                 ///< index into ScenarioSpec::station_groups
  std::optional<std::int64_t> buffer_capacity; ///< lots waiting (not those on machines); nullopt = unlimited
  double scrap_probability = 0.0;
  std::optional<TransportSpec> transport; ///< into this step; none for the first step
  double defect_probability = 0.0;        ///< a good lot finished here becomes (hiddenly) defective
  std::int64_t split = 1;                 ///< a good lot finished here goes on as this many lots
  /// Where lots an inspection here rejects go: scrapped, or back to the step `rework_step`
  /// (this one or an earlier one), which repairs them.
  std::optional<std::size_t> rework_step;
  std::string rework_group; ///< its station group's name
};

struct SourceSpec {
  bool saturated = false;              ///< the first step never starves; a lot enters when it starts there
  core::DistributionSpec interarrival; ///< s between arrivals, when not saturated
};

/// `quantity` lots of product `product` go into one lot of the product that assembles them.
struct PartSpec {
  std::string product;
  std::size_t product_index = 0;
  std::int64_t quantity = 1;
};

/// A product: released by its own source, or assembled from parts (bill of materials) by the
/// first step of its routing. Its steps are ScenarioSpec::steps[first_step, first_step +
/// step_count). A product some other product's parts name is consumed there (its lots go from
/// its last step into that product's assembly step); the others leave through the sink.
struct ProductSpec {
  std::string name;
  /// What one lot holds, for KPIs per cell and per kWh: NaN when not given (an assembled
  /// product then sums its parts').
  double cells = std::numeric_limits<double>::quiet_NaN();
  double energy_kwh = std::numeric_limits<double>::quiet_NaN();
  std::optional<SourceSpec> source; ///< none for an assembled product
  std::vector<PartSpec> parts;      ///< what its first step assembles, in written order
  std::size_t first_step = 0;
  std::size_t step_count = 0;
  std::optional<std::size_t> consumer; ///< the product whose assembly takes its lots
};

struct ScenarioSpec {
  std::string name;
  std::string description;
  std::string source_path;   ///< file the scenario came from ("" for text)
  std::string resolved_yaml; ///< the scenario after overrides, as YAML text
  double horizon_s = 0.0;    ///< simulated time of one run, including warm-up
  double warmup_s = 0.0;     ///< statistics are reset at this time
  /// `warmup: mser5`: each run's warm-up is chosen by the MSER-5 rule on its own throughput
  /// series (a pilot of the same replication), and warmup_s is set to it before the run.
  bool warmup_mser5 = false;
  double sample_interval_s = 3600.0;
  std::uint64_t seed = 1;
  std::int64_t replications = 1;
  /// Lots in the system at which a run stops as failed: a line that cannot keep up with its
  /// arrivals grows its queue without end, and this keeps it from filling the memory.
  std::int64_t max_wip = 1'000'000;
  SourceSpec source; ///< the routing's product's (products[0])
  std::vector<StationGroupSpec> station_groups;
  std::string product = "lot";       ///< the routing's product (products[0])
  std::vector<StepSpec> steps;       ///< every product's steps, products[0]'s first (the routing's)
  std::vector<ProductSpec> products; ///< products[0] is the routing's; then `products` as written
  std::string currency = "USD";      ///< ISO 4217 code of every money value
  std::vector<CalendarSpec> calendars;
  std::vector<WorkerPoolSpec> worker_pools;
  std::optional<ControlTowerSpec> control_tower;
  std::vector<RolloutStepSpec> rollout; ///< sorted by date
  WorkforcePolicySpec workforce_policy;
  LabourLawSpec labour;
  EnergySpec energy;
  TraceSpec trace;

  /// The control tower as the simulation sees it: absent or switched off, it never goes down.
  const ControlTowerSpec* active_tower() const {
    return control_tower && control_tower->enabled ? &*control_tower : nullptr;
  }
};

} // namespace gigatwin::scenario
