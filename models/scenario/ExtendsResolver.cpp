#include "scenario/ExtendsResolver.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/InputGuard.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SchemaKeys.hpp"

#include <algorithm>
#include <filesystem>
#include <system_error>

namespace gigatwin::scenario {

namespace {
std::size_t count_nodes(const TreeNode& node) {
  std::size_t n = 1;
  for (const auto& item : node.items)
    n += count_nodes(item);
  for (const auto& e : node.entries)
    n += count_nodes(e.value);
  return n;
}

bool is_named_list(std::string_view key) {
  const auto& keys = schema::named_list_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// The item's `name` when it is a map with a scalar name.
const std::string* item_name(const TreeNode& item) {
  if (item.kind != TreeNode::Kind::map)
    return nullptr;
  const TreeNode* name = item.find("name");
  return name && name->kind == TreeNode::Kind::scalar ? &name->scalar : nullptr;
}

std::string folder_of(const std::string& file) {
  std::string dir = std::filesystem::path(file).parent_path().string();
  return dir.empty() ? "." : dir;
}

std::string identity_of(const std::string& file) {
  std::error_code ec;
  const auto canonical = std::filesystem::weakly_canonical(file, ec);
  return ec ? std::filesystem::path(file).lexically_normal().string() : canonical.string();
}
} // namespace

TreeNode ExtendsResolver::resolve(TreeNode root, const std::string& dir, const std::string& file_path) {
  nodes_ = count_nodes(root);
  std::vector<Link> chain{Link{file_path.empty() ? "" : identity_of(file_path), log_.file_label()}};
  return resolve_chain(std::move(root), dir, chain);
}

TreeNode ExtendsResolver::resolve_chain(TreeNode tree, const std::string& dir, std::vector<Link>& chain) {
  if (tree.kind != TreeNode::Kind::map)
    return tree; // the reader reports a document that is not a map
  const auto at = std::find_if(tree.entries.begin(), tree.entries.end(),
                               [](const TreeEntry& e) { return e.key == "extends"; });
  if (at == tree.entries.end()) {
    check_no_remove(tree);
    return tree;
  }
  const TreeNode value = std::move(at->value);
  tree.entries.erase(at);
  for (const auto& e : tree.entries)
    if (e.key == "extends")
      reader_.error_at(e.key_pos, "extends", "each key once", "it again");
  std::erase_if(tree.entries, [](const TreeEntry& e) { return e.key == "extends"; });
  const auto name = reader_.text(value, "extends", true);
  if (!name)
    return tree;
  const std::string file = std::filesystem::path(*name).is_absolute()
                               ? std::filesystem::path(*name).lexically_normal().string()
                               : (std::filesystem::path(dir) / *name).lexically_normal().string();
  const std::string identity = identity_of(file);
  for (std::size_t k = 0; k < chain.size(); ++k) {
    if (chain[k].identity != identity)
      continue;
    std::string cycle;
    for (std::size_t j = k; j < chain.size(); ++j)
      cycle += chain[j].label + " -> ";
    reader_.error(value, "extends", "a base file that does not lead back to this one",
                  "extends cycle: " + cycle + file);
    return tree;
  }
  if (chain.size() > static_cast<std::size_t>(ScenarioLimits::max_extends_depth)) {
    reader_.error(value, "extends",
                  "at most " + std::to_string(ScenarioLimits::max_extends_depth) + " base files in a chain");
    return tree;
  }
  // Only regular files: a FIFO or a device named here would block or never end.
  const BoundedText text = read_bounded(file, TreeLimits::max_text_bytes, true);
  if (!text.error.empty()) {
    reader_.error_at(value.pos, "extends", "a readable scenario file",
                     "nothing readable at " + quote(file) + " (" + text.error + ")");
    return tree;
  }
  if (text.too_large) {
    reader_.error_at(value.pos, "extends",
                     "a base file of at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes",
                     "more at " + quote(file));
    return tree;
  }
  const int origin = log_.add_file(file);
  base_file_dirs_.push_back(folder_of(file));
  auto base = parse_yaml_tree(text.text, log_, origin);
  if (!base)
    return tree;
  nodes_ += count_nodes(*base);
  if (nodes_ > TreeLimits::max_nodes) {
    reader_.error_at(value.pos, "extends",
                     "at most " + std::to_string(TreeLimits::max_nodes) +
                         " YAML nodes in a scenario and its bases (aliases expanded)",
                     "more");
    return tree;
  }
  if (base->kind != TreeNode::Kind::map) {
    reader_.error_at(base->pos, "", "a base scenario: a map of scenario keys",
                     base->kind == TreeNode::Kind::null ? "an empty document" : describe(*base));
    return tree;
  }
  chain.push_back(Link{identity, file});
  TreeNode merged = resolve_chain(std::move(*base), folder_of(file), chain);
  chain.pop_back();
  merge_map(merged, tree, "", true);
  return merged;
}

void ExtendsResolver::merge_map(TreeNode& base, TreeNode& overlay, const std::string& path, bool top_level) {
  // Each base entry takes at most one overlay entry, so a key written twice in the overlay stays
  // twice and is reported as such.
  std::vector<bool> taken(base.entries.size(), false);
  for (auto& e : overlay.entries) {
    std::optional<std::size_t> match;
    for (std::size_t i = 0; i < taken.size() && !match; ++i)
      if (!taken[i] && base.entries[i].key == e.key)
        match = i;
    const std::string key_path = child_path(path, e.key);
    if (!match) {
      if (top_level && is_named_list(e.key) && e.value.kind == TreeNode::Kind::sequence) {
        TreeNode empty; // a list the base lacks still gets its `remove` items checked
        empty.kind = TreeNode::Kind::sequence;
        empty.pos = e.value.pos;
        merge_named(empty, e.value, key_path);
        e.value = std::move(empty);
      }
      base.entries.push_back(std::move(e));
      continue;
    }
    taken[*match] = true;
    TreeEntry& target = base.entries[*match];
    target.key_pos = e.key_pos;
    // A distribution that names its `dist` is one value: it replaces the base's whole (a gamma's
    // shape and scale merged into an exponential's mean would be neither).
    if (target.value.kind == TreeNode::Kind::map && e.value.kind == TreeNode::Kind::map &&
        !e.value.find("dist")) {
      merge_map(target.value, e.value, key_path, false);
      target.value.pos = e.value.pos;
    } else if (top_level && is_named_list(e.key) && target.value.kind == TreeNode::Kind::sequence &&
               e.value.kind == TreeNode::Kind::sequence) {
      merge_named(target.value, e.value, key_path);
    } else {
      target.value = std::move(e.value);
    }
  }
}

void ExtendsResolver::merge_named(TreeNode& base, TreeNode& overlay, const std::string& path) {
  const std::size_t base_size = base.items.size();
  std::vector<std::string> base_names;
  for (const auto& item : base.items)
    if (const std::string* n = item_name(item))
      base_names.push_back(*n);
  for (std::size_t i = 0; i < overlay.items.size(); ++i) {
    TreeNode& item = overlay.items[i];
    const std::string item_path = index_path(path, i);
    const std::string* name = item_name(item);
    if (!name) {
      base.items.push_back(std::move(item)); // the reader reports what is wrong with it
      continue;
    }
    bool remove = false;
    const auto remove_at = std::find_if(item.entries.begin(), item.entries.end(),
                                        [](const TreeEntry& e) { return e.key == "remove"; });
    if (remove_at != item.entries.end()) {
      const auto flag = reader_.boolean(remove_at->value, item_path + ".remove");
      if (!flag)
        continue;
      remove = *flag;
      item.entries.erase(remove_at);
      name = item_name(item);
    }
    // Only the base's own items can be merged or removed, not ones this file added before.
    std::optional<std::size_t> match;
    for (std::size_t k = 0; k < std::min(base_size, base.items.size()) && !match; ++k) {
      const std::string* n = item_name(base.items[k]);
      if (n && *n == *name)
        match = k;
    }
    if (remove) {
      for (const auto& e : item.entries)
        if (e.key != "name")
          reader_.error_at(e.key_pos, child_path(item_path, e.key), "only 'name' beside 'remove: true'",
                           "key " + quote(e.key));
      if (match)
        base.items.erase(base.items.begin() + static_cast<std::ptrdiff_t>(*match));
      else
        reader_.error(*item.find("name"), item_path + ".name",
                      "the name of an item of the base's " + path + " (remove: true drops it)",
                      base_names.empty() ? "the base has no " + path
                                         : suggestion_hint(*name, base_names, "in the base"));
      continue;
    }
    if (match)
      merge_map(base.items[*match], item, item_path, false);
    else
      base.items.push_back(std::move(item));
  }
}

void ExtendsResolver::check_no_remove(TreeNode& root) {
  for (auto& e : root.entries) {
    if (!is_named_list(e.key) || e.value.kind != TreeNode::Kind::sequence)
      continue;
    for (std::size_t i = 0; i < e.value.items.size(); ++i) {
      TreeNode& item = e.value.items[i];
      if (item.kind != TreeNode::Kind::map)
        continue;
      for (const auto& f : item.entries)
        if (f.key == "remove")
          reader_.error_at(f.key_pos, child_path(index_path(e.key, i), "remove"),
                           "'remove' only in a file that extends another (it drops the base's item)",
                           "it in a file without 'extends'");
      // Reported here; the station group (or pool, calendar) reader need not call it unknown.
      std::erase_if(item.entries, [](const TreeEntry& f) { return f.key == "remove"; });
    }
  }
}

} // namespace gigatwin::scenario
