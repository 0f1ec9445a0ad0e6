#include "SweepLoader.hpp"

#include "FieldReader.hpp"
#include "InputGuard.hpp"
#include "ScenarioLoader.hpp"
#include "YamlTree.hpp"

#include <filesystem>

namespace gigatwin::models {

namespace {
/// Points a sweep may have: each is at least one simulation run.
constexpr std::size_t max_points = 100'000;

const std::vector<std::string>& sweep_keys() {
  static const std::vector<std::string> keys = {"sweep", "scenario",   "replications",
                                                "mode",  "parameters", "baseline"};
  return keys;
}

void read_parameter(FieldReader& reader, const TreeNode& item, const std::string& path, SweepSpec& sweep) {
  if (!reader.expect_map(item, path, "a parameter map {key, values}"))
    return;
  reader.check_keys(item, path, {"key", "values"});
  SweepParameter p;
  if (const TreeNode* k = reader.require(item, "key", path, "a scenario key path, as for --set"))
    if (auto text = reader.text(*k, path + ".key", true))
      p.key = *text;
  const TreeNode* values = reader.require(item, "values", path, "a sequence of values");
  if (values == nullptr || !reader.expect_sequence(*values, path + ".values", "a sequence of values"))
    return;
  if (values->items.empty()) {
    reader.error_at(values->pos, path + ".values", "at least one value", "an empty sequence");
    return;
  }
  for (std::size_t i = 0; i < values->items.size(); ++i) {
    const TreeNode& v = values->items[i];
    if (v.kind != TreeNode::Kind::scalar) {
      reader.error(v, index_path(path + ".values", i), "a single value (a number, a duration, a name, ...)");
      continue;
    }
    p.values.push_back(v.scalar);
    p.positions.push_back(v.pos);
  }
  if (!p.key.empty() && p.values.size() == values->items.size())
    sweep.parameters.push_back(std::move(p));
}

/// Every combination (grid) or the values side by side (zip), as override lists.
void expand(SweepSpec& sweep) {
  if (sweep.parameters.empty()) {
    sweep.points.emplace_back();
    sweep.point_positions.emplace_back();
    return;
  }
  if (sweep.zip) {
    for (std::size_t i = 0; i < sweep.parameters.front().values.size(); ++i) {
      std::vector<std::string> point;
      std::vector<SourcePos> where;
      for (const auto& p : sweep.parameters) {
        point.push_back(p.key + "=" + p.values[i]);
        where.push_back(p.positions[i]);
      }
      sweep.points.push_back(point);
      sweep.point_positions.push_back(where);
    }
    return;
  }
  std::vector<std::size_t> at(sweep.parameters.size(), 0); // the last parameter varies fastest
  for (;;) {
    std::vector<std::string> point;
    std::vector<SourcePos> where;
    for (std::size_t k = 0; k < sweep.parameters.size(); ++k) {
      point.push_back(sweep.parameters[k].key + "=" + sweep.parameters[k].values[at[k]]);
      where.push_back(sweep.parameters[k].positions[at[k]]);
    }
    sweep.points.push_back(point);
    sweep.point_positions.push_back(where);
    std::size_t k = sweep.parameters.size();
    while (k > 0 && ++at[k - 1] == sweep.parameters[k - 1].values.size())
      at[--k] = 0;
    if (k == 0)
      return;
  }
}
} // namespace

SweepSpec load_sweep_file(const std::string& path) {
  DiagnosticLog log(path);
  const BoundedText file = read_bounded(path, TreeLimits::max_text_bytes, false);
  if (!file.error.empty()) {
    log.add(SourcePos{}, "", "a readable sweep file", "nothing readable (" + file.error + ")");
    log.throw_error();
  }
  if (file.too_large) {
    log.add(SourcePos{}, "",
            "a sweep file of at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes", "more");
    log.throw_error();
  }
  auto root = parse_yaml_tree(file.text, log);
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
        if (sweep.parameters[i].values.size() != sweep.parameters[0].values.size())
          reader.error(v->items[i], index_path("parameters", i) + ".values",
                       "as many values as parameters[0] (" +
                           std::to_string(sweep.parameters[0].values.size()) + ", mode zip)");
  }
  if (log.empty()) {
    double points = 1;
    for (const auto& p : sweep.parameters)
      points =
          sweep.zip ? static_cast<double>(p.values.size()) : points * static_cast<double>(p.values.size());
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

} // namespace gigatwin::models
