#pragma once
// TraceParser: reads the top-level `trace` key — `true`, `false`, or a map {enabled, kinds,
// station_groups, from, to} — into ScenarioSpec::trace, checking each kind against the event
// kinds and each group against the scenario's station groups (read those first).

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

namespace gigatwin::scenario {

void read_trace(FieldReader& reader, const TreeNode& node, ScenarioSpec& spec);

} // namespace gigatwin::scenario
