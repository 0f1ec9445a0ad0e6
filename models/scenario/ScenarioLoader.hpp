#pragma once
// ScenarioLoader: reads a scenario (schema v1, YAML) into a validated ScenarioSpec. It checks
// everything the schema says before a run can start and reports every problem it finds at
// once, each as file:line:column, key path, expected and found (see Diagnostic). A scenario
// that `extends` a base is merged over it first (ExtendsResolver); overrides
// (`--set key.path=value`) are then applied to the merged YAML, before validation. The loader never
// crashes on malformed input: anything wrong becomes a ScenarioError.

#include "scenario/Diagnostic.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "scenario/Units.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gigatwin::scenario {

/// Loads a scenario file. CSV files named by empirical distributions and the base file it
/// `extends` are relative to the file's folder. `source_path` is `path` as given. Throws ScenarioError.
ScenarioSpec load_scenario_file(const std::string& path, const std::vector<std::string>& overrides = {});

/// Loads scenario text; `file_label` names it in diagnostics, `base_dir` is the folder CSV
/// and `extends` paths are relative to. `source_path` is left empty. Throws ScenarioError.
ScenarioSpec load_scenario_text(const std::string& yaml_text, const std::string& file_label,
                                const std::vector<std::string>& overrides = {},
                                const std::string& base_dir = ".");

/// Limits of the validator beyond the schema's own rules (they guard the simulator against
/// scenarios that would exhaust memory).
struct ScenarioLimits {
  static constexpr std::int64_t max_machines = 1'000'000; ///< per station group
  static constexpr std::int64_t max_replications = 1'000'000;
  static constexpr std::int64_t max_headcount = 1'000'000; ///< per worker pool
  static constexpr std::int64_t max_crews = 1'000;         ///< per calendar
  static constexpr std::int64_t max_robots_per_machine = 1'000'000;
  /// Each failing robot has its own clock and random streams: bound their number per machine.
  static constexpr std::int64_t max_failing_robots_per_machine = 1'000;
  static constexpr int max_extends_depth = 8; ///< bases in one `extends` chain
  static constexpr double max_samples = 1e7;  ///< horizon / sample_interval
};

} // namespace gigatwin::scenario
