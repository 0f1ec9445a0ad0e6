#include "core/SpecialFunctions.hpp"

#include <cmath>
#include <limits>
#include <numbers>
#include <stdexcept>

namespace gigatwin::core {

namespace {

constexpr double tiny = 1e-300; // keeps Lentz's algorithm away from division by zero
constexpr double cf_eps = 1e-16;
// The fractions need O(sqrt(a)) terms; this cap only stops a runaway loop on absurd arguments.
constexpr int max_iterations = 1'000'000;

/// x^a y^b / B(a,b), the factor in front of both continued fractions; y = 1 - x is passed
/// separately so that log(y) keeps its digits when x is close to 1 (and vice versa).
double beta_prefactor(double a, double b, double x, double y) {
  return std::exp(a * std::log(x) + b * std::log(y) + std::lgamma(a + b) - std::lgamma(a) - std::lgamma(b));
}

/// Continued fraction for I_x(a,b) (modified Lentz); converges fast for x < (a+1)/(a+b+2).
double beta_continued_fraction(double a, double b, double x) {
  auto guard = [](double v) { return std::fabs(v) < tiny ? tiny : v; };
  double c = 1.0;
  double d = 1.0 / guard(1.0 - (a + b) * x / (a + 1.0));
  double h = d;
  for (int m = 1; m <= max_iterations; ++m) {
    const double dm = m;
    // even step: d_{2m} = m (b - m) x / ((a + 2m - 1)(a + 2m))
    double num = dm * (b - dm) * x / ((a + 2 * dm - 1.0) * (a + 2 * dm));
    d = 1.0 / guard(1.0 + num * d);
    c = guard(1.0 + num / c);
    h *= d * c;
    // odd step: d_{2m+1} = -(a + m)(a + b + m) x / ((a + 2m)(a + 2m + 1))
    num = -(a + dm) * (a + b + dm) * x / ((a + 2 * dm) * (a + 2 * dm + 1.0));
    d = 1.0 / guard(1.0 + num * d);
    c = guard(1.0 + num / c);
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < cf_eps)
      break;
  }
  return h;
}

/// I_x(a,b) with y = 1 - x supplied exactly by the caller.
double regularized_beta_xy(double a, double b, double x, double y) {
  if (x <= 0.0)
    return 0.0;
  if (y <= 0.0)
    return 1.0;
  if (x < (a + 1.0) / (a + b + 2.0))
    return beta_prefactor(a, b, x, y) * beta_continued_fraction(a, b, x) / a;
  return 1.0 - beta_prefactor(a, b, x, y) * beta_continued_fraction(b, a, y) / b;
}

} // namespace

double normal_cdf(double z) {
  return 0.5 * std::erfc(-z / std::numbers::sqrt2);
}

double normal_quantile(double p) {
  if (!(p >= 0.0 && p <= 1.0))
    throw std::invalid_argument("normal_quantile: p must be in [0,1]");
  if (p == 0.0)
    return -std::numeric_limits<double>::infinity();
  if (p == 1.0)
    return std::numeric_limits<double>::infinity();
  if (p > 0.5)
    return -normal_quantile(1.0 - p); // exact subtraction for p in (0.5, 1): solve the lower tail

  // Acklam's approximation (relative error < 1.2e-9) for the lower half.
  constexpr double a[] = {-3.969683028665376e+01, 2.209460984245205e+02,  -2.759285104469687e+02,
                          1.383577518672690e+02,  -3.066479806614716e+01, 2.506628277459239e+00};
  constexpr double b[] = {-5.447609879822406e+01, 1.615858368580409e+02, -1.556989798598866e+02,
                          6.680131188771972e+01, -1.328068155288572e+01};
  constexpr double c[] = {-7.784894002430293e-03, -3.223964580411365e-01, -2.400758277161838e+00,
                          -2.549732539343734e+00, 4.374664141464968e+00,  2.938163982698783e+00};
  constexpr double d[] = {7.784695709041462e-03, 3.224671290700398e-01, 2.445134137142996e+00,
                          3.754408661907416e+00};
  double x;
  if (p < 0.02425) {
    const double q = std::sqrt(-2.0 * std::log(p));
    x = (((((c[0] * q + c[1]) * q + c[2]) * q + c[3]) * q + c[4]) * q + c[5]) /
        ((((d[0] * q + d[1]) * q + d[2]) * q + d[3]) * q + 1.0);
  } else {
    const double q = p - 0.5;
    const double r = q * q;
    x = (((((a[0] * r + a[1]) * r + a[2]) * r + a[3]) * r + a[4]) * r + a[5]) * q /
        (((((b[0] * r + b[1]) * r + b[2]) * r + b[3]) * r + b[4]) * r + 1.0);
  }
  // Halley steps on Phi(x) - p; the lower-tail Phi from erfc keeps full relative precision.
  for (int i = 0; i < 3; ++i) {
    const double e = normal_cdf(x) - p;
    const double u = e * std::sqrt(2.0 * std::numbers::pi) * std::exp(0.5 * x * x);
    x -= u / (1.0 + 0.5 * x * u);
  }
  return x;
}

double regularized_gamma_p(double a, double x) {
  if (!(a > 0.0) || !(x >= 0.0))
    throw std::invalid_argument("regularized_gamma_p: need a > 0 and x >= 0");
  if (x == 0.0)
    return 0.0;
  if (std::isinf(x))
    return 1.0;
  const double log_prefactor = -x + a * std::log(x) - std::lgamma(a);
  if (x < a + 1.0) {
    // P = x^a e^-x / Gamma(a+1) * sum_n x^n / ((a+1)...(a+n))
    double term = 1.0 / a;
    double sum = term;
    for (int n = 1; n <= max_iterations; ++n) {
      term *= x / (a + n);
      sum += term;
      if (term < sum * cf_eps)
        break;
    }
    return sum * std::exp(log_prefactor);
  }
  // Q = x^a e^-x / Gamma(a) * 1/(x+1-a- 1(1-a)/(x+3-a- 2(2-a)/(x+5-a- ...))) by modified Lentz
  double b = x + 1.0 - a;
  double c = 1.0 / tiny;
  double d = 1.0 / b;
  double h = d;
  for (int i = 1; i <= max_iterations; ++i) {
    const double an = -i * (i - a);
    b += 2.0;
    d = an * d + b;
    if (std::fabs(d) < tiny)
      d = tiny;
    c = b + an / c;
    if (std::fabs(c) < tiny)
      c = tiny;
    d = 1.0 / d;
    const double delta = d * c;
    h *= delta;
    if (std::fabs(delta - 1.0) < cf_eps)
      break;
  }
  return 1.0 - std::exp(log_prefactor) * h;
}

double regularized_beta(double a, double b, double x) {
  if (!(a > 0.0) || !(b > 0.0) || !(x >= 0.0 && x <= 1.0))
    throw std::invalid_argument("regularized_beta: need a, b > 0 and x in [0,1]");
  return regularized_beta_xy(a, b, x, 1.0 - x);
}

double student_t_upper_tail(double t, double dof) {
  if (!(dof > 0.0) || std::isnan(t))
    throw std::invalid_argument("student_t_upper_tail: need dof > 0 and a number t");
  if (std::isinf(t))
    return t > 0 ? 0.0 : 1.0;
  // P(|T| > |t|) = I_x(dof/2, 1/2) with x = dof / (dof + t^2); 1 - x computed directly.
  const double t2 = t * t;
  const double x = dof / (dof + t2);
  const double y = t2 / (dof + t2);
  const double two_sided = regularized_beta_xy(0.5 * dof, 0.5, x, y);
  return t >= 0 ? 0.5 * two_sided : 1.0 - 0.5 * two_sided;
}

double student_t_pdf(double t, double dof) {
  if (!(dof > 0.0))
    throw std::invalid_argument("student_t_pdf: need dof > 0");
  return std::exp(std::lgamma(0.5 * (dof + 1.0)) - std::lgamma(0.5 * dof) -
                  0.5 * std::log(dof * std::numbers::pi) - 0.5 * (dof + 1.0) * std::log1p(t * t / dof));
}

} // namespace gigatwin::core
