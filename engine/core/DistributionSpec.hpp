#pragma once
// DistributionSpec: the plain-data description of a probability distribution, as a scenario
// states it. It carries no random state and no behaviour; `Distribution` (Distribution.hpp)
// turns it into a sampler. Durations are in seconds, whatever unit the scenario used.

#include <string_view>
#include <utility>
#include <vector>

namespace gigatwin::core {

enum class DistributionKind {
  constant,
  exponential,
  uniform,
  triangular,
  normal,
  lognormal,
  gamma,
  weibull,
  empirical
};

/// Parameters by kind (all in base units, seconds for durations):
///  constant    a = value
///  exponential a = mean
///  uniform     a = min, b = max
///  triangular  a = min, b = mode, c = max
///  normal      a = mean, b = standard deviation; truncated at 0 (resampled until >= 0)
///  lognormal   a = mean, b = standard deviation (of the variable itself, not of its log)
///  gamma       a = shape k, b = scale theta (mean k*theta)
///  weibull     a = shape k, b = scale lambda
///  empirical   values = observations, each drawn with equal probability
struct DistributionSpec {
  DistributionKind kind = DistributionKind::constant;
  double a = 0.0;
  double b = 0.0;
  double c = 0.0;
  std::vector<double> values;

  static DistributionSpec constant(double v) { return {DistributionKind::constant, v, 0, 0, {}}; }
  static DistributionSpec exponential(double mean) { return {DistributionKind::exponential, mean, 0, 0, {}}; }
  static DistributionSpec uniform(double lo, double hi) { return {DistributionKind::uniform, lo, hi, 0, {}}; }
  static DistributionSpec triangular(double lo, double mode, double hi) {
    return {DistributionKind::triangular, lo, mode, hi, {}};
  }
  static DistributionSpec normal(double mean, double sd) {
    return {DistributionKind::normal, mean, sd, 0, {}};
  }
  static DistributionSpec lognormal(double mean, double sd) {
    return {DistributionKind::lognormal, mean, sd, 0, {}};
  }
  static DistributionSpec gamma(double shape, double scale) {
    return {DistributionKind::gamma, shape, scale, 0, {}};
  }
  static DistributionSpec weibull(double shape, double scale) {
    return {DistributionKind::weibull, shape, scale, 0, {}};
  }
  static DistributionSpec empirical(std::vector<double> obs) {
    return {DistributionKind::empirical, 0, 0, 0, std::move(obs)};
  }
};

std::string_view to_string(DistributionKind kind);

} // namespace gigatwin::core
