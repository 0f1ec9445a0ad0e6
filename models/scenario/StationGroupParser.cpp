#include "scenario/StationGroupParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SchemaKeys.hpp"

#include <algorithm>

namespace gigatwin::scenario {

namespace {
std::optional<AutomationMode> mode_of(std::string_view name) {
  if (name == "manual")
    return AutomationMode::manual;
  if (name == "robotic")
    return AutomationMode::robotic;
  if (name == "hybrid")
    return AutomationMode::hybrid;
  return std::nullopt;
}
} // namespace

std::string_view mode_name(AutomationMode mode) {
  switch (mode) {
  case AutomationMode::manual:
    return "manual";
  case AutomationMode::robotic:
    return "robotic";
  case AutomationMode::hybrid:
    return "hybrid";
  }
  return "manual";
}

StationGroupSpec StationGroupParser::read(const TreeNode& node, const std::string& path,
                                          const ScenarioSpec& spec, bool& modes_complete) {
  StationGroupSpec group;
  modes_complete = true;
  if (!reader_.expect_map(node, path,
                          "a station group map (name, machines, process_time, setup, failures, operators, "
                          "modes)")) {
    modes_complete = false;
    return group;
  }
  reader_.check_keys(node, path, schema::station_group_keys());
  if (const TreeNode* v = reader_.require(node, "name", path, "a name of letters, digits, '_' and '-'")) {
    if (auto name = reader_.text(*v, path + ".name", true)) {
      if (is_identifier(*name))
        group.name = *name;
      else
        reader_.error(*v, path + ".name", "a name of letters, digits, '_' and '-'");
    }
  }
  if (const TreeNode* v = node.find("machines"))
    if (auto n = reader_.integer(*v, path + ".machines", 1, ScenarioLimits::max_machines))
      group.machines = *n;

  if (const TreeNode* modes = node.find("modes")) {
    // With modes, what a machine does belongs to each mode: the same keys beside `modes` would
    // leave it unclear which mode they describe.
    std::vector<const TreeEntry*> misplaced;
    for (const auto& e : node.entries)
      for (const auto& k : schema::single_mode_keys())
        if (e.key == k)
          misplaced.push_back(&e);
    if (!misplaced.empty()) {
      std::string names;
      for (const TreeEntry* e : misplaced)
        names += (names.empty() ? "" : ", ") + e->key;
      reader_.error_at(misplaced.front()->key_pos, child_path(path, misplaced.front()->key),
                       "these keys inside modes.<name> (the group has 'modes')",
                       names + " at the group level");
    }
    read_modes(node, *modes, path, spec, workforce_.money_currency(spec), group, modes_complete);
  } else {
    if (const TreeNode* v = node.find("mode"))
      reader_.error(*v, path + ".mode",
                    "'mode' only beside 'modes' (without them the group has one manual mode)");
    ModeSpec manual;
    read_work(node, path, spec, manual);
    if (const TreeNode* v = node.find("control_tower"))
      if (auto flag = reader_.boolean(*v, path + ".control_tower"))
        manual.depends_on_control_tower = *flag;
    group.modes.push_back(std::move(manual));
  }
  if (const TreeNode* v = node.find("changeover"))
    group.changeover = read_changeover(*v, path + ".changeover");
  if (const TreeNode* v = node.find("position"))
    group.position = read_position(*v, path + ".position");
  if (const TreeNode* v = node.find("batch")) {
    group.batch = quality_.read_batch(*v, path + ".batch");
    const bool inspects = std::any_of(group.modes.begin(), group.modes.end(),
                                      [](const ModeSpec& m) { return m.inspection.has_value(); });
    if (group.batch && inspects) // an inspection judges lot by lot
      reader_.error(*v, path + ".batch", "no batch on a group that inspects (inspection judges lot by lot)");
  }
  return group;
}

std::optional<FloorPosition> StationGroupParser::read_position(const TreeNode& node,
                                                               const std::string& path) {
  if (!reader_.expect_map(node, path, "a floor position {x, y} in m"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::position_keys());
  std::optional<double> x, y;
  if (const TreeNode* v = reader_.require(node, "x", path, "a number of m"))
    x = reader_.number(*v, path + ".x", Bound::any);
  if (const TreeNode* v = reader_.require(node, "y", path, "a number of m"))
    y = reader_.number(*v, path + ".y", Bound::any);
  if (!x || !y)
    return std::nullopt;
  return FloorPosition{*x, *y};
}

void StationGroupParser::read_modes(const TreeNode& group_node, const TreeNode& modes,
                                    const std::string& path, const ScenarioSpec& spec,
                                    const std::string& currency, StationGroupSpec& group,
                                    bool& modes_complete) {
  const std::string modes_path = path + ".modes";
  const auto& names = schema::mode_names();
  if (!reader_.expect_map(modes, modes_path, "a map from mode name (manual, robotic, hybrid) to a mode")) {
    modes_complete = false;
    return;
  }
  if (modes.entries.empty()) {
    reader_.error_at(modes.pos, modes_path, "at least one mode (manual, robotic, hybrid)", "an empty map");
    modes_complete = false;
    return;
  }
  reader_.check_keys(modes, modes_path, names, "a mode name (manual, robotic, hybrid)");
  for (std::size_t i = 0; i < modes.entries.size(); ++i) {
    const TreeEntry& e = modes.entries[i];
    const auto kind = mode_of(e.key);
    bool again = false;
    for (std::size_t j = 0; j < i; ++j)
      again = again || modes.entries[j].key == e.key;
    if (!kind || again) { // reported by check_keys
      modes_complete = modes_complete && kind.has_value();
      continue;
    }
    const std::string mode_path = modes_path + "." + e.key;
    ModeSpec mode;
    mode.mode = *kind;
    // Robots and hybrid cells are driven by the central control system; people are not.
    mode.depends_on_control_tower = *kind != AutomationMode::manual;
    if (reader_.expect_map(e.value, mode_path,
                           "a mode map (process_time, setup, failures, operators, robots, "
                           "robot_failures, capital_cost, depreciation, maintenance, control_tower)")) {
      reader_.check_keys(e.value, mode_path, schema::mode_keys());
      read_work(e.value, mode_path, spec, mode);
      read_costs(e.value, mode_path, currency, mode);
    }
    group.modes.push_back(std::move(mode));
  }

  if (const TreeNode* v = group_node.find("mode")) {
    std::vector<std::string> listed;
    for (const auto& m : group.modes)
      listed.emplace_back(mode_name(m.mode));
    const auto name = reader_.text(*v, path + ".mode", true);
    if (!name)
      return;
    const auto it = std::find(listed.begin(), listed.end(), *name);
    if (it != listed.end()) {
      group.initial_mode = static_cast<std::size_t>(it - listed.begin());
    } else if (modes_complete) {
      const bool known = mode_of(*name).has_value();
      reader_.error(*v, path + ".mode", "one of the group's modes (" + join_names(listed) + ")",
                    known ? "add modes." + *name + " to the group" : suggestion_hint(*name, listed, "modes"));
    }
  }
}

void StationGroupParser::read_work(const TreeNode& node, const std::string& path, const ScenarioSpec& spec,
                                   ModeSpec& mode) {
  if (const TreeNode* v = reader_.require(node, "process_time", path, "a distribution")) {
    if (auto dist = distributions_.parse(*v, path + ".process_time")) {
      // A machine that takes no time on average would let a saturated line loop forever
      // at one instant.
      if (has_positive_mean(*dist))
        mode.process_time = *dist;
      else
        reader_.error(*v, path + ".process_time", "a process time with a mean > 0");
    }
  }
  if (const TreeNode* v = node.find("process_time_by_product")) {
    // Product names are resolved once the products are read (RoutingParser::resolve_product_names).
    const std::string at = path + ".process_time_by_product";
    if (v->kind != TreeNode::Kind::map || v->entries.empty()) {
      reader_.error(*v, at, "a map of product names to process times ({cell_lfp: 22h, ...})");
    } else {
      for (const auto& e : v->entries) {
        if (std::any_of(mode.process_time_by_product.begin(), mode.process_time_by_product.end(),
                        [&](const ProductTime& t) { return t.product == e.key; })) {
          reader_.error_at(e.key_pos, at + "." + e.key, "each product once", "'" + e.key + "' again");
          continue;
        }
        if (auto dist = distributions_.parse(e.value, at + "." + e.key)) {
          if (has_positive_mean(*dist))
            mode.process_time_by_product.push_back({e.key, 0, *dist, e.key_pos});
          else
            reader_.error(e.value, at + "." + e.key, "a process time with a mean > 0");
        }
      }
    }
  }
  if (const TreeNode* v = node.find("setup"))
    mode.setup = read_setup(*v, path + ".setup");
  if (const TreeNode* v = node.find("failures"))
    mode.failures = read_failures(*v, path + ".failures");
  if (const TreeNode* v = node.find("operators"))
    mode.operators = workforce_.read_operators(*v, path + ".operators", spec);
  if (const TreeNode* v = node.find("power"))
    read_power(*v, path + ".power", mode.power);
  if (const TreeNode* v = node.find("inspection"))
    mode.inspection = quality_.read_inspection(*v, path + ".inspection", workforce_.money_currency(spec));
}

void StationGroupParser::read_power(const TreeNode& node, const std::string& path, PowerSpec& power) {
  if (node.kind != TreeNode::Kind::map) {
    if (auto kw = reader_.power(node, path))
      power.busy_kw = power.setup_kw = *kw; // one value: drawn while working
    return;
  }
  reader_.check_keys(node, path, schema::power_keys(),
                     "a machine state (busy, setup, idle, blocked, down, "
                     "waiting_operator, off_shift, halted)");
  auto read = [&](const char* key) -> std::optional<double> {
    const TreeNode* v = node.find(key);
    return v ? reader_.power(*v, child_path(path, key)) : std::nullopt;
  };
  power.busy_kw = read("busy").value_or(0.0);
  power.setup_kw = read("setup").value_or(power.busy_kw);
  power.idle_kw = read("idle").value_or(0.0);
  // A machine standing still with its drives on draws what it draws idle; broken or switched
  // off at the end of a shift, nothing unless told.
  power.blocked_kw = read("blocked").value_or(power.idle_kw);
  power.waiting_operator_kw = read("waiting_operator").value_or(power.idle_kw);
  power.halted_kw = read("halted").value_or(power.idle_kw);
  power.down_kw = read("down").value_or(0.0);
  power.off_shift_kw = read("off_shift").value_or(0.0);
}

void StationGroupParser::read_costs(const TreeNode& node, const std::string& path,
                                    const std::string& currency, ModeSpec& mode) {
  if (const TreeNode* v = node.find("robots"))
    if (auto n = reader_.integer(*v, path + ".robots", 0, ScenarioLimits::max_robots_per_machine))
      mode.robots_per_machine = *n;
  if (const TreeNode* v = node.find("robot_failures")) {
    mode.robot_failures = read_failures(*v, path + ".robot_failures");
    // A fleet's failures need a fleet: without robots the key would silently do nothing.
    if (mode.robots_per_machine == 0)
      reader_.error_at(node.pos, path + ".robots",
                       "key 'robots' (an integer > 0) since robot_failures is given",
                       node.find("robots") ? "0" : "nothing");
    else if (mode.robots_per_machine > ScenarioLimits::max_failing_robots_per_machine)
      reader_.error(*node.find("robots"), path + ".robots",
                    "at most " + std::to_string(ScenarioLimits::max_failing_robots_per_machine) +
                        " robots per machine when they fail one by one (robot_failures)");
  }
  const TreeNode* capital_node = node.find("capital_cost");
  std::optional<double> capital;
  if (capital_node)
    capital = reader_.money(*capital_node, path + ".capital_cost", currency);
  if (capital)
    mode.capital_cost_per_machine = *capital;
  if (const TreeNode* v = node.find("depreciation")) {
    if (auto period = reader_.duration(*v, path + ".depreciation", Bound::positive))
      mode.depreciation_s = *period;
  } else if (capital && *capital > 0.0) {
    // Capital without a period to spread it over cannot be costed per hour of use.
    reader_.error_at(node.pos, path + ".depreciation",
                     "key 'depreciation' (a duration > 0) since capital_cost is above 0", "nothing");
  }
  if (const TreeNode* v = node.find("maintenance"))
    if (auto per_h =
            reader_.money_rate(*v, path + ".maintenance", currency, "a maintenance cost", "2000000 {}/y"))
      mode.maintenance_per_machine_per_h = *per_h;
  if (const TreeNode* v = node.find("control_tower"))
    if (auto flag = reader_.boolean(*v, path + ".control_tower"))
      mode.depends_on_control_tower = *flag;
}

std::optional<ChangeoverSpec> StationGroupParser::read_changeover(const TreeNode& node,
                                                                  const std::string& path) {
  if (!reader_.expect_map(node, path, "a changeover map {time, between}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::changeover_keys());
  ChangeoverSpec changeover;
  bool ok = true;
  if (const TreeNode* v = node.find("time")) {
    if (auto d = distributions_.parse(*v, path + ".time"))
      changeover.time = *d;
    else
      ok = false;
  }
  if (const TreeNode* v = node.find("between")) {
    if (!reader_.expect_sequence(*v, path + ".between", "a sequence of {from, to, time}"))
      return std::nullopt;
    for (std::size_t k = 0; k < v->items.size(); ++k) {
      const TreeNode& item = v->items[k];
      const std::string item_path = index_path(path + ".between", k);
      if (!reader_.expect_map(item, item_path, "a changeover pair {from, to, time}")) {
        ok = false;
        continue;
      }
      reader_.check_keys(item, item_path, schema::changeover_pair_keys());
      ChangeoverPair pair;
      const TreeNode* from = reader_.require(item, "from", item_path, "a product name");
      const TreeNode* to = reader_.require(item, "to", item_path, "a product name");
      const TreeNode* time = reader_.require(item, "time", item_path, "a distribution");
      auto from_name = from ? reader_.text(*from, item_path + ".from", true) : std::nullopt;
      auto to_name = to ? reader_.text(*to, item_path + ".to", true) : std::nullopt;
      auto d = time ? distributions_.parse(*time, item_path + ".time") : std::nullopt;
      if (!from_name || !to_name || !d) {
        ok = false;
        continue;
      }
      pair.from = *from_name;
      pair.to = *to_name;
      pair.from_pos = from->pos;
      pair.to_pos = to->pos;
      pair.time = *d;
      changeover.between.push_back(pair);
    }
  }
  if (!changeover.time && changeover.between.empty() && ok) {
    reader_.error_at(node.pos, path + ".time", "key 'time' or key 'between'", "neither");
    return std::nullopt;
  }
  return ok ? std::optional<ChangeoverSpec>(changeover) : std::nullopt;
}

std::optional<SetupSpec> StationGroupParser::read_setup(const TreeNode& node, const std::string& path) {
  if (!reader_.expect_map(node, path, "a setup map {time: <distribution>, every: <lots>}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::setup_keys());
  SetupSpec setup;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "time", path, "a distribution")) {
    if (auto dist = distributions_.parse(*v, path + ".time"))
      setup.time = *dist;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (const TreeNode* v = node.find("every")) {
    if (auto n = reader_.integer(*v, path + ".every", 1))
      setup.every_lots = *n;
    else
      ok = false;
  }
  return ok ? std::optional<SetupSpec>(setup) : std::nullopt;
}

std::optional<FailureSpec> StationGroupParser::read_failures(const TreeNode& node, const std::string& path) {
  if (!reader_.expect_map(node, path, "a failures map {time_to_failure, time_to_repair, basis}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::failure_keys());
  FailureSpec failures;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "time_to_failure", path, "a distribution")) {
    auto dist = distributions_.parse(*v, path + ".time_to_failure");
    if (dist && !has_positive_mean(*dist))
      reader_.error(*v, path + ".time_to_failure", "a time to failure with a mean > 0");
    if (dist && has_positive_mean(*dist))
      failures.time_to_failure = *dist;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (const TreeNode* v = reader_.require(node, "time_to_repair", path, "a distribution")) {
    if (auto dist = distributions_.parse(*v, path + ".time_to_repair"))
      failures.time_to_repair = *dist;
    else
      ok = false;
  } else {
    ok = false;
  }
  if (const TreeNode* v = node.find("basis")) {
    static const std::vector<std::string> bases = {"operating", "calendar"};
    if (v->kind == TreeNode::Kind::scalar && v->scalar == "operating") {
      failures.basis = FailureBasis::operating;
    } else if (v->kind == TreeNode::Kind::scalar && v->scalar == "calendar") {
      failures.basis = FailureBasis::calendar;
    } else {
      reader_.error(*v, path + ".basis", "operating or calendar",
                    v->kind == TreeNode::Kind::scalar ? suggestion_hint(v->scalar, bases, "bases") : "");
      ok = false;
    }
  }
  return ok ? std::optional<FailureSpec>(failures) : std::nullopt;
}

} // namespace gigatwin::scenario
