#pragma once
// Observation: one thing that happened in the plant, as the components report it to whoever
// listens (the FlowRecorder always; a PlantObserver such as the event trace when set). An observation is a
// plain record of ids, not names: the lot's id, the product's, step's and station group's index in the
// scenario, the machine's id (its index among all machines, in station-group order), the worker pool's index.
// A field that does not apply holds `none`. Time in s of simulated time. docs/EVENTS.md is the schema as a
// user reads it; the names below are the ones written there.

#include "scenario/TraceSpec.hpp"

#include <cstddef>
#include <cstdint>

namespace gigatwin::plant {

enum class ObservationKind : std::uint8_t {
  lot_released,     ///< a lot entered the line from its source
  lot_arrived,      ///< at a step: into its buffer (count 1: it waits) or straight onto a machine (count 0)
  lot_started,      ///< a machine took it (its wait at the step ends)
  lot_finished,     ///< processed and judged good at its step
  lot_blocked,      ///< finished, but the next step or its carrier cannot take it: it stays on the machine
  lot_moved,        ///< passed on from its step: to the next step, a carrier or out of the line
  lot_completed,    ///< left the line as good output (counts as output)
  lot_scrapped,     ///< left the line as scrap
  lot_reworked,     ///< rejected by an inspection and sent back to step `step`
  lot_consumed,     ///< left the line into a split (count: lots made of it) or an assembly (related_lot)
  lot_created,      ///< made by a split (related_lot: the lot split) or an assembly (count: its parts)
  machine_state,    ///< a machine changed to `state` (every machine starts idle at time 0)
  workers_on_shift, ///< a pool's workers on shift changed to `count`
  workers_held,     ///< `count` workers of `pool` were taken by `machine`
  workers_released, ///< `count` workers of `pool` went back from `machine`
  carrier_departed, ///< a carrier (`machine`: its index in the transport) left with `count` lots for `step`
  carrier_arrived,  ///< it reached `step` with `count` lots on board
};
inline constexpr std::size_t observation_kind_count = 17;
// The names are the trace's (the scenario's `trace.kinds`): one list, in the scenario layer.
inline constexpr const auto& observation_kind_names = scenario::trace_kind_names;
static_assert(scenario::trace_kind_names.size() == observation_kind_count);

struct Observation {
  static constexpr std::int32_t none = -1;
  double time_s = 0.0;
  ObservationKind kind = ObservationKind::lot_released;
  std::int64_t lot = none; ///< the lot's id, unique in a run
  std::int32_t product = none;
  std::int32_t step = none;
  std::int32_t group = none;   ///< station group, in the order of the run's stations table
  std::int32_t machine = none; ///< machine id; a carrier's index for carrier events
  std::int32_t state = none;   ///< machine_state: index into machine_state_names
  std::int32_t pool = none;
  std::int64_t count = 0;
  /// lot_consumed by an assembly: the lot it went into; lot_created by a split: the lot split.
  std::int64_t related_lot = none;
  // The lot as it was (lot events only), for recorders that measure times: not in the trace,
  // which a reader can follow lot by lot instead.
  double lot_entry_s = 0.0;   ///< when it (or, assembled, its first part) entered the line
  double lot_created_s = 0.0; ///< when this lot came into being (released, split or assembled)
  double lot_arrived_s = 0.0; ///< when it arrived at the step it is at
  bool lot_defective = false;
  bool lot_reworked = false;
};

/// Receives every observation of a run as it happens. It must not change the plant.
class PlantObserver {
public:
  virtual ~PlantObserver() = default;
  virtual void observe(const Observation& observation) = 0;
};

} // namespace gigatwin::plant
