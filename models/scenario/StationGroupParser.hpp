#pragma once
// StationGroupParser: reads one `station_groups[i]` map into a StationGroupSpec — its name and
// machine count, and how it works: either the single-mode keys (process_time, setup, failures,
// operators, control_tower), which make one manual mode, or a `modes` map from mode name
// (manual, robotic, hybrid) to what that mode takes and costs (robots per machine, capital in
// the scenario's currency with its depreciation period, maintenance per hour), with `mode`
// naming the one the group starts in. The group's own process_time, setup, failures and
// operators mirror that initial mode, for code that knows no modes.

#include "scenario/DistributionParser.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/QualityParser.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "scenario/WorkforceParser.hpp"

#include <optional>
#include <string>

namespace gigatwin::scenario {

/// The mode's name as written in `modes` and rollout steps.
std::string_view mode_name(AutomationMode mode);

class StationGroupParser {
public:
  StationGroupParser(FieldReader& reader, DistributionParser& distributions, WorkforceParser& workforce)
      : reader_(reader), distributions_(distributions), workforce_(workforce), quality_(reader) {}

  /// Reads the group at `path`; read after the currency and worker pools (operators and money
  /// refer to them). `modes_complete` is set false when some mode could not be named, so that a
  /// roll-out step naming it is not reported as naming a mode the group lacks.
  StationGroupSpec read(const TreeNode& node, const std::string& path, const ScenarioSpec& spec,
                        bool& modes_complete);

private:
  /// process_time (required), setup, failures and operators of a mode, from `node` (the mode's
  /// map, or the group's map for a group without modes).
  void read_work(const TreeNode& node, const std::string& path, const ScenarioSpec& spec, ModeSpec& mode);
  /// The robots, money and control tower keys of a mode inside `modes`.
  void read_costs(const TreeNode& node, const std::string& path, const std::string& currency, ModeSpec& mode);
  void read_modes(const TreeNode& group_node, const TreeNode& modes, const std::string& path,
                  const ScenarioSpec& spec, const std::string& currency, StationGroupSpec& group,
                  bool& modes_complete);
  std::optional<SetupSpec> read_setup(const TreeNode& node, const std::string& path);
  /// One power (drawn while working) or a map of power per machine state.
  void read_power(const TreeNode& node, const std::string& path, PowerSpec& power);
  /// The group's `changeover` between products (names resolved once the products are read).
  std::optional<ChangeoverSpec> read_changeover(const TreeNode& node, const std::string& path);
  /// `position: {x, y}` (m, any finite numbers).
  std::optional<FloorPosition> read_position(const TreeNode& node, const std::string& path);
  std::optional<FailureSpec> read_failures(const TreeNode& node, const std::string& path);

  FieldReader& reader_;
  DistributionParser& distributions_;
  WorkforceParser& workforce_;
  QualityParser quality_;
};

} // namespace gigatwin::scenario
