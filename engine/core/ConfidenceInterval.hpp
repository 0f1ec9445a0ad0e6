#pragma once
// ConfidenceInterval: Student-t confidence interval for the mean of independent, roughly
// normal observations — in practice the per-replication values of a KPI, or batch means.
// The interval is mean ± half_width, in the observations' unit.

#include "core/Tally.hpp"

#include <cstdint>
#include <span>

namespace gigatwin::core {

struct ConfidenceInterval {
  double mean;
  double half_width; // NaN when n < 2: one observation says nothing about the spread
  std::int64_t n;
  double level; // e.g. 0.95
};

/// Quantile t_{p,dof} of Student's t: P(T <= t) = p. dof > 0 need not be an integer. Boost.Math's
/// inverse (a few ulp). p = 0 / 1 give -inf / +inf. Throws std::invalid_argument for p outside
/// [0,1] or dof <= 0 (or NaN).
double student_t_quantile(double p, double dof);

/// Interval at confidence `level` in (0,1) (throws std::invalid_argument otherwise):
/// half_width = t_{(1+level)/2, n-1} * s / sqrt(n).
ConfidenceInterval confidence_interval(const Tally& tally, double level = 0.95);
ConfidenceInterval confidence_interval(std::span<const double> values, double level = 0.95);

} // namespace gigatwin::core
