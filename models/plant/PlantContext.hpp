#pragma once
// PlantContext: what every component of the plant needs besides its own spec — the clock (the
// kernel, simulated s), the scenario, the run's identity for its random streams (seed,
// replication), the record of machine states, whether the control tower is down, and the one
// observer of what happens. Components get this, not the whole Factory: what they may reach is
// what is here, the LotRouter and the Workforce.

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

  /// Every observation goes to `observer` (nullptr, the default: none; an observation then
  /// costs one test).
  void set_observer(PlantObserver* observer) { observer_ = observer; }
  bool observed() const { return observer_ != nullptr; }
  void observe(const Observation& observation) {
    if (observer_)
      observer_->observe(observation);
  }
  /// `lot` at station group `group` (Observation::none: none), on machine `machine`.
  void observe_lot(ObservationKind kind, const Lot& lot, std::int32_t group,
                   std::int32_t machine = Observation::none, std::int64_t count = 0,
                   std::int64_t related_lot = Observation::none) {
    if (observer_)
      observer_->observe(Observation{.time_s = kernel_.now(),
                                     .kind = kind,
                                     .lot = static_cast<std::int64_t>(lot.id),
                                     .product = static_cast<std::int32_t>(lot.product),
                                     .step = step_field(lot.step),
                                     .group = group,
                                     .machine = machine,
                                     .count = count,
                                     .related_lot = related_lot});
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
  bool tower_down_ = false;
  PlantObserver* observer_ = nullptr;
};

} // namespace gigatwin::plant
