#include "plantdata/Proportion.hpp"

#include <boost/math/distributions/normal.hpp>

#include <algorithm>
#include <cmath>
#include <stdexcept>

namespace gigatwin::plantdata {

Proportion wilson(std::size_t events, std::size_t trials, double confidence) {
  if (events > trials || !(confidence > 0 && confidence < 1))
    throw std::invalid_argument("wilson: expected events <= trials and a confidence in (0, 1)");
  Proportion p{events, trials, 0, 0, 1};
  if (trials == 0)
    return p;
  const double n = static_cast<double>(trials);
  const double k = static_cast<double>(events);
  const double z = boost::math::quantile(boost::math::normal(), 0.5 + confidence / 2);
  p.estimate = k / n;
  const double centre = (p.estimate + z * z / (2 * n)) / (1 + z * z / n);
  const double half =
      z / (1 + z * z / n) * std::sqrt(p.estimate * (1 - p.estimate) / n + z * z / (4 * n * n));
  // At 0 or n events the bound is exactly 0 or 1; rounding must not put it past.
  p.low = events == 0 ? 0.0 : std::clamp(centre - half, 0.0, 1.0);
  p.high = events == trials ? 1.0 : std::clamp(centre + half, 0.0, 1.0);
  return p;
}

} // namespace gigatwin::plantdata
