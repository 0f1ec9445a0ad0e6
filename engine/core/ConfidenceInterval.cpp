#include "core/ConfidenceInterval.hpp"

#include "core/SpecialFunctions.hpp"

#include <boost/math/distributions/students_t.hpp>

#include <cmath>
#include <limits>
#include <stdexcept>

namespace gigatwin::core {

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
  // Boost.Math's inverse, from the nearer tail (1 - p is exact for p in (1/2, 1)).
  const boost::math::students_t t(dof);
  return p > 0.5 ? boost::math::quantile(boost::math::complement(t, 1.0 - p)) : boost::math::quantile(t, p);
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
