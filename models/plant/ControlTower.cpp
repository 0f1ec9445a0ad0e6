#include "plant/ControlTower.hpp"

#include "plant/Factory.hpp"

namespace gigatwin::plant {

ControlTower::ControlTower(Factory& factory, const scenario::ControlTowerSpec& spec)
    : factory_(factory), spec_(spec),
      rng_(factory.seed(), factory.replication(), "control_tower", "outages") {}

void ControlTower::start() {
  auto& kernel = factory_.kernel();
  if (!spec_.outages.empty())
    kernel.spawn_process("control_tower/scheduled", [this] { run_scheduled(); });
  if (spec_.random)
    kernel.spawn_process("control_tower/random", [this] { run_random(); });
}

void ControlTower::run_scheduled() {
  auto& kernel = factory_.kernel();
  for (const auto& o : spec_.outages) {
    if (o.at_s >= factory_.horizon())
      return;
    kernel.sleep_until(o.at_s);
    kernel.in_kernel([this] { outage_begins(); });
    if (o.at_s + o.duration_s >= factory_.horizon())
      return; // still down at the end of the run
    kernel.sleep_until(o.at_s + o.duration_s);
    kernel.in_kernel([this] { outage_ends(); });
  }
}

void ControlTower::run_random() {
  auto& kernel = factory_.kernel();
  const core::Distribution between(spec_.random->time_between);
  const core::Distribution duration(spec_.random->duration);
  double t = 0.0;
  for (;;) {
    t += between.sample(rng_);
    if (t >= factory_.horizon())
      return;
    kernel.sleep_until(t);
    kernel.in_kernel([this] { outage_begins(); });
    t += duration.sample(rng_);
    if (t >= factory_.horizon())
      return;
    kernel.sleep_until(t);
    kernel.in_kernel([this] { outage_ends(); });
  }
}

void ControlTower::outage_begins() {
  ++outages_;
  if (active_outages_++ == 0) {
    down_.update(factory_.kernel().now(), 1.0);
    factory_.control_tower_changed();
  }
}

void ControlTower::outage_ends() {
  if (--active_outages_ == 0) {
    down_.update(factory_.kernel().now(), 0.0);
    factory_.control_tower_changed();
  }
}

double ControlTower::downtime_hours(double now_s) const {
  return down_.integral(now_s) / 3600.0;
}

void ControlTower::reset_statistics(double now_s) {
  outages_ = 0;
  down_.reset(now_s);
}

} // namespace gigatwin::plant
