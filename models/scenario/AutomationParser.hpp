#pragma once
// AutomationParser: reads the plant-wide side of automation — the central `control_tower` with
// its scheduled outages (`at`, `for`; no two overlapping) and random outages (time between
// them, duration), and the `rollout` plan of dated mode changes of station groups — into
// ScenarioSpec. The station groups' own modes are read by StationGroupParser; a roll-out step
// is checked against them (the group must exist and have the mode it names).

#include "scenario/DistributionParser.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <string>
#include <vector>

namespace gigatwin::scenario {

class AutomationParser {
public:
  AutomationParser(FieldReader& reader, DistributionParser& distributions)
      : reader_(reader), distributions_(distributions) {}

  /// The top-level `control_tower` map.
  void read_control_tower(const TreeNode& node, ScenarioSpec& spec);
  /// The top-level `rollout` sequence; read after the station groups. `modes_complete[g]` is
  /// false when group g's modes could not all be read, so a mode it lacks may be a mode in error.
  void read_rollout(const TreeNode& node, ScenarioSpec& spec, const std::vector<bool>& modes_complete);

private:
  void read_outages(const TreeNode& node, const std::string& path, ControlTowerSpec& tower);
  std::optional<RandomOutageSpec> read_random(const TreeNode& node, const std::string& path);
  void read_recovery(const TreeNode& node, const std::string& path, const ScenarioSpec& spec,
                     RecoverySpec& recovery);
  std::optional<core::DistributionSpec> positive_mean(const TreeNode& map, const std::string& path,
                                                const std::string& key, std::string_view what);
  std::optional<RolloutStepSpec> read_step(const TreeNode& node, const std::string& path,
                                           const ScenarioSpec& spec, const std::vector<bool>& modes_complete);

  FieldReader& reader_;
  DistributionParser& distributions_;
};

} // namespace gigatwin::scenario
