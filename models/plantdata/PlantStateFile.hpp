#pragma once
// PlantStateFile: a plant state (plant/PlantState.hpp) as a JSON document (docs/LIVE.md, "State
// snapshots") — what `gigatwin snapshot` writes and `gigatwin run --from-state` reads. It names
// station groups, products, steps and pools as the scenario does, so that a person can read and
// write one, and it is checked against the scenario it is read with: a state of another plant
// is refused, not half applied. The reader is a parser of outside input: every problem is one
// PlantStateError naming the file, the key path (`lots[3].station_group`), what was expected and
// what was found (a JSON syntax error: its line and column).

#include "plant/PlantState.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <stdexcept>
#include <string>

namespace gigatwin::plantdata {

class PlantStateError : public std::runtime_error {
public:
  using std::runtime_error::runtime_error;
};

/// The JSON text of `state` (pretty, one lot or machine a line). `start_date` (YYYY-MM-DD, a
/// Monday: time 0) gives the state's date as well as its time in s.
std::string plant_state_json(const plant::PlantState& state, const scenario::ScenarioSpec& spec,
                             const std::string& start_date = "2026-01-05");

/// Reads a state written by plant_state_json (or by hand: see docs/LIVE.md) for the plant
/// `spec` describes; `file` names it in messages. Throws PlantStateError.
plant::PlantState read_plant_state(const std::string& text, const std::string& file,
                                   const scenario::ScenarioSpec& spec);

} // namespace gigatwin::plantdata
