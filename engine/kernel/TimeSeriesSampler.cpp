#include "kernel/TimeSeriesSampler.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::kernel {

TimeSeriesSampler::TimeSeriesSampler(Kernel& kernel, double interval_s, double end_s, Probe probe)
    : kernel_(kernel), interval_s_(interval_s), end_s_(end_s), probe_(std::move(probe)) {}

namespace {
// Within rounding of the end, a sample is taken at the end itself rather than lost after it.
constexpr double end_tolerance = 1e-9;
} // namespace

void TimeSeriesSampler::start(double from_s) {
  if (interval_s_ <= 0)
    return;
  beat_ = static_cast<std::int64_t>(std::floor(from_s / interval_s_ * (1 + end_tolerance)));
  schedule(static_cast<double>(beat_ + 1) * interval_s_);
}

void TimeSeriesSampler::schedule(double date_s) {
  if (interval_s_ <= 0 || date_s > end_s_ * (1 + end_tolerance))
    return;
  // Late priority: a sample at t sees everything else that happens at t.
  kernel_.schedule_at(
      std::min(date_s, end_s_), [this] { tick(); }, EventPriority::late);
}

void TimeSeriesSampler::tick() {
  ++count_;
  ++beat_;
  probe_(kernel_.now());
  // k x interval rather than repeated additions, so that sample times do not drift.
  schedule(static_cast<double>(beat_ + 1) * interval_s_);
}

} // namespace gigatwin::kernel
