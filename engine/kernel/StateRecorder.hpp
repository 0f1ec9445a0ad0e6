#pragma once
// StateRecorder: the one record of state changes of a set of entities (machines, later robots
// and AGVs). Each entity is in exactly one of `state_count` states at any time; every change is
// recorded as time accumulated in the state left (s) and, when a listener is set, forwarded
// as an event (time s, entity, new state) so a log can be streamed to a file. Utilisation,
// blocking, starvation, downtime and energy (power per state x time in state) all derive from
// this record. It knows nothing about what the states mean.

#include <cstdint>
#include <functional>
#include <vector>

namespace gigatwin::kernel {

class StateRecorder {
public:
  using Listener = std::function<void(double time_s, std::uint32_t entity, std::uint8_t state)>;

  explicit StateRecorder(std::uint8_t state_count) : state_count_(state_count) {}

  /// Registers an entity in `initial_state` at `time_s`; returns its id.
  std::uint32_t add_entity(std::uint8_t initial_state, double time_s);

  void change(std::uint32_t entity, std::uint8_t new_state, double time_s) {
    auto& e = entities_[entity];
    time_[entity * state_count_ + e.state] += time_s - e.since_s;
    e.since_s = time_s;
    e.state = new_state;
    ++e.changes;
    if (listener_)
      listener_(time_s, entity, new_state);
  }

  std::uint8_t state(std::uint32_t entity) const { return entities_[entity].state; }
  /// Time spent in `state` since the last reset, up to `now_s` (s).
  double time_in(std::uint32_t entity, std::uint8_t state, double now_s) const;
  /// Number of state changes since the last reset.
  std::uint64_t changes(std::uint32_t entity) const { return entities_[entity].changes; }
  std::uint64_t total_changes() const;
  /// Starts accumulating afresh at `now_s` (end of warm-up); current states are kept.
  void reset(double now_s);
  void set_listener(Listener listener) { listener_ = std::move(listener); }
  std::uint32_t entity_count() const { return static_cast<std::uint32_t>(entities_.size()); }

private:
  struct Entity {
    std::uint8_t state;
    double since_s;
    std::uint64_t changes;
  };
  std::uint8_t state_count_;
  std::vector<Entity> entities_;
  std::vector<double> time_; // entity-major: time_[entity * state_count_ + state]
  Listener listener_;
};

} // namespace gigatwin::kernel
