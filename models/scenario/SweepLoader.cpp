#include "scenario/SweepLoader.hpp"

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/YamlTree.hpp"

#include <algorithm>
#include <filesystem>

namespace gigatwin::scenario {

namespace {
/// Points a sweep may have: each is at least one simulation run.
constexpr std::size_t max_points = 100'000;

const std::vector<std::string>& sweep_keys() {
  static const std::vector<std::string> keys = {"sweep", "scenario",   "replications",
                                                "mode",  "parameters", "baseline"};
  return keys;
}

/// The values of `key` at `path` (a sequence of scalars).
bool read_values(FieldReader& reader, const TreeNode& values, const std::string& path,
                 std::vector<std::string>& out, std::vector<SourcePos>& where) {
  if (!reader.expect_sequence(values, path, "a sequence of values"))
    return false;
  if (values.items.empty()) {
    reader.error_at(values.pos, path, "at least one value", "an empty sequence");
    return false;
  }
  for (std::size_t i = 0; i < values.items.size(); ++i) {
    const TreeNode& v = values.items[i];
    if (v.kind != TreeNode::Kind::scalar) {
      reader.error(v, index_path(path, i), "a single value (a number, a duration, a name, ...)");
      continue;
    }
    out.push_back(v.scalar);
    where.push_back(v.pos);
  }
  return out.size() == values.items.size();
}

void read_parameter(FieldReader& reader, const TreeNode& item, const std::string& path, SweepSpec& sweep) {
  if (!reader.expect_map(item, path, "a parameter map {key, values} or {name, keys, labels}"))
    return;
  SweepParameter p;
  bool ok = true;
  std::vector<std::pair<SourcePos, std::string>> key_positions; // per key: where, its key path
  if (item.find("keys")) {
    // Linked keys: {name, keys: {key: [values]}, labels}, every list as long.
    reader.check_keys(item, path, {"name", "keys", "labels"});
    if (const TreeNode* n =
            reader.require(item, "name", path, "a name for the linked keys (e.g. automation)"))
      if (auto text = reader.text(*n, path + ".name", true))
        p.name = *text;
    const TreeNode& keys = *item.find("keys");
    if (!reader.expect_map(keys, path + ".keys", "a map of scenario key paths to lists of values"))
      return;
    if (keys.entries.empty()) {
      reader.error_at(keys.pos, path + ".keys", "at least one key", "an empty map");
      return;
    }
    for (const auto& e : keys.entries) {
      p.keys.push_back(e.key);
      key_positions.push_back({e.key_pos, path + ".keys." + e.key});
      p.values.emplace_back();
      p.positions.emplace_back();
      ok = read_values(reader, e.value, path + ".keys." + e.key, p.values.back(), p.positions.back()) && ok;
      if (ok && p.values.back().size() != p.values.front().size()) {
        reader.error_at(e.value.pos, path + ".keys." + e.key,
                        "as many values as " + p.keys.front() + " (" +
                            std::to_string(p.values.front().size()) + ")",
                        std::to_string(p.values.back().size()));
        ok = false;
      }
    }
    if (const TreeNode* l = item.find("labels"); l && ok) {
      std::vector<SourcePos> where;
      ok = read_values(reader, *l, path + ".labels", p.labels, where) && ok;
      if (ok && p.labels.size() != p.values.front().size()) {
        reader.error_at(l->pos, path + ".labels",
                        "one label per value (" + std::to_string(p.values.front().size()) + ")",
                        std::to_string(p.labels.size()));
        ok = false;
      }
    }
  } else {
    reader.check_keys(item, path, {"key", "values"});
    p.keys.emplace_back();
    if (const TreeNode* k = reader.require(item, "key", path, "a scenario key path, as for --set"))
      if (auto text = reader.text(*k, path + ".key", true)) {
        p.keys.back() = *text;
        key_positions.push_back({k->pos, path + ".key"});
      }
    p.name = p.keys.back();
    p.values.emplace_back();
    p.positions.emplace_back();
    const TreeNode* values = reader.require(item, "values", path, "a sequence of values");
    ok = values != nullptr &&
         read_values(reader, *values, path + ".values", p.values.back(), p.positions.back());
    ok = ok && !p.keys.back().empty();
  }
  // A key set by two parameters would run with the last value under both labels.
  for (std::size_t k = 0; k < p.keys.size() && k < key_positions.size(); ++k) {
    std::string owner;
    for (std::size_t q = 0; q < sweep.parameters.size() && owner.empty(); ++q)
      for (const auto& other : sweep.parameters[q].keys)
        if (other == p.keys[k])
          owner = "parameter '" + sweep.parameters[q].name + "'";
    for (std::size_t j = 0; j < k && owner.empty(); ++j)
      if (p.keys[j] == p.keys[k])
        owner = "this parameter";
    if (!owner.empty()) {
      reader.error_at(key_positions[k].first, key_positions[k].second, "a key no other parameter sets",
                      "'" + p.keys[k] + "' again (" + owner + " sets it)");
      ok = false;
    }
  }
  if (!ok || p.name.empty())
    return;
  if (p.labels.empty())
    p.labels = p.values.front();
  sweep.parameters.push_back(std::move(p));
}

/// Appends the point made of value `at[k]` of every parameter k.
void add_point(SweepSpec& sweep, const std::vector<std::size_t>& at) {
  std::vector<std::string> point, values;
  std::vector<SourcePos> where;
  for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
    const SweepParameter& p = sweep.parameters[k];
    for (std::size_t key = 0; key < p.keys.size(); ++key) {
      point.push_back(p.keys[key] + "=" + p.values[key][at[k]]);
      where.push_back(p.positions[key][at[k]]);
    }
    values.push_back(p.labels[at[k]]);
  }
  sweep.points.push_back(std::move(point));
  sweep.point_positions.push_back(std::move(where));
  sweep.point_values.push_back(std::move(values));
}

/// Every combination (grid) or the values side by side (zip), as override lists.
void expand(SweepSpec& sweep) {
  std::vector<std::size_t> at(sweep.parameters.size(), 0);
  if (sweep.parameters.empty()) {
    add_point(sweep, at);
    return;
  }
  if (sweep.zip) {
    for (std::size_t i = 0; i < sweep.parameters.front().size(); ++i) {
      std::fill(at.begin(), at.end(), i);
      add_point(sweep, at);
    }
    return;
  }
  for (;;) { // the last parameter varies fastest
    add_point(sweep, at);
    std::size_t k = sweep.parameters.size();
    while (k > 0 && ++at[k - 1] == sweep.parameters[k - 1].size())
      at[--k] = 0;
    if (k == 0)
      return;
  }
}
} // namespace

bool is_sweep_file(const std::string& path) {
  return yaml_map_has_key(path, "sweep");
}

SweepSpec load_sweep_file(const std::string& path) {
  const std::string text = read_yaml_file(path, "sweep file");
  DiagnosticLog log(path);
  auto root = parse_yaml_tree(text, log);
  if (!root)
    log.throw_error();
  FieldReader reader(log);
  SweepSpec sweep;
  sweep.path = path;
  if (!reader.expect_map(*root, "",
                         "a sweep map {sweep, scenario, replications, mode, parameters, baseline}"))
    log.throw_error();
  reader.check_keys(*root, "", sweep_keys());
  if (const TreeNode* v = reader.require(*root, "sweep", "", "1 (the sweep file format)"))
    if (v->kind != TreeNode::Kind::scalar || v->scalar != "1")
      reader.error(*v, "sweep", "1 (the sweep file format)");
  if (const TreeNode* v = reader.require(*root, "scenario", "", "the base scenario file"))
    if (auto name = reader.text(*v, "scenario", true)) {
      const std::filesystem::path base = std::filesystem::path(path).parent_path() / *name;
      if (!std::filesystem::is_regular_file(base))
        reader.error(*v, "scenario", "a scenario file (relative to the sweep file)");
      else
        sweep.scenario_path = base.string();
    }
  if (const TreeNode* v = root->find("replications"))
    if (auto n = reader.integer(*v, "replications", 1, ScenarioLimits::max_replications))
      sweep.replications = *n;
  if (const TreeNode* v = root->find("mode")) {
    if (v->kind == TreeNode::Kind::scalar && (v->scalar == "grid" || v->scalar == "zip"))
      sweep.zip = v->scalar == "zip";
    else
      reader.error(*v, "mode", "grid or zip");
  }
  if (const TreeNode* v = root->find("parameters")) {
    if (reader.expect_sequence(*v, "parameters", "a sequence of {key, values}"))
      for (std::size_t i = 0; i < v->items.size(); ++i)
        read_parameter(reader, v->items[i], index_path("parameters", i), sweep);
    if (sweep.zip && log.empty())
      for (std::size_t i = 1; i < sweep.parameters.size(); ++i)
        if (sweep.parameters[i].size() != sweep.parameters[0].size())
          reader.error(v->items[i], index_path("parameters", i),
                       "as many values as parameters[0] (" + std::to_string(sweep.parameters[0].size()) +
                           ", mode zip)");
  }
  if (log.empty()) {
    double points = 1;
    for (const auto& p : sweep.parameters)
      points = sweep.zip ? static_cast<double>(p.size()) : points * static_cast<double>(p.size());
    if (points > static_cast<double>(max_points))
      reader.error_at(root->pos, "parameters", "at most " + std::to_string(max_points) + " points",
                      std::to_string(static_cast<long long>(points)));
    else
      expand(sweep);
  }
  if (const TreeNode* v = root->find("baseline"))
    if (auto b = reader.integer(
            *v, "baseline", 0, std::max<std::int64_t>(0, static_cast<std::int64_t>(sweep.points.size()) - 1),
            "a point index below the number of points (" + std::to_string(sweep.points.size()) + ")"))
      sweep.baseline = static_cast<std::size_t>(*b);
  if (!log.empty())
    log.throw_error();
  return sweep;
}

} // namespace gigatwin::scenario
