#pragma once
// Transport: AGVs or a conveyor carrying lots from one step to the next. Carriers are AGVs
// (each takes up to `lots_per_trip` lots, travels, unloads, comes back empty) or the places of
// a conveyor belt (one lot each, no way back). A finished lot waits on its machine (blocked)
// until a carrier is free at the pick-up point; a carrier leaves with the lots waiting there
// as soon as it is full, or when it has waited `max_wait` for more (at once by default); at the
// far end it unloads into the next step while there is room and otherwise waits with its load
// (blocking). While the control tower is down a
// dependent transport stops: trips pause (preempt-resume), nothing is loaded or unloaded.
// Times in s; the carrier-time fractions it reports add up to 1.

#include "plant/Lot.hpp"
#include "plant/Observation.hpp"
#include "plant/PlantState.hpp"
#include "scenario/ScenarioSpec.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"
#include "core/TimeWeighted.hpp"
#include "kernel/Kernel.hpp"

#include <cstdint>
#include <deque>
#include <string>
#include <vector>

namespace gigatwin::plant {

class PlantContext;
class Machine;
class StationGroup;

struct TransportResult;

class Transport {
public:
  /// Carries lots into step `into_step`, done by `to`. `stream` names its random streams.
  Transport(PlantContext& context, const scenario::TransportSpec& spec, StationGroup& to,
            const std::string& stream);

  // The pick-up side, used by the upstream step.
  /// A carrier at the pick-up point can take a lot now.
  bool can_accept() const { return !halted_ && (loading_ != none || !idle_.empty()); }
  /// Loads `lot` onto the carrier at the pick-up point.
  void accept(const Lot& lot);
  /// `m` holds a finished lot waiting for a carrier.
  void add_blocked(Machine* m);
  void remove_blocked(Machine* m);

  // The delivery side, used by the downstream step.
  /// The next step has room again: unload waiting carriers into it.
  void room_downstream();
  /// A carrier waits at the far end with a lot (the next step can take it straight on a machine).
  bool has_delivery() const { return !docked_.empty() && !halted_; }
  Lot take_delivery();

  const StationGroup& to() const { return to_; }
  /// Appends the lots on its carriers now (place carrier, at the group they head for, which
  /// the scenario numbers `to_id`).
  void capture(std::uint32_t to_id, std::vector<LotState>& lots) const;
  /// The control tower went down or came back.
  void tower_changed();
  void reset_statistics(double now_s);
  TransportResult result(double now_s) const;

private:
  enum class Leg : std::uint8_t { idle, loaded, docked, returning };
  struct Carrier {
    Leg leg = Leg::idle;
    std::deque<Lot> load;
    double leg_end_s = 0.0;
    double left_s = 0.0; // of a leg paused by an outage
    kernel::TimerHandle timer;
  };

  bool depends_on_tower() const { return spec_.depends_on_control_tower; }
  static constexpr std::size_t none = static_cast<std::size_t>(-1);
  /// Loads one lot onto the carrier being loaded (taking a free one if needed); sends it off
  /// when full, or at once without max_wait.
  void load(const Lot& lot);
  /// Free carriers take the lots waiting on blocked machines.
  void dispatch();
  /// Hands the lot of the first blocked machine over and frees that machine.
  Lot take_blocked();
  void depart(std::size_t c);
  void start_leg(std::size_t c, Leg leg, double duration_s);
  void arrive(std::size_t c);
  void observe_carrier(ObservationKind kind, std::size_t c);
  /// Takes the first lot off the first docked carrier; an emptied carrier heads back.
  Lot unload_one();
  void unloaded(std::size_t c);
  void back(std::size_t c);
  void count(double now_s);

  PlantContext& context_;
  const scenario::TransportSpec& spec_;
  StationGroup& to_;
  kernel::Kernel& kernel_;
  core::Distribution travel_time_;
  core::Distribution return_time_;
  core::RandomStream travel_rng_;
  core::RandomStream return_rng_;
  std::vector<Carrier> carriers_;
  std::vector<std::size_t> idle_;  // carriers free at the pick-up point
  std::deque<std::size_t> docked_; // carriers waiting to unload, in arrival order
  std::deque<Machine*> blocked_;   // machines holding lots for pick-up, first come first served
  std::size_t loading_ = none;     // the carrier being loaded at the pick-up point
  kernel::TimerHandle wait_timer_; // its max_wait
  bool halted_ = false;

  // Statistics since the last reset.
  std::int64_t trips_ = 0;
  std::int64_t lots_moved_ = 0; // lots unloaded at the far end
  std::int64_t moving_ = 0;     // carriers on a leg (loaded or returning), not paused
  std::int64_t paused_ = 0;     // carriers on a leg paused by an outage
  std::int64_t on_board_ = 0;   // lots on carriers
  core::TimeWeighted moving_tw_;
  core::TimeWeighted docked_tw_;
  core::TimeWeighted paused_tw_;
  core::TimeWeighted on_board_tw_;
};

} // namespace gigatwin::plant
