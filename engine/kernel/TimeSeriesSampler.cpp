#include "TimeSeriesSampler.hpp"

namespace gigatwin::engine {

TimeSeriesSampler::TimeSeriesSampler(Kernel& kernel, double interval_s, double end_s, Probe probe)
    : kernel_(kernel), interval_s_(interval_s), end_s_(end_s), probe_(std::move(probe)) {}

void TimeSeriesSampler::start() {
  if (interval_s_ > 0 && interval_s_ <= end_s_ * (1 + 1e-12))
    kernel_.schedule_at(interval_s_, [this] { tick(); });
}

void TimeSeriesSampler::tick() {
  ++count_;
  probe_(kernel_.now());
  // k x interval rather than repeated additions, so that sample times do not drift.
  const double next = static_cast<double>(count_ + 1) * interval_s_;
  if (next <= end_s_ * (1 + 1e-12)) kernel_.schedule_at(next, [this] { tick(); });
}

} // namespace gigatwin::engine
