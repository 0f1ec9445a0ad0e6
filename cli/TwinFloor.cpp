#include "TwinFloor.hpp"

#include "plantdata/PlantLog.hpp"
#include "scenario/StationGroupParser.hpp"

#include <nlohmann/json.hpp>

#include <array>
#include <vector>

namespace gigatwin::cli {

std::string floor_json(const plant::PlantState& state, const scenario::ScenarioSpec& spec, double origin_s,
                       const FloorTotals& totals) {
  const std::size_t groups = spec.station_groups.size();
  std::vector<bool> used(groups, false);
  // A group's buffer capacity when one step uses it; several steps (products) share no single one.
  std::vector<int> steps_at(groups, 0);
  std::vector<std::optional<std::int64_t>> capacity(groups);
  for (const auto& step : spec.steps) {
    used[step.group_index] = true;
    if (steps_at[step.group_index]++ == 0)
      capacity[step.group_index] = step.buffer_capacity;
    else
      capacity[step.group_index].reset();
  }
  std::vector<std::int64_t> waiting(groups, 0);
  for (const auto& lot : state.lots)
    if (lot.place == plant::LotPlace::buffer && lot.group < groups)
      ++waiting[lot.group];
  // Machines not listed are idle and up.
  std::vector<std::array<std::int64_t, plant::machine_state_count>> counts(groups);
  for (std::size_t g = 0; g < groups; ++g)
    counts[g][plant::index(plant::MachineState::idle)] = spec.station_groups[g].machines;
  for (const auto& m : state.machines)
    if (m.group < groups && static_cast<std::int64_t>(m.machine) < spec.station_groups[m.group].machines) {
      --counts[m.group][plant::index(plant::MachineState::idle)];
      ++counts[m.group][plant::index(m.state)];
    }
  nlohmann::json stations = nlohmann::json::array();
  for (std::size_t g = 0; g < groups; ++g) {
    if (!used[g])
      continue;
    const auto& group = spec.station_groups[g];
    nlohmann::json by_state = nlohmann::json::object();
    for (std::size_t k = 0; k < plant::machine_state_count; ++k)
      by_state[std::string(plant::machine_state_names[k])] = counts[g][k];
    stations.push_back(
        {{"name", group.name},
         {"mode", std::string(scenario::mode_name(group.initial().mode))},
         {"machines", group.machines},
         {"buffer", waiting[g]},
         {"buffer_capacity", capacity[g] ? nlohmann::json(*capacity[g]) : nlohmann::json(nullptr)},
         {"states", by_state}});
  }
  const nlohmann::json out = {{"type", "sample"},
                              {"time_s", state.time_s},
                              {"at", plantdata::iso_time(origin_s + state.time_s)},
                              {"wip", state.lots.size()},
                              {"completed", totals.completed},
                              {"throughput", totals.throughput_per_h},
                              {"stations", stations}};
  return out.dump();
}

} // namespace gigatwin::cli
