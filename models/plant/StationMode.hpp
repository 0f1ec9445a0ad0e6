#pragma once
// StationMode: one automation mode of a station group, ready to simulate — the samplers of its
// process, setup, failure and repair times (s), its operators, robots per machine and costs.
// A machine's failure clocks are numbered: clock 0 is the machine's own breakdowns, clocks
// 1..robots its robots' (each robot of the fleet fails and is repaired on its own).
// A group without modes in its scenario gets one manual mode made of its own keys. A product may
// have its own process time in a mode (`process_time_by_product`).

#include "plant/WorkerPool.hpp"
#include "scenario/ScenarioSpec.hpp"

#include "core/Distribution.hpp"

#include <cstdint>
#include <optional>
#include <string_view>
#include <vector>

namespace gigatwin::plant {

/// Samplers of one failure process: time to failure and time to repair (s).
struct FailureModel {
  core::Distribution time_to_failure;
  core::Distribution time_to_repair;
  scenario::FailureBasis basis;
};

class StationMode {
public:
  /// `operator_skill`: the number of its operators' skill (Workforce::skill_id), if it has operators.
  StationMode(const scenario::ModeSpec& spec, SkillId operator_skill);

  /// The group's modes as given, or its single implicit manual mode.

  const scenario::ModeSpec& spec() const { return spec_; }
  const core::Distribution& process_time() const { return process_time_; }
  /// The process time of a lot of product `product` (its own where the mode gives one).
  const core::Distribution& process_time(std::uint32_t product) const {
    return product < product_times_.size() && product_times_[product] ? *product_times_[product]
                                                                      : process_time_;
  }
  const core::Distribution* setup_time() const { return setup_time_ ? &*setup_time_ : nullptr; }
  std::int64_t setup_every() const { return spec_.setup ? spec_.setup->every_lots : 1; }
  /// The failure process of clock `clock` (0 = the machine, k = its k-th robot), or nullptr
  /// when that clock does not fail in this mode.
  const FailureModel* failure_model(std::size_t clock) const;
  /// Failure clocks a machine needs in this mode (0 without any failures).
  std::size_t failure_clocks() const;
  const scenario::OperatorSpec* operators() const { return spec_.operators ? &*spec_.operators : nullptr; }
  SkillId operator_skill() const { return operator_skill_; }

private:
  scenario::ModeSpec spec_;
  SkillId operator_skill_;
  core::Distribution process_time_;
  std::vector<std::optional<core::Distribution>> product_times_; ///< by product index; none: process_time_
  std::optional<core::Distribution> setup_time_;
  std::optional<FailureModel> machine_failures_;
  std::optional<FailureModel> robot_failures_;
};

} // namespace gigatwin::plant
