#pragma once
// Tally: summary statistics of a series of observations (lot cycle times in s, queue waits,
// per-replication KPIs...). It keeps count, mean, sum of squared deviations (Welford's update,
// stable even when the mean is large against the spread), min, max and sum; not the values
// themselves. Unit: whatever the observations carry. With no observation mean/min/max are NaN;
// with fewer than two, variance/stddev are NaN.

#include <cstdint>

namespace gigatwin::core {

class Tally {
public:
  /// Inline: every lot adds to several tallies, and the call would cost more than the update.
  void add(double x) {
    ++n_;
    const double delta = x - mean_;
    mean_ += delta / static_cast<double>(n_);
    m2_ += delta * (x - mean_);
    sum_ += x;
    if (n_ == 1) {
      min_ = x;
      max_ = x;
    } else {
      // As std::fmin/fmax (a NaN bound gives way to a number), without the library call.
      if (x < min_ || min_ != min_)
        min_ = x;
      if (x > max_ || max_ != max_)
        max_ = x;
    }
  }
  void reset();

  std::int64_t count() const { return n_; }
  double mean() const;
  /// Sample variance, with n - 1 in the denominator.
  double variance() const;
  double stddev() const;
  double min() const;
  double max() const;
  double sum() const { return sum_; }

private:
  std::int64_t n_ = 0;
  double mean_ = 0.0;
  double m2_ = 0.0; // sum of squared deviations from the running mean
  double min_ = 0.0;
  double max_ = 0.0;
  double sum_ = 0.0;
};

} // namespace gigatwin::core
