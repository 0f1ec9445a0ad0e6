#pragma once
// Reading a scenario for a command: on bad input every diagnostic goes to stderr (one line
// each, file:line:column first) and the command exits with exit_bad_input without running.

#include "scenario/ScenarioSpec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::cli {

std::optional<scenario::ScenarioSpec> load_scenario_or_report(const std::string& path,
                                                              const std::vector<std::string>& overrides = {});

/// The override `--trace` adds: `trace.enabled=true` where the scenario writes `trace` as a map
/// (its filter stays), `trace=true` otherwise.
std::string trace_on_override(const scenario::TraceSpec& trace);

} // namespace gigatwin::cli
