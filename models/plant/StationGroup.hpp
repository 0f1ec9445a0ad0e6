#pragma once
// StationGroup: one step of the routing — an input buffer and a group of identical parallel
// machines. It moves lots: into an idle machine or the buffer, out of a machine to the next
// step or the sink, and it applies blocking after service: a machine whose finished lot finds
// no room downstream keeps it (blocked) until the next step pulls it, first blocked first
// served. Between steps, AGVs or a conveyor (a Transport) may carry the lots: then a finished
// lot waits for a carrier instead. Counts output and scrap in lots, and integrates the electric
// power its machines draw in their states under the active mode (kW) into energy (kWh) at
// every state change: exact, not sampled.

#include "plant/Buffer.hpp"
#include "plant/Machine.hpp"
#include "plant/RunResult.hpp"
#include "plant/StationMode.hpp"
#include "scenario/ScenarioSpec.hpp"

#include "core/Distribution.hpp"
#include "core/Tally.hpp"
#include "core/TimeWeighted.hpp"

#include <algorithm>
#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <tuple>
#include <vector>

namespace gigatwin::plant {

class PlantContext;
class LotRouter;
class Workforce;
class Transport;
class RecoveryMonitor;

/// The percentiles GigaTwin reports of lead times and times at a step: p50, p90, p95, p99.

class StationGroup {
public:
  /// `parts` non-empty makes it an assembly step: it takes `quantity` lots of each part product
  /// (one input buffer each, of the step's capacity) and makes one lot of its own product.
  /// `index`: its place among the plant's station groups (observations name it so).
  StationGroup(PlantContext& context, LotRouter& router, Workforce& workforce, std::uint32_t index,
               const scenario::StationGroupSpec& group, const scenario::StepSpec& step, bool saturated_source,
               const std::vector<scenario::PartSpec>& parts = {});

  /// Appends its waiting lots and every machine's state (with the lots in hand) now, naming
  /// the group `id` (the scenario's index of it).
  void capture(std::uint32_t id, std::vector<LotState>& lots, std::vector<MachineSnapshot>& machines) const;
  /// A plant started from a state: its machines wait for the restore (Machine::set_dormant).
  void set_dormant() {
    for (auto& m : machines_)
      m->set_dormant();
  }
  /// Restoring a state, first: machine `index` takes the snapshot's state with `lots` in hand.
  void restore_machine(std::uint32_t index, const MachineSnapshot& snapshot, std::vector<Lot> lots);
  /// Whether a lot of `product` can wait in its buffers (an assembly's: one of its parts).
  bool takes_in_buffer(std::uint32_t product) const {
    return parts_.empty() || std::any_of(parts_.begin(), parts_.end(),
                                         [&](const PartInput& p) { return p.product == product; });
  }
  /// Restoring a state, first: `lot` waits in the buffer (an assembly's: its part's), past the
  /// capacity if need be.
  void restore_waiting(const Lot& lot);
  /// Restoring a state, once every lot is in place: machines holding finished lots pass them on
  /// (or block), idle machines take the work that waits (or a saturated source's).
  void settle_after_restore();

  /// A transport brings lots into one of the steps this group does.
  void add_inbound(Transport* t) { inbound_.push_back(t); }
  /// A machine that held a finished lot for its next step (or that step's transport) no longer waits.
  void remove_blocked_downstream(Machine* m);
  void start_failure_clocks();
  /// With a saturated source: every idle machine of the first step starts a new lot.
  void feed_from_saturated_source();

  /// True when a lot handed over now would be taken (an idle machine or room in the buffer; a
  /// batch group's lots always wait in the buffer for their batch, an assembly's in the buffer
  /// of their part).
  bool can_accept() const { return (!batch_ && !idle_.empty()) || buffer_.has_room(); }
  bool can_accept(const Lot& lot) const {
    return parts_.empty() ? can_accept() : part_for(lot).buffer.has_room();
  }
  /// Takes a lot; requires can_accept().
  void accept(const Lot& lot);
  /// Takes a lot sent back for rework, even into a full buffer.
  void accept_rework(const Lot& lot);
  /// Takes the next finished lot of the first machine in `blocked`; frees that machine (and
  /// drops it from the queue) once it holds no more.
  static Lot take_from_blocked(std::deque<Machine*>& blocked);
  /// A machine is free to work (after a hand-over, a scrap or a repair): give it the next lot.
  void machine_free(Machine& m);
  /// A machine holds a finished good lot: pass it on, or block.
  void lot_done(Machine& m);
  void remove_idle(Machine* m);
  /// `m` holds a finished lot for this step that finds no room: it waits, first come first served.
  void queue_blocked(Machine& m);
  void remove_blocked_upstream(Machine* m);

  /// Machine `m` took `lot` to work on: its wait at the step ends (arrival to this moment).
  void lot_started(const Lot& lot, const Machine& m);
  /// A machine passed `lot` on (to the next step, a carrier or the sink): its time at the step
  /// ends. Scrapped and rejected lots never pass on and are not counted.
  void lot_passed_on(const Lot& lot);

  void count_output();
  void count_defect() { ++defects_; }
  void count_changeover() { ++changeovers_; }
  /// Wages (plain, currency) of the workers its machines held, charged when they go back.
  void add_operator_cost(double cost) { operator_cost_ += cost; }
  /// Up to `now_s`, the workers still held included.
  double operator_cost(double now_s) const;
  std::int64_t changeovers() const { return changeovers_; }
  /// The changeover from product `from` to product `to`, or nullptr when none is needed.
  const core::Distribution* changeover_time(std::uint32_t from, std::uint32_t to) const;
  /// An inspection judged a lot (defective or not) and rejected it or let it pass.
  void count_inspection(bool defective, bool rejected);
  /// An inspection rejected `lot`: scrap, or rework at the step the routing names.
  void reject(Lot& lot);
  /// Every good lot finished here is also reported to `monitor` (time to recover after outages).
  void report_output_to(RecoveryMonitor* monitor) { recovery_ = monitor; }
  void count_scrap() { ++scrap_; }
  void count_robot_failure() { ++robot_failures_; }
  std::int64_t robot_failures() const { return robot_failures_; }
  void reset_statistics(double now_s) {
    output_ = scrap_ = robot_failures_ = 0;
    defects_ = inspected_ = rejected_defective_ = rejected_good_ = passed_defective_ = rework_ = 0;
    changeovers_ = 0;
    operator_cost_ = 0.0;
    for (auto& m : machines_)
      m->restart_operator_clock(now_s);
    inspection_cost_ = 0.0;
    matching_wait_sum_s_ = 0.0;
    matched_parts_ = 0;
    for (auto& part : parts_) {
      part.buffer.reset_statistics(now_s);
      part.matching_wait_sum_s = 0.0;
      part.matched = 0;
    }
    buffer_.reset_statistics(now_s);
    all_busy_.reset(now_s);
    capital_spent_ = depreciation_ = maintenance_ = 0.0;
    costs_since_s_ = now_s;
    energy_kws_at_reset_ = energy_kws(now_s);
  }
  double buffer_mean(double now_s) const;

  // Waits and times at the step are measured from the observations (FlowRecorder). An
  // assembly's parts always wait for their kit, a batch group's lots for their batch.
  /// Fraction of time no machine of the group was idle.
  double all_busy_fraction(double now_s) const { return all_busy_.mean(now_s); }
  /// Mean time (s) a part waited in an assembly's input buffers for the rest of its kit, over
  /// the parts consumed since the last reset (NaN if none; not an assembly: NaN).
  double matching_wait_mean() const;
  bool assembles() const { return !parts_.empty(); }
  /// An assembly's part buffers, in the bill of materials' order (none otherwise); `products`
  /// names the parts.
  std::vector<PartBufferResult> part_buffers(double now_s,
                                             const std::vector<scenario::ProductSpec>& products) const;

  const std::string& name() const { return spec_.name; }
  std::uint32_t index() const { return index_; }
  std::int32_t observed_index() const { return static_cast<std::int32_t>(index_); }
  const scenario::StationGroupSpec& spec() const { return spec_; }
  std::int64_t machine_count() const { return static_cast<std::int64_t>(machines_.size()); }
  const Machine& machine(std::size_t i) const { return *machines_[i]; }
  std::int64_t output() const { return output_; }
  std::int64_t scrap() const { return scrap_; }
  std::int64_t buffer_level() const { return buffer_.size(); }
  std::int64_t buffer_capacity() const { return buffer_.capacity(); }

  // The active automation mode's parameters.
  const StationMode& mode() const { return modes_[active_mode_]; }
  const core::Distribution& process_time() const { return mode().process_time(); }
  const core::Distribution& process_time(std::uint32_t product) const { return mode().process_time(product); }
  const core::Distribution* setup_time() const { return mode().setup_time(); }
  std::int64_t setup_every() const { return mode().setup_every(); }
  const FailureModel* failure_model(std::size_t clock) const { return mode().failure_model(clock); }
  /// Failure clocks a machine needs under any of the group's modes.
  std::size_t failure_clocks() const;
  const scenario::OperatorSpec* operators() const { return mode().operators(); }
  /// The skill of the active mode's operators (meaningful when operators() is not null).
  SkillId operator_skill() const { return mode().operator_skill(); }
  /// The step `lot` is at here: its scrap, defects and reject rule.
  const scenario::StepSpec& step_of(const Lot& lot) const;
  /// The active mode's inspection, or nullptr when this group does not inspect now.
  const scenario::InspectionSpec* inspection() const {
    return mode().spec().inspection ? &*mode().spec().inspection : nullptr;
  }
  const std::optional<scenario::BatchSpec>& batch() const { return batch_; }

  // Quality counts since the last reset (lots) and the inspection's per-lot cost (currency).
  std::int64_t defects() const { return defects_; }
  std::int64_t inspected() const { return inspected_; }
  std::int64_t rejected_defective() const { return rejected_defective_; }
  std::int64_t rejected_good() const { return rejected_good_; }
  std::int64_t passed_defective() const { return passed_defective_; }
  std::int64_t rework() const { return rework_; }
  double inspection_cost() const { return inspection_cost_; }

  /// Switches every machine to another mode (roll-out); work in progress finishes as started.
  void set_mode(std::size_t mode_index);
  std::size_t mode_index() const { return active_mode_; }
  std::size_t mode_count() const { return modes_.size(); }
  std::int64_t robots() const { return mode().spec().robots_per_machine * machine_count(); }
  /// Whether the active mode stops during a control-tower outage.
  bool halted_by_tower() const;
  /// The control tower went down or came back.
  void tower_changed();
  /// A machine changes state: the group's power follows (called before the change is recorded).
  void power_changed(MachineState from, MachineState to) {
    if (powered_)
      change_power(power_kw(to) - power_kw(from));
  }
  /// kW a machine draws in state `s` under the active mode.
  double power_kw(MachineState s) const;
  /// kWh drawn since the last reset, and since time 0 (for the power time series).
  double energy_kwh(double now_s) const { return (energy_kws(now_s) - energy_kws_at_reset_) / 3600.0; }
  double energy_kws(double now_s) const { return power_.integral(now_s); }
  /// Capital spent on mode changes, depreciation and maintenance since the last reset (currency).
  double capital_spent() const { return capital_spent_; }
  double depreciation(double now_s) const;
  double maintenance(double now_s) const;

private:
  void pull_from_upstream();
  /// An inbound transport with a carrier waiting to unload here, or nullptr.
  Transport* inbound_with_delivery() const;
  /// A machine starts new lots from a saturated source (a full batch for a batch group).
  void start_from_source(Machine& m);
  bool batch_ready() const;
  void start_batch(Machine& m);
  /// Idle machines start every batch that is ready.
  void try_batches();
  void arm_batch_timer();
  // Assembly.
  struct PartInput {
    std::size_t product;
    std::int64_t quantity;
    Buffer buffer;
    std::deque<Machine*> blocked;
    double matching_wait_sum_s = 0.0; // since the last reset
    std::int64_t matched = 0;
  };
  PartInput& part_for(const Lot& lot);
  const PartInput& part_for(const Lot& lot) const;
  bool kit_ready() const;
  void start_kit(Machine& m);
  void try_kits();

  /// `lot` arrives at the step now; `waits`: it goes into a buffer rather than onto a machine.
  void arrive(Lot& lot, bool waits);
  /// Keeps the all-busy fraction: call after every change to idle_.
  void idle_changed();

  void accumulate_costs(double now_s);
  void change_power(double delta_kw);

  PlantContext& context_;
  LotRouter& router_;
  Workforce& workforce_;
  std::uint32_t index_;
  const scenario::StationGroupSpec& spec_;
  const scenario::StepSpec& step_;
  std::optional<scenario::BatchSpec> batch_;
  std::vector<PartInput> parts_; // an assembly's inputs, in the bill of materials' order
  std::vector<Lot> kit_;         // reused when a kit is taken
  double matching_wait_sum_s_ = 0.0;
  std::int64_t matched_parts_ = 0;
  std::vector<Lot> batch_lots_; // reused when a batch starts
  kernel::TimerHandle batch_timer_;
  bool batch_timer_pending_ = false;
  double batch_timer_at_ = 0.0;
  std::vector<StationMode> modes_;
  std::size_t active_mode_;
  bool saturated_source_;
  Buffer buffer_;
  std::vector<std::unique_ptr<Machine>> machines_;
  std::deque<Machine*> idle_;
  std::deque<Machine*> blocked_upstream_;
  std::vector<Transport*> inbound_; // bring lots here from the steps before
  RecoveryMonitor* recovery_ = nullptr;
  std::int64_t output_ = 0;
  std::int64_t scrap_ = 0;
  std::int64_t robot_failures_ = 0;
  std::int64_t defects_ = 0;
  std::int64_t changeovers_ = 0;
  double operator_cost_ = 0.0;
  std::optional<core::Distribution> changeover_default_;
  std::vector<std::tuple<std::uint32_t, std::uint32_t, core::Distribution>> changeover_pairs_;
  std::int64_t inspected_ = 0;
  std::int64_t rejected_defective_ = 0;
  std::int64_t rejected_good_ = 0;
  std::int64_t passed_defective_ = 0;
  std::int64_t rework_ = 0;
  double inspection_cost_ = 0.0;
  double capital_spent_ = 0.0; // currency, since the last reset
  double depreciation_ = 0.0;  // currency, accumulated up to costs_since_s_
  double maintenance_ = 0.0;   // currency, accumulated up to costs_since_s_
  double costs_since_s_ = 0.0;
  bool powered_ = false;     // some mode draws power
  core::TimeWeighted power_; // kW of all machines; never reset: its integral is kW x s since time 0
  double energy_kws_at_reset_ = 0.0;
  core::TimeWeighted all_busy_; // 1 while no machine is idle
};

} // namespace gigatwin::plant
