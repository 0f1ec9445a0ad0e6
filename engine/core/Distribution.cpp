#include "core/Distribution.hpp"

#include "core/SpecialFunctions.hpp"

#include <algorithm>
#include <cmath>
#include <numbers>
#include <stdexcept>

namespace gigatwin::core {

namespace {

std::optional<std::string> require_finite(std::initializer_list<std::pair<const char*, double>> params) {
  for (const auto& [name, value] : params)
    if (!std::isfinite(value))
      return std::string(name) + " must be a finite number";
  return std::nullopt;
}

} // namespace

std::optional<std::string> check_distribution(const DistributionSpec& spec) {
  const double a = spec.a;
  const double b = spec.b;
  const double c = spec.c;
  switch (spec.kind) {
  case DistributionKind::constant:
    if (auto err = require_finite({{"value", a}}))
      return err;
    if (a < 0)
      return "value must be >= 0";
    return std::nullopt;
  case DistributionKind::exponential:
    if (auto err = require_finite({{"mean", a}}))
      return err;
    if (!(a > 0))
      return "mean must be > 0";
    return std::nullopt;
  case DistributionKind::uniform:
    if (auto err = require_finite({{"min", a}, {"max", b}}))
      return err;
    if (a < 0)
      return "min must be >= 0";
    if (a > b)
      return "min must not exceed max";
    return std::nullopt;
  case DistributionKind::triangular:
    if (auto err = require_finite({{"min", a}, {"mode", b}, {"max", c}}))
      return err;
    if (a < 0)
      return "min must be >= 0";
    if (a > c)
      return "min must not exceed max";
    if (b < a || b > c)
      return "mode must lie between min and max";
    return std::nullopt;
  case DistributionKind::normal:
    if (auto err = require_finite({{"mean", a}, {"standard deviation", b}}))
      return err;
    // A negative mean would be legal for a truncated normal, but rejection sampling would then
    // need on average 1/Phi(mean/sd) tries: keep it a normal that is mostly positive.
    if (a < 0)
      return "mean must be >= 0 (the normal is truncated at 0)";
    if (b < 0)
      return "standard deviation must be >= 0";
    return std::nullopt;
  case DistributionKind::lognormal:
    if (auto err = require_finite({{"mean", a}, {"standard deviation", b}}))
      return err;
    if (!(a > 0))
      return "mean must be > 0";
    if (b < 0)
      return "standard deviation must be >= 0";
    return std::nullopt;
  case DistributionKind::gamma:
  case DistributionKind::weibull:
    if (auto err = require_finite({{"shape", a}, {"scale", b}}))
      return err;
    if (!(a > 0))
      return "shape must be > 0";
    if (!(b > 0))
      return "scale must be > 0";
    return std::nullopt;
  case DistributionKind::empirical:
    if (spec.values.empty())
      return "an empirical distribution needs at least one value";
    for (double v : spec.values) {
      if (!std::isfinite(v))
        return "values must be finite numbers";
      if (v < 0)
        return "values must be >= 0";
    }
    return std::nullopt;
  }
  return "unknown distribution kind";
}

Distribution::Distribution(DistributionSpec spec) : spec_(std::move(spec)) {
  if (auto err = check_distribution(spec_))
    throw std::invalid_argument(std::string(to_string(spec_.kind)) + " distribution: " + *err);
  const double a = spec_.a;
  const double b = spec_.b;
  const double c = spec_.c;
  switch (spec_.kind) {
  case DistributionKind::constant:
    mean_ = a;
    variance_ = 0.0;
    break;
  case DistributionKind::exponential:
    mean_ = a;
    variance_ = a * a;
    break;
  case DistributionKind::uniform:
    p0_ = a;
    p1_ = b - a;
    mean_ = 0.5 * (a + b);
    variance_ = p1_ * p1_ / 12.0;
    break;
  case DistributionKind::triangular: {
    // Inverse transform: F(mode) = (mode-min)/(max-min) splits the two parabolic branches.
    const double width = c - a;
    p0_ = width > 0 ? (b - a) / width : 0.5;
    p1_ = width * (b - a);
    p2_ = width * (c - b);
    mean_ = (a + b + c) / 3.0;
    variance_ = (a * a + b * b + c * c - a * b - a * c - b * c) / 18.0;
    break;
  }
  case DistributionKind::normal:
    p0_ = a;
    p1_ = b;
    if (b == 0) {
      mean_ = a;
      variance_ = 0.0;
    } else {
      // Truncation at 0 of N(mu, sigma^2): alpha = -mu/sigma, Z = P(N >= 0) = Phi(-alpha),
      // lambda = phi(alpha)/Z; mean = mu + sigma lambda, var = sigma^2 (1 + alpha lambda - lambda^2).
      const double alpha = -a / b;
      p2_ = normal_cdf(alpha);  // mass cut away
      p3_ = normal_cdf(-alpha); // mass kept, >= 1/2 since mean >= 0
      const double lambda = std::exp(-0.5 * alpha * alpha) / std::sqrt(2.0 * std::numbers::pi) / p3_;
      mean_ = a + b * lambda;
      variance_ = b * b * (1.0 + alpha * lambda - lambda * lambda);
    }
    break;
  case DistributionKind::lognormal: {
    // The variable's own mean m and sd s give the log's parameters:
    // sigma^2 = ln(1 + s^2/m^2), mu = ln m - sigma^2/2.
    const double sigma2 = std::log1p((b / a) * (b / a));
    p0_ = std::log(a) - 0.5 * sigma2;
    p1_ = std::sqrt(sigma2);
    mean_ = a;
    variance_ = b * b;
    break;
  }
  case DistributionKind::gamma: {
    // Marsaglia–Tsang works for shape >= 1; below, sample shape+1 and multiply by U^(1/shape).
    const double k = a < 1 ? a + 1 : a;
    p0_ = k - 1.0 / 3.0;
    p1_ = 1.0 / std::sqrt(9.0 * p0_);
    p2_ = 1.0 / a;
    mean_ = a * b;
    variance_ = a * b * b;
    break;
  }
  case DistributionKind::weibull: {
    p0_ = 1.0 / a;
    const double g1 = std::tgamma(1.0 + 1.0 / a);
    const double g2 = std::tgamma(1.0 + 2.0 / a);
    mean_ = b * g1;
    variance_ = b * b * (g2 - g1 * g1);
    break;
  }
  case DistributionKind::empirical: {
    sorted_ = spec_.values;
    std::sort(sorted_.begin(), sorted_.end());
    const double n = static_cast<double>(sorted_.size());
    double sum = 0.0;
    for (double v : sorted_)
      sum += v;
    mean_ = sum / n;
    double ss = 0.0;
    for (double v : sorted_)
      ss += (v - mean_) * (v - mean_);
    variance_ = ss / n; // the variance of an equal-probability draw, not the sample variance
    p0_ = n;
    break;
  }
  }
}

double Distribution::standard_normal(RandomStream& rng) {
  for (;;) {
    const double u = 2.0 * rng.uniform01() - 1.0;
    const double v = 2.0 * rng.uniform01() - 1.0;
    const double s = u * u + v * v;
    if (s < 1.0 && s > 0.0)
      return u * std::sqrt(-2.0 * std::log(s) / s);
  }
}

double Distribution::sample_gamma(RandomStream& rng) const {
  const double d = p0_;
  const double c = p1_;
  double x;
  for (;;) {
    const double z = standard_normal(rng);
    double v = 1.0 + c * z;
    if (v <= 0.0)
      continue;
    v = v * v * v;
    const double u = rng.uniform01();
    const double z2 = z * z;
    // Cheap squeeze first; the exact log test only for the few points it does not decide.
    if (u < 1.0 - 0.0331 * z2 * z2 || std::log(u) < 0.5 * z2 + d * (1.0 - v + std::log(v))) {
      x = d * v;
      break;
    }
  }
  if (spec_.a < 1.0)
    x *= std::pow(rng.uniform01(), p2_);
  return x * spec_.b;
}

double Distribution::sample(RandomStream& rng) const {
  switch (spec_.kind) {
  case DistributionKind::constant:
    return spec_.a;
  case DistributionKind::exponential:
    return -spec_.a * std::log(rng.uniform01());
  case DistributionKind::uniform:
    return p0_ + p1_ * rng.uniform01();
  case DistributionKind::triangular: {
    const double u = rng.uniform01();
    if (u < p0_)
      return spec_.a + std::sqrt(u * p1_);
    return spec_.c - std::sqrt((1.0 - u) * p2_);
  }
  case DistributionKind::normal:
    if (p1_ == 0)
      return p0_;
    for (;;) {
      const double x = p0_ + p1_ * standard_normal(rng);
      if (x >= 0.0)
        return x;
    }
  case DistributionKind::lognormal:
    if (p1_ == 0)
      return spec_.a;
    return std::exp(p0_ + p1_ * standard_normal(rng));
  case DistributionKind::gamma:
    return sample_gamma(rng);
  case DistributionKind::weibull:
    return spec_.b * std::pow(-std::log(rng.uniform01()), p0_);
  case DistributionKind::empirical: {
    // u*n can round up to n for u just below 1, hence the clamp.
    auto idx = static_cast<std::size_t>(rng.uniform01() * p0_);
    idx = std::min(idx, spec_.values.size() - 1);
    return spec_.values[idx];
  }
  }
  return 0.0; // unreachable: the constructor accepted only known kinds
}

double Distribution::mean() const {
  return mean_;
}

double Distribution::variance() const {
  return variance_;
}

double Distribution::sample_beyond(double elapsed_s, RandomStream& rng) const {
  if (!(elapsed_s > 0.0) || spec_.kind == DistributionKind::exponential) // memoryless
    return sample(rng);
  // Rejection while the condition is likely: a draw past elapsed_s is one of X given X > elapsed_s.
  for (int tries = 0; tries < 64; ++tries)
    if (const double x = sample(rng); x > elapsed_s)
      return x - elapsed_s;
  // Far in the tail: the conditional CDF inverted by bisection.
  const double from = cdf(elapsed_s);
  if (!(from < 1.0))
    return 0.0;
  const double u = from + (1.0 - from) * rng.uniform01();
  double lo = elapsed_s;
  double hi = elapsed_s + std::max(mean_, 1.0);
  while (cdf(hi) < u && hi < 1e300) {
    lo = hi;
    hi = elapsed_s + 2.0 * (hi - elapsed_s);
  }
  for (int it = 0; it < 200 && hi - lo > 1e-9 * std::max(1.0, hi); ++it) {
    const double mid = 0.5 * (lo + hi);
    (cdf(mid) < u ? lo : hi) = mid;
  }
  return hi - elapsed_s;
}

double Distribution::cdf(double x) const {
  if (std::isnan(x))
    return x;
  const double a = spec_.a;
  const double b = spec_.b;
  const double c = spec_.c;
  switch (spec_.kind) {
  case DistributionKind::constant:
    return x >= a ? 1.0 : 0.0;
  case DistributionKind::exponential:
    return x <= 0 ? 0.0 : -std::expm1(-x / a);
  case DistributionKind::uniform:
    if (x < a)
      return 0.0;
    if (x >= b)
      return 1.0;
    return (x - a) / p1_;
  case DistributionKind::triangular:
    if (x < a)
      return 0.0;
    if (x >= c)
      return 1.0;
    if (x < b) // implies mode > min, so p1_ > 0
      return (x - a) * (x - a) / p1_;
    return 1.0 - (c - x) * (c - x) / p2_; // here mode <= x < max, so p2_ > 0
  case DistributionKind::normal: {
    if (x < 0)
      return 0.0;
    if (b == 0)
      return x >= a ? 1.0 : 0.0;
    const double z = (x - a) / b;
    // Above the mean, work with the upper tail so that values near 1 keep their precision.
    if (z > 0)
      return 1.0 - normal_cdf(-z) / p3_;
    return (normal_cdf(z) - p2_) / p3_;
  }
  case DistributionKind::lognormal:
    if (x <= 0)
      return 0.0;
    if (p1_ == 0)
      return x >= a ? 1.0 : 0.0;
    return normal_cdf((std::log(x) - p0_) / p1_);
  case DistributionKind::gamma:
    return x <= 0 ? 0.0 : regularized_gamma_p(a, x / b);
  case DistributionKind::weibull:
    return x <= 0 ? 0.0 : -std::expm1(-std::pow(x / b, a));
  case DistributionKind::empirical: {
    const auto le = std::upper_bound(sorted_.begin(), sorted_.end(), x) - sorted_.begin();
    return static_cast<double>(le) / p0_;
  }
  }
  return 0.0;
}

} // namespace gigatwin::core
