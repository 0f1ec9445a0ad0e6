#include "kernel/StateRecorder.hpp"

namespace gigatwin::kernel {

std::uint32_t StateRecorder::add_entity(std::uint8_t initial_state, double time_s) {
  entities_.push_back({initial_state, time_s, 0});
  time_.resize(time_.size() + state_count_, 0.0);
  return static_cast<std::uint32_t>(entities_.size() - 1);
}

double StateRecorder::time_in(std::uint32_t entity, std::uint8_t state, double now_s) const {
  const auto& e = entities_[entity];
  double t = time_[entity * state_count_ + state];
  if (e.state == state)
    t += now_s - e.since_s;
  return t;
}

std::uint64_t StateRecorder::total_changes() const {
  std::uint64_t n = 0;
  for (const auto& e : entities_)
    n += e.changes;
  return n;
}

void StateRecorder::reset(double now_s) {
  for (auto& e : entities_) {
    e.since_s = now_s;
    e.changes = 0;
  }
  for (auto& t : time_)
    t = 0.0;
}

} // namespace gigatwin::kernel
