#include "core/Distribution.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <numbers>
#include <string>
#include <vector>

using gigatwin::core::check_distribution;
using gigatwin::core::Distribution;
using gigatwin::core::DistributionSpec;
using gigatwin::core::RandomStream;

namespace {

constexpr int n_samples = 200000;

struct Moments {
  double mean;
  double variance;
  double se_mean; // standard error of the sample mean
  double se_var;  // standard error of the sample variance: sqrt((m4 - s^4) / n)
};

Moments moments(const std::vector<double>& x) {
  const double n = static_cast<double>(x.size());
  double sum = 0;
  for (double v : x)
    sum += v;
  const double m = sum / n;
  double m2 = 0, m4 = 0;
  for (double v : x) {
    const double d2 = (v - m) * (v - m);
    m2 += d2;
    m4 += d2 * d2;
  }
  const double var = m2 / (n - 1);
  m4 /= n;
  return {m, var, std::sqrt(var / n), std::sqrt(std::fmax(m4 - var * var, 0.0) / n)};
}

/// Kolmogorov–Smirnov statistic of the samples against a continuous cdf.
double ks_statistic(std::vector<double> x, const Distribution& d) {
  std::sort(x.begin(), x.end());
  const double n = static_cast<double>(x.size());
  double dmax = 0;
  for (std::size_t i = 0; i < x.size(); ++i) {
    const double f = d.cdf(x[i]);
    dmax = std::fmax(dmax, std::fmax(static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n));
  }
  return dmax;
}

std::vector<double> draw(const Distribution& d, const std::string& name) {
  RandomStream rng(2024, 0, name, "distribution-test");
  std::vector<double> x(n_samples);
  for (double& v : x)
    v = d.sample(rng);
  return x;
}

/// Sample mean and variance within 5 standard errors of the closed form, and a KS test against
/// cdf() at alpha = 0.001 (critical value 1.95/sqrt(n)). Seeds are fixed, so this is
/// deterministic; a correct sampler would fail it with probability ~1e-3 per seed choice.
void check_against_closed_form(const Distribution& d, const std::string& name) {
  INFO(name << ": closed-form mean " << d.mean() << ", variance " << d.variance());
  const auto x = draw(d, name);
  const Moments m = moments(x);
  INFO("sample mean " << m.mean << " (se " << m.se_mean << "), variance " << m.variance << " (se " << m.se_var
                      << ")");
  CHECK(std::fabs(m.mean - d.mean()) < 5 * m.se_mean);
  CHECK(std::fabs(m.variance - d.variance()) < 5 * m.se_var);
  CHECK(*std::min_element(x.begin(), x.end()) >= 0.0);
  const double ks = ks_statistic(x, d);
  INFO("KS statistic " << ks);
  CHECK(ks < 1.95 / std::sqrt(static_cast<double>(n_samples)));
}

} // namespace

TEST_CASE("a constant always gives its value", "[distribution]") {
  const Distribution d(DistributionSpec::constant(4.5));
  RandomStream rng(1, 0, "c", "c");
  for (int i = 0; i < 100; ++i)
    CHECK(d.sample(rng) == 4.5);
  CHECK(d.mean() == 4.5);
  CHECK(d.variance() == 0.0);
  CHECK(d.cdf(4.49) == 0.0);
  CHECK(d.cdf(4.5) == 1.0);
}

TEST_CASE("exponential samples match mean, variance and cdf", "[distribution]") {
  const Distribution d(DistributionSpec::exponential(2.0));
  CHECK(d.mean() == Approx(2.0)); // mean m, variance m^2
  CHECK(d.variance() == Approx(4.0));
  CHECK(d.cdf(2.0) == Approx(1 - std::exp(-1.0)));
  check_against_closed_form(d, "exponential");
}

TEST_CASE("uniform samples match mean, variance and cdf", "[distribution]") {
  const Distribution d(DistributionSpec::uniform(1.0, 3.0));
  CHECK(d.mean() == Approx(2.0));          // (1+3)/2
  CHECK(d.variance() == Approx(4.0 / 12)); // (3-1)^2/12
  CHECK(d.cdf(1.5) == Approx(0.25));
  check_against_closed_form(d, "uniform");
  // min == max is a degenerate but valid uniform
  const Distribution point(DistributionSpec::uniform(2.0, 2.0));
  RandomStream rng(1, 0, "u", "u");
  CHECK(point.sample(rng) == 2.0);
}

TEST_CASE("triangular samples match mean, variance and cdf", "[distribution]") {
  const Distribution d(DistributionSpec::triangular(1.0, 2.0, 5.0));
  CHECK(d.mean() == Approx(8.0 / 3));       // (1+2+5)/3
  CHECK(d.variance() == Approx(13.0 / 18)); // (1+4+25-2-5-10)/18
  // F(mode) = (2-1)/(5-1) = 1/4; F(3) = 1 - (5-3)^2/((5-1)(5-2)) = 1 - 4/12
  CHECK(d.cdf(2.0) == Approx(0.25));
  CHECK(d.cdf(3.0) == Approx(2.0 / 3));
  check_against_closed_form(d, "triangular");
  // Mode at an end: a right triangle, mean (0+0+1)/3, variance (0+0+1-0-0-0)/18.
  const Distribution right(DistributionSpec::triangular(0.0, 0.0, 1.0));
  CHECK(right.mean() == Approx(1.0 / 3));
  CHECK(right.variance() == Approx(1.0 / 18));
  check_against_closed_form(right, "triangular-mode-at-min");
  check_against_closed_form(Distribution(DistributionSpec::triangular(2.0, 6.0, 6.0)),
                            "triangular-mode-at-max");
}

TEST_CASE("normal truncated at 0: moments and cdf are those of the truncated law", "[distribution]") {
  // Reference values from numerical integration of the N(mu, sd^2) density over [0, inf) in
  // mpmath (30 digits): independent of the closed forms used in Distribution.
  SECTION("half-normal, mean 0 sd 1: mean sqrt(2/pi), variance 1 - 2/pi") {
    const Distribution d(DistributionSpec::normal(0.0, 1.0));
    CHECK(d.mean() == Approx(std::sqrt(2 / std::numbers::pi)).epsilon(1e-12));
    CHECK(d.variance() == Approx(1 - 2 / std::numbers::pi).epsilon(1e-12));
    CHECK(d.cdf(1.5) == Approx(0.866385597462284).epsilon(1e-12));
    check_against_closed_form(d, "half-normal");
  }
  SECTION("heavily truncated: mean 1 sd 2") {
    const Distribution d(DistributionSpec::normal(1.0, 2.0));
    CHECK(d.mean() == Approx(2.01832086767407).epsilon(1e-12));
    CHECK(d.variance() == Approx(1.94470174278547).epsilon(1e-12));
    CHECK(d.cdf(1.5) == Approx(0.419645032388748).epsilon(1e-12));
    CHECK(d.cdf(-0.1) == 0.0);
    check_against_closed_form(d, "truncated-normal");
  }
  SECTION("barely truncated: mean 10 sd 2") {
    const Distribution d(DistributionSpec::normal(10.0, 2.0));
    CHECK(d.mean() == Approx(10.0000029734399).epsilon(1e-12));
    CHECK(d.variance() == Approx(3.99997026559234).epsilon(1e-12));
    check_against_closed_form(d, "normal");
  }
}

TEST_CASE("lognormal is parametrised by the variable's own mean and sd", "[distribution]") {
  const Distribution d(DistributionSpec::lognormal(5.0, 2.0));
  CHECK(d.mean() == 5.0);
  CHECK(d.variance() == 4.0);
  // The median is exp(mu) = m / sqrt(1 + s^2/m^2) = 5 / sqrt(1.16), so cdf there is 1/2.
  CHECK(d.cdf(5.0 / std::sqrt(1.16)) == Approx(0.5).epsilon(1e-12));
  check_against_closed_form(d, "lognormal");
}

TEST_CASE("gamma (Marsaglia–Tsang) for shapes above, at and below 1", "[distribution]") {
  SECTION("shape 2.5 scale 1.5: mean k*theta, variance k*theta^2") {
    const Distribution d(DistributionSpec::gamma(2.5, 1.5));
    CHECK(d.mean() == Approx(3.75));
    CHECK(d.variance() == Approx(5.625));
    // P(2.5, 1.7) from mpmath's regularized incomplete gamma.
    CHECK(d.cdf(1.7 * 1.5) == Approx(0.36143007689620491).epsilon(1e-12));
    check_against_closed_form(d, "gamma-2.5");
  }
  SECTION("shape 1 is the exponential") {
    const Distribution d(DistributionSpec::gamma(1.0, 2.0));
    CHECK(d.cdf(3.0) == Approx(1 - std::exp(-1.5)).epsilon(1e-12));
    check_against_closed_form(d, "gamma-1");
  }
  SECTION("shape 0.5 uses the U^(1/k) boost") {
    const Distribution d(DistributionSpec::gamma(0.5, 2.0));
    CHECK(d.mean() == Approx(1.0));
    CHECK(d.variance() == Approx(2.0));
    // P(1/2, x) = erf(sqrt(x)); at x = 6/2 = 3 (continued-fraction branch).
    CHECK(d.cdf(6.0) == Approx(std::erf(std::sqrt(3.0))).epsilon(1e-12));
    check_against_closed_form(d, "gamma-0.5");
  }
  SECTION("large shape") {
    const Distribution d(DistributionSpec::gamma(100.0, 1.0));
    CHECK(d.cdf(90.0) == Approx(0.15822098918643017).epsilon(1e-10)); // mpmath
    check_against_closed_form(d, "gamma-100");
  }
}

TEST_CASE("weibull samples match mean, variance and cdf", "[distribution]") {
  for (const auto& [k, lambda] : {std::pair{1.5, 3.0}, std::pair{0.7, 1.0}}) {
    const Distribution d(DistributionSpec::weibull(k, lambda));
    // mean lambda Gamma(1+1/k), variance lambda^2 (Gamma(1+2/k) - Gamma(1+1/k)^2)
    const double g1 = std::tgamma(1 + 1 / k);
    CHECK(d.mean() == Approx(lambda * g1));
    CHECK(d.variance() == Approx(lambda * lambda * (std::tgamma(1 + 2 / k) - g1 * g1)));
    CHECK(d.cdf(lambda) == Approx(1 - std::exp(-1.0))); // F(lambda) = 1 - e^-1 for every k
    check_against_closed_form(d, "weibull-" + std::to_string(k));
  }
}

TEST_CASE("empirical draws each observation with equal probability", "[distribution]") {
  const Distribution d(DistributionSpec::empirical({5.0, 2.0, 1.0, 2.0}));
  // Equal-probability draw from {1, 2, 2, 5}: mean 10/4, variance (1.5^2 + 2*0.5^2 + 2.5^2)/4.
  CHECK(d.mean() == Approx(2.5));
  CHECK(d.variance() == Approx(2.25));
  // ECDF: steps of 1/4 at 1, 2/4 at 2 (two observations), 1/4 at 5.
  CHECK(d.cdf(0.5) == 0.0);
  CHECK(d.cdf(1.0) == 0.25);
  CHECK(d.cdf(2.0) == 0.75);
  CHECK(d.cdf(4.9) == 0.75);
  CHECK(d.cdf(5.0) == 1.0);
  // Frequencies: p = 1/4, 1/2, 1/4 within 5 binomial standard errors sqrt(p(1-p)/n).
  const auto x = draw(d, "empirical");
  const double n = static_cast<double>(x.size());
  for (const auto& [value, p] : {std::pair{1.0, 0.25}, std::pair{2.0, 0.5}, std::pair{5.0, 0.25}}) {
    const double freq = static_cast<double>(std::count(x.begin(), x.end(), value)) / n;
    CHECK(std::fabs(freq - p) < 5 * std::sqrt(p * (1 - p) / n));
  }
  CHECK(std::count(x.begin(), x.end(), 1.0) + std::count(x.begin(), x.end(), 2.0) +
            std::count(x.begin(), x.end(), 5.0) ==
        static_cast<std::ptrdiff_t>(x.size()));
}

TEST_CASE("one Distribution serves many streams: the draw depends only on the stream", "[distribution]") {
  const Distribution d(DistributionSpec::gamma(0.8, 3.0));
  RandomStream a(9, 1, "press", "process");
  RandomStream other(9, 1, "oven", "process");
  RandomStream b(9, 1, "press", "process");
  for (int i = 0; i < 1000; ++i) {
    const double xa = d.sample(a);
    d.sample(other); // interleaved use by another entity must not disturb a's sequence
    CHECK(xa == d.sample(b));
  }
}

TEST_CASE("check_distribution rejects bad parameters with a sentence", "[distribution]") {
  const double nan = std::nan("");
  const std::vector<std::pair<DistributionSpec, std::string>> bad = {
      {DistributionSpec::constant(-1), "value must be >= 0"},
      {DistributionSpec::exponential(0), "mean must be > 0"},
      {DistributionSpec::exponential(-3), "mean must be > 0"},
      {DistributionSpec::exponential(nan), "mean must be a finite number"},
      {DistributionSpec::uniform(3, 1), "min must not exceed max"},
      {DistributionSpec::uniform(-1, 1), "min must be >= 0"},
      {DistributionSpec::uniform(0, INFINITY), "max must be a finite number"},
      {DistributionSpec::triangular(1, 6, 5), "mode must lie between min and max"},
      {DistributionSpec::triangular(1, 0.5, 5), "mode must lie between min and max"},
      {DistributionSpec::triangular(5, 5, 1), "min must not exceed max"},
      {DistributionSpec::normal(10, -1), "standard deviation must be >= 0"},
      {DistributionSpec::normal(-1, 1), "mean must be >= 0 (the normal is truncated at 0)"},
      {DistributionSpec::lognormal(0, 1), "mean must be > 0"},
      {DistributionSpec::lognormal(2, -1), "standard deviation must be >= 0"},
      {DistributionSpec::gamma(0, 1), "shape must be > 0"},
      {DistributionSpec::gamma(2, 0), "scale must be > 0"},
      {DistributionSpec::weibull(-1, 1), "shape must be > 0"},
      {DistributionSpec::weibull(1, nan), "scale must be a finite number"},
      {DistributionSpec::empirical({}), "an empirical distribution needs at least one value"},
      {DistributionSpec::empirical({1, -2}), "values must be >= 0"},
      {DistributionSpec::empirical({1, nan}), "values must be finite numbers"},
  };
  for (const auto& [spec, message] : bad) {
    INFO(to_string(spec.kind) << " a=" << spec.a << " b=" << spec.b << " c=" << spec.c);
    const auto err = check_distribution(spec);
    REQUIRE(err.has_value());
    CHECK(*err == message);
    CHECK_THROWS_AS(Distribution(spec), std::invalid_argument);
  }
  // Edge cases that are valid.
  CHECK_FALSE(check_distribution(DistributionSpec::constant(0)));
  CHECK_FALSE(check_distribution(DistributionSpec::uniform(2, 2)));
  CHECK_FALSE(check_distribution(DistributionSpec::triangular(2, 2, 2)));
  CHECK_FALSE(check_distribution(DistributionSpec::normal(0, 0)));
  CHECK_FALSE(check_distribution(DistributionSpec::lognormal(3, 0)));
  CHECK_FALSE(check_distribution(DistributionSpec::empirical({0})));
}

TEST_CASE("zero spread degenerates to a point", "[distribution]") {
  RandomStream rng(3, 0, "p", "p");
  CHECK(Distribution(DistributionSpec::normal(7, 0)).sample(rng) == 7.0);
  CHECK(Distribution(DistributionSpec::lognormal(3, 0)).sample(rng) == 3.0);
  CHECK(Distribution(DistributionSpec::triangular(2, 2, 2)).sample(rng) == 2.0);
  CHECK(Distribution(DistributionSpec::lognormal(3, 0)).cdf(2.9) == 0.0);
  CHECK(Distribution(DistributionSpec::lognormal(3, 0)).cdf(3.0) == 1.0);
}

TEST_CASE("to_string names every kind in lower case", "[distribution]") {
  using K = gigatwin::core::DistributionKind;
  CHECK(to_string(K::constant) == "constant");
  CHECK(to_string(K::exponential) == "exponential");
  CHECK(to_string(K::uniform) == "uniform");
  CHECK(to_string(K::triangular) == "triangular");
  CHECK(to_string(K::normal) == "normal");
  CHECK(to_string(K::lognormal) == "lognormal");
  CHECK(to_string(K::gamma) == "gamma");
  CHECK(to_string(K::weibull) == "weibull");
  CHECK(to_string(K::empirical) == "empirical");
}

TEST_CASE("the time left after an elapsed time follows the conditional law", "[distribution]") {
  // X - e given X > e has the CDF 1 - S(e + t) / S(e), S = 1 - F: a repair under way for e, a
  // failure not yet come. KS against that CDF at alpha = 0.001 (1.95/sqrt(n)) for a Weibull
  // (wear-out: the time left shrinks as e grows), a lognormal far in its tail (the bisection
  // path: rejection fails there) and the exponential (memoryless). The same test must reject
  // draws that ignore the elapsed time (its power).
  const std::vector<std::pair<DistributionSpec, double>> cases = {
      {DistributionSpec::weibull(2.0, 3600.0), 3600.0},
      {DistributionSpec::lognormal(600.0, 300.0), 3000.0},
      {DistributionSpec::exponential(900.0), 2000.0},
      {DistributionSpec::uniform(10.0, 70.0), 40.0}};
  const int n = 20000;
  for (const auto& [spec, elapsed] : cases) {
    const Distribution d(spec);
    INFO("kind " << static_cast<int>(spec.kind) << ", elapsed " << elapsed);
    const double survive = 1.0 - d.cdf(elapsed);
    REQUIRE(survive > 0.0);
    const auto conditional_cdf = [&](double t) { return 1.0 - (1.0 - d.cdf(elapsed + t)) / survive; };
    const auto ks = [&](std::vector<double> x) {
      std::sort(x.begin(), x.end());
      double dmax = 0;
      for (std::size_t i = 0; i < x.size(); ++i) {
        const double f = conditional_cdf(x[i]);
        dmax = std::fmax(dmax, std::fmax(static_cast<double>(i + 1) / n - f, f - static_cast<double>(i) / n));
      }
      return dmax;
    };
    RandomStream rng(7, 0, "beyond", "test");
    std::vector<double> left(n), fresh(n);
    for (int i = 0; i < n; ++i) {
      left[static_cast<std::size_t>(i)] = d.sample_beyond(elapsed, rng);
      fresh[static_cast<std::size_t>(i)] = d.sample(rng);
    }
    CHECK(*std::min_element(left.begin(), left.end()) >= 0.0);
    const double bound = 1.95 / std::sqrt(static_cast<double>(n));
    CHECK(ks(left) < bound);
    if (spec.kind != gigatwin::core::DistributionKind::exponential)
      CHECK(ks(fresh) > bound);
  }
  // Past the support (a uniform repair overdue): it ends now.
  const Distribution u(DistributionSpec::uniform(10.0, 70.0));
  RandomStream rng(8, 0, "beyond", "test");
  CHECK(u.sample_beyond(100.0, rng) == 0.0);
}
