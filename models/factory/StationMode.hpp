#pragma once
// StationMode: one automation mode of a station group, ready to simulate — the samplers of its
// process, setup, failure and repair times (s), its operators, robots per machine and costs.
// A group without modes in its scenario gets one manual mode made of its own keys.

#include "ScenarioSpec.hpp"

#include "Distribution.hpp"

#include <optional>
#include <string_view>
#include <vector>

namespace gigatwin::models {

class StationMode {
public:
  explicit StationMode(const ModeSpec& spec);

  /// The group's modes as given, or its single implicit manual mode.
  static std::vector<ModeSpec> modes_of(const StationGroupSpec& group);

  const ModeSpec& spec() const { return spec_; }
  const engine::Distribution& process_time() const { return process_time_; }
  const engine::Distribution* setup_time() const { return setup_time_ ? &*setup_time_ : nullptr; }
  std::int64_t setup_every() const { return spec_.setup ? spec_.setup->every_lots : 1; }
  bool failures() const { return time_to_failure_.has_value(); }
  FailureBasis failure_basis() const {
    return spec_.failures ? spec_.failures->basis : FailureBasis::operating;
  }
  const engine::Distribution* time_to_failure() const {
    return time_to_failure_ ? &*time_to_failure_ : nullptr;
  }
  const engine::Distribution* time_to_repair() const { return time_to_repair_ ? &*time_to_repair_ : nullptr; }
  const OperatorSpec* operators() const { return spec_.operators ? &*spec_.operators : nullptr; }

private:
  ModeSpec spec_;
  engine::Distribution process_time_;
  std::optional<engine::Distribution> setup_time_;
  std::optional<engine::Distribution> time_to_failure_;
  std::optional<engine::Distribution> time_to_repair_;
};

} // namespace gigatwin::models
