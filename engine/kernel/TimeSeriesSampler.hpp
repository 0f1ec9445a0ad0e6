#pragma once
// TimeSeriesSampler: calls a probe every `interval_s` of simulated time (s), from one interval
// after the start up to `end_s` included, on the kernel's event calendar, after every other
// event of the same date (so a sample at t covers (t - interval, t]). The probe computes
// what it records (an instantaneous value, or an average over the interval from integrals it
// keeps); the sampler only keeps the beat, at exact multiples of the interval.

#include "kernel/Kernel.hpp"

#include <cstdint>
#include <functional>

namespace gigatwin::kernel {

class TimeSeriesSampler {
public:
  using Probe = std::function<void(double time_s)>;
  TimeSeriesSampler(Kernel& kernel, double interval_s, double end_s, Probe probe);
  /// Schedules the first sample, the first multiple of the interval after `from_s` (a run
  /// resumed from a state samples from there); does nothing when the interval is not in (0, end].
  void start(double from_s = 0.0);
  std::int64_t samples() const { return count_; }

private:
  void schedule(double date_s);
  void tick();

  Kernel& kernel_;
  double interval_s_;
  double end_s_;
  Probe probe_;
  std::int64_t count_ = 0;
  std::int64_t beat_ = 0; // the last sample's multiple of the interval
};

} // namespace gigatwin::kernel
