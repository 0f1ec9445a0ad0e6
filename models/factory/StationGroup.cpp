#include "StationGroup.hpp"

#include "Factory.hpp"

#include <algorithm>

namespace gigatwin::models {

namespace {
std::optional<engine::Distribution>
optional_distribution(const std::optional<engine::DistributionSpec>& spec) {
  if (!spec) return std::nullopt;
  return engine::Distribution(*spec);
}
} // namespace

StationGroup::StationGroup(Factory& factory, const StationGroupSpec& group, const StepSpec& step,
                           bool saturated_source)
    : factory_(factory), spec_(group), process_time_(group.process_time),
      setup_time_(optional_distribution(group.setup ? std::optional(group.setup->time) : std::nullopt)),
      time_to_failure_(optional_distribution(group.failures ? std::optional(group.failures->time_to_failure)
                                                            : std::nullopt)),
      time_to_repair_(optional_distribution(group.failures ? std::optional(group.failures->time_to_repair)
                                                           : std::nullopt)),
      scrap_probability_(step.scrap_probability), saturated_source_(saturated_source),
      buffer_(step.buffer_capacity.value_or(Buffer::unlimited)) {
  machines_.reserve(static_cast<std::size_t>(group.machines));
  for (std::int64_t i = 0; i < group.machines; ++i) {
    machines_.push_back(std::make_unique<Machine>(*this, factory_, static_cast<std::uint32_t>(i)));
    idle_.push_back(machines_.back().get());
  }
}

void StationGroup::start_failure_clocks() {
  for (auto& m : machines_)
    m->start_failure_clock();
}

void StationGroup::feed_from_saturated_source() {
  while (!idle_.empty()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    m->start(factory_.new_lot());
  }
}

void StationGroup::accept(const Lot& lot) {
  if (!idle_.empty()) {
    Machine* m = idle_.front();
    idle_.pop_front();
    m->start(lot);
  } else {
    buffer_.push(lot, factory_.kernel().now());
  }
}

void StationGroup::machine_free(Machine& m) {
  if (!buffer_.empty()) {
    m.start(buffer_.pop(factory_.kernel().now()));
    pull_from_upstream();
  } else if (!blocked_upstream_.empty()) { // only with a zero-capacity buffer
    Machine* up = blocked_upstream_.front();
    blocked_upstream_.pop_front();
    m.start(up->hand_over());
    up->group().machine_free(*up);
  } else if (saturated_source_) {
    m.start(factory_.new_lot());
  } else {
    m.go_idle();
    idle_.push_back(&m);
  }
}

void StationGroup::pull_from_upstream() {
  while (buffer_.has_room() && !blocked_upstream_.empty()) {
    Machine* up = blocked_upstream_.front();
    blocked_upstream_.pop_front();
    buffer_.push(up->hand_over(), factory_.kernel().now());
    up->group().machine_free(*up);
  }
}

void StationGroup::lot_done(Machine& m) {
  if (next_ == nullptr) {
    factory_.lot_finished(m.hand_over());
    machine_free(m);
  } else if (next_->can_accept()) {
    next_->accept(m.hand_over());
    machine_free(m);
  } else {
    m.block();
    next_->blocked_upstream_.push_back(&m);
  }
}

void StationGroup::remove_idle(Machine* m) {
  idle_.erase(std::find(idle_.begin(), idle_.end(), m));
}

void StationGroup::remove_blocked_upstream(Machine* m) {
  blocked_upstream_.erase(std::find(blocked_upstream_.begin(), blocked_upstream_.end(), m));
}

} // namespace gigatwin::models
