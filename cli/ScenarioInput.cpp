#include "ScenarioInput.hpp"

#include "scenario/ScenarioLoader.hpp"

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

std::string trace_on_override(const models::TraceSpec& trace) {
  return trace.written_as_map ? "trace.enabled=true" : "trace=true";
}

} // namespace gigatwin::cli
