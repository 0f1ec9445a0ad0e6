#pragma once
// The shape of schema v1: which keys are valid where. The validator checks maps against these
// lists, and overrides (`--set a.b[0].c=v`) walk the same shape, so the two never disagree
// about what a key path may name.

#include <string>
#include <utility>
#include <vector>

namespace gigatwin::scenario::schema {

const std::vector<std::string>& top_level_keys();
const std::vector<std::string>& source_keys();
const std::vector<std::string>& station_group_keys();
const std::vector<std::string>& setup_keys();
const std::vector<std::string>& failure_keys();
const std::vector<std::string>& routing_keys();
const std::vector<std::string>& step_keys();
const std::vector<std::string>& operator_keys();
const std::vector<std::string>& calendar_keys();
const std::vector<std::string>& shift_keys();
const std::vector<std::string>& worker_pool_keys();
/// The automation mode names, which are also the keys of a station group's `modes` map.
const std::vector<std::string>& mode_names();
/// The keys of one mode inside `modes`.
const std::vector<std::string>& mode_keys();
/// The single-mode keys of a station group that move inside `modes.<name>` once it has modes.
const std::vector<std::string>& single_mode_keys();
const std::vector<std::string>& position_keys();
const std::vector<std::string>& control_tower_keys();
const std::vector<std::string>& outage_keys();
const std::vector<std::string>& random_outage_keys();
const std::vector<std::string>& rollout_step_keys();
const std::vector<std::string>& labour_keys();
const std::vector<std::string>& night_keys();
const std::vector<std::string>& demand_overtime_keys();
const std::vector<std::string>& transport_keys();
const std::vector<std::string>& recovery_keys();
const std::vector<std::string>& power_keys();
const std::vector<std::string>& batch_keys();
const std::vector<std::string>& changeover_keys();
const std::vector<std::string>& changeover_pair_keys();
const std::vector<std::string>& product_keys();
const std::vector<std::string>& unit_keys();
const std::vector<std::string>& inspection_keys();
const std::vector<std::string>& energy_keys();
const std::vector<std::string>& trace_keys();
/// The keys of `labour.minimum_wage` written as a table lookup.
const std::vector<std::string>& minimum_wage_keys();
const std::vector<std::string>& workforce_policy_keys();
const std::vector<std::string>& retraining_keys();
const std::vector<std::string>& hiring_keys();
/// Top-level sequences whose items are merged by `name` when a scenario `extends` another.
const std::vector<std::string>& named_list_keys();
/// Every key any distribution kind accepts (the kind decides which of them are valid).
const std::vector<std::string>& distribution_keys();

/// A node of the schema: a value (leaf), a map with known keys, or a sequence of elements.
struct Shape {
  enum class Kind { leaf, map, sequence };
  Kind kind = Kind::leaf;
  std::string what;                                       ///< e.g. "a duration", "a station group"
  std::vector<std::pair<std::string, const Shape*>> keys; ///< for a map
  const Shape* element = nullptr;                         ///< for a sequence

  const Shape* key(const std::string& name) const;
  std::vector<std::string> key_names() const;
};

/// The whole scenario, rooted at the top-level map.
const Shape& scenario_shape();

} // namespace gigatwin::scenario::schema
