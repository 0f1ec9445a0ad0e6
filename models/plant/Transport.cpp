#include "plant/Transport.hpp"

#include "plant/Machine.hpp"
#include "plant/PlantContext.hpp"
#include "plant/RunResult.hpp"
#include "plant/StationGroup.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plant {

Transport::Transport(PlantContext& context, const scenario::TransportSpec& spec, StationGroup& to,
                     const std::string& stream)
    : context_(context), spec_(spec), to_(to), kernel_(context.kernel()), travel_time_(spec.travel_time),
      return_time_(spec.return_time),
      travel_rng_(context.seed(), context.replication(), stream, "travel_time"),
      return_rng_(context.seed(), context.replication(), stream, "return_time"),
      carriers_(static_cast<std::size_t>(spec.carriers)) {
  idle_.reserve(carriers_.size());
  for (std::size_t c = carriers_.size(); c-- > 0;)
    idle_.push_back(c); // the back is taken first: carrier 0 leaves first
}

void Transport::count(double now_s) {
  moving_tw_.update(now_s, static_cast<double>(moving_));
  docked_tw_.update(now_s, static_cast<double>(docked_.size()));
  paused_tw_.update(now_s, static_cast<double>(paused_));
  on_board_tw_.update(now_s, static_cast<double>(on_board_));
}

void Transport::capture(std::uint32_t to_id, std::vector<LotState>& lots) const {
  for (const Carrier& c : carriers_)
    for (const Lot& lot : c.load)
      lots.push_back(lot_state(lot, LotPlace::carrier, to_id));
}

void Transport::accept(const Lot& lot) {
  load(lot);
  count(kernel_.now());
}

void Transport::load(const Lot& lot) {
  if (loading_ == none) {
    loading_ = idle_.back();
    idle_.pop_back();
    if (spec_.max_wait_s > 0)
      wait_timer_ = kernel_.schedule_in(spec_.max_wait_s, [this] {
        wait_timer_ = {};
        const std::size_t c = loading_;
        loading_ = none;
        depart(c);
        dispatch();
      });
  }
  Carrier& carrier = carriers_[loading_];
  carrier.load.push_back(lot);
  ++on_board_;
  if (static_cast<std::int64_t>(carrier.load.size()) >= spec_.lots_per_trip || spec_.max_wait_s <= 0) {
    kernel_.cancel(wait_timer_);
    const std::size_t c = loading_;
    loading_ = none;
    depart(c);
  }
}

void Transport::add_blocked(Machine* m) {
  blocked_.push_back(m);
}

void Transport::remove_blocked(Machine* m) {
  blocked_.erase(std::find(blocked_.begin(), blocked_.end(), m));
}

void Transport::dispatch() {
  // Without max_wait a carrier leaves with whatever waits (lots of machines that finished at
  // the same instant included: they are all blocked by now).
  while (can_accept() && !blocked_.empty()) {
    if (loading_ == none && spec_.max_wait_s <= 0) {
      const std::size_t c = idle_.back();
      idle_.pop_back();
      Carrier& carrier = carriers_[c];
      while (!blocked_.empty() && static_cast<std::int64_t>(carrier.load.size()) < spec_.lots_per_trip) {
        carrier.load.push_back(take_blocked());
        ++on_board_;
      }
      depart(c);
      continue;
    }
    load(take_blocked());
  }
}

Lot Transport::take_blocked() {
  return StationGroup::take_from_blocked(blocked_);
}

void Transport::observe_carrier(ObservationKind kind, std::size_t c) {
  if (!context_.observed())
    return;
  const auto& load = carriers_[c].load;
  context_.observe(
      Observation{.time_s = kernel_.now(),
                  .kind = kind,
                  .step = load.empty() ? Observation::none : PlantContext::step_field(load.front().step),
                  .group = to_.observed_index(),
                  .machine = static_cast<std::int32_t>(c),
                  .count = static_cast<std::int64_t>(load.size())});
}

void Transport::depart(std::size_t c) {
  ++trips_;
  observe_carrier(ObservationKind::carrier_departed, c);
  start_leg(c, Leg::loaded, travel_time_.sample(travel_rng_));
}

void Transport::start_leg(std::size_t c, Leg leg, double duration_s) {
  Carrier& carrier = carriers_[c];
  carrier.leg = leg;
  carrier.leg_end_s = kernel_.now() + duration_s;
  ++moving_;
  carrier.timer = kernel_.schedule_at(carrier.leg_end_s, [this, c] {
    carriers_[c].timer = {};
    --moving_;
    if (carriers_[c].leg == Leg::loaded)
      arrive(c);
    else
      back(c);
    count(kernel_.now());
  });
  count(kernel_.now());
}

void Transport::arrive(std::size_t c) {
  observe_carrier(ObservationKind::carrier_arrived, c);
  carriers_[c].leg = Leg::docked;
  docked_.push_back(c);
  room_downstream();
}

void Transport::room_downstream() {
  while (!halted_ && !docked_.empty() && to_.can_accept())
    to_.accept(unload_one());
  count(kernel_.now());
}

Lot Transport::take_delivery() {
  const Lot lot = unload_one();
  count(kernel_.now());
  return lot;
}

Lot Transport::unload_one() {
  const std::size_t c = docked_.front();
  Carrier& carrier = carriers_[c];
  const Lot lot = carrier.load.front();
  carrier.load.pop_front();
  --on_board_;
  ++lots_moved_;
  if (carrier.load.empty()) {
    docked_.pop_front();
    unloaded(c);
  }
  return lot;
}

void Transport::unloaded(std::size_t c) {
  const double back_s = return_time_.sample(return_rng_);
  if (back_s > 0.0) {
    start_leg(c, Leg::returning, back_s);
  } else {
    back(c);
  }
}

void Transport::back(std::size_t c) {
  carriers_[c].leg = Leg::idle;
  idle_.push_back(c);
  dispatch();
}

void Transport::tower_changed() {
  if (!depends_on_tower())
    return;
  const bool down = context_.control_tower_down();
  if (down == halted_)
    return;
  halted_ = down;
  const double now = kernel_.now();
  for (std::size_t c = 0; c < carriers_.size(); ++c) {
    Carrier& carrier = carriers_[c];
    if (carrier.leg != Leg::loaded && carrier.leg != Leg::returning)
      continue;
    if (down) { // preempt the leg, keep what is left of it
      kernel_.cancel(carrier.timer);
      carrier.left_s = carrier.leg_end_s - now;
      --moving_;
      ++paused_;
    } else {
      --paused_;
      start_leg(c, carrier.leg, carrier.left_s);
    }
  }
  if (down) {
    kernel_.cancel(wait_timer_); // a carrier being loaded leaves when the tower is back
  } else if (loading_ != none) {
    // The carrier being loaded takes what waits now (up to its capacity) and leaves.
    const std::size_t c = loading_;
    loading_ = none;
    Carrier& carrier = carriers_[c];
    while (!blocked_.empty() && static_cast<std::int64_t>(carrier.load.size()) < spec_.lots_per_trip) {
      carrier.load.push_back(take_blocked());
      ++on_board_;
    }
    depart(c);
  }
  count(now);
  if (!down) {
    room_downstream();
    dispatch();
    count(now);
  }
}

void Transport::reset_statistics(double now_s) {
  count(now_s); // the time averages restart from the current counts
  trips_ = lots_moved_ = 0;
  moving_tw_.reset(now_s);
  docked_tw_.reset(now_s);
  paused_tw_.reset(now_s);
  on_board_tw_.reset(now_s);
}

TransportResult Transport::result(double now_s) const {
  TransportResult r;
  r.to = to_.name();
  r.kind = spec_.kind == scenario::TransportKind::agv ? "agv" : "conveyor";
  r.carriers = spec_.carriers;
  r.lots_per_trip = spec_.lots_per_trip;
  r.trips = trips_;
  r.lots_moved = lots_moved_;
  const double n = static_cast<double>(spec_.carriers);
  r.moving = moving_tw_.mean(now_s) / n;
  r.waiting_to_unload = docked_tw_.mean(now_s) / n;
  r.halted = paused_tw_.mean(now_s) / n;
  r.idle = std::max(0.0, 1.0 - r.moving - r.waiting_to_unload - r.halted);
  r.in_transit_mean = on_board_tw_.mean(now_s);
  return r;
}

} // namespace gigatwin::plant
