#include "scenario/AutomationParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/StationGroupParser.hpp"

#include <algorithm>
#include <numeric>

namespace gigatwin::scenario {

namespace {
/// "at 90d for 6h", from the outage's map as written.
std::string outage_text(const TreeNode& item) {
  const TreeNode* at = item.find("at");
  const TreeNode* length = item.find("for");
  return "at " + (at ? at->scalar : std::string("?")) + " for " +
         (length ? length->scalar : std::string("?"));
}
} // namespace

void AutomationParser::read_control_tower(const TreeNode& node, ScenarioSpec& spec) {
  if (!reader_.expect_map(node, "control_tower", "a control tower map {enabled, outages, random, recovery}"))
    return;
  reader_.check_keys(node, "control_tower", schema::control_tower_keys());
  ControlTowerSpec tower;
  // Switched off, the outages are still checked and kept (a planner switching them on again
  // expects a valid file, and validate says what is off) but the plant runs without them.
  if (const TreeNode* v = node.find("enabled"))
    if (auto flag = reader_.boolean(*v, "control_tower.enabled"))
      tower.enabled = *flag;
  if (const TreeNode* v = node.find("outages"))
    read_outages(*v, "control_tower.outages", tower);
  if (const TreeNode* v = node.find("random"))
    tower.random = read_random(*v, "control_tower.random");
  if (const TreeNode* v = node.find("recovery"))
    read_recovery(*v, "control_tower.recovery", spec, tower.recovery);
  spec.control_tower = std::move(tower);
}

void AutomationParser::read_recovery(const TreeNode& node, const std::string& path, const ScenarioSpec& spec,
                                     RecoverySpec& recovery) {
  if (!reader_.expect_map(node, path, "a recovery map {at, reference, window, tolerance}"))
    return;
  reader_.check_keys(node, path, schema::recovery_keys());
  if (const TreeNode* v = node.find("at")) {
    if (auto at = reader_.text(*v, path + ".at", true)) {
      std::vector<std::string> places = {"sink"};
      for (const auto& step : spec.steps)
        places.push_back(step.station_group);
      if (std::find(places.begin(), places.end(), *at) != places.end())
        recovery.at = *at;
      else
        reader_.error(*v, path + ".at", "sink or a station group of the routing",
                      suggestion_hint(*at, places, "places"));
    }
  }
  if (const TreeNode* v = node.find("reference"))
    if (auto d = reader_.duration(*v, path + ".reference", Bound::positive))
      recovery.reference_s = *d;
  if (const TreeNode* v = node.find("window"))
    if (auto d = reader_.duration(*v, path + ".window", Bound::positive))
      recovery.window_s = *d;
  if (const TreeNode* v = node.find("tolerance"))
    if (auto p = reader_.probability_below_one(*v, path + ".tolerance"))
      recovery.tolerance = *p;
}

void AutomationParser::read_outages(const TreeNode& node, const std::string& path, ControlTowerSpec& tower) {
  if (!reader_.expect_sequence(node, path, "a sequence of outages {at, for}"))
    return;
  std::vector<OutageSpec> outages; // in written order while checking
  for (std::size_t k = 0; k < node.items.size() && !reader_.log().full(); ++k) {
    const TreeNode& item = node.items[k];
    const std::string item_path = index_path(path, k);
    if (!reader_.expect_map(item, item_path, "an outage map {at, for}"))
      continue;
    reader_.check_keys(item, item_path, schema::outage_keys());
    std::optional<double> at;
    std::optional<double> length;
    if (const TreeNode* v = reader_.require(item, "at", item_path, "a duration >= 0"))
      at = reader_.duration(*v, item_path + ".at", Bound::non_negative);
    if (const TreeNode* v = reader_.require(item, "for", item_path, "a duration > 0"))
      length = reader_.duration(*v, item_path + ".for", Bound::positive);
    if (at && length)
      outages.push_back(OutageSpec{*at, *length});
  }
  if (outages.size() != node.items.size())
    return; // overlaps only make sense among valid outages
  std::vector<std::size_t> order(outages.size());
  std::iota(order.begin(), order.end(), std::size_t{0});
  std::stable_sort(order.begin(), order.end(),
                   [&](std::size_t a, std::size_t b) { return outages[a].at_s < outages[b].at_s; });
  // Each outage must start no earlier than every earlier-starting one ends; the one ending last
  // so far is the one it would overlap, and touching (end == start) is allowed.
  std::optional<std::size_t> latest_end;
  for (std::size_t k : order) {
    if (latest_end) {
      const OutageSpec& before = outages[*latest_end];
      if (outages[k].at_s < before.at_s + before.duration_s) {
        const std::size_t first = std::min(k, *latest_end);
        const std::size_t later = std::max(k, *latest_end);
        reader_.error_at(node.items[later].pos, index_path(path, later),
                         "an outage that does not overlap " + index_path("outages", first) + " (" +
                             outage_text(node.items[first]) + ")",
                         "an outage " + outage_text(node.items[later]));
      }
    }
    if (!latest_end ||
        outages[k].at_s + outages[k].duration_s > outages[*latest_end].at_s + outages[*latest_end].duration_s)
      latest_end = k;
  }
  std::vector<OutageSpec> sorted;
  for (std::size_t k : order)
    sorted.push_back(outages[k]);
  tower.outages = std::move(sorted);
}

std::optional<core::DistributionSpec> AutomationParser::positive_mean(const TreeNode& map, const std::string& path,
                                                                const std::string& key,
                                                                std::string_view what) {
  const TreeNode* v = reader_.require(map, key, path, "a distribution");
  if (!v)
    return std::nullopt;
  auto dist = distributions_.parse(*v, child_path(path, key));
  if (!dist)
    return std::nullopt;
  // Zero-mean times would start and end outages endlessly at one instant.
  if (!has_positive_mean(*dist)) {
    reader_.error(*v, child_path(path, key), std::string(what) + " with a mean > 0");
    return std::nullopt;
  }
  return dist;
}

std::optional<RandomOutageSpec> AutomationParser::read_random(const TreeNode& node, const std::string& path) {
  if (!reader_.expect_map(node, path, "a random outages map {time_between, duration}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::random_outage_keys());
  const auto between = positive_mean(node, path, "time_between", "a time between outages");
  const auto duration = positive_mean(node, path, "duration", "an outage duration");
  if (!between || !duration)
    return std::nullopt;
  return RandomOutageSpec{*between, *duration};
}

void AutomationParser::read_rollout(const TreeNode& node, ScenarioSpec& spec,
                                    const std::vector<bool>& modes_complete) {
  if (!reader_.expect_sequence(node, "rollout", "a sequence of roll-out steps {at, station_group, mode}"))
    return;
  std::vector<RolloutStepSpec> steps;
  for (std::size_t k = 0; k < node.items.size() && !reader_.log().full(); ++k)
    if (auto step = read_step(node.items[k], index_path("rollout", k), spec, modes_complete))
      steps.push_back(std::move(*step));
  // Steps at the same date keep their written order: the later one wins.
  std::stable_sort(steps.begin(), steps.end(),
                   [](const RolloutStepSpec& a, const RolloutStepSpec& b) { return a.at_s < b.at_s; });
  spec.rollout = std::move(steps);
}

std::optional<RolloutStepSpec> AutomationParser::read_step(const TreeNode& node, const std::string& path,
                                                           const ScenarioSpec& spec,
                                                           const std::vector<bool>& modes_complete) {
  if (!reader_.expect_map(node, path, "a roll-out step map {at, station_group, mode}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::rollout_step_keys());
  RolloutStepSpec step;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "at", path, "a duration >= 0")) {
    if (auto at = reader_.duration(*v, path + ".at", Bound::non_negative))
      step.at_s = *at;
    else
      ok = false;
  } else {
    ok = false;
  }
  std::optional<std::size_t> group;
  if (const TreeNode* v = reader_.require(node, "station_group", path, "the name of a station group")) {
    if (auto name = reader_.text(*v, path + ".station_group", true)) {
      std::vector<std::string> names;
      for (std::size_t g = 0; g < spec.station_groups.size(); ++g) {
        const std::string& n = spec.station_groups[g].name;
        if (n == *name && !group)
          group = g;
        if (!n.empty() && std::find(names.begin(), names.end(), n) == names.end())
          names.push_back(n);
      }
      if (group) {
        step.station_group = *name;
        step.group_index = *group;
      } else {
        reader_.error(*v, path + ".station_group", "the name of a station group",
                      suggestion_hint(*name, names, "station groups"));
      }
    }
  }
  ok = ok && group.has_value();
  if (const TreeNode* v = reader_.require(node, "mode", path, "a mode of the station group")) {
    if (auto name = reader_.text(*v, path + ".mode", true)) {
      if (group) {
        const StationGroupSpec& g = spec.station_groups[*group];
        std::vector<std::string> listed;
        for (const auto& m : g.modes)
          listed.emplace_back(mode_name(m.mode));
        const auto it = std::find(listed.begin(), listed.end(), *name);
        if (it != listed.end()) {
          step.mode = *name;
          step.mode_index = static_cast<std::size_t>(it - listed.begin());
        } else {
          ok = false;
          if (*group < modes_complete.size() && modes_complete[*group]) {
            const auto& kinds = schema::mode_names();
            const bool known = std::find(kinds.begin(), kinds.end(), *name) != kinds.end();
            reader_.error(
                *v, path + ".mode", "a mode of station group '" + g.name + "' (" + join_names(listed) + ")",
                known ? "add modes." + *name + " to the group" : suggestion_hint(*name, listed, "modes"));
          }
        }
      }
    } else {
      ok = false;
    }
  } else {
    ok = false;
  }
  return ok ? std::optional<RolloutStepSpec>(std::move(step)) : std::nullopt;
}

} // namespace gigatwin::scenario
