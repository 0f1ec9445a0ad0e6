#pragma once
// A cheap pre-scan of YAML text that finds nesting too deep to hand to a recursive parser.
// yaml-cpp descends one C++ stack frame per nesting level; 100000 '[' characters would
// overflow the stack before its own guard trips under a sanitizer. The scan over-estimates
// rather than under-estimates depth, so it may refuse absurd-but-legal text, never accept a
// stack overflow.

#include <optional>
#include <string_view>

namespace gigatwin::models {

struct NestingExcess {
  int line;   ///< 1-based
  int column; ///< 1-based
};

/// The first place where the estimated nesting depth exceeds `max_depth`, if any. The estimate
/// adds, per line: the number of open block indentation levels, the compact indicators at the
/// line's start (`- - x` nests twice), and the open flow brackets `[` `{` (outside comments).
std::optional<NestingExcess> find_excess_nesting(std::string_view text, int max_depth);

} // namespace gigatwin::models
