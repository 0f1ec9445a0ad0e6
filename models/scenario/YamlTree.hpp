#pragma once
// YamlTree: the scenario text as a plain tree of maps, sequences and scalars, each node
// remembering where it was written (file or --set override, line, column). The loader parses
// with yaml-cpp once, copies the document into this tree, applies overrides to it and
// validates it. Owning the tree (instead of editing yaml-cpp nodes) keeps anchors from making
// an override change two places at once, and lets override values carry their own positions.

#include "scenario/Diagnostic.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

struct TreeEntry;

struct TreeNode {
  enum class Kind { null, scalar, sequence, map };
  Kind kind = Kind::null;
  std::string scalar;             ///< text of a scalar
  std::vector<TreeNode> items;    ///< elements of a sequence
  std::vector<TreeEntry> entries; ///< entries of a map, in written order
  SourcePos pos;

  const TreeNode* find(std::string_view key) const;
  TreeNode* find(std::string_view key);
};

struct TreeEntry {
  std::string key;
  SourcePos key_pos;
  TreeNode value;
};

/// Limits that keep hostile input from exhausting memory or stack.
struct TreeLimits {
  static constexpr int max_depth = 64;                     ///< nesting of maps and sequences
  static constexpr std::size_t max_nodes = 1'000'000;      ///< nodes after expanding aliases
  static constexpr std::size_t max_text_bytes = 16u << 20; ///< 16 MiB
};

/// Parses one YAML document into a tree. `origin`, `line_override` and `column_offset` place
/// the nodes: for the scenario file origin 0 (a base file it extends: origin < 0) and positions
/// as parsed; for the k-th override
/// origin k, every node on line k and columns shifted by the value's offset in the override.
/// On any problem (size, nesting, syntax, several documents, non-scalar keys, ...) adds
/// diagnostics and returns nullopt. `key_path` prefixes the diagnostics' key paths.
std::optional<TreeNode> parse_yaml_tree(std::string_view text, DiagnosticLog& log, int origin = 0,
                                        int column_offset = 0, const std::string& key_path = "");

/// The text of a YAML input file; unreadable or over TreeLimits::max_text_bytes, that problem is
/// thrown as a ScenarioError naming the file as `what` ("a sweep file").
std::string read_yaml_file(const std::string& path, const std::string& what);
/// Whether `path` holds a YAML map with the top-level key `key` (false for anything unreadable:
/// its loader then says what is wrong).
bool yaml_map_has_key(const std::string& path, std::string_view key);

/// The tree as YAML text (block style), for the results file.
std::string emit_yaml(const TreeNode& root);
/// The value as one line of flow-style YAML (`{dist: exponential, mean: 1min}`), quoted where a
/// plain scalar would read back as something else: the value of a `--set key=value`.
std::string emit_flow_yaml(const TreeNode& node);

/// How a node is described after "found": "'45'", "a map", "a sequence", "nothing".
std::string describe(const TreeNode& node);
/// A scalar quoted for messages, shortened if long, control bytes escaped.
std::string quote(std::string_view text);

} // namespace gigatwin::scenario
