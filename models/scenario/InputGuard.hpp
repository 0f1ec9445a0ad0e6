#pragma once
// Guards between untrusted bytes and the YAML parser. A cheap pre-scan finds nesting too deep
// to hand to a recursive parser: yaml-cpp descends one C++ stack frame per nesting level, and
// 100000 '[' characters would overflow the stack before its own guard trips under a sanitizer.
// The scan over-estimates rather than under-estimates depth, so it may refuse absurd-but-legal
// text, never accept a stack overflow. Files are read with a size cap, so that /dev/zero or a
// runaway file cannot exhaust memory.

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace gigatwin::scenario {

struct NestingExcess {
  int line;   ///< 1-based
  int column; ///< 1-based
};

/// The first place where the estimated nesting depth exceeds `max_depth`, if any. The estimate
/// adds, per line: the number of open block indentation levels, the compact indicators at the
/// line's start (`- - x` nests twice), and the open flow brackets `[` `{` (outside comments).
std::optional<NestingExcess> find_excess_nesting(std::string_view text, int max_depth);

/// A file's text, read with a size cap. `error` is empty on success, else a reason
/// ("No such file or directory").
struct BoundedText {
  std::string text;
  bool too_large = false; ///< more than the cap; `text` is then incomplete
  std::string error;
};

/// Reads at most `max_bytes` (+1 to detect excess). `regular_only` refuses devices, pipes and
/// folders (a FIFO without a writer would block forever).
BoundedText read_bounded(const std::string& path, std::size_t max_bytes, bool regular_only);

} // namespace gigatwin::scenario
