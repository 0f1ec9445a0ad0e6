#pragma once
// Scenario texts shared by the scenario tests: one small valid scenario, and a helper that
// loads text and returns the diagnostics of the ScenarioError it must throw.

#include "scenario/ScenarioLoader.hpp"

#include <catch2/catch.hpp>

#include <string>
#include <vector>

namespace gigatwin::test {

/// A valid scenario; line numbers matter to the diagnostics tests, so keep it as it is.
inline const std::string valid_scenario = R"(schema: 1
name: two-step line
horizon: 10d
source:
  rate: 60/h
station_groups:
  - name: press
    process_time: 45s
  - name: weld
    process_time: {dist: exponential, mean: 50s}
routing:
  steps:
    - station_group: press
    - station_group: weld
)";

/// A valid scenario whose first group's process_time is `dist` (flow or scalar form).
inline std::string with_process_time(const std::string& dist) {
  return "name: d\nhorizon: 1d\nsource: {saturated: true}\nstation_groups:\n  - name: g\n    process_time: " +
         dist + "\nrouting: {steps: [{station_group: g}]}\n";
}

/// `text` with line `line` (1-based) replaced by `with` (which may hold several lines), or
/// dropped. The tests count positions by hand in their texts; this keeps the texts in one place.
inline std::string replace_line(const std::string& text, int line, const std::string& with,
                                bool drop = false) {
  std::string out;
  int n = 0;
  std::size_t start = 0;
  while (start < text.size()) {
    const std::size_t end = text.find('\n', start);
    ++n;
    if (!(drop && n == line)) {
      out += n == line ? with : text.substr(start, end - start);
      out += '\n';
    }
    start = end + 1;
  }
  return out;
}

/// The diagnostics of loading `text`, which must fail.
inline std::vector<scenario::Diagnostic> diagnostics_of(const std::string& text,
                                                      const std::vector<std::string>& overrides = {},
                                                      const std::string& base_dir = ".") {
  try {
    scenario::load_scenario_text(text, "t.yaml", overrides, base_dir);
  } catch (const scenario::ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("the scenario loaded, but it should have been refused");
  return {};
}

/// The only diagnostic of loading `text`, as text.
inline std::string only_error(const std::string& text, const std::vector<std::string>& overrides = {}) {
  const auto d = diagnostics_of(text, overrides);
  INFO(text);
  for (const auto& x : d)
    UNSCOPED_INFO(x.to_string());
  REQUIRE(d.size() == 1);
  return d.front().to_string();
}

} // namespace gigatwin::test
