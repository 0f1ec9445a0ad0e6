#include "core/ConfidenceInterval.hpp"

#include "core/SpecialFunctions.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace gigatwin::core {

namespace {

/// Upper-tail quantile: the t > 0 with P(T > t) = q, for q in (0, 1/2).
double t_upper_quantile(double q, double dof) {
  if (dof == 1.0) // Cauchy: P(T > t) = 1/2 - atan(t)/pi
    return 1.0 / std::tan(std::numbers::pi * q);
  if (dof == 2.0) { // P(T > t) = (1 - t/sqrt(2+t^2))/2
    const double p = 1.0 - q;
    return (2.0 * p - 1.0) / std::sqrt(2.0 * p * q);
  }
  // Cornish–Fisher expansion around the normal quantile (Abramowitz & Stegun 26.7.5). Error
  // O(dof^-5): below 3e-16 relative for dof >= 1e4 even at p = 1e-12 (checked against mpmath),
  // where the incomplete-beta route starts losing digits to lgamma cancellation; a starting point
  // for smaller dof.
  const double z = -normal_quantile(q);
  const double z2 = z * z;
  const double g1 = (z2 + 1.0) * z / 4.0;
  const double g2 = ((5.0 * z2 + 16.0) * z2 + 3.0) * z / 96.0;
  const double g3 = (((3.0 * z2 + 19.0) * z2 + 17.0) * z2 - 15.0) * z / 384.0;
  const double g4 = ((((79.0 * z2 + 776.0) * z2 + 1482.0) * z2 - 1920.0) * z2 - 945.0) * z / 92160.0;
  const double guess = z + (g1 + (g2 + (g3 + g4 / dof) / dof) / dof) / dof;
  if (dof >= 1e4)
    return guess;

  // Bracket the root of tail(t) - q (tail decreases in t), then safeguarded Newton:
  // d tail / dt = -pdf(t); a step leaving the bracket is replaced by bisection.
  double lo = 0.0;
  double hi = std::fmax(guess, 1.0);
  while (student_t_upper_tail(hi, dof) > q) {
    lo = hi;
    hi *= 2.0;
  }
  double t = (guess > lo && guess < hi) ? guess : 0.5 * (lo + hi);
  for (int i = 0; i < 200; ++i) {
    const double f = student_t_upper_tail(t, dof) - q;
    if (f == 0.0)
      return t;
    if (f > 0)
      lo = t;
    else
      hi = t;
    double next = t + f / student_t_pdf(t, dof);
    if (!(next > lo && next < hi))
      next = 0.5 * (lo + hi);
    if (std::fabs(next - t) <= 1e-15 * next || hi - lo <= 1e-15 * hi)
      return next;
    t = next;
  }
  return t;
}

} // namespace

double student_t_quantile(double p, double dof) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("student_t_quantile: p must be in [0,1]");
  if (!(dof > 0.0))
    throw std::invalid_argument("student_t_quantile: degrees of freedom must be > 0");
  if (p == 0.0)
    return -std::numeric_limits<double>::infinity();
  if (p == 1.0)
    return std::numeric_limits<double>::infinity();
  if (p == 0.5)
    return 0.0;
  return p > 0.5 ? t_upper_quantile(1.0 - p, dof) : -t_upper_quantile(p, dof);
}

ConfidenceInterval confidence_interval(const Tally& tally, double level) {
  if (!(level > 0.0 && level < 1.0))
    throw std::invalid_argument("confidence level must be in (0,1)");
  const std::int64_t n = tally.count();
  ConfidenceInterval ci{tally.mean(), std::numeric_limits<double>::quiet_NaN(), n, level};
  if (n >= 2) {
    const double dn = static_cast<double>(n);
    ci.half_width = student_t_quantile(0.5 * (1.0 + level), dn - 1.0) * tally.stddev() / std::sqrt(dn);
  }
  return ci;
}

ConfidenceInterval confidence_interval(std::span<const double> values, double level) {
  Tally tally;
  for (double v : values)
    tally.add(v);
  return confidence_interval(tally, level);
}

} // namespace gigatwin::core
