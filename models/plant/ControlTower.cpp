#include "plant/ControlTower.hpp"

#include "plant/PlantContext.hpp"

namespace gigatwin::plant {

ControlTower::ControlTower(PlantContext& context, const scenario::ControlTowerSpec& spec,
                           std::function<void()> on_change)
    : context_(context), spec_(spec), on_change_(std::move(on_change)),
      rng_(context.seed(), context.replication(), "control_tower", "outages") {}

void ControlTower::start() {
  auto& kernel = context_.kernel();
  if (!spec_.outages.empty())
    kernel.spawn_process("control_tower/scheduled", [this] { run_scheduled(); });
  if (spec_.random)
    kernel.spawn_process("control_tower/random", [this] { run_random(); });
}

void ControlTower::run_scheduled() {
  auto& kernel = context_.kernel();
  for (const auto& o : spec_.outages) {
    if (o.at_s >= context_.horizon())
      return;
    kernel.sleep_until(o.at_s);
    kernel.in_kernel([this] { outage_begins(); });
    if (o.at_s + o.duration_s >= context_.horizon())
      return; // still down at the end of the run
    kernel.sleep_until(o.at_s + o.duration_s);
    kernel.in_kernel([this] { outage_ends(); });
  }
}

void ControlTower::run_random() {
  auto& kernel = context_.kernel();
  const core::Distribution between(spec_.random->time_between);
  const core::Distribution duration(spec_.random->duration);
  double t = 0.0;
  for (;;) {
    t += between.sample(rng_);
    if (t >= context_.horizon())
      return;
    kernel.sleep_until(t);
    kernel.in_kernel([this] { outage_begins(); });
    t += duration.sample(rng_);
    if (t >= context_.horizon())
      return;
    kernel.sleep_until(t);
    kernel.in_kernel([this] { outage_ends(); });
  }
}

void ControlTower::outage_begins() {
  ++outages_;
  if (active_outages_++ == 0) {
    down_.update(context_.kernel().now(), 1.0);
    context_.set_control_tower_down(true);
    on_change_();
  }
}

void ControlTower::outage_ends() {
  if (--active_outages_ == 0) {
    down_.update(context_.kernel().now(), 0.0);
    context_.set_control_tower_down(false);
    on_change_();
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
