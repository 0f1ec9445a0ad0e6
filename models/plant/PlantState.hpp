#pragma once
// PlantState: the plant at one moment, enough to simulate on from there — the clock, every lot
// with its place (a buffer, a machine, a carrier), every machine's state with the time it has
// been in it and the time left where known, and the workers on shift. Taken from a simulation
// (Factory::capture_state) or kept from a plant's events (the live twin); read and written as
// JSON by plantdata/PlantStateFile. Times in s of the scenario's clock (time 0 is a Monday 00:00).
//
// Indices name station groups (ScenarioSpec::station_groups), machines, steps, products and
// pools as the scenario has them (the file names them). A time left that is unknown is NaN: the restart draws
// it, conditioned on the time already spent where that is known (see Factory::start_from).

#include "plant/Lot.hpp"
#include "plant/MachineState.hpp"

#include <cmath>
#include <cstdint>
#include <limits>
#include <string>
#include <vector>

namespace gigatwin::plant {

inline constexpr double unknown_time = std::numeric_limits<double>::quiet_NaN();

/// Where a lot is.
enum class LotPlace : std::uint8_t {
  buffer,  ///< waiting in front of its step (an assembly's: in its part's buffer)
  machine, ///< on a machine: being worked on, waiting for it to resume, or finished and blocked
  carrier  ///< on a carrier (AGV, conveyor) heading for its step
};

struct LotState {
  std::uint64_t id = 0;
  std::uint32_t product = 0; ///< index into the scenario's products
  std::uint32_t step = 0;    ///< the step it is at, or heading to once finished (a blocked lot's next)
  LotPlace place = LotPlace::buffer;
  std::uint32_t group = 0;   ///< the scenario's station group of its buffer, machine or carrier's destination
  std::uint32_t machine = 0; ///< within the group, when place is machine
  double entry_s = 0.0;      ///< entered the line (cycle times count from here)
  double created_s = 0.0;    ///< came into being (released, split or assembled)
  double arrived_s = 0.0;    ///< arrived at its step
  double buffered_s = 0.0;   ///< entered the buffer it waits in (a batch's time-out counts from here)
  bool defective = false;
  bool reworked = false;
};

inline LotState lot_state(const Lot& lot, LotPlace place, std::uint32_t group, std::uint32_t machine = 0) {
  return LotState{.id = lot.id,
                  .product = lot.product,
                  .step = lot.step,
                  .place = place,
                  .group = group,
                  .machine = machine,
                  .entry_s = lot.entry_s,
                  .created_s = lot.created_s,
                  .arrived_s = lot.arrived_s,
                  .buffered_s = lot.buffered_s,
                  .defective = lot.defective,
                  .reworked = lot.reworked};
}

inline Lot lot_of(const LotState& s) {
  Lot lot;
  lot.id = s.id;
  lot.entry_s = s.entry_s;
  lot.created_s = s.created_s;
  lot.buffered_s = s.buffered_s;
  lot.arrived_s = s.arrived_s;
  lot.defective = s.defective;
  lot.reworked = s.reworked;
  lot.product = s.product;
  lot.step = s.step;
  return lot;
}

/// One failing part of a machine (index 0: the machine, k: its k-th robot).
struct PartState {
  bool in_repair = false;
  double repair_elapsed_s = 0.0;       ///< in repair for this long (when in_repair)
  double repair_left_s = unknown_time; ///< known time left of the repair
  double failure_in_s =
      unknown_time; ///< known time (calendar or operating, as the basis) to its next failure
};

struct MachineSnapshot {
  std::uint32_t group = 0;
  std::uint32_t machine = 0; ///< within the group
  MachineState state = MachineState::idle;
  double in_state_s = 0.0; ///< time since it entered `state`
  /// The work in hand: a setup or processing under way, paused (down, halted, waiting for
  /// workers) or finished (blocked: its lots are finished and wait for the next step).
  enum class Work : std::uint8_t { none, setup, process, finished } work = Work::none;
  double work_left_s = unknown_time; ///< of the setup or processing; NaN: drawn (see work_done_s)
  /// Time the setup or processing has already run, when its time left is unknown: the time left
  /// is then drawn given that (X - e given X > e).
  double work_done_s = 0.0;
  std::int64_t lots_since_setup = -1; ///< -1: unknown (the next lot is set up as at time 0)
  std::int32_t last_product = -1;     ///< product of the last lots started (changeovers); -1 none
  std::vector<PartState> parts;       ///< empty: no failure clock known
};

struct PoolState {
  std::uint32_t pool = 0; ///< index into the scenario's worker pools
  std::int64_t on_shift = 0;
};

struct PlantState {
  double time_s = 0.0; ///< the scenario's clock
  std::vector<LotState> lots;
  std::vector<MachineSnapshot> machines; ///< machines not listed are idle and up
  std::vector<PoolState> pools;          ///< as seen; shifts follow the calendars from time_s
};

} // namespace gigatwin::plant
