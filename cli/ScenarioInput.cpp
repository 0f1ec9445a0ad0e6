#include "ScenarioInput.hpp"

#include "scenario/ScenarioLoader.hpp"

#include <iostream>

namespace gigatwin::cli {

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& path,
                                                              const std::vector<std::string>& overrides) {
  try {
    return scenario::load_scenario_file(path, overrides);
  } catch (const scenario::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return std::nullopt;
  }
}

std::string trace_on_override(const scenario::TraceSpec& trace) {
  return trace.written_as_map ? "trace.enabled=true" : "trace=true";
}

} // namespace gigatwin::cli
