#include "ScenarioInput.hpp"

#include "ScenarioLoader.hpp"

#include <iostream>

namespace gigatwin::cli {

std::optional<models::ScenarioSpec> load_scenario_or_report(const std::string& path,
                                                            const std::vector<std::string>& overrides) {
  try {
    return models::load_scenario_file(path, overrides);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return std::nullopt;
  }
}

} // namespace gigatwin::cli
