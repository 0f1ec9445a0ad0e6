#include "SweepInput.hpp"

#include "ScenarioLoader.hpp"

#include <iostream>

namespace gigatwin::cli {

std::optional<LoadedSweep> load_sweep_or_report(const std::string& path) {
  LoadedSweep loaded;
  try {
    loaded.sweep = models::load_sweep_file(path);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return std::nullopt;
  }
  const auto& sweep = loaded.sweep;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::string label;
    for (std::size_t k = 0; k < sweep.parameters.size(); ++k)
      label += (label.empty() ? "" : "; ") + sweep.parameters[k].name + "=" + sweep.point_values[p][k];
    loaded.labels.push_back(label.empty() ? "(base scenario)" : label);
    try {
      loaded.points.push_back(models::load_scenario_file(sweep.scenario_path, sweep.points[p]));
    } catch (const models::ScenarioError& e) {
      const auto& where = sweep.point_positions[p];
      std::cerr << path;
      if (!where.empty())
        std::cerr << ":" << where.front().line << ":" << where.front().column;
      std::cerr << ": error: point " << p << " (" << label << ") does not make a valid scenario:\n"
                << e.what() << "\n";
      return std::nullopt;
    }
  }
  return loaded;
}

} // namespace gigatwin::cli
