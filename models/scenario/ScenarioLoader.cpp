#include "scenario/ScenarioLoader.hpp"

#include "scenario/AutomationParser.hpp"
#include "scenario/DidYouMean.hpp"
#include "scenario/DistributionParser.hpp"
#include "scenario/ExtendsResolver.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/InputGuard.hpp"
#include "scenario/LabourParser.hpp"
#include "scenario/Overrides.hpp"
#include "scenario/RoutingParser.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/StationGroupParser.hpp"
#include "scenario/TraceParser.hpp"
#include "scenario/WorkforceParser.hpp"
#include "scenario/YamlTree.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <limits>

namespace gigatwin::scenario {

namespace {

/// Walks the validated tree and fills a ScenarioSpec; problems go to the reader's log.
class ScenarioReader {
public:
  ScenarioReader(FieldReader& reader, std::string base_dir, std::vector<std::string> base_file_dirs)
      : reader_(reader), distributions_(reader, base_dir), workforce_(reader),
        groups_(reader, distributions_, workforce_), automation_(reader, distributions_),
        routing_(reader, distributions_), labour_(reader, std::move(base_dir), base_file_dirs) {
    distributions_.set_base_file_dirs(std::move(base_file_dirs));
  }

  ScenarioSpec read(const TreeNode& root) {
    ScenarioSpec spec;
    if (root.kind != TreeNode::Kind::map) {
      reader_.error_at(root.pos, "",
                       "a map of scenario keys (name, horizon, source, station_groups, routing, ...)",
                       root.kind == TreeNode::Kind::null ? "an empty document" : describe(root));
      return spec;
    }
    reader_.check_keys(root, "", schema::top_level_keys());
    read_run(root, spec);
    // The workforce comes before the station groups, whose operators name its skills.
    workforce_.read_currency(root.find("currency"), spec);
    if (const TreeNode* v = root.find("calendars"))
      workforce_.read_calendars(*v, spec);
    if (const TreeNode* v = root.find("worker_pools"))
      workforce_.read_pools(*v, spec);
    // The weekly cap is checked against the calendars the pools use.
    if (const TreeNode* v = root.find("labour"))
      labour_.read_labour(*v, spec, workforce_.money_currency(spec), root.find("calendars"));
    if (const TreeNode* v = root.find("workforce_policy"))
      labour_.read_policy(*v, spec, workforce_.money_currency(spec));
    if (const TreeNode* v = root.find("energy"))
      read_energy(*v, spec.energy, workforce_.money_currency(spec));
    if (const TreeNode* source = reader_.require(root, "source", "", "a map"))
      routing_.read_source(*source, "source", spec.source);
    if (const TreeNode* groups = reader_.require(root, "station_groups", "", "a sequence of station groups"))
      read_groups(*groups, spec);
    if (const TreeNode* routing = reader_.require(root, "routing", "", "a map with 'steps'"))
      read_routing(*routing, spec);
    if (const TreeNode* v = root.find("products"))
      routing_.read_products(*v, spec);
    routing_.check_shared_groups(spec);
    routing_.resolve_product_names(spec);
    if (const TreeNode* v = root.find("control_tower"))
      automation_.read_control_tower(*v, spec);
    if (const TreeNode* v = root.find("rollout"))
      automation_.read_rollout(*v, spec, modes_complete_);
    if (const TreeNode* v = root.find("trace"))
      read_trace(reader_, *v, spec);
    return spec;
  }

private:
  void read_energy(const TreeNode& node, EnergySpec& energy, const std::string& currency) {
    if (!reader_.expect_map(node, "energy", "an energy map {price, base_load}"))
      return;
    reader_.check_keys(node, "energy", schema::energy_keys());
    if (const TreeNode* v = node.find("price"))
      if (auto p = reader_.energy_price(*v, "energy.price", currency))
        energy.price_per_kwh = *p;
    if (const TreeNode* v = node.find("base_load"))
      if (auto kw = reader_.power(*v, "energy.base_load"))
        energy.base_load_kw = *kw;
  }

  void read_run(const TreeNode& root, ScenarioSpec& spec) {
    if (const TreeNode* v = root.find("schema"))
      if (v->kind != TreeNode::Kind::scalar || v->scalar != "1")
        reader_.error(*v, "schema", "schema version 1");
    if (const TreeNode* v = reader_.require(root, "name", "", "a string"))
      if (auto name = reader_.text(*v, "name", true))
        spec.name = *name;
    if (const TreeNode* v = root.find("description"); v && v->kind != TreeNode::Kind::null)
      if (auto text = reader_.text(*v, "description", false))
        spec.description = *text;

    std::optional<double> horizon;
    if (const TreeNode* v = reader_.require(root, "horizon", "", "a duration"))
      horizon = reader_.duration(*v, "horizon", Bound::positive);
    if (horizon)
      spec.horizon_s = *horizon;
    const TreeNode* horizon_node = root.find("horizon");

    if (const TreeNode* v = root.find("warmup");
        v && v->kind == TreeNode::Kind::scalar && v->scalar == "mser5") {
      spec.warmup_mser5 = true;
    } else if (const TreeNode* v = root.find("warmup")) {
      if (auto warmup = reader_.duration(*v, "warmup", Bound::non_negative)) {
        spec.warmup_s = *warmup;
        if (horizon && *warmup >= *horizon)
          reader_.error(*v, "warmup", "a duration below horizon (" + describe(*horizon_node) + ")");
      }
    }
    // The default sampling period shrinks for runs shorter than it, so that a short
    // scenario does not fail on a key it never wrote.
    spec.sample_interval_s = horizon ? std::min(3600.0, *horizon) : 3600.0;
    const TreeNode* interval_node = root.find("sample_interval");
    bool interval_ok = true;
    if (interval_node) {
      const auto interval = reader_.duration(*interval_node, "sample_interval", Bound::positive);
      interval_ok = interval.has_value();
      if (interval)
        spec.sample_interval_s = *interval;
      if (interval && horizon && *interval > *horizon) {
        reader_.error(*interval_node, "sample_interval",
                      "a duration <= horizon (" + describe(*horizon_node) + ")");
        interval_ok = false;
      }
    }
    if (horizon && interval_ok && *horizon / spec.sample_interval_s > ScenarioLimits::max_samples) {
      const std::string expected = "at most " +
                                   std::to_string(static_cast<long long>(ScenarioLimits::max_samples)) +
                                   " samples per run (horizon / sample_interval)";
      if (interval_node)
        reader_.error(*interval_node, "sample_interval", expected,
                      "a longer sample_interval keeps the time series small");
      else
        reader_.error(*horizon_node, "horizon", expected,
                      "sample_interval is 1h by default; set a longer one");
    }
    if (const TreeNode* v = root.find("seed"))
      // The whole unsigned 64-bit range, as on the command line; results files store it unsigned.
      if (auto seed = reader_.unsigned_integer(*v, "seed"))
        spec.seed = *seed;
    if (const TreeNode* v = root.find("replications"))
      if (auto n = reader_.integer(*v, "replications", 1, ScenarioLimits::max_replications))
        spec.replications = *n;
    if (const TreeNode* v = root.find("max_wip"))
      if (auto n = reader_.integer(*v, "max_wip", 1, 1'000'000'000))
        spec.max_wip = *n;
  }

  void read_groups(const TreeNode& node, ScenarioSpec& spec) {
    if (!reader_.expect_sequence(node, "station_groups", "a sequence of station groups"))
      return;
    if (node.items.empty()) {
      reader_.error_at(node.pos, "station_groups", "at least one station group", "an empty sequence");
      return;
    }
    for (std::size_t i = 0; i < node.items.size() && !reader_.log().full(); ++i) {
      const std::string path = index_path("station_groups", i);
      bool modes_complete = true;
      spec.station_groups.push_back(groups_.read(node.items[i], path, spec, modes_complete));
      modes_complete_.push_back(modes_complete);
      const std::string& name = spec.station_groups.back().name;
      if (name.empty())
        continue;
      for (std::size_t j = 0; j < i; ++j) {
        if (spec.station_groups[j].name == name) {
          reader_.error(*node.items[i].find("name"), path + ".name", "a unique station group name",
                        "also the name of " + index_path("station_groups", j));
          break;
        }
      }
    }
    check_positions(node);
  }

  /// A floor plan places every station group or none: a group left out would have no place.
  void check_positions(const TreeNode& groups) {
    std::optional<std::size_t> placed;
    for (std::size_t i = 0; i < groups.items.size(); ++i)
      if (groups.items[i].kind == TreeNode::Kind::map && groups.items[i].find("position")) {
        placed = i;
        break;
      }
    if (!placed)
      return;
    for (std::size_t i = 0; i < groups.items.size(); ++i)
      if (groups.items[i].kind == TreeNode::Kind::map && !groups.items[i].find("position")) {
        reader_.error_at(groups.items[i].pos, index_path("station_groups", i) + ".position",
                         "a position {x, y} in m (" + index_path("station_groups", *placed) +
                             " has one: every station group has one, or none)",
                         "nothing");
        return;
      }
  }

  void read_routing(const TreeNode& node, ScenarioSpec& spec) {
    if (!reader_.expect_map(node, "routing", "a routing map with 'steps'"))
      return;
    reader_.check_keys(node, "routing", schema::routing_keys());
    if (const TreeNode* v = node.find("product"))
      if (auto product = reader_.text(*v, "routing.product", true))
        spec.product = *product;
    const TreeNode* steps = reader_.require(node, "steps", "routing", "a sequence of steps");
    if (!steps || !reader_.expect_sequence(*steps, "routing.steps", "a sequence of steps"))
      return;
    if (steps->items.empty()) {
      reader_.error_at(steps->pos, "routing.steps", "at least one step", "an empty sequence");
      return;
    }
    ProductSpec product;
    product.name = spec.product;
    product.source = spec.source;
    if (const TreeNode* v = node.find("unit"))
      routing_.read_unit(*v, "routing.unit", product);
    spec.products.push_back(product);
    routing_.read_steps(*steps, "routing.steps", spec, 0);
  }

  FieldReader& reader_;
  DistributionParser distributions_;
  WorkforceParser workforce_;
  StationGroupParser groups_;
  AutomationParser automation_;
  RoutingParser routing_;
  LabourParser labour_;
  std::vector<bool> modes_complete_; ///< per station group, see StationGroupParser::read
};

ScenarioSpec load_tree(std::string_view text, DiagnosticLog& log, const std::vector<std::string>& overrides,
                       const std::string& base_dir, const std::string& file_path) {
  auto parsed = parse_yaml_tree(text, log);
  if (!parsed)
    log.throw_error();
  // Bases first, overrides last: `--set` changes the scenario as merged.
  ExtendsResolver bases(log);
  TreeNode tree = bases.resolve(std::move(*parsed), base_dir, file_path);
  if (!log.empty())
    log.throw_error();
  for (std::size_t i = 0; i < overrides.size(); ++i)
    apply_override(tree, overrides[i], static_cast<int>(i) + 1, log);
  FieldReader reader(log);
  ScenarioReader scenario(reader, base_dir, bases.base_file_dirs());
  ScenarioSpec spec = scenario.read(tree);
  if (!log.empty())
    log.throw_error();
  spec.resolved_yaml = emit_yaml(tree);
  return spec;
}

} // namespace

ScenarioSpec load_scenario_text(const std::string& yaml_text, const std::string& file_label,
                                const std::vector<std::string>& overrides, const std::string& base_dir) {
  DiagnosticLog log(file_label);
  return load_tree(yaml_text, log, overrides, base_dir, "");
}

ScenarioSpec load_scenario_file(const std::string& path, const std::vector<std::string>& overrides) {
  DiagnosticLog log(path);
  // Pipes are fine here (`--scenario <(generate)`): only the size is capped.
  const BoundedText file = read_bounded(path, TreeLimits::max_text_bytes, false);
  if (!file.error.empty()) {
    log.add(SourcePos{}, "", "a readable scenario file", "nothing readable (" + file.error + ")");
    log.throw_error();
  }
  if (file.too_large) {
    log.add(SourcePos{}, "",
            "a scenario file of at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes", "more");
    log.throw_error();
  }
  std::string base_dir = std::filesystem::path(path).parent_path().string();
  if (base_dir.empty())
    base_dir = ".";
  ScenarioSpec spec = load_tree(file.text, log, overrides, base_dir, path);
  spec.source_path = path;
  return spec;
}

} // namespace gigatwin::scenario
