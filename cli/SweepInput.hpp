#pragma once
// Reading a sweep file for a command (batch, validate): the sweep and every point's scenario,
// loaded before anything runs. On bad input a report goes to stderr — the sweep's own
// diagnostics, or every bad point's: the sweep file's position of that point's first value, then
// the scenario's diagnostics — and the command exits with exit_bad_input.

#include "scenario/ScenarioSpec.hpp"
#include "scenario/SweepLoader.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::cli {

struct LoadedSweep {
  scenario::SweepSpec sweep;
  std::vector<scenario::ScenarioSpec> points;
  std::vector<std::string> labels; ///< per point: "name=value; ..." ("(base scenario)" for none)
};

/// `overrides` (--set) apply to the base scenario under every point; a key the sweep varies
/// itself is refused. Every bad point is reported, not only the first.
std::optional<LoadedSweep> load_sweep_or_report(const std::string& path,
                                                const std::vector<std::string>& overrides = {});

} // namespace gigatwin::cli
