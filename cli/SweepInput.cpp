#include "SweepInput.hpp"

#include "scenario/ScenarioLoader.hpp"

#include <iostream>

namespace gigatwin::cli {

std::optional<LoadedSweep> load_sweep_or_report(const std::string& path,
                                                const std::vector<std::string>& overrides) {
  LoadedSweep loaded;
  try {
    loaded.sweep = scenario::load_sweep_file(path);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return std::nullopt;
  }
  const auto& sweep = loaded.sweep;
  if (!overrides.empty()) {
    for (std::size_t i = 0; i < overrides.size(); ++i) {
      const std::string key = overrides[i].substr(0, overrides[i].find('='));
      for (const auto& parameter : sweep.parameters)
        for (const auto& varied : parameter.keys)
          if (varied == key) {
            std::cerr << "--set:" << i + 1 << ":1: error: " << key
                      << ": expected a key the sweep does not vary, found one that parameter '"
                      << parameter.name << "' of " << path << " sets at every point\n";
            return std::nullopt;
          }
    }
    try { // once, so that a bad --set is reported once rather than at every point
      (void)scenario::load_scenario_file(sweep.scenario_path, overrides);
    } catch (const scenario::ScenarioError& e) {
      std::cerr << e.what() << "\n";
      return std::nullopt;
    }
  }
  std::size_t bad = 0;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::string label;
    for (std::size_t k = 0; k < sweep.parameters.size(); ++k)
      label += (label.empty() ? "" : "; ") + sweep.parameters[k].name + "=" + sweep.point_values[p][k];
    loaded.labels.push_back(label.empty() ? "(base scenario)" : label);
    std::vector<std::string> point = overrides;
    point.insert(point.end(), sweep.points[p].begin(), sweep.points[p].end());
    try {
      loaded.points.push_back(scenario::load_scenario_file(sweep.scenario_path, point));
    } catch (const scenario::ScenarioError& e) {
      const auto& where = sweep.point_positions[p];
      std::cerr << path;
      if (!where.empty())
        std::cerr << ":" << where.front().line << ":" << where.front().column;
      std::cerr << ": error: point " << p << " (" << label << ") does not make a valid scenario:\n"
                << e.what() << "\n";
      ++bad;
    }
  }
  if (bad > 0) {
    if (bad > 1)
      std::cerr << path << ": " << bad << " of " << sweep.points.size()
                << " points do not make a valid scenario\n";
    return std::nullopt;
  }
  return loaded;
}

} // namespace gigatwin::cli
