#include "scenario/ScenarioEdits.hpp"

#include "scenario/Overrides.hpp"
#include "scenario/SchemaKeys.hpp"

#include <algorithm>
#include <cctype>
#include <set>

namespace gigatwin::scenario {

namespace {

using Kind = TreeNode::Kind;

std::string child_path(const std::string& path, const std::string& key) {
  return path.empty() ? key : path + "." + key;
}

std::string index_path(const std::string& path, std::size_t index) {
  return path + "[" + std::to_string(index) + "]";
}

/// The `name` of a named list's item, when it has a scalar one.
const std::string* item_name(const TreeNode& item) {
  if (item.kind != Kind::map)
    return nullptr;
  const TreeNode* name = item.find("name");
  return name && name->kind == Kind::scalar ? &name->scalar : nullptr;
}

bool is_named_list(std::string_view key) {
  const auto& keys = schema::named_list_keys();
  return std::find(keys.begin(), keys.end(), key) != keys.end();
}

/// Adds to `out` the overrides that turn `a` into `b` below `path` (`shape` says which keys an
/// override may name there).
void diff_into(const TreeNode& a, const TreeNode& b, const std::string& path, const schema::Shape* shape,
               std::vector<std::string>& out) {
  if (same_tree(a, b))
    return;
  const auto replace = [&] { out.push_back(path + "=" + emit_flow_yaml(b)); };
  if (shape && shape->kind == schema::Shape::Kind::map && a.kind == Kind::map && b.kind == Kind::map) {
    for (const auto& e : a.entries)
      if (!b.find(e.key))
        return replace(); // a key went: only the whole map can say so
    std::vector<std::string> inner;
    for (const auto& e : b.entries) {
      const schema::Shape* child = shape->key(e.key);
      if (!child)
        return replace(); // a key no override can name (it would be refused)
      if (const TreeNode* old = a.find(e.key))
        diff_into(*old, e.value, child_path(path, e.key), child, inner);
      else
        inner.push_back(child_path(path, e.key) + "=" + emit_flow_yaml(e.value));
    }
    out.insert(out.end(), inner.begin(), inner.end());
    return;
  }
  if (shape && shape->kind == schema::Shape::Kind::sequence && a.kind == Kind::sequence &&
      b.kind == Kind::sequence && a.items.size() == b.items.size()) {
    for (std::size_t i = 0; i < a.items.size(); ++i)
      diff_into(a.items[i], b.items[i], index_path(path, i), shape->element, out);
    return;
  }
  replace();
}

/// Applies `overrides` to a copy of `from`: does it give `to`?
bool gives(const TreeNode& from, const std::vector<std::string>& overrides, const TreeNode& to) {
  const auto tree = with_overrides(from, overrides);
  return tree && same_tree(*tree, to);
}

std::optional<TreeNode> named_overlay(const TreeNode& base, const TreeNode& edited, const std::string& key,
                                      std::string* why);

/// The overlay of map `edited` over map `base` by the merge's rules: key by key, recursively;
/// at the top level the named lists item by item; every other value replaces.
std::optional<TreeNode> map_overlay(const TreeNode& base, const TreeNode& edited, const std::string& path,
                                    std::string* why, bool top_level = false) {
  TreeNode overlay;
  overlay.kind = Kind::map;
  for (const auto& e : base.entries)
    if (!edited.find(e.key)) {
      if (why)
        *why = "'" + child_path(path, e.key) + "' of the base is removed, which an overlay cannot say";
      return std::nullopt;
    }
  for (const auto& e : edited.entries) {
    const TreeNode* old = base.find(e.key);
    if (old && same_tree(*old, e.value))
      continue;
    std::optional<TreeNode> value = e.value;
    if (old && top_level && is_named_list(e.key) && old->kind == Kind::sequence &&
        e.value.kind == Kind::sequence)
      value = named_overlay(*old, e.value, e.key, why);
    else if (old && old->kind == Kind::map && e.value.kind == Kind::map && !e.value.find("dist"))
      value = map_overlay(*old, e.value, child_path(path, e.key), why); // (a distribution replaces whole)
    if (!value)
      return std::nullopt;
    set_entry(overlay, e.key, std::move(*value));
  }
  return overlay;
}

/// The overlay of a named list, item by item.
std::optional<TreeNode> named_overlay(const TreeNode& base, const TreeNode& edited, const std::string& key,
                                      std::string* why) {
  const auto fail = [&](const std::string& reason) -> std::optional<TreeNode> {
    if (why)
      *why = reason;
    return std::nullopt;
  };
  std::vector<std::string> base_names, kept;
  for (const auto& item : base.items) {
    const std::string* name = item_name(item);
    if (!name)
      return fail("an item of '" + key + "' in the base has no name");
    base_names.push_back(*name);
  }
  std::set<std::string> seen;
  bool new_seen = false;
  for (const auto& item : edited.items) {
    const std::string* name = item_name(item);
    if (!name || !seen.insert(*name).second)
      return fail("the items of '" + key + "' need distinct names");
    const bool from_base = std::find(base_names.begin(), base_names.end(), *name) != base_names.end();
    if (from_base && new_seen)
      return fail("a new item of '" + key + "' comes before '" + *name +
                  "' of the base (a merge appends new items after the base's)");
    new_seen = new_seen || !from_base;
    if (from_base)
      kept.push_back(*name);
  }
  std::vector<std::string> base_kept;
  for (const auto& n : base_names)
    if (std::find(kept.begin(), kept.end(), n) != kept.end())
      base_kept.push_back(n);
  if (base_kept != kept)
    return fail("the items of '" + key +
                "' are in another order than in the base (a merge keeps the base's order)");

  TreeNode overlay;
  overlay.kind = Kind::sequence;
  for (std::size_t i = 0; i < base.items.size(); ++i) {
    const TreeNode* now = nullptr;
    for (const auto& item : edited.items)
      if (*item_name(item) == base_names[i])
        now = &item;
    TreeNode entry;
    entry.kind = Kind::map;
    set_entry(entry, "name", scalar_node(base_names[i]));
    if (!now) {
      set_entry(entry, "remove", scalar_node("true"));
    } else if (same_tree(base.items[i], *now)) {
      continue;
    } else {
      auto inner = map_overlay(base.items[i], *now, index_path(key, i), why);
      if (!inner)
        return std::nullopt;
      for (auto& e : inner->entries)
        if (e.key != "name")
          set_entry(entry, e.key, std::move(e.value));
    }
    overlay.items.push_back(std::move(entry));
  }
  for (const auto& item : edited.items)
    if (std::find(base_names.begin(), base_names.end(), *item_name(item)) == base_names.end())
      overlay.items.push_back(item);
  return overlay;
}

/// Parses "a.b[1].c" into steps: a key (non-empty) or an index.
struct PathStep {
  std::string key;
  std::optional<std::size_t> index;
};

std::optional<std::vector<PathStep>> parse_path(std::string_view path) {
  std::vector<PathStep> steps;
  std::size_t i = 0;
  while (i < path.size()) {
    if (path[i] == '[') {
      const std::size_t close = path.find(']', i);
      if (close == std::string_view::npos || close == i + 1 || close - i > 10)
        return std::nullopt;
      std::size_t n = 0;
      for (std::size_t k = i + 1; k < close; ++k) {
        if (!std::isdigit(static_cast<unsigned char>(path[k])))
          return std::nullopt;
        n = n * 10 + static_cast<std::size_t>(path[k] - '0');
      }
      steps.push_back({"", n});
      i = close + 1;
      if (i < path.size() && path[i] == '.')
        ++i;
      continue;
    }
    std::size_t end = i;
    while (end < path.size() && path[end] != '.' && path[end] != '[')
      ++end;
    if (end == i)
      return std::nullopt;
    steps.push_back({std::string(path.substr(i, end - i)), std::nullopt});
    i = end;
    if (i < path.size() && path[i] == '.')
      ++i;
  }
  return steps;
}

int rename_in(TreeNode& node, const std::string& key_holding, const std::string& from, const std::string& to,
              const std::set<std::string>& reference_keys, const std::set<std::string>& name_list_keys) {
  int changed = 0;
  if (node.kind == Kind::map) {
    for (auto& e : node.entries) {
      if (e.value.kind == Kind::scalar && reference_keys.count(e.key) && e.value.scalar == from) {
        e.value.scalar = to;
        ++changed;
      } else {
        changed += rename_in(e.value, e.key, from, to, reference_keys, name_list_keys);
      }
    }
  } else if (node.kind == Kind::sequence) {
    for (auto& item : node.items) {
      if (item.kind == Kind::scalar && name_list_keys.count(key_holding) && item.scalar == from) {
        item.scalar = to;
        ++changed;
      } else {
        changed += rename_in(item, "", from, to, reference_keys, name_list_keys);
      }
    }
  }
  return changed;
}

int rename_named(TreeNode& root, const std::string& list, const std::string& from, const std::string& to) {
  TreeNode* items = root.kind == Kind::map ? root.find(list) : nullptr;
  if (!items || items->kind != Kind::sequence)
    return 0;
  for (auto& item : items->items)
    if (const std::string* name = item_name(item); name && *name == from) {
      item.find("name")->scalar = to;
      return 1;
    }
  return 0;
}

} // namespace

bool same_tree(const TreeNode& a, const TreeNode& b) {
  if (a.kind != b.kind)
    return false;
  switch (a.kind) {
  case Kind::null:
    return true;
  case Kind::scalar:
    return a.scalar == b.scalar;
  case Kind::sequence:
    return std::equal(a.items.begin(), a.items.end(), b.items.begin(), b.items.end(), same_tree);
  case Kind::map:
    return std::equal(
        a.entries.begin(), a.entries.end(), b.entries.begin(), b.entries.end(),
        [](const TreeEntry& x, const TreeEntry& y) { return x.key == y.key && same_tree(x.value, y.value); });
  }
  return false;
}

const TreeNode* node_at(const TreeNode& root, std::string_view path) {
  const auto steps = parse_path(path);
  if (!steps)
    return nullptr;
  const TreeNode* cur = &root;
  for (const PathStep& s : *steps) {
    if (s.index) {
      if (cur->kind != Kind::sequence || *s.index >= cur->items.size())
        return nullptr;
      cur = &cur->items[*s.index];
    } else {
      if (cur->kind != Kind::map)
        return nullptr;
      cur = cur->find(s.key);
      if (!cur)
        return nullptr;
    }
  }
  return cur;
}

TreeNode* node_at(TreeNode& root, std::string_view path) {
  return const_cast<TreeNode*>(node_at(static_cast<const TreeNode&>(root), path));
}

bool remove_at(TreeNode& root, std::string_view path) {
  const auto steps = parse_path(path);
  if (!steps || steps->empty())
    return false;
  // The last step goes; the rest names its parent.
  const std::size_t cut = path.rfind(steps->back().index ? '[' : '.');
  TreeNode* parent = cut == std::string_view::npos ? &root : node_at(root, path.substr(0, cut));
  if (!parent)
    return false;
  if (const auto index = steps->back().index) {
    if (parent->kind != Kind::sequence || *index >= parent->items.size())
      return false;
    parent->items.erase(parent->items.begin() + static_cast<std::ptrdiff_t>(*index));
    return true;
  }
  if (parent->kind != Kind::map)
    return false;
  auto& entries = parent->entries;
  const auto it = std::find_if(entries.begin(), entries.end(),
                               [&](const TreeEntry& e) { return e.key == steps->back().key; });
  if (it == entries.end())
    return false;
  entries.erase(it);
  return true;
}

std::optional<TreeNode> with_overrides(TreeNode tree, const std::vector<std::string>& overrides,
                                       std::string* problem) {
  DiagnosticLog log("--set");
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply_override(tree, overrides[i], static_cast<int>(i) + 1, log);
  if (log.empty())
    return tree;
  if (problem)
    *problem = log.sorted().front().to_string();
  return std::nullopt;
}

std::optional<std::vector<std::string>> overrides_between(const TreeNode& from, const TreeNode& to) {
  if (same_tree(from, to))
    return std::vector<std::string>{};
  if (from.kind != Kind::map || to.kind != Kind::map)
    return std::nullopt;
  for (const auto& e : from.entries)
    if (!to.find(e.key))
      return std::nullopt;
  const schema::Shape& shape = schema::scenario_shape();
  std::vector<std::string> fine, coarse;
  for (const auto& e : to.entries) {
    const TreeNode* old = from.find(e.key);
    if (old && same_tree(*old, e.value))
      continue;
    coarse.push_back(e.key + "=" + emit_flow_yaml(e.value));
    const schema::Shape* child = shape.key(e.key);
    if (old && child)
      diff_into(*old, e.value, e.key, child, fine);
    else
      fine.push_back(coarse.back());
  }
  // Checked by applying them: the fine-grained ones read best, whole values are the fallback
  // (keys the schema does not list, a map whose key order changed).
  if (gives(from, fine, to))
    return fine;
  if (gives(from, coarse, to))
    return coarse;
  return std::nullopt;
}

std::optional<TreeNode> overlay_over_base(const TreeNode& base, const TreeNode& edited, std::string* why) {
  if (base.kind != Kind::map || edited.kind != Kind::map) {
    if (why)
      *why = "a scenario is a map";
    return std::nullopt;
  }
  return map_overlay(base, edited, "", why, true);
}

int rename_station_group(TreeNode& root, const std::string& from, const std::string& to) {
  if (from == to || !rename_named(root, "station_groups", from, to))
    return 0;
  // References are the values of these keys anywhere (routing and products' steps and where
  // their rejects go for rework, roll-out steps) and the names listed under the trace's
  // `station_groups`.
  int changed = 1;
  for (const char* section : {"routing", "products", "rollout"})
    if (TreeNode* s = root.find(section))
      changed += rename_in(*s, section, from, to, {"station_group", "rework"}, {});
  if (TreeNode* trace = root.find("trace"))
    changed += rename_in(*trace, "trace", from, to, {}, {"station_groups"});
  return changed;
}

int remove_station_group(TreeNode& root, const std::string& name) {
  TreeNode* groups = root.kind == Kind::map ? root.find("station_groups") : nullptr;
  if (!groups || groups->kind != Kind::sequence)
    return -1;
  auto& items = groups->items;
  const auto it = std::find_if(items.begin(), items.end(), [&](const TreeNode& g) {
    const std::string* n = item_name(g);
    return n && *n == name;
  });
  if (it == items.end())
    return -1;
  items.erase(it);
  int removed = 0;
  const auto drop_if = [&](TreeNode* seq, auto at_group) {
    if (!seq || seq->kind != Kind::sequence)
      return;
    const auto before = seq->items.size();
    seq->items.erase(std::remove_if(seq->items.begin(), seq->items.end(), at_group), seq->items.end());
    removed += static_cast<int>(before - seq->items.size());
  };
  const auto step_at_group = [&](const TreeNode& step) {
    const TreeNode* g = step.kind == Kind::map ? step.find("station_group") : nullptr;
    return g && g->kind == Kind::scalar && g->scalar == name;
  };
  drop_if(node_at(root, "routing.steps"), step_at_group);
  drop_if(root.find("rollout"), step_at_group);
  if (TreeNode* products = root.find("products"); products && products->kind == Kind::sequence)
    for (auto& p : products->items)
      if (p.kind == Kind::map)
        drop_if(p.find("steps"), step_at_group);
  drop_if(node_at(root, "trace.station_groups"),
          [&](const TreeNode& n) { return n.kind == Kind::scalar && n.scalar == name; });
  return removed;
}

int rename_calendar(TreeNode& root, const std::string& from, const std::string& to) {
  if (from == to || !rename_named(root, "calendars", from, to))
    return 0;
  int changed = 1;
  if (TreeNode* pools = root.find("worker_pools"))
    changed += rename_in(*pools, "worker_pools", from, to, {"calendar"}, {});
  return changed;
}

std::string unused_name(const TreeNode& root, std::string_view list_path, const std::string& stem) {
  std::set<std::string> used;
  if (const TreeNode* list = node_at(root, list_path); list && list->kind == Kind::sequence)
    for (const auto& item : list->items)
      if (const std::string* name = item_name(item))
        used.insert(*name);
  if (!used.count(stem))
    return stem;
  for (int k = 2;; ++k)
    if (std::string name = stem + "_" + std::to_string(k); !used.count(name))
      return name;
}

TreeNode scalar_node(std::string text) {
  TreeNode n;
  n.kind = Kind::scalar;
  n.scalar = std::move(text);
  return n;
}

void set_entry(TreeNode& map, const std::string& key, TreeNode value) {
  if (map.kind == Kind::null)
    map.kind = Kind::map;
  if (TreeNode* old = map.find(key)) {
    *old = std::move(value);
    return;
  }
  TreeEntry entry;
  entry.key = key;
  entry.value = std::move(value);
  map.entries.push_back(std::move(entry));
}

} // namespace gigatwin::scenario
