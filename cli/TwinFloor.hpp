#pragma once
// TwinFloor: the plant's floor now as the live twin knows it, in the desktop app's live-sample
// form (the same JSON as `gigatwin run --progress=json` samples: docs/LIVE.md "<twin>/floor"):
// per station group that some step uses, its machines by state and the lots waiting in its
// buffer(s). Counts only; the twin publishes it so that a viewer needs no simulator of its own.

#include "plant/PlantState.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>
#include <string>

namespace gigatwin::cli {

struct FloorTotals {
  std::int64_t completed = 0;  ///< good lots out since the twin's first event
  double throughput_per_h = 0; ///< good lots out in the last hour of plant time
};

/// One JSON object on one line. `origin_s`: the log time of the scenario's time 0 (the "at" key
/// gives the plant's date and time).
std::string floor_json(const plant::PlantState& state, const scenario::ScenarioSpec& spec, double origin_s,
                       const FloorTotals& totals);

} // namespace gigatwin::cli
