#include "scenario/OptimisationLoader.hpp"

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/YamlTree.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <optional>
#include <sstream>

namespace gigatwin::scenario {

namespace {

constexpr std::int64_t max_evaluations = 1'000'000;
constexpr std::size_t max_variables = 200;

/// The first of a scenario's diagnostics, short: "key: expected ..., found ...".
std::string first_problem(const ScenarioError& e) {
  if (e.diagnostics().empty())
    return e.what();
  const Diagnostic& d = e.diagnostics().front();
  return (d.key_path.empty() ? "" : d.key_path + ": ") + "expected " + d.expected + ", found " + d.found;
}

std::string number_text(double v) {
  std::ostringstream out;
  out.precision(12);
  out << v;
  return out.str();
}

/// `name` split as a KPI: `stations.<group>.<column>` or a summary KPI's name.
std::optional<KpiRef> read_kpi(FieldReader& reader, const TreeNode& node, const std::string& path,
                               const ScenarioSpec& base) {
  const auto text = reader.text(node, path, true);
  if (!text)
    return std::nullopt;
  KpiRef kpi;
  kpi.name = *text;
  kpi.pos = node.pos;
  kpi.key_path = path;
  if (text->rfind("stations.", 0) == 0) {
    const std::string rest = text->substr(9);
    const auto dot = rest.rfind('.');
    if (dot == std::string::npos || dot == 0 || dot + 1 == rest.size()) {
      reader.error(node, path, "stations.<station group>.<column> (e.g. stations.winding.wait_mean)");
      return std::nullopt;
    }
    kpi.station = rest.substr(0, dot);
    kpi.column = rest.substr(dot + 1);
    bool known = kpi.station == "*"; // summed over every group
    std::string names;
    for (const auto& g : base.station_groups) {
      known = known || g.name == kpi.station;
      names += (names.empty() ? "" : ", ") + g.name;
    }
    if (!known) {
      reader.error_at(node.pos, path, "a station group of the base scenario (" + names + ")",
                      "'" + kpi.station + "'");
      return std::nullopt;
    }
  } else {
    kpi.column = *text;
  }
  return kpi;
}

void read_variable(FieldReader& reader, const TreeNode& item, const std::string& path,
                   OptimisationSpec& spec) {
  if (!reader.expect_map(item, path,
                         "a variable {name, key, integer: [low, high] | range: [low, high] | choice: [...]}"))
    return;
  reader.check_keys(item, path, {"name", "key", "integer", "range", "unit", "choice"});
  DecisionVariable v;
  v.pos = item.pos;
  if (const TreeNode* k = reader.require(item, "key", path, "a scenario key path, as for --set"))
    if (auto text = reader.text(*k, path + ".key", true))
      v.key = *text;
  v.name = v.key;
  if (const TreeNode* n = item.find("name"))
    if (auto text = reader.text(*n, path + ".name", true))
      v.name = *text;
  const TreeNode* integer = item.find("integer");
  const TreeNode* range = item.find("range");
  const TreeNode* choice = item.find("choice");
  if ((integer != nullptr) + (range != nullptr) + (choice != nullptr) != 1) {
    reader.error_at(
        item.pos, path, "exactly one of integer: [low, high], range: [low, high] or choice: [values]",
        "" + std::to_string((integer != nullptr) + (range != nullptr) + (choice != nullptr)) + " of them");
    return;
  }
  if (choice) {
    v.kind = DecisionVariable::Kind::choice;
    if (!reader.expect_sequence(*choice, path + ".choice", "a list of values"))
      return;
    for (std::size_t i = 0; i < choice->items.size(); ++i)
      if (auto text = reader.text(choice->items[i], index_path(path + ".choice", i), true))
        v.choices.push_back(*text);
    if (v.choices.size() < 2) {
      reader.error_at(choice->pos, path + ".choice", "at least two values to choose from",
                      std::to_string(v.choices.size()));
      return;
    }
    if (item.find("unit"))
      reader.error(*item.find("unit"), path + ".unit", "no unit: a choice's values are written whole");
  } else {
    const TreeNode& bounds = integer ? *integer : *range;
    const std::string bpath = path + (integer ? ".integer" : ".range");
    v.kind = integer ? DecisionVariable::Kind::integer : DecisionVariable::Kind::continuous;
    if (!reader.expect_sequence(bounds, bpath, "[low, high]"))
      return;
    if (bounds.items.size() != 2) {
      reader.error_at(bounds.pos, bpath, "two bounds [low, high]",
                      std::to_string(bounds.items.size()) + " values");
      return;
    }
    std::optional<double> low, high;
    if (integer) {
      const auto a = reader.integer(bounds.items[0], index_path(bpath, 0), -1'000'000'000, 1'000'000'000);
      const auto b = reader.integer(bounds.items[1], index_path(bpath, 1), -1'000'000'000, 1'000'000'000);
      if (a)
        low = static_cast<double>(*a);
      if (b)
        high = static_cast<double>(*b);
    } else {
      low = reader.number(bounds.items[0], index_path(bpath, 0), Bound::any);
      high = reader.number(bounds.items[1], index_path(bpath, 1), Bound::any);
    }
    if (!low || !high)
      return;
    if (!(*low < *high)) {
      reader.error_at(bounds.items[1].pos, index_path(bpath, 1),
                      "a high bound above the low one (" + number_text(*low) + ")", number_text(*high));
      return;
    }
    v.low = *low;
    v.high = *high;
    if (const TreeNode* u = item.find("unit")) {
      if (integer)
        reader.error(*u, path + ".unit",
                     "no unit for a whole number (use range: for a quantity with a unit)");
      else if (auto text = reader.text(*u, path + ".unit", true))
        v.unit = *text;
    }
  }
  if (v.key.empty())
    return;
  for (const auto& other : spec.variables)
    if (other.key == v.key) {
      reader.error_at(item.find("key")->pos, path + ".key", "a key no other variable sets",
                      "'" + v.key + "' again");
      return;
    }
  spec.variables.push_back(std::move(v));
}

} // namespace

std::string DecisionVariable::override_for(double value) const {
  switch (kind) {
  case Kind::integer:
    return key + "=" + std::to_string(static_cast<std::int64_t>(std::llround(value)));
  case Kind::continuous:
    return key + "=" + number_text(value) + unit;
  case Kind::choice: {
    const auto i = static_cast<std::size_t>(
        std::clamp<long long>(std::llround(value), 0, static_cast<long long>(choices.size()) - 1));
    return key + "=" + choices[i];
  }
  }
  return key;
}

bool is_optimisation_file(const std::string& path) {
  return yaml_map_has_key(path, "optimise");
}

OptimisationSpec load_optimisation_file(const std::string& path) {
  return load_optimisation_text(read_yaml_file(path, "optimisation file"), path,
                                std::filesystem::path(path).parent_path().string());
}

OptimisationSpec load_optimisation_text(const std::string& text, const std::string& path,
                                        const std::string& folder) {
  DiagnosticLog log(path);
  auto root = parse_yaml_tree(text, log);
  if (!root)
    log.throw_error();
  FieldReader reader(log);
  OptimisationSpec spec;
  spec.path = path;
  if (!reader.expect_map(*root, "", "an optimisation map {optimise, scenario, variables, objectives, ...}"))
    log.throw_error();
  reader.check_keys(*root, "",
                    {"optimise", "scenario", "variables", "objectives", "constraints", "replications",
                     "budget", "population", "seed", "selection"});
  if (const TreeNode* v = reader.require(*root, "optimise", "", "1 (the optimisation file format)"))
    if (v->kind != TreeNode::Kind::scalar || v->scalar != "1")
      reader.error(*v, "optimise", "1 (the optimisation file format)");
  std::optional<ScenarioSpec> base;
  if (const TreeNode* v = reader.require(*root, "scenario", "", "the base scenario file"))
    if (auto name = reader.text(*v, "scenario", true)) {
      const std::filesystem::path file_path = std::filesystem::path(folder) / *name;
      if (!std::filesystem::is_regular_file(file_path)) {
        reader.error(*v, "scenario", "a scenario file (relative to the optimisation file)");
      } else {
        spec.scenario_path = file_path.string();
        try {
          base = load_scenario_file(spec.scenario_path);
        } catch (const ScenarioError& e) {
          reader.error_at(v->pos, "scenario", "a scenario that loads", first_problem(e));
        }
      }
    }
  if (const TreeNode* v = root->find("replications"))
    if (auto n = reader.integer(*v, "replications", 2, ScenarioLimits::max_replications,
                                "a whole number of replications per candidate, 2 or more (for an interval)"))
      spec.replications = *n;
  if (const TreeNode* b = root->find("budget")) {
    if (reader.expect_map(*b, "budget", "a budget {evaluations}")) {
      reader.check_keys(*b, "budget", {"evaluations"});
      if (const TreeNode* e =
              reader.require(*b, "evaluations", "budget", "the number of candidates evaluated at most"))
        if (auto n = reader.integer(*e, "budget.evaluations", 1, max_evaluations))
          spec.evaluations = *n;
    }
  }
  if (const TreeNode* v = root->find("population"))
    if (auto n = reader.integer(*v, "population", 4, 10'000))
      spec.population = *n;
  if (const TreeNode* v = root->find("seed"))
    if (auto n = reader.unsigned_integer(*v, "seed"))
      spec.seed = *n;
  if (const TreeNode* vars = reader.require(*root, "variables", "", "a list of decision variables"))
    if (reader.expect_sequence(*vars, "variables", "a list of decision variables")) {
      if (vars->items.empty() || vars->items.size() > max_variables)
        reader.error_at(vars->pos, "variables", "1 to " + std::to_string(max_variables) + " variables",
                        std::to_string(vars->items.size()));
      for (std::size_t i = 0; i < vars->items.size() && i < max_variables; ++i)
        read_variable(reader, vars->items[i], index_path("variables", i), spec);
    }
  if (const TreeNode* objs = reader.require(*root, "objectives", "", "a list of objectives"))
    if (reader.expect_sequence(*objs, "objectives", "a list of {minimise: KPI} or {maximise: KPI}")) {
      if (objs->items.empty() || objs->items.size() > 5)
        reader.error_at(objs->pos, "objectives", "1 to 5 objectives", std::to_string(objs->items.size()));
      for (std::size_t i = 0; i < objs->items.size() && i < 5; ++i) {
        const TreeNode& item = objs->items[i];
        const std::string p = index_path("objectives", i);
        if (!reader.expect_map(item, p, "{minimise: KPI} or {maximise: KPI}"))
          continue;
        reader.check_keys(item, p, {"minimise", "maximise"});
        const TreeNode* min = item.find("minimise");
        const TreeNode* max = item.find("maximise");
        if ((min != nullptr) == (max != nullptr)) {
          reader.error_at(item.pos, p, "one of minimise: KPI or maximise: KPI", min ? "both" : "neither");
          continue;
        }
        if (!base)
          continue;
        if (auto kpi = read_kpi(reader, min ? *min : *max, p + (min ? ".minimise" : ".maximise"), *base))
          spec.objectives.push_back({*kpi, max != nullptr});
      }
    }
  if (const TreeNode* cons = root->find("constraints"))
    if (reader.expect_sequence(*cons, "constraints", "a list of {kpi, at_least | at_most, confidence}"))
      for (std::size_t i = 0; i < cons->items.size(); ++i) {
        const TreeNode& item = cons->items[i];
        const std::string p = index_path("constraints", i);
        if (!reader.expect_map(item, p, "{kpi, at_least | at_most, confidence}"))
          continue;
        reader.check_keys(item, p, {"kpi", "at_least", "at_most", "confidence"});
        OptimisationConstraint c;
        const TreeNode* least = item.find("at_least");
        const TreeNode* most = item.find("at_most");
        if ((least != nullptr) == (most != nullptr)) {
          reader.error_at(item.pos, p, "one of at_least: or at_most:", least ? "both" : "neither");
          continue;
        }
        c.at_least = least != nullptr;
        const auto bound =
            reader.number(least ? *least : *most, p + (least ? ".at_least" : ".at_most"), Bound::any);
        if (const TreeNode* conf = item.find("confidence")) {
          const auto value = reader.number(*conf, p + ".confidence", Bound::positive);
          if (value && !(*value >= 0.5 && *value < 1))
            reader.error(*conf, p + ".confidence", "a confidence in [0.5, 1), e.g. 0.95");
          else if (value)
            c.confidence = *value;
        }
        const TreeNode* k = reader.require(item, "kpi", p, "the KPI the bound is on");
        if (!k || !bound || !base)
          continue;
        if (auto kpi = read_kpi(reader, *k, p + ".kpi", *base)) {
          c.kpi = *kpi;
          c.bound = *bound;
          spec.constraints.push_back(c);
        }
      }
  if (const TreeNode* sel = root->find("selection")) {
    if (reader.expect_map(*sel, "selection", "a selection {alpha, delta, top, first, max}")) {
      reader.check_keys(*sel, "selection", {"alpha", "delta", "top", "first", "max"});
      SelectionSpec s;
      s.pos = sel->pos;
      if (const TreeNode* a = sel->find("alpha")) {
        const auto v = reader.number(*a, "selection.alpha", Bound::positive);
        if (v && !(*v < 0.5))
          reader.error(*a, "selection.alpha", "a probability in (0, 0.5), e.g. 0.05");
        else if (v)
          s.alpha = *v;
      }
      if (const TreeNode* d =
              reader.require(*sel, "delta", "selection",
                             "the indifference zone: a difference in the objective worth finding"))
        if (auto v = reader.number(*d, "selection.delta", Bound::positive))
          s.delta = *v;
      if (const TreeNode* t = sel->find("top"))
        if (auto v = reader.integer(*t, "selection.top", 2, 100))
          s.top = *v;
      if (const TreeNode* f = sel->find("first"))
        if (auto v = reader.integer(*f, "selection.first", 2, 10'000))
          s.first = *v;
      if (const TreeNode* m = sel->find("max"))
        if (auto v = reader.integer(*m, "selection.max", 2, 1'000'000))
          s.max_per_candidate = *v;
      if (s.max_per_candidate < s.first)
        reader.error_at(sel->pos, "selection.max", "at least first (" + std::to_string(s.first) + ")",
                        std::to_string(s.max_per_candidate));
      spec.selection = s;
    }
    if (spec.objectives.size() > 1)
      reader.error_at(sel->pos, "selection",
                      "one objective (selecting the best with a guarantee among a front is not built yet)",
                      std::to_string(spec.objectives.size()) + " objectives");
  }
  // Every bound and choice makes a scenario the loader takes.
  if (base && log.empty())
    for (const auto& v : spec.variables) {
      std::vector<double> values;
      if (v.kind == DecisionVariable::Kind::choice)
        for (std::size_t i = 0; i < v.choices.size(); ++i)
          values.push_back(static_cast<double>(i));
      else
        values = {v.low, v.high};
      for (double value : values) {
        const std::string override_text = v.override_for(value);
        try {
          (void)load_scenario_file(spec.scenario_path, {override_text});
        } catch (const ScenarioError& e) {
          log.add(v.pos, "variables." + v.name, "values the base scenario takes",
                  "'" + override_text + "': " + first_problem(e));
          break;
        }
      }
    }
  if (!log.empty())
    log.throw_error();
  return spec;
}

} // namespace gigatwin::scenario
