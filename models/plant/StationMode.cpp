#include "plant/StationMode.hpp"

namespace gigatwin::plant {

namespace {
std::optional<FailureModel> failure_model_of(const std::optional<scenario::FailureSpec>& spec) {
  if (!spec)
    return std::nullopt;
  return FailureModel{core::Distribution(spec->time_to_failure), core::Distribution(spec->time_to_repair),
                      spec->basis};
}
} // namespace

StationMode::StationMode(const scenario::ModeSpec& spec, SkillId operator_skill)
    : spec_(spec), operator_skill_(operator_skill), process_time_(spec.process_time),
      setup_time_(spec.setup ? std::optional(core::Distribution(spec.setup->time)) : std::nullopt),
      machine_failures_(failure_model_of(spec.failures)),
      robot_failures_(spec.robots_per_machine > 0 ? failure_model_of(spec.robot_failures) : std::nullopt) {
  for (const auto& t : spec.process_time_by_product) {
    if (product_times_.size() <= t.product_index)
      product_times_.resize(t.product_index + 1);
    product_times_[t.product_index].emplace(t.time);
  }
}

const FailureModel* StationMode::failure_model(std::size_t clock) const {
  if (clock == 0)
    return machine_failures_ ? &*machine_failures_ : nullptr;
  if (robot_failures_ && clock <= static_cast<std::size_t>(spec_.robots_per_machine))
    return &*robot_failures_;
  return nullptr;
}

std::size_t StationMode::failure_clocks() const {
  if (robot_failures_)
    return 1 + static_cast<std::size_t>(spec_.robots_per_machine);
  return machine_failures_ ? 1 : 0;
}

} // namespace gigatwin::plant
