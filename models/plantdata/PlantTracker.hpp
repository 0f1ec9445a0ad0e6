#pragma once
// PlantTracker: the plant's state now, kept from its events as they come (the live twin, a
// backtest) — where every lot is, what every machine is doing and since when, the workers on
// shift — so that a forecast can start from it (plant/PlantState.hpp). It reads events in the
// plant-log schema (docs/EVENTS.md) with the names the scenario uses; the time of an event is
// its log time less `origin_s` (the log time of the scenario's time 0).
//
// What a log cannot tell is left to the restart to draw: the time left of work and repairs (given
// how long they have lasted), failure clocks. An event that does not fit the scenario (a group,
// product or machine it does not have) or the state (a lot finishing that never started) is
// counted by reason and otherwise ignored: it never corrupts the state. Events may come a little
// out of order across machines: the clock never goes back.

#include "plant/PlantState.hpp"
#include "plantdata/PlantLog.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <deque>
#include <functional>
#include <map>
#include <string>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace gigatwin::plantdata {

class PlantTracker {
public:
  PlantTracker(const scenario::ScenarioSpec& spec, double origin_s);

  /// One event, its names looked up in `log`'s tables.
  void apply(const LogEvent& event, const PlantLog& log);

  /// The state at `at_s` (no earlier than the latest event's time, which is the default).
  plant::PlantState state(double at_s = -1.0) const;
  /// Whether an event at `t` can be applied: no more than 7 days after the latest (one event
  /// from the far future would stop the clock there for good).
  bool plausible(double t) const;
  static constexpr double max_jump_s = 7 * 86400.0;
  /// Times beyond this (3,000 years) are out of range.
  static constexpr double max_time_s = 1e11;
  /// The latest event's time on the scenario's clock, s (-inf before any).
  double now_s() const { return now_s_; }
  std::int64_t events_applied() const { return applied_; }
  /// Events ignored, by reason ("unknown station group", ...).
  const std::map<std::string, std::int64_t>& ignored() const { return ignored_; }
  /// Lots forgotten because another lot started on their machine: their leaving was lost.
  std::int64_t lots_lost() const { return lots_lost_; }
  /// Good lots out of the line (lot_completed) since the first event.
  std::int64_t completed() const { return completed_; }
  /// Lots in the plant now.
  std::size_t lots() const { return lots_.size(); }
  /// The earliest last repair among group `group`'s machines that are up now and have been
  /// repaired since the first event (+inf: none): every time between failures that began before
  /// it has been seen.
  double earliest_open_interval(std::uint32_t group) const;

  /// Everything the tracker holds, for the live twin's checkpoint: lots by the log's names (the
  /// ids of `log`, whose tables a restarted twin builds anew), machines with their clocks, what it
  /// counted. Not a PlantState: that drops what only the tracker needs (a lot finished on its
  /// machine, the lots that left lately, how machines' names were numbered).
  nlohmann::json checkpoint(const PlantLog& log) const;
  /// Takes back a checkpoint of a tracker of the same scenario, interning its names in `log`.
  /// Throws std::runtime_error naming the key (`lots[3].group`) of anything that does not fit
  /// this scenario; the tracker is then unchanged.
  void resume(const nlohmann::json& checkpoint, PlantLog& log);

  /// A process time seen whole (its machine did nothing else between start and finish): the
  /// group (the scenario's index), the product, the seconds. Called as the lot finishes.
  std::function<void(std::uint32_t group, std::uint32_t product, double seconds)> on_process_time;
  /// A machine of `group` was repaired after `seconds` down.
  std::function<void(std::uint32_t group, double seconds)> on_repair_time;
  /// A machine of `group` broke down `calendar_s` after its last repair, having worked (setup or
  /// busy) `operating_s` of that time.
  std::function<void(std::uint32_t group, double calendar_s, double operating_s)> on_time_between_failures;

private:
  struct Lot {
    plant::LotState state;
    bool finished = false; // on its machine, done there
    bool pending = false;  // made by an assembly, not yet on its machine
  };
  struct Machine {
    plant::MachineState state = plant::MachineState::idle;
    double since_s = 0.0;
    double work_since_s = 0.0;         // the running lot's start, or the last time it began working again
    bool clean = false;                // nothing but work since the lot started (its time is a process time)
    double up_since_s = -1.0;          // last repair's end (-1: unknown)
    double operating_s = 0.0;          // worked (setup or busy) since then
    std::vector<std::int32_t> holding; // the log's ids of the lots on it
  };
  void ignore(const std::string& reason) { ++ignored_[reason]; }
  /// The lot (the log's id) is no longer on a machine, if it was.
  void off_machine(std::int32_t log_id, const plant::LotState& lot);
  /// Forgets a lot: it left the plant.
  void drop(std::int32_t log_id);
  /// Keeps the last lots that left, so that their leaving delivered twice counts once.
  void remember_left(std::int32_t log_id);
  static constexpr std::size_t remembered_left = 4096;
  std::unordered_set<std::int32_t> left_;
  std::deque<std::int32_t> left_order_;
  /// The scenario's index of a name in the log (-1: none of the scenario's).
  std::int32_t product_of(const LogEvent& e, const PlantLog& log);
  std::int32_t group_of(const LogEvent& e, const PlantLog& log);
  /// The machine's index in its group: `<group>/<n>` names n; other names are numbered in the
  /// order they come. -1 when beyond the group's machines.
  std::int32_t machine_of(const LogEvent& e, const PlantLog& log, std::uint32_t group);
  /// The step of `product` done at `group` (-1: none).
  std::int32_t step_at(std::uint32_t product, std::uint32_t group) const;
  bool assembles(std::uint32_t group) const;
  /// The step `lot` is at when it is at `group` (-1: none there).
  std::int32_t step_here(const plant::LotState& lot, std::uint32_t group) const;
  /// The step after `step` in its product's routing, or sink_step.
  std::uint32_t next_step(std::uint32_t step) const;

  const scenario::ScenarioSpec& spec_;
  double origin_s_;
  double now_s_;
  std::vector<std::size_t> next_;                                            // per step
  std::map<std::pair<std::uint32_t, std::uint32_t>, std::uint32_t> step_at_; // (product, group) -> step
  std::unordered_map<std::int32_t, Lot> lots_;                               // by the log's lot id
  std::vector<std::vector<Machine>> machines_;                               // per group, per machine
  std::map<std::pair<std::uint32_t, std::string>, std::int32_t> machine_names_;
  std::vector<std::int32_t> machines_named_;                                 // per group: numbered so far
  std::vector<bool> used_group_;                                             // per group: some step uses it
  std::vector<bool> assembly_group_;                                         // per group: it assembles
  std::unordered_map<std::int32_t, std::int32_t> products_, groups_, pools_; // log name id -> index
  std::vector<std::int64_t> on_shift_;
  /// A lot keeps its number when the log names it by one (as the simulator does), unless another
  /// lot in the plant has it; other lots are numbered after the largest number seen.
  std::uint64_t next_id_ = 0;
  std::unordered_map<std::int32_t, std::uint64_t> ids_;  // the log's lot id -> the state's
  std::unordered_map<std::uint64_t, std::int32_t> used_; // the state's ids in use
  std::int64_t applied_ = 0;
  std::int64_t completed_ = 0;
  std::int64_t lots_lost_ = 0;
  std::map<std::string, std::int64_t> ignored_;
};

} // namespace gigatwin::plantdata
