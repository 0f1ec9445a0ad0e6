#pragma once
// ScenarioEdits: changes to a scenario made on its tree (what the desktop app's editor does), and
// the two ways of writing an edited scenario down without losing what it was based on:
// - as `--set` overrides over the file it came from (so a run of the edited scenario reads the
//   file, its CSV files and its bases exactly as the command line would, and the results file
//   records what was changed), and
// - as an overlay that `extends` a base (what a scenario that extends another is saved as).
// Trees are compared by content (kinds, keys in order, scalar text), never by where a node was
// written. Nothing here validates a scenario: the loader does that, on the result.

#include "scenario/YamlTree.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

/// Same content, wherever the nodes were written.
bool same_tree(const TreeNode& a, const TreeNode& b);

/// The node at a key path ("station_groups[1].process_time.mean"; "" is the root); nullptr
/// when the path is malformed or names nothing.
const TreeNode* node_at(const TreeNode& root, std::string_view path);
TreeNode* node_at(TreeNode& root, std::string_view path);

/// Removes the node at `path` — a map's key or a sequence's item; false when there is none (the
/// root cannot be removed).
bool remove_at(TreeNode& root, std::string_view path);

/// `tree` with `overrides` applied in order (as `--set` would), or nullopt with the first problem
/// in `problem` (the override's text is in the diagnostic, positions as `--set:N:COLUMN`).
std::optional<TreeNode> with_overrides(TreeNode tree, const std::vector<std::string>& overrides,
                                       std::string* problem = nullptr);

/// `--set` overrides that turn `from` into `to` (applied in order to `from`, they give a tree
/// with the same content as `to`), as fine-grained as the schema's key paths allow
/// (`station_groups[2].machines=16` rather than the whole list). nullopt when overrides cannot
/// say it: a top-level key of `from` is missing from `to` (an override sets, it never removes).
std::optional<std::vector<std::string>> overrides_between(const TreeNode& from, const TreeNode& to);

/// The overlay that, merged over `base` by the rules of `extends` (ExtendsResolver), gives
/// `edited`: the keys that differ, named lists item by item (`remove: true` for a dropped item).
/// Without the `extends` key, which the caller adds. nullopt, with the reason in `why`, when the
/// rules cannot say it: a key of the base removed (other than a named item), or items of a named
/// list reordered (a merge keeps the base's order and appends new items).
std::optional<TreeNode> overlay_over_base(const TreeNode& base, const TreeNode& edited,
                                          std::string* why = nullptr);

/// Renames station group `from` to `to` and every reference to it (routing steps, products'
/// steps and their rework, roll-out steps, the trace's filter). Returns the number of references changed, the
/// group's own name included; 0 when there is no such group.
int rename_station_group(TreeNode& root, const std::string& from, const std::string& to);
/// Removes station group `name` and what refers to it: its steps in the routing and in the
/// products, roll-out steps at it, its name in the trace's filter. Returns the number of those
/// references removed (the group itself not counted); -1 when there is no such group.
int remove_station_group(TreeNode& root, const std::string& name);
/// Renames calendar `from` to `to` and the worker pools that follow it; as above.
int rename_calendar(TreeNode& root, const std::string& from, const std::string& to);

/// A name not yet used by any item of the named list at `list_path`: `stem`, `stem_2`, ...
std::string unused_name(const TreeNode& root, std::string_view list_path, const std::string& stem);

/// A plain scalar node.
TreeNode scalar_node(std::string text);
/// Sets `key` of map `map` (appended when missing); `map` must be a map or null.
void set_entry(TreeNode& map, const std::string& key, TreeNode value);

} // namespace gigatwin::scenario
