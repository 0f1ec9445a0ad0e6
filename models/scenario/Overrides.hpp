#pragma once
// Overrides: `--set key.path=value` edits of a scenario, applied to its YamlTree before
// validation so that an overridden value is checked exactly like one written in the file.
// The key path uses dots and indices (`station_groups[1].machines`, `routing.steps[0].buffer`)
// and must name a key the schema knows; the value is parsed as YAML, so flow maps work
// (`station_groups[0].process_time={dist: exponential, mean: 50s}`). A key the schema knows
// but the file omits is created; a sequence index must name an existing element.
// Diagnostics name the file "--set", the override's number as the line and the column within
// the override's text.

#include "scenario/Diagnostic.hpp"
#include "scenario/YamlTree.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

/// One parsed key path step: a map key followed by zero or more sequence indices.
struct OverrideSegment {
  std::string key;
  int column = 1; ///< 1-based column of the key in the override text
  std::vector<std::size_t> indices;
};

/// Splits "a.b[1].c" into segments; nullopt after a diagnostic when malformed.
std::optional<std::vector<OverrideSegment>> parse_override_path(std::string_view path, int ordinal,
                                                                DiagnosticLog& log);

/// Applies override number `ordinal` (1-based) to `root`. On any problem records diagnostics
/// and leaves the tree unchanged.
void apply_override(TreeNode& root, std::string_view text, int ordinal, DiagnosticLog& log);

} // namespace gigatwin::scenario
