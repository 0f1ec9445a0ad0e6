#include "StationMode.hpp"

namespace gigatwin::models {

namespace {
std::optional<engine::Distribution>
optional_distribution(const std::optional<engine::DistributionSpec>& spec) {
  if (!spec)
    return std::nullopt;
  return engine::Distribution(*spec);
}
} // namespace

StationMode::StationMode(const ModeSpec& spec)
    : spec_(spec), process_time_(spec.process_time),
      setup_time_(optional_distribution(spec.setup ? std::optional(spec.setup->time) : std::nullopt)),
      time_to_failure_(optional_distribution(spec.failures ? std::optional(spec.failures->time_to_failure)
                                                           : std::nullopt)),
      time_to_repair_(optional_distribution(spec.failures ? std::optional(spec.failures->time_to_repair)
                                                          : std::nullopt)) {}

std::vector<ModeSpec> StationMode::modes_of(const StationGroupSpec& group) {
  if (!group.modes.empty())
    return group.modes;
  ModeSpec m;
  m.mode = AutomationMode::manual;
  m.process_time = group.process_time;
  m.setup = group.setup;
  m.failures = group.failures;
  m.operators = group.operators;
  return {m};
}

} // namespace gigatwin::models
