#include "plantdata/DistributionFit.hpp"

#include "plantdata/GoodnessOfFit.hpp"
#include "scenario/ScenarioEdits.hpp"

#include <boost/math/distributions/exponential.hpp>
#include <boost/math/distributions/gamma.hpp>
#include <boost/math/distributions/lognormal.hpp>
#include <boost/math/distributions/normal.hpp>
#include <boost/math/distributions/weibull.hpp>
#include <boost/math/special_functions/digamma.hpp>
#include <boost/math/special_functions/trigamma.hpp>
#include <boost/math/tools/roots.hpp>

#include <nlopt.hpp>

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <numeric>
#include <stdexcept>

namespace gigatwin::plantdata {

namespace {

constexpr double pi = 3.14159265358979323846;

struct Moments {
  double n = 0, mean = 0, mean_log = 0, var = 0, var_log = 0;
};

Moments moments(const std::vector<double>& x, bool logs) {
  Moments m;
  m.n = static_cast<double>(x.size());
  m.mean = std::accumulate(x.begin(), x.end(), 0.0) / m.n;
  for (double v : x)
    m.var += (v - m.mean) * (v - m.mean);
  m.var /= m.n; // the MLE's: divided by n
  if (logs) {
    for (double v : x)
      m.mean_log += std::log(v);
    m.mean_log /= m.n;
    for (double v : x)
      m.var_log += (std::log(v) - m.mean_log) * (std::log(v) - m.mean_log);
    m.var_log /= m.n;
  }
  return m;
}

/// The lognormal's parameters on the log scale (m, s²) from the duration's mean and sd, as the
/// scenario writes it.
struct LogScale {
  double m, s2;
};
LogScale log_scale(double mean, double sd) {
  const double s2 = std::log1p((sd / mean) * (sd / mean));
  return {std::log(mean) - s2 / 2, s2};
}

/// ln P(Z > z) for a standard normal Z, finite far in the upper tail (Mills' ratio).
double log_normal_tail(double z) {
  const double tail = 0.5 * std::erfc(z / std::sqrt(2.0));
  if (tail > 0)
    return std::log(tail);
  return -0.5 * z * z - std::log(z * std::sqrt(2 * pi));
}

/// The root finders' precision; their iteration counts are checked where they are called.
constexpr int digits = std::numeric_limits<double>::digits - 4;

} // namespace

const char* family_name(Family family) {
  switch (family) {
  case Family::exponential:
    return "exponential";
  case Family::gamma:
    return "gamma";
  case Family::weibull:
    return "weibull";
  case Family::lognormal:
    return "lognormal";
  case Family::normal:
    return "normal";
  case Family::empirical:
    return "empirical";
  }
  return "?";
}

double Fit::parameter(const std::string& name) const {
  for (const auto& [key, value] : parameters)
    if (key == name)
      return value;
  return std::nan("");
}

namespace {
void weibull_profile(Fit& fit, const Sample& sample);

Fit fit_uncensored(Family family, const std::vector<double>& x) {
  if (x.size() < 2)
    throw std::invalid_argument("at least 2 values are needed");
  const bool positive = x.front() > 0;
  if (family != Family::normal && !positive)
    throw std::invalid_argument(std::string(family_name(family)) + " needs every value > 0");
  if (family == Family::normal && x.front() < 0)
    throw std::invalid_argument("normal (truncated at 0) needs every value >= 0");
  if (x.front() == x.back())
    throw std::invalid_argument("every value is the same");
  const Moments m = moments(x, family != Family::normal);
  Fit fit;
  fit.family = family;
  double ll = 0;
  int k = 2;
  switch (family) {
  case Family::exponential: {
    k = 1;
    fit.parameters = {{"mean", m.mean}};
    ll = -m.n * std::log(m.mean) - m.n;
    break;
  }
  case Family::normal: {
    // The untruncated normal's closed form: the truncated one's start (fit_family goes on when
    // the cut at 0 matters).
    const double sd = std::sqrt(m.var);
    fit.parameters = {{"mean", m.mean}, {"sd", sd}};
    ll = -0.5 * m.n * std::log(2 * pi * m.var) - 0.5 * m.n - m.n * log_normal_tail(-m.mean / sd);
    break;
  }
  case Family::lognormal: {
    const double s2 = m.var_log;
    const double mean = std::exp(m.mean_log + s2 / 2);
    fit.parameters = {{"mean", mean}, {"sd", mean * std::sqrt(std::expm1(s2))}};
    ll = -m.n * m.mean_log - 0.5 * m.n * std::log(2 * pi * s2) - 0.5 * m.n;
    break;
  }
  case Family::gamma: {
    // The shape solves ln k - psi(k) = ln(mean) - mean(ln x); the scale is then mean / k.
    // ln(mean) - mean(ln x) as mean(-ln(x / mean)): no cancellation for a tight sample.
    double s = 0;
    for (double v : x)
      s -= std::log1p((v - m.mean) / m.mean);
    s /= m.n;
    if (!(s > 0))
      throw std::invalid_argument("the sample is too tight for a gamma's shape");
    const double guess = (3 - s + std::sqrt((s - 3) * (s - 3) + 24 * s)) / (12 * s);
    const auto f = [s](double shape) {
      return std::make_pair(std::log(shape) - boost::math::digamma(shape) - s,
                            1 / shape - boost::math::trigamma(shape));
    };
    std::uintmax_t iterations = 200;
    const double shape =
        boost::math::tools::newton_raphson_iterate(f, guess, guess * 1e-3, guess * 1e3, digits, iterations);
    if (iterations >= 200 || !std::isfinite(shape))
      throw std::invalid_argument("the gamma's shape did not converge");
    const double scale = m.mean / shape;
    fit.parameters = {{"shape", shape}, {"scale", scale}};
    ll = (shape - 1) * m.n * m.mean_log - m.n * m.mean / scale - m.n * shape * std::log(scale) -
         m.n * std::lgamma(shape);
    break;
  }
  case Family::empirical:
    throw std::invalid_argument("the empirical family has no likelihood to maximise");
  case Family::weibull: {
    fit.parameters = {{"shape", 1.0}, {"scale", m.mean}};
    weibull_profile(fit, Sample{x, {}});
    ll = log_likelihood(Family::weibull, {fit.parameters[0].second, fit.parameters[1].second}, Sample{x, {}});
    break;
  }
  }
  fit.log_likelihood = ll;
  fit.aic = 2 * k - 2 * ll;
  fit.bic = k * std::log(m.n) - 2 * ll;
  set_statistics(fit, x);
  return fit;
}

/// Wald intervals from the observed information: the inverse of minus the log-likelihood's
/// Hessian, by central differences at the optimum.
std::vector<std::pair<double, double>> wald_intervals(const Fit& fit, const Sample& sample) {
  const std::size_t k = fit.parameters.size();
  std::vector<double> p(k), h(k);
  for (std::size_t i = 0; i < k; ++i) {
    p[i] = fit.parameters[i].second;
    h[i] = 1e-4 * std::max(std::abs(p[i]), 1e-6);
  }
  if (fit.family == Family::normal) // a location's step on the scale of the spread
    h[0] = 1e-4 * p[1];
  const auto ll = [&](const std::vector<double>& q) { return log_likelihood(fit.family, q, sample); };
  const double f0 = ll(p);
  double hess[2][2] = {{0, 0}, {0, 0}};
  for (std::size_t i = 0; i < k; ++i)
    for (std::size_t j = i; j < k; ++j) {
      auto q = p;
      double value = 0;
      if (i == j) {
        q[i] = p[i] + h[i];
        const double up = ll(q);
        q[i] = p[i] - h[i];
        value = (up - 2 * f0 + ll(q)) / (h[i] * h[i]);
      } else {
        for (const auto& [a, b] : {std::pair{1, 1}, std::pair{1, -1}, std::pair{-1, 1}, std::pair{-1, -1}}) {
          q[i] = p[i] + a * h[i];
          q[j] = p[j] + b * h[j];
          value += a * b * ll(q);
        }
        value /= 4 * h[i] * h[j];
      }
      hess[i][j] = hess[j][i] = value;
    }
  std::vector<double> variance(k, std::nan(""));
  if (k == 1 && hess[0][0] < 0) {
    variance[0] = -1 / hess[0][0];
  } else if (k == 2) {
    const double det = hess[0][0] * hess[1][1] - hess[0][1] * hess[1][0];
    if (det > 0 && hess[0][0] < 0) { // a maximum
      variance[0] = -hess[1][1] / det;
      variance[1] = -hess[0][0] / det;
    }
  }
  std::vector<std::pair<double, double>> out;
  for (std::size_t i = 0; i < k; ++i) {
    const double half = 1.959963984540054 * std::sqrt(variance[i]);
    out.emplace_back(p[i] - half, p[i] + half);
  }
  return out;
}

/// Nelder–Mead (NLopt) on the parameters' logarithms (the normal's mean as it is), from `fit`.
/// What the ended intervals' likelihood needs, summed once: a fit's many evaluations of it then
/// cost nothing per value (centred sums: no cancellation).
struct Sums {
  double r = 0, mean = 0, m2 = 0, mean_log = 0, m2_log = 0;
  explicit Sums(const std::vector<double>& x, bool logs) : r(static_cast<double>(x.size())) {
    for (double v : x)
      mean += v;
    mean /= r;
    for (double v : x)
      m2 += (v - mean) * (v - mean);
    if (logs) {
      for (double v : x)
        mean_log += std::log(v);
      mean_log /= r;
      for (double v : x)
        m2_log += (std::log(v) - mean_log) * (std::log(v) - mean_log);
    }
  }
};

/// The log-likelihood from the sums (the ended intervals) and the censored values, for the
/// families whose density needs only them.
double log_likelihood_from(Family family, const std::vector<double>& q, const Sums& s,
                           const Sample& censored_only) {
  constexpr double minus_inf = -std::numeric_limits<double>::infinity();
  for (std::size_t i = family == Family::normal ? 1 : 0; i < q.size(); ++i)
    if (!(q[i] > 0) || !std::isfinite(q[i]))
      return minus_inf;
  double ll = 0;
  switch (family) {
  case Family::gamma:
    ll = (q[0] - 1) * s.r * s.mean_log - s.r * s.mean / q[1] -
         s.r * (q[0] * std::log(q[1]) + std::lgamma(q[0]));
    break;
  case Family::lognormal: {
    const auto [m, s2] = log_scale(q[0], q[1]);
    ll = -s.r * s.mean_log - 0.5 * s.r * std::log(2 * pi * s2) -
         (s.m2_log + s.r * (s.mean_log - m) * (s.mean_log - m)) / (2 * s2);
    break;
  }
  case Family::normal:
    ll = -0.5 * s.r * std::log(2 * pi * q[1] * q[1]) -
         (s.m2 + s.r * (s.mean - q[0]) * (s.mean - q[0])) / (2 * q[1] * q[1]) -
         s.r * log_normal_tail(-q[0] / q[1]);
    break;
  default:
    return minus_inf;
  }
  return ll + log_likelihood(family, q, censored_only);
}

/// The Weibull's maximum from its profile equation (censored values or not): the shape k solves
/// sum_all(x^k ln x) / sum_all(x^k) - 1/k = mean over the ended of ln x, and the scale is
/// (sum_all(x^k) / r)^(1/k) (all: ended and censored; r: the ended).
void weibull_profile(Fit& fit, const Sample& sample) {
  std::vector<double> all = sample.observed;
  all.insert(all.end(), sample.censored.begin(), sample.censored.end());
  const double top = *std::max_element(all.begin(), all.end());
  std::vector<double> y(all.size()), log_y(all.size());
  for (std::size_t i = 0; i < all.size(); ++i) {
    y[i] = all[i] / top;
    log_y[i] = std::log(y[i]);
  }
  const double r = static_cast<double>(sample.observed.size());
  double mean_log_y = 0;
  for (std::size_t i = 0; i < sample.observed.size(); ++i)
    mean_log_y += log_y[i];
  mean_log_y /= r;
  const auto h = [&](double shape) {
    double sum = 0, weighted = 0;
    for (std::size_t i = 0; i < y.size(); ++i) {
      const double p = std::pow(y[i], shape);
      sum += p;
      weighted += p * log_y[i];
    }
    return weighted / sum - 1 / shape - mean_log_y;
  };
  std::uintmax_t iterations = 200;
  const auto [lo, hi] = boost::math::tools::bracket_and_solve_root(
      h, fit.parameter("shape"), 2.0, true, boost::math::tools::eps_tolerance<double>(digits), iterations);
  if (iterations >= 200 || !std::isfinite(lo) || !std::isfinite(hi))
    throw std::invalid_argument("the Weibull's shape did not converge");
  const double shape = (lo + hi) / 2;
  double sum = 0;
  for (double v : y)
    sum += std::pow(v, shape);
  fit.parameters = {{"shape", shape}, {"scale", top * std::pow(sum / r, 1 / shape)}};
}

/// Nelder–Mead (NLopt) on the parameters' logarithms (the normal's mean as it is), from `fit`;
/// the Weibull by its profile equation instead.
void maximise_censored(Fit& fit, const Sample& sample) {
  const Family family = fit.family;
  if (family == Family::weibull)
    return weibull_profile(fit, sample);
  std::vector<double> u;
  for (std::size_t i = 0; i < fit.parameters.size(); ++i)
    u.push_back(family == Family::normal && i == 0 ? fit.parameters[i].second
                                                   : std::log(fit.parameters[i].second));
  struct Context {
    Family family;
    Sums sums;
    Sample censored_only;
    static std::vector<double> unpack(Family family, const std::vector<double>& u) {
      std::vector<double> q(u.size());
      for (std::size_t i = 0; i < u.size(); ++i)
        q[i] = family == Family::normal && i == 0 ? u[i] : std::exp(u[i]);
      return q;
    }
  } context{family, Sums(sample.observed, family != Family::normal), Sample{{}, sample.censored}};
  nlopt::opt opt(nlopt::LN_NELDERMEAD, static_cast<unsigned>(u.size()));
  opt.set_max_objective(
      [](const std::vector<double>& x, std::vector<double>&, void* data) {
        const auto* c = static_cast<const Context*>(data);
        const double ll =
            log_likelihood_from(c->family, Context::unpack(c->family, x), c->sums, c->censored_only);
        return std::isfinite(ll) ? ll : -1e300;
      },
      &context);
  // Twelve digits of each parameter: the evaluations are cheap (sums, and the censored values).
  opt.set_xtol_rel(1e-12);
  opt.set_maxeval(20000);
  opt.set_initial_step(std::vector<double>(u.size(), 0.05));
  double best = 0;
  try {
    opt.optimize(u, best);
  } catch (const std::exception& e) {
    throw std::invalid_argument(std::string("the censored fit did not converge: ") + e.what());
  }
  const auto q = Context::unpack(family, u);
  for (std::size_t i = 0; i < q.size(); ++i)
    fit.parameters[i].second = q[i];
}

std::vector<double> values(const Fit& fit) {
  std::vector<double> q;
  for (const auto& p : fit.parameters)
    q.push_back(p.second);
  return q;
}
} // namespace

double log_likelihood(Family family, const std::vector<double>& q, const Sample& sample) {
  constexpr double minus_inf = -std::numeric_limits<double>::infinity();
  for (std::size_t i = family == Family::normal ? 1 : 0; i < q.size(); ++i)
    if (!(q[i] > 0) || !std::isfinite(q[i]))
      return minus_inf;
  if (family == Family::normal && !std::isfinite(q[0]))
    return minus_inf;
  // Log-densities and log-survival functions written out, so that a value far in a tail costs a
  // large negative number instead of the log of an underflowed 0.
  double ll = 0;
  try {
    switch (family) {
    case Family::exponential:
      for (double x : sample.observed)
        ll += -std::log(q[0]) - x / q[0];
      for (double c : sample.censored)
        ll += -c / q[0];
      break;
    case Family::gamma: {
      const double k = q[0], theta = q[1], norm = k * std::log(theta) + std::lgamma(k);
      for (double x : sample.observed)
        ll += x > 0 ? (k - 1) * std::log(x) - x / theta - norm : minus_inf;
      for (double c : sample.censored) {
        const double survival = boost::math::gamma_q(k, c / theta);
        ll += survival > 0 ? std::log(survival) : minus_inf;
      }
      break;
    }
    case Family::weibull: {
      const double k = q[0], lambda = q[1];
      for (double x : sample.observed)
        ll += x > 0 ? std::log(k / lambda) + (k - 1) * std::log(x / lambda) - std::pow(x / lambda, k)
                    : minus_inf;
      for (double c : sample.censored)
        ll += -std::pow(c / lambda, k);
      break;
    }
    case Family::lognormal: {
      const auto [m, s2] = log_scale(q[0], q[1]);
      const double sd = std::sqrt(s2);
      for (double x : sample.observed) {
        const double z = (std::log(x) - m) / sd;
        ll += x > 0 ? -std::log(x * sd * std::sqrt(2 * pi)) - z * z / 2 : minus_inf;
      }
      for (double c : sample.censored)
        ll += log_normal_tail((std::log(c) - m) / sd);
      break;
    }
    case Family::empirical:
      return std::nan("");
    case Family::normal: {
      // Truncated at 0, as the scenario draws it: each density and survival over P(X > 0).
      const double kept = log_normal_tail(-q[0] / q[1]);
      for (double x : sample.observed) {
        const double z = (x - q[0]) / q[1];
        ll += x >= 0 ? -std::log(q[1] * std::sqrt(2 * pi)) - z * z / 2 - kept : minus_inf;
      }
      for (double c : sample.censored)
        ll += log_normal_tail((c - q[0]) / q[1]) - kept;
      break;
    }
    }
  } catch (const std::exception&) {
    return minus_inf; // Boost's domain errors: outside the family's support
  }
  return std::isnan(ll) ? minus_inf : ll;
}

Fit fit_family(Family family, const std::vector<double>& sorted_sample) {
  return fit_family(family, Sample{sorted_sample, {}});
}

Fit fit_family(Family family, const Sample& sample, bool intervals) {
  for (double c : sample.censored)
    if (!(c >= 0) || (family != Family::normal && c <= 0))
      throw std::invalid_argument("a censored value out of the family's support");
  Fit fit = fit_uncensored(family, sample.observed);
  // The normal is cut at 0: when less than 10^-12 of it lies below, the cut changes nothing a
  // double can show and the closed form stands.
  const bool truncated = family == Family::normal &&
                         log_normal_tail(fit.parameter("mean") / fit.parameter("sd")) > std::log(1e-12);
  if (!sample.censored.empty() || truncated) {
    if (family == Family::exponential) {
      // Censoring's closed form: every duration's time, over the ones that ended.
      double total = 0;
      for (double v : sample.observed)
        total += v;
      for (double c : sample.censored)
        total += c;
      fit.parameters = {{"mean", total / static_cast<double>(sample.observed.size())}};
    } else {
      maximise_censored(fit, sample);
    }
    const double ll = log_likelihood(family, values(fit), sample);
    if (!std::isfinite(ll))
      throw std::invalid_argument("the censored fit has no finite likelihood");
    const auto k = static_cast<double>(fit.parameters.size());
    fit.log_likelihood = ll;
    fit.aic = 2 * k - 2 * ll;
    fit.bic = k * std::log(static_cast<double>(sample.observed.size() + sample.censored.size())) - 2 * ll;
    set_statistics(fit, sample.observed);
  }
  if (family == Family::normal && !(fit.parameter("mean") > 0))
    throw std::invalid_argument(
        "the truncated normal's best mean is not above 0 (the scenario's normal needs one)");
  if (intervals)
    fit.intervals = wald_intervals(fit, sample);
  else
    fit.intervals.assign(fit.parameters.size(), {std::nan(""), std::nan("")});
  return fit;
}

std::size_t lift_rounded_zeros(std::vector<double>& sample) {
  for (double v : sample)
    if (v < 0 || v != std::floor(v))
      return 0;
  std::size_t lifted = 0;
  for (double& v : sample)
    if (v == 0) {
      v = 1.0 / 3;
      ++lifted;
    }
  return lifted;
}

std::vector<Fit> fit_families(Sample sample) {
  std::sort(sample.observed.begin(), sample.observed.end());
  std::vector<Fit> fits;
  for (Family f : all_families) {
    try {
      Fit fit = fit_family(f, sample);
      bool finite = std::isfinite(fit.log_likelihood) && std::isfinite(fit.aic);
      for (const auto& [name, value] : fit.parameters)
        finite = finite && std::isfinite(value);
      if (finite)
        fits.push_back(std::move(fit));
    } catch (const std::exception&) {
      // This family cannot describe the sample (a value <= 0, too few values): left out.
    }
  }
  std::sort(fits.begin(), fits.end(), [](const Fit& a, const Fit& b) { return a.aic < b.aic; });
  return fits;
}

std::vector<Fit> fit_families(std::vector<double> sample) {
  return fit_families(Sample{std::move(sample), {}});
}

Fit fit_empirical(const Sample& sample, std::size_t max_values) {
  std::vector<double> x = sample.observed;
  if (x.empty() || max_values == 0)
    throw std::invalid_argument("the empirical family needs at least one ended duration");
  std::sort(x.begin(), x.end());
  Fit fit;
  fit.family = Family::empirical;
  if (x.size() <= max_values) {
    fit.values = x;
  } else {
    // Quantiles at (i + 1/2) / m, interpolated between order statistics (SciPy's and R's type 7).
    const double last = static_cast<double>(x.size() - 1);
    for (std::size_t i = 0; i < max_values; ++i) {
      const double at = (static_cast<double>(i) + 0.5) / static_cast<double>(max_values) * last;
      const auto lo = static_cast<std::size_t>(at);
      const double frac = at - static_cast<double>(lo);
      fit.values.push_back(lo + 1 < x.size() ? x[lo] + frac * (x[lo + 1] - x[lo]) : x[lo]);
    }
  }
  const double nan = std::nan("");
  fit.log_likelihood = fit.aic = fit.bic = nan;
  set_statistics(fit, x);
  // Against its own step CDF the top value sits at F = 1, where A²'s logarithm has nothing to
  // say: only D describes how much the quantiles smooth away.
  fit.ad = nan;
  return fit;
}

core::DistributionSpec distribution_of(const Fit& fit) {
  switch (fit.family) {
  case Family::exponential:
    return core::DistributionSpec::exponential(fit.parameter("mean"));
  case Family::gamma:
    return core::DistributionSpec::gamma(fit.parameter("shape"), fit.parameter("scale"));
  case Family::weibull:
    return core::DistributionSpec::weibull(fit.parameter("shape"), fit.parameter("scale"));
  case Family::lognormal:
    return core::DistributionSpec::lognormal(fit.parameter("mean"), fit.parameter("sd"));
  case Family::normal:
    return core::DistributionSpec::normal(fit.parameter("mean"), fit.parameter("sd"));
  case Family::empirical:
    return core::DistributionSpec::empirical(fit.values);
  }
  return {};
}

double fitted_cdf(const Fit& fit, double x) {
  using namespace boost::math;
  if (fit.family == Family::empirical)
    return static_cast<double>(std::upper_bound(fit.values.begin(), fit.values.end(), x) -
                               fit.values.begin()) /
           static_cast<double>(fit.values.size());
  if (fit.family != Family::normal && x <= 0)
    return 0;
  switch (fit.family) {
  case Family::exponential:
    return cdf(exponential_distribution<>(1 / fit.parameter("mean")), x);
  case Family::gamma:
    return cdf(gamma_distribution<>(fit.parameter("shape"), fit.parameter("scale")), x);
  case Family::weibull:
    return cdf(weibull_distribution<>(fit.parameter("shape"), fit.parameter("scale")), x);
  case Family::lognormal: {
    const auto [m, s2] = log_scale(fit.parameter("mean"), fit.parameter("sd"));
    return cdf(lognormal_distribution<>(m, std::sqrt(s2)), x);
  }
  case Family::empirical:
    break;
  case Family::normal: {
    // Truncated at 0: (Phi(x) - Phi(0)) / (1 - Phi(0)), with the tails as complements (no
    // cancellation when the cut is far below the mean).
    const normal_distribution<> n(fit.parameter("mean"), fit.parameter("sd"));
    if (x < 0)
      return 0;
    const double below = cdf(n, 0.0), kept = cdf(complement(n, 0.0));
    return (x <= fit.parameter("mean") ? cdf(n, x) - below : kept - cdf(complement(n, x))) / kept;
  }
  }
  return std::nan("");
}

double fitted_quantile(const Fit& fit, double p) {
  using namespace boost::math;
  switch (fit.family) {
  case Family::exponential:
    return quantile(exponential_distribution<>(1 / fit.parameter("mean")), p);
  case Family::gamma:
    return quantile(gamma_distribution<>(fit.parameter("shape"), fit.parameter("scale")), p);
  case Family::weibull:
    return quantile(weibull_distribution<>(fit.parameter("shape"), fit.parameter("scale")), p);
  case Family::lognormal: {
    const auto [m, s2] = log_scale(fit.parameter("mean"), fit.parameter("sd"));
    return quantile(lognormal_distribution<>(m, std::sqrt(s2)), p);
  }
  case Family::normal: {
    // Truncated at 0: the untruncated quantile at Phi(0) + p (1 - Phi(0)), from the upper tail
    // where that is nearer 1 (no cancellation).
    const normal_distribution<> n(fit.parameter("mean"), fit.parameter("sd"));
    const double below = cdf(n, 0.0), kept = cdf(complement(n, 0.0));
    const double at = below + p * kept;
    return at < 0.5 ? quantile(n, at) : quantile(complement(n, (1 - p) * kept));
  }
  case Family::empirical: {
    const auto k = static_cast<std::size_t>(std::ceil(p * static_cast<double>(fit.values.size())));
    return fit.values[std::clamp<std::size_t>(k, 1, fit.values.size()) - 1];
  }
  }
  return std::nan("");
}

std::string decimal(double v, int significant) {
  // Fixed notation with `significant` digits: no exponent for the loader to misread.
  if (v == 0 || !std::isfinite(v))
    return v == 0 ? "0" : "nan";
  const int magnitude = static_cast<int>(std::floor(std::log10(std::abs(v))));
  const int after = std::max(0, significant - 1 - magnitude);
  char buf[512]; // 1e308 in fixed notation, or 300 decimals of a tiny value, fit
  std::snprintf(buf, sizeof buf, "%.*f", std::min(after, 400), v);
  std::string s = buf;
  if (s.find('.') != std::string::npos) {
    s.erase(s.find_last_not_of('0') + 1);
    if (s.back() == '.')
      s.pop_back();
  }
  return s;
}

scenario::TreeNode scenario_value(const Fit& fit) {
  scenario::TreeNode map;
  scenario::set_entry(map, "dist", scenario::scalar_node(family_name(fit.family)));
  if (fit.family == Family::empirical) {
    scenario::TreeNode values;
    values.kind = scenario::TreeNode::Kind::sequence;
    for (double v : fit.values)
      values.items.push_back(scenario::scalar_node(decimal(v, 6) + "s"));
    scenario::set_entry(map, "values", std::move(values));
    return map;
  }
  for (const auto& [key, value] : fit.parameters) {
    const std::string number = decimal(value, 6);
    scenario::set_entry(map, key, scenario::scalar_node(key == "shape" ? number : number + "s"));
  }
  return map;
}

} // namespace gigatwin::plantdata
