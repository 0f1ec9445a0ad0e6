#pragma once
// PlantContext: what every component of the plant needs besides its own spec — the clock (the
// kernel, simulated s), the scenario, the run's identity for its random streams (seed,
// replication), the record of machine states, whether the control tower is down, and the one
// observer of what happens. Components get this, not the whole Factory: what they may reach is
// what is here, the LotRouter and the Workforce.

#include "plant/FlowRecorder.hpp"
#include "plant/Lot.hpp"
#include "plant/Observation.hpp"

#include "kernel/Kernel.hpp"
#include "kernel/StateRecorder.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>

namespace gigatwin::plant {

class PlantContext {
public:
  PlantContext(kernel::Kernel& kernel, const scenario::ScenarioSpec& spec, std::uint64_t seed,
               std::int64_t replication, std::uint8_t machine_states)
      : kernel_(kernel), spec_(spec), seed_(seed), replication_(replication), recorder_(machine_states) {}
  PlantContext(const PlantContext&) = delete;
  PlantContext& operator=(const PlantContext&) = delete;

  kernel::Kernel& kernel() const { return kernel_; }
  const scenario::ScenarioSpec& spec() const { return spec_; }
  double horizon() const { return spec_.horizon_s; }
  std::uint64_t seed() const { return seed_; }
  std::int64_t replication() const { return replication_; }
  kernel::StateRecorder& recorder() { return recorder_; }
  const kernel::StateRecorder& recorder() const { return recorder_; }

  /// Set by the control tower as outages begin and end (never down without one).
  bool control_tower_down() const { return tower_down_; }
  void set_control_tower_down(bool down) { tower_down_ = down; }

  /// Every observation goes to the flow recorder and to `observer` (nullptr, the default: none).
  void set_observer(PlantObserver* observer) { observer_ = observer; }
  /// Whether an observer other than the built-in recorders listens (observations only they
  /// would see need not be built).
  bool observed() const { return observer_ != nullptr; }
  void observe(const Observation& observation) {
    flow_.observe(observation);
    if (observer_)
      observer_->observe(observation);
  }
  FlowRecorder& flow() { return flow_; }
  const FlowRecorder& flow() const { return flow_; }
  /// `lot` at station group `group` (Observation::none: none), on machine `machine`.
  template <ObservationKind kind>
  void observe_lot(const Lot& lot, std::int32_t group, std::int32_t machine = Observation::none,
                   std::int64_t count = 0, std::int64_t related_lot = Observation::none) {
    // The kind is known where the lot event happens, so the recorder's code for it is all that
    // runs. Built twice rather than once and shared: the recorder's copy never leaves inlined
    // code and is taken apart by the compiler (a lot event costs what the recorder reads); the
    // observer's is built only when there is one.
    flow_.record<kind>(lot_observation(kind, lot, group, machine, count, related_lot));
    if (observer_)
      observer_->observe(lot_observation(kind, lot, group, machine, count, related_lot));
  }
  Observation lot_observation(ObservationKind kind, const Lot& lot, std::int32_t group, std::int32_t machine,
                              std::int64_t count, std::int64_t related_lot) const {
    return Observation{.time_s = kernel_.now(),
                       .kind = kind,
                       .lot = static_cast<std::int64_t>(lot.id),
                       .product = static_cast<std::int32_t>(lot.product),
                       .step = step_field(lot.step),
                       .group = group,
                       .machine = machine,
                       .count = count,
                       .related_lot = related_lot,
                       .lot_entry_s = lot.entry_s,
                       .lot_created_s = lot.created_s,
                       .lot_arrived_s = lot.arrived_s,
                       .lot_defective = lot.defective,
                       .lot_reworked = lot.reworked};
  }
  /// A step as observations name it: sink_step is none.
  static std::int32_t step_field(std::uint32_t step) {
    return step == sink_step ? Observation::none : static_cast<std::int32_t>(step);
  }

private:
  kernel::Kernel& kernel_;
  const scenario::ScenarioSpec& spec_;
  std::uint64_t seed_;
  std::int64_t replication_;
  kernel::StateRecorder recorder_;
  FlowRecorder flow_;
  bool tower_down_ = false;
  PlantObserver* observer_ = nullptr;
};

} // namespace gigatwin::plant
