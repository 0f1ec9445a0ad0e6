#pragma once
// SweepLoader: reads a sweep file (YAML) — a base scenario, parameters (scenario key paths with
// lists of values, combined as a grid or zipped), replications and an optional baseline point —
// into the list of points, each a set of `key=value` overrides of the base scenario. Problems
// are reported like a scenario's (file:line:column, key path, expected, found) by throwing
// ScenarioError; the points themselves are checked by loading the scenario with them.

#include "Diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::models {

struct SweepParameter {
  std::string key;                  ///< a scenario key path, as for --set
  std::vector<std::string> values;  ///< as written
  std::vector<SourcePos> positions; ///< of each value, for diagnostics
};

struct SweepSpec {
  std::string path;          ///< the sweep file
  std::string scenario_path; ///< the base scenario, resolved against the sweep file's folder
  std::int64_t replications = 1;
  bool zip = false; ///< values taken side by side instead of every combination
  std::vector<SweepParameter> parameters;
  std::optional<std::size_t> baseline; ///< a point the others are compared with
  /// Per point: its overrides (`key=value`) and where each value was written.
  std::vector<std::vector<std::string>> points;
  std::vector<std::vector<SourcePos>> point_positions;
};

/// Reads and checks a sweep file; throws ScenarioError.
SweepSpec load_sweep_file(const std::string& path);

} // namespace gigatwin::models
