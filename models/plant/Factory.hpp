#pragma once
// Factory: one replication of the line described by a ScenarioSpec, built on a Kernel. It owns
// the source, the steps (station groups with their buffers) and the sink, counts the lots in
// the system (WIP, lots), samples time series at a fixed interval (s), resets statistics at the
// end of warm-up (an S4U process: rare logic that reads as a story) and reports the KPIs.

#include "plant/ControlTower.hpp"
#include "plant/Lot.hpp"
#include "plant/LotRouter.hpp"
#include "plant/Observation.hpp"
#include "plant/PlantContext.hpp"
#include "plant/PlantState.hpp"
#include "plant/RunResult.hpp"
#include "plant/Source.hpp"
#include "plant/StationGroup.hpp"
#include "plant/Transport.hpp"
#include "plant/Workforce.hpp"
#include "plant/WorkforceLedger.hpp"
#include "scenario/ScenarioSpec.hpp"

#include "core/Tally.hpp"
#include "core/TimeWeighted.hpp"
#include "kernel/Kernel.hpp"
#include "kernel/StateRecorder.hpp"
#include "kernel/TimeSeriesSampler.hpp"

#include <functional>
#include <memory>
#include <vector>

namespace gigatwin::plant {

/// One worker pool at a sample: workers now, and ledger counts since time 0.
struct PoolSample {
  double headcount;   ///< on the payroll, in training included
  double on_shift;    ///< present on the shift now
  double idle;        ///< on shift and not assigned to a machine
  double in_training; ///< retraining for another pool's skill
  double hires;       ///< since time 0
  double layoffs;     ///< since time 0
  double retrained;   ///< retrained out of the pool since time 0
  double reassigned;  ///< reassigned out of the pool since time 0
};

/// One time-series sample, covering (time_s - interval, time_s].
struct SeriesSample {
  double time_s;
  double throughput_per_h; ///< good lots out of the line per hour in the interval
  double wip;              ///< time-average lots in the system in the interval
  double headcount;        ///< workers in all pools at time_s
  double layoffs;          ///< workers laid off since time 0
  double robots;           ///< robots in all station groups at time_s
  double power_kw;         ///< mean electric power in the interval, machines and base load
  /// Total cost per good lot so far: the cost_per_unit KPI as it stands at time_s (over the
  /// measurement period; during the warm-up, since time 0); NaN while no good lot has left since
  /// then. Shift premiums are booked at a shift's start (docs/SCENARIO.md, time series).
  double cost_per_unit;
  std::vector<PoolSample> pools; ///< in scenario order
};

class Factory final : public LotRouter {
public:
  Factory(kernel::Kernel& kernel, const scenario::ScenarioSpec& spec, std::int64_t replication,
          std::uint64_t seed);

  /// Schedules everything for time 0; then the caller runs the kernel up to the horizon.
  void start();
  /// Instead of start(): the plant is empty until `state.time_s`, then takes `state` and runs
  /// on from there. What follows the calendar from time 0 still does (shifts, the workforce
  /// plan, control-tower outages, the roll-out); sources and failure clocks start at the state
  /// (clocks the state knows go on). The caller sets the warm-up to the state's time, so that
  /// statistics count from there. Throws std::invalid_argument if the state does not fit the
  /// scenario (a group, machine, product or step it does not have).
  void start_from(PlantState state);
  /// The plant now, to simulate on from (start_from).
  PlantState capture_state() const;
  void set_sample_listener(std::function<void(const SeriesSample&)> listener) {
    on_sample_ = std::move(listener);
  }

  /// Every observation of the run goes to `observer` (nullptr, the default: none; then an
  /// observation costs one test). Set before start().
  void set_observer(PlantObserver* observer) { context_.set_observer(observer); }
  /// The station group doing `step`, as observations name it (sink_step: none).
  std::int32_t group_index_of(std::uint32_t step) const;

  /// KPIs over [warm-up, end_s].
  RunResult result(double end_s) const;
  /// Why the run cannot go on (e.g. max_wip exceeded); empty while it can.
  const std::string& failure() const { return failure_; }

  // The LotRouter the components use.
  Lot new_lot(std::size_t product) override;
  void split(const Lot& lot, std::int64_t n, std::vector<Lot>& out, std::int32_t at_group) override;
  Lot assemble(std::size_t product, const std::vector<Lot>& parts) override;
  void lot_finished(const Lot& lot) override;
  void lot_scrapped(const Lot& lot) override;
  StationGroup& group_of_step(std::size_t step) const override { return *step_group_[step]; }
  Transport* transport_into(std::size_t step) const override { return transport_into_[step]; }
  std::uint32_t next_step(std::size_t step) const override {
    return static_cast<std::uint32_t>(next_step_[step]);
  }

  const WorkforceLedger& ledger() const { return ledger_; }
  const scenario::ScenarioSpec& spec() const { return spec_; }
  double horizon() const { return spec_.horizon_s; }
  /// The station groups in use, in the order their first step comes (one per group).
  const std::vector<std::unique_ptr<StationGroup>>& steps() const { return steps_; }
  static constexpr std::uint32_t sink_step = plant::sink_step;

private:
  void lot_left(const Lot& lot);
  void restore(const PlantState& state);
  void start_warmup();
  /// What follows the calendar from time 0, from an empty plant or a state alike: shifts, the
  /// workforce plan, control-tower outages, the roll-out.
  void start_calendar();
  void start_sources_and_sampler(double from_s);
  void change_wip(std::int64_t delta);
  double wip_area(double now_s) const { return wip_level_.integral(now_s); }
  void reset_statistics();
  void take_sample(double now_s);
  /// Everything that costs money since the measurement start (the warm-up's end, time 0 before
  /// it), in the scenario's currency: labour, depreciation, maintenance, severance, training,
  /// energy and per-lot inspection. The total_cost KPI is this at the horizon.
  double total_cost(double now_s) const;
  void run_rollout();
  /// Points the recovery monitor at the step `at` names ("" = the rough-cut bottleneck).
  void watch_recovery_at(const std::string& at);
  /// The tower went down or came back: dependent station groups halt or resume.
  void control_tower_changed();

  kernel::Kernel& kernel_;
  const scenario::ScenarioSpec& spec_;
  PlantContext context_; // before everything built on it
  Workforce workforce_;
  WorkforceLedger ledger_;
  std::vector<std::unique_ptr<StationGroup>> steps_;
  std::vector<std::unique_ptr<Transport>> transports_;
  std::vector<StationGroup*> step_group_;       // per step
  std::vector<StationGroup*> by_spec_;          // per scenario station group; nullptr: in no step
  std::vector<std::uint32_t> spec_index_;       // per station group in steps_: its scenario index
  std::vector<Transport*> transport_into_;      // per step
  std::vector<std::size_t> next_step_;          // per step; sink_step for the sink
  std::vector<scenario::ProductSpec> products_; // the scenario's, or the routing alone
  std::vector<std::unique_ptr<Source>> sources_;
  std::unique_ptr<ControlTower> tower_;
  std::unique_ptr<RecoveryMonitor> recovery_; // with a control tower
  bool tower_was_down_ = false;
  StationGroup* recovery_step_ = nullptr; // whose output the monitor watches (nullptr: the sink)
  std::function<void(const SeriesSample&)> on_sample_;
  kernel::TimeSeriesSampler sampler_;

  std::uint64_t next_lot_id_ = 0;
  std::int64_t wip_ = 0;
  std::string failure_;
  core::TimeWeighted wip_level_; // lots in the system; never reset: its integral is lots x s since time 0
  double wip_area_at_warmup_ = 0.0;
  double warmup_done_s_ = 0.0;
  std::int64_t output_at_last_sample_ = 0;
  double wip_area_at_last_sample_ = 0.0;
  double last_sample_s_ = 0.0;
  double energy_kws_at_last_sample_ = 0.0;
  PlantState restored_; // start_from's state, until it is in place
};

} // namespace gigatwin::plant
