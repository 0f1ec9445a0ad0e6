#pragma once
// ExtendsResolver: a scenario may say `extends: base.yaml` (relative to its own folder) to start
// from another scenario and change only what differs. The resolver reads the chain of bases
// (a base may extend another; at most ScenarioLimits::max_extends_depth of them, no cycles) and
// merges each file over its base: maps key by key, recursively (but a distribution map that names
// its `dist` replaces the base's whole); the top-level named lists
// (station_groups, worker_pools, calendars) item by item by `name` — an item with a new name is
// appended, one with `remove: true` drops the base's item —; every other value, sequences
// included, replaces the base's. Nodes keep the position of the file that wrote them, so a
// diagnostic about a key from a base names that base file (DiagnosticLog::add_file).

#include "scenario/Diagnostic.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/YamlTree.hpp"

#include <cstddef>
#include <string>
#include <vector>

namespace gigatwin::scenario {

class ExtendsResolver {
public:
  explicit ExtendsResolver(DiagnosticLog& log) : log_(log), reader_(log) {}

  /// `root`, the scenario as parsed, merged over its bases, without its `extends` key. `dir`
  /// is the folder its `extends` path is relative to; `file_path` the scenario's own file ("" for
  /// text), so that a chain coming back to it is reported as a cycle. Problems are recorded in
  /// the log; the tree returned is then incomplete.
  TreeNode resolve(TreeNode root, const std::string& dir, const std::string& file_path);

  /// The folders of the base files read, in origin order (-1 first): their CSV paths are
  /// relative to them.
  const std::vector<std::string>& base_file_dirs() const { return base_file_dirs_; }

private:
  struct Link {
    std::string identity; ///< canonical path, "" when unknown (scenario text)
    std::string label;    ///< as named in diagnostics
  };

  TreeNode resolve_chain(TreeNode tree, const std::string& dir, std::vector<Link>& chain);
  void merge_map(TreeNode& base, TreeNode& overlay, const std::string& path, bool top_level);
  void merge_named(TreeNode& base, TreeNode& overlay, const std::string& path);
  /// `remove:` in a file that extends nothing has nothing to drop.
  void check_no_remove(TreeNode& root);

  DiagnosticLog& log_;
  FieldReader reader_;
  std::vector<std::string> base_file_dirs_;
  std::size_t nodes_ = 0; ///< YAML nodes read so far, all files of the chain
};

} // namespace gigatwin::scenario
