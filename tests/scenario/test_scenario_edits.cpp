// Edits on a scenario's tree (the desktop app's editor) and the two ways of writing them down:
// as --set overrides over the file (checked by loading the file with them), and as an overlay
// over a base (checked by loading the overlay, which the loader merges over the base).
#include "scenario/ScenarioEdits.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SweepLoader.hpp"

#include "ScenarioText.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>

using namespace gigatwin::scenario;

namespace {

TreeNode tree_of(const std::string& text) {
  DiagnosticLog log("test");
  auto tree = parse_yaml_tree(text, log);
  REQUIRE(tree);
  return *tree;
}

/// The scenario as the loader resolves it (bases merged, overrides applied).
TreeNode resolved(const ScenarioSpec& spec) {
  return tree_of(spec.resolved_yaml);
}

std::vector<std::string> shipped_scenarios() {
  std::vector<std::string> out;
  for (const auto& e :
       std::filesystem::directory_iterator(std::filesystem::path(GIGATWIN_SOURCE_DIR) / "scenarios"))
    if (e.path().extension() == ".yaml" && !is_sweep_file(e.path().string()))
      out.push_back(e.path().string());
  std::sort(out.begin(), out.end());
  return out;
}

const std::string three_groups = R"(schema: 1
name: three-step line
horizon: 10d
source: {rate: 60/h}
station_groups:
  - {name: press, process_time: 45s}
  - {name: weld, machines: 2, process_time: {dist: exponential, mean: 50s}}
  - {name: paint, process_time: 40s}
routing:
  steps:
    - station_group: press
    - station_group: weld
    - station_group: paint
trace: {station_groups: [weld, paint]}
)";

} // namespace

TEST_CASE("trees are compared by content, not by where they were written", "[edits]") {
  const TreeNode a = tree_of("a: 1\nb: [x, {c: 2}]\n");
  const TreeNode b = tree_of("\n\na:   1\nb:\n  - x\n  - c: 2\n");
  CHECK(same_tree(a, b));
  CHECK_FALSE(same_tree(a, tree_of("a: 1\nb: [x, {c: 3}]\n")));
  CHECK_FALSE(same_tree(a, tree_of("b: [x, {c: 2}]\na: 1\n"))); // key order is content
  CHECK_FALSE(same_tree(tree_of("a: ~\n"), tree_of("a: ''\n")));
}

TEST_CASE("a key path names a node", "[edits]") {
  const TreeNode t = tree_of(three_groups);
  REQUIRE(node_at(t, "station_groups[1].machines"));
  CHECK(node_at(t, "station_groups[1].machines")->scalar == "2");
  CHECK(node_at(t, "station_groups[1].process_time.mean")->scalar == "50s");
  CHECK(node_at(t, "trace.station_groups[1]")->scalar == "paint");
  CHECK(node_at(t, "") == &t);
  CHECK(node_at(t, "station_groups[3]") == nullptr);
  CHECK(node_at(t, "station_groups[1].nothing") == nullptr);
  CHECK(node_at(t, "horizon[0]") == nullptr);
  CHECK(node_at(t, "station_groups[x]") == nullptr);
  CHECK(node_at(t, "station_groups[") == nullptr);
  CHECK(node_at(t, "a..b") == nullptr);
}

TEST_CASE("flow YAML reads back as the same value", "[edits]") {
  TreeNode map;
  for (const std::string text :
       {"plain", "a: b", "null", "~", "#hash", "[x]", "{y}", "x, y", "'quoted'", "\"double\"", "", " lead",
        "trail ", "50s", "1e3", "yes", "multi\nline", "ünïcode"}) {
    INFO(text);
    const TreeNode value = scalar_node(text);
    DiagnosticLog log("flow");
    auto back = parse_yaml_tree(emit_flow_yaml(value), log);
    REQUIRE(back);
    CHECK(same_tree(*back, value));
    set_entry(map, "k" + std::to_string(map.entries.size()), value);
  }
  const std::string line = emit_flow_yaml(map);
  CHECK(line.find('\n') == std::string::npos);
  DiagnosticLog log("flow");
  auto back = parse_yaml_tree(line, log);
  REQUIRE(back);
  CHECK(same_tree(*back, map));
}

TEST_CASE("overrides between two trees are as fine as key paths allow and give the edited scenario",
          "[edits]") {
  const ScenarioSpec spec = load_scenario_text(three_groups, "three.yaml");
  const TreeNode original = resolved(spec);

  SECTION("a changed value is one override at its key path") {
    TreeNode edited = original;
    node_at(edited, "station_groups[1].machines")->scalar = "3";
    node_at(edited, "station_groups[0].process_time")->scalar = "40s";
    const auto overrides = overrides_between(original, edited);
    REQUIRE(overrides);
    CHECK(*overrides ==
          std::vector<std::string>{"station_groups[0].process_time=40s", "station_groups[1].machines=3"});
    CHECK(same_tree(resolved(load_scenario_text(three_groups, "three.yaml", *overrides)), edited));
  }
  SECTION("nothing changed: no override") {
    CHECK(overrides_between(original, original) == std::vector<std::string>{});
  }
  SECTION("a group added is the whole list, and the loader gets the same scenario") {
    TreeNode edited = original;
    TreeNode group = node_at(edited, "station_groups")->items[2];
    set_entry(group, "name", scalar_node("inspect_final"));
    node_at(edited, "station_groups")->items.push_back(group);
    TreeNode step = node_at(edited, "routing.steps")->items[2];
    set_entry(step, "station_group", scalar_node("inspect_final"));
    node_at(edited, "routing.steps")->items.push_back(step);
    const auto overrides = overrides_between(original, edited);
    REQUIRE(overrides);
    REQUIRE(overrides->size() == 2);
    CHECK(overrides->front().rfind("station_groups=[", 0) == 0);
    CHECK(overrides->back().rfind("routing.steps=[", 0) == 0);
    const ScenarioSpec again = load_scenario_text(three_groups, "three.yaml", *overrides);
    CHECK(again.station_groups.size() == 4);
    CHECK(again.station_groups[3].name == "inspect_final");
    CHECK(same_tree(resolved(again), edited));
  }
  SECTION("a key removed below the top replaces its map; at the top it cannot be said") {
    TreeNode edited = original;
    auto& weld = node_at(edited, "station_groups[1]")->entries;
    weld.erase(
        std::find_if(weld.begin(), weld.end(), [](const TreeEntry& e) { return e.key == "machines"; }));
    const auto overrides = overrides_between(original, edited);
    REQUIRE(overrides);
    REQUIRE(overrides->size() == 1);
    CHECK(overrides->front().rfind("station_groups[1]={", 0) == 0);
    CHECK(load_scenario_text(three_groups, "three.yaml", *overrides).station_groups[1].machines == 1);

    TreeNode no_trace = original;
    no_trace.entries.erase(std::find_if(no_trace.entries.begin(), no_trace.entries.end(),
                                        [](const TreeEntry& e) { return e.key == "trace"; }));
    CHECK_FALSE(overrides_between(original, no_trace));
  }
}

TEST_CASE("renaming a station group renames every reference to it", "[edits]") {
  TreeNode t = tree_of(three_groups);
  CHECK(rename_station_group(t, "weld", "laser_weld") == 3); // the group, its step, the trace filter
  CHECK(node_at(t, "station_groups[1].name")->scalar == "laser_weld");
  CHECK(node_at(t, "routing.steps[1].station_group")->scalar == "laser_weld");
  CHECK(node_at(t, "trace.station_groups[0]")->scalar == "laser_weld");
  CHECK(node_at(t, "trace.station_groups[1]")->scalar == "paint");
  CHECK(rename_station_group(t, "weld", "x") == 0);
  CHECK_NOTHROW(load_scenario_text(emit_yaml(t), "renamed.yaml"));

  // Where rejects go for rework, and a roll-out step, name groups too; a product's name that
  // happens to equal the group's does not.
  TreeNode more =
      tree_of("station_groups: [{name: weld}]\nrouting: {product: weld, steps: [{station_group: weld, "
              "reject: {rework: weld}}]}\nrollout: [{at: 1d, station_group: weld, mode: robotic}]\n");
  CHECK(rename_station_group(more, "weld", "laser") == 4);
  CHECK(node_at(more, "routing.steps[0].reject.rework")->scalar == "laser");
  CHECK(node_at(more, "rollout[0].station_group")->scalar == "laser");
  CHECK(node_at(more, "routing.product")->scalar == "weld");
}

TEST_CASE("every shipped scenario, edited, runs from its file with the overrides", "[edits][shipped]") {
  for (const std::string& path : shipped_scenarios()) {
    INFO(path);
    const ScenarioSpec spec = load_scenario_file(path);
    const TreeNode original = resolved(spec);
    TreeNode edited = original;
    // Renaming every group touches the routing, the products, the roll-out and the trace: the
    // scenario stays valid only if every reference follows.
    const TreeNode* groups = node_at(original, "station_groups");
    REQUIRE(groups);
    for (const auto& g : groups->items) {
      const std::string name = g.find("name")->scalar;
      CHECK(rename_station_group(edited, name, name + "_renamed") >= 2);
    }
    set_entry(edited, "seed", scalar_node("12345"));
    const auto overrides = overrides_between(original, edited);
    REQUIRE(overrides);
    ScenarioSpec again;
    try {
      again = load_scenario_file(path, *overrides);
    } catch (const ScenarioError& e) {
      FAIL(e.what());
    }
    CHECK(same_tree(resolved(again), edited));
    CHECK(again.seed == 12345u);
  }
}

TEST_CASE("a scenario that extends a base is written as its overlay over the base", "[edits][shipped]") {
  const std::filesystem::path folder = std::filesystem::path(GIGATWIN_SOURCE_DIR) / "scenarios";
  int extending = 0;
  for (const std::string& path : shipped_scenarios()) {
    const TreeNode raw = tree_of([&] {
      std::ifstream in(path);
      return std::string(std::istreambuf_iterator<char>(in), {});
    }());
    const TreeNode* extends = raw.find("extends");
    if (!extends)
      continue;
    ++extending;
    INFO(path);
    const TreeNode base = resolved(load_scenario_file((folder / extends->scalar).string()));
    const TreeNode edited = resolved(load_scenario_file(path));
    std::string why;
    auto overlay = overlay_over_base(base, edited, &why);
    INFO(why);
    REQUIRE(overlay);
    // Written with the base's path first, the overlay loads to the scenario as the file has it.
    TreeNode file;
    set_entry(file, "extends", scalar_node(extends->scalar));
    for (auto& e : overlay->entries)
      set_entry(file, e.key, e.value);
    CHECK(same_tree(resolved(load_scenario_text(emit_yaml(file), "overlay.yaml", {}, folder.string())),
                    edited));
    // The overlay holds what differs, not the whole plant again.
    CHECK(emit_yaml(file).size() < emit_yaml(edited).size());
  }
  CHECK(extending >= 3);
}

TEST_CASE("an overlay removes, changes and adds named items, and refuses what a merge cannot say",
          "[edits]") {
  const std::filesystem::path dir = std::filesystem::temp_directory_path() / "gigatwin-test-overlay";
  std::filesystem::create_directories(dir);
  std::ofstream(dir / "base.yaml") << three_groups;
  const TreeNode base = resolved(load_scenario_file((dir / "base.yaml").string()));

  TreeNode edited = base;
  auto& groups = node_at(edited, "station_groups")->items;
  groups.erase(groups.begin()); // press goes
  auto& steps = node_at(edited, "routing.steps")->items;
  steps.erase(steps.begin());
  node_at(edited, "station_groups[0].machines")->scalar = "4";
  TreeNode dry = groups.back();
  set_entry(dry, "name", scalar_node("dry"));
  groups.push_back(dry);
  TreeNode step;
  set_entry(step, "station_group", scalar_node("dry"));
  steps.push_back(step);

  std::string why;
  auto overlay = overlay_over_base(base, edited, &why);
  INFO(why);
  REQUIRE(overlay);
  const TreeNode* items = overlay->find("station_groups");
  REQUIRE(items);
  REQUIRE(items->items.size() == 3);
  CHECK(same_tree(items->items[0], tree_of("{name: press, remove: true}")));
  CHECK(same_tree(items->items[1], tree_of("{name: weld, machines: 4}")));
  CHECK(items->items[2].find("name")->scalar == "dry");
  CHECK_FALSE(overlay->find("horizon")); // unchanged keys stay in the base

  TreeNode file;
  set_entry(file, "extends", scalar_node("base.yaml"));
  for (auto& e : overlay->entries)
    set_entry(file, e.key, e.value);
  CHECK(same_tree(resolved(load_scenario_text(emit_yaml(file), "overlay.yaml", {}, dir.string())), edited));

  SECTION("reordered items cannot be said") {
    TreeNode swapped = base;
    auto& g = node_at(swapped, "station_groups")->items;
    std::swap(g[0], g[1]);
    CHECK_FALSE(overlay_over_base(base, swapped, &why));
    CHECK(why.find("order") != std::string::npos);
  }
  SECTION("a new item before one of the base's cannot be said") {
    TreeNode early = base;
    auto& g = node_at(early, "station_groups")->items;
    g.insert(g.begin(), dry);
    CHECK_FALSE(overlay_over_base(base, early, &why));
  }
  SECTION("a key of the base removed cannot be said") {
    TreeNode less = base;
    less.entries.erase(std::find_if(less.entries.begin(), less.entries.end(),
                                    [](const TreeEntry& e) { return e.key == "trace"; }));
    CHECK_FALSE(overlay_over_base(base, less, &why));
    CHECK(why.find("trace") != std::string::npos);
  }
  std::filesystem::remove_all(dir);
}

TEST_CASE("removing a station group removes its steps and its name in the trace's filter", "[edits]") {
  TreeNode t = tree_of(three_groups);
  CHECK(remove_station_group(t, "weld") == 2);
  CHECK(node_at(t, "station_groups")->items.size() == 2);
  CHECK(node_at(t, "routing.steps")->items.size() == 2);
  CHECK(node_at(t, "routing.steps[1].station_group")->scalar == "paint");
  CHECK(same_tree(*node_at(t, "trace.station_groups"), tree_of("[paint]")));
  CHECK_NOTHROW(load_scenario_text(emit_yaml(t), "removed.yaml"));
  CHECK(remove_station_group(t, "weld") == -1);
}

TEST_CASE("a key or an item is removed at its path; overrides are applied as --set would", "[edits]") {
  TreeNode t = tree_of(three_groups);
  CHECK(remove_at(t, "station_groups[1].machines"));
  CHECK_FALSE(node_at(t, "station_groups[1].machines"));
  CHECK(remove_at(t, "trace.station_groups[0]"));
  CHECK(same_tree(*node_at(t, "trace.station_groups"), tree_of("[paint]")));
  CHECK(remove_at(t, "horizon"));
  CHECK_FALSE(t.find("horizon"));
  CHECK_FALSE(remove_at(t, "horizon"));
  CHECK_FALSE(remove_at(t, "station_groups[3]"));
  CHECK_FALSE(remove_at(t, ""));
  CHECK_FALSE(remove_at(t, "station_groups[0].process_time.mean")); // a scalar holds no key

  std::string problem;
  const auto edited =
      with_overrides(tree_of(three_groups), {"station_groups[0].machines=4", "horizon=5d"}, &problem);
  REQUIRE(edited);
  CHECK(node_at(*edited, "station_groups[0].machines")->scalar == "4");
  CHECK(node_at(*edited, "horizon")->scalar == "5d");
  CHECK_FALSE(
      with_overrides(tree_of(three_groups), {"horizon=5d", "station_groups[9].machines=4"}, &problem));
  CHECK(problem.rfind("--set:2:", 0) == 0); // the second override, at its own position
}

TEST_CASE("a new name is one no item of the list has", "[edits]") {
  const TreeNode t = tree_of(three_groups);
  CHECK(unused_name(t, "station_groups", "dry") == "dry");
  CHECK(unused_name(t, "station_groups", "weld") == "weld_2");
  CHECK(unused_name(t, "worker_pools", "crew") == "crew");
}
