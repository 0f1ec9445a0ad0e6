#include "results/AxisScale.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace gigatwin::results {

double nice_step(double span, int ticks, bool whole) {
  if (!(span > 0) || ticks < 1)
    return 1.0;
  const double raw = span / ticks;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  constexpr std::array<double, 5> multiples = {1.0, 2.0, 2.5, 5.0, 10.0};
  double step = 10.0 * magnitude;
  for (double m : multiples) {
    const double candidate = m * magnitude;
    if (whole && candidate != std::floor(candidate)) // 2.5 workers is no tick
      continue;
    if (candidate >= raw * (1 - 1e-9)) {
      step = candidate;
      break;
    }
  }
  return whole ? std::max(1.0, step) : step;
}

Axis nice_axis(double max, int ticks, bool whole) {
  if (!(max > 0) || !std::isfinite(max))
    return {1.0, whole ? 1.0 : 0.2};
  const double step = nice_step(max, ticks, whole);
  const double top = std::ceil(max / step * (1 - 1e-12)) * step;
  return {top > 0 ? top : step, step};
}

Range nice_range(double lo, double hi, int ticks) {
  if (!(hi > lo)) { // one value: a step around it
    const double pad = std::abs(hi) > 0 ? std::abs(hi) * 0.05 : 1.0;
    lo -= pad;
    hi += pad;
  }
  const double step = nice_step(hi - lo, ticks);
  return {std::floor(lo / step) * step, std::ceil(hi / step) * step, step};
}

int decimals_for(double step) {
  int d = 0;
  while (d < 6 && std::abs(step * std::pow(10.0, d) - std::round(step * std::pow(10.0, d))) > 1e-6)
    ++d;
  return d;
}

} // namespace gigatwin::results
