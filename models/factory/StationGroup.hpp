#pragma once
// StationGroup: one step of the routing — an input buffer and a group of identical parallel
// machines. It moves lots: into an idle machine or the buffer, out of a machine to the next
// step or the sink, and it applies blocking after service: a machine whose finished lot finds
// no room downstream keeps it (blocked) until the next step pulls it, first blocked first
// served. Counts output and scrap in lots.

#include "Buffer.hpp"
#include "Machine.hpp"
#include "ScenarioSpec.hpp"

#include "Distribution.hpp"

#include <deque>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::models {

class Factory;

class StationGroup {
public:
  StationGroup(Factory& factory, const StationGroupSpec& group, const StepSpec& step, bool saturated_source);

  /// Downstream step; nullptr means the sink.
  void link(StationGroup* next) { next_ = next; }
  StationGroup* next() const { return next_; }
  void start_failure_clocks();
  /// With a saturated source: every idle machine of the first step starts a new lot.
  void feed_from_saturated_source();

  /// True when a lot handed over now would be taken (an idle machine or room in the buffer).
  bool can_accept() const { return !idle_.empty() || buffer_.has_room(); }
  /// Takes a lot; requires can_accept().
  void accept(const Lot& lot);
  /// A machine is free to work (after a hand-over, a scrap or a repair): give it the next lot.
  void machine_free(Machine& m);
  /// A machine holds a finished good lot: pass it on, or block.
  void lot_done(Machine& m);
  void remove_idle(Machine* m);
  void remove_blocked_upstream(Machine* m);

  void count_output() { ++output_; }
  void count_scrap() { ++scrap_; }
  void reset_statistics(double now_s) {
    output_ = scrap_ = 0;
    buffer_.reset_statistics(now_s);
  }
  double buffer_mean(double now_s) const { return buffer_.mean_level(now_s); }

  const std::string& name() const { return spec_.name; }
  std::int64_t machine_count() const { return static_cast<std::int64_t>(machines_.size()); }
  const Machine& machine(std::size_t i) const { return *machines_[i]; }
  std::int64_t output() const { return output_; }
  std::int64_t scrap() const { return scrap_; }
  std::int64_t buffer_level() const { return buffer_.size(); }

  const engine::Distribution& process_time() const { return process_time_; }
  const engine::Distribution* setup_time() const { return setup_time_ ? &*setup_time_ : nullptr; }
  std::int64_t setup_every() const { return spec_.setup ? spec_.setup->every_lots : 1; }
  bool failures() const { return time_to_failure_.has_value(); }
  FailureBasis failure_basis() const {
    return spec_.failures ? spec_.failures->basis : FailureBasis::operating;
  }
  const engine::Distribution* time_to_failure() const {
    return time_to_failure_ ? &*time_to_failure_ : nullptr;
  }
  const engine::Distribution* time_to_repair() const { return time_to_repair_ ? &*time_to_repair_ : nullptr; }
  double scrap_probability() const { return scrap_probability_; }
  const OperatorSpec* operators() const { return spec_.operators ? &*spec_.operators : nullptr; }

private:
  void pull_from_upstream();

  Factory& factory_;
  const StationGroupSpec& spec_;
  engine::Distribution process_time_;
  std::optional<engine::Distribution> setup_time_;
  std::optional<engine::Distribution> time_to_failure_;
  std::optional<engine::Distribution> time_to_repair_;
  double scrap_probability_;
  bool saturated_source_;
  Buffer buffer_;
  std::vector<std::unique_ptr<Machine>> machines_;
  std::deque<Machine*> idle_;
  std::deque<Machine*> blocked_upstream_;
  StationGroup* next_ = nullptr;
  std::int64_t output_ = 0;
  std::int64_t scrap_ = 0;
};

} // namespace gigatwin::models
