#pragma once
// SweepLoader: reads a sweep file (YAML) — a base scenario, parameters (scenario key paths with
// lists of values, combined as a grid or zipped), replications and an optional baseline point —
// into the list of points, each a set of `key=value` overrides of the base scenario. Problems
// are reported like a scenario's (file:line:column, key path, expected, found) by throwing
// ScenarioError; the points themselves are checked by loading the scenario with them.

#include "scenario/Diagnostic.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

/// One dimension of a sweep: a key with its values, or several keys that move together (linked,
/// e.g. an "automation level" that sets four groups' modes), optionally with a label per value.
struct SweepParameter {
  std::string name;                              ///< the key, or the linked keys' name
  std::vector<std::string> keys;                 ///< scenario key paths, as for --set
  std::vector<std::vector<std::string>> values;  ///< per key, its values as written
  std::vector<std::vector<SourcePos>> positions; ///< per key, where each value is, for diagnostics
  std::vector<std::string> labels;               ///< per value index (default: the first key's value)
  std::size_t size() const { return labels.size(); }
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
  /// Per point, per parameter: its value's label (for /experiment/points, one column each).
  std::vector<std::vector<std::string>> point_values;
};

/// Reads and checks a sweep file; throws ScenarioError.
SweepSpec load_sweep_file(const std::string& path);

/// Whether the file is a YAML map with a top-level `sweep` key (a sweep file rather than a
/// scenario); false for anything unreadable, which the scenario loader then reports.
bool is_sweep_file(const std::string& path);

} // namespace gigatwin::scenario
