#pragma once
// ControlTower: the central control system that robotic and hybrid stations depend on. Its
// outages — scheduled (at a date, for a duration) and random (time between outages and
// duration drawn from distributions, e.g. cyber attacks) — are rare, story-like logic and run
// as S4U processes. While any outage lasts, the tower is down and every dependent machine is
// halted (preempt-resume); manual stations carry on. Times in s, downtime reported in h.

#include "scenario/ScenarioSpec.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"
#include "core/TimeWeighted.hpp"

#include <cstdint>
#include <functional>

namespace gigatwin::plant {

class PlantContext;

class ControlTower {
public:
  /// `on_change` is called whenever the tower goes down or comes back (after the context says so).
  ControlTower(PlantContext& context, const scenario::ControlTowerSpec& spec,
               std::function<void()> on_change);
  void start();
  bool down() const { return active_outages_ > 0; }
  std::int64_t outages() const { return outages_; }
  double downtime_hours(double now_s) const;
  void reset_statistics(double now_s);

private:
  void outage_begins();
  void outage_ends();
  void run_scheduled();
  void run_random();

  PlantContext& context_;
  const scenario::ControlTowerSpec& spec_;
  std::function<void()> on_change_;
  core::RandomStream rng_;
  int active_outages_ = 0;
  std::int64_t outages_ = 0; // started since the last reset
  core::TimeWeighted down_;  // 1 while down: its integral is the downtime (s) since the last reset
};

} // namespace gigatwin::plant
