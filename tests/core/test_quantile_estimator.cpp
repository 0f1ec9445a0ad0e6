// The streaming percentile estimator against exact quantiles: of the distribution (closed form)
// and of the very sample it saw (sorted). Bounds are stated in each case: the histogram's bins
// are at most 0.78 % wide, so an estimate is within about that of the sample's own quantile.

#include "core/QuantileEstimator.hpp"
#include "core/RandomStream.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <vector>

using gigatwin::core::QuantileEstimator;
using gigatwin::core::RandomStream;

namespace {
/// The sample quantile of sorted data, linear between order statistics (numpy's default).
double sample_quantile(const std::vector<double>& sorted, double p) {
  const double at = p * static_cast<double>(sorted.size() - 1);
  const auto below = static_cast<std::size_t>(std::floor(at));
  const std::size_t above = std::min(below + 1, sorted.size() - 1);
  return sorted[below] + (at - static_cast<double>(below)) * (sorted[above] - sorted[below]);
}
} // namespace

TEST_CASE("a correlated, drifting sequence: the estimate follows the sample", "[quantile]") {
  // Values that climb slowly and fall back (a queue filling and emptying), the order that throws
  // marker-based estimators off: the histogram does not depend on the order.
  QuantileEstimator q({0.5, 0.9, 0.99});
  std::vector<double> xs;
  RandomStream rng(3, 0, "test", "drift");
  double level = 100;
  for (int i = 0; i < 300'000; ++i) {
    level = std::max(1.0, level + (rng.uniform01() - (i % 50'000 < 40'000 ? 0.45 : 0.6)) * 5);
    xs.push_back(level);
    q.add(level);
  }
  std::sort(xs.begin(), xs.end());
  CHECK(q.quantile(0) == Approx(sample_quantile(xs, 0.5)).epsilon(0.008));
  CHECK(q.quantile(1) == Approx(sample_quantile(xs, 0.9)).epsilon(0.008));
  CHECK(q.quantile(2) == Approx(sample_quantile(xs, 0.99)).epsilon(0.008));
  // The bins hold every observation once.
  std::int64_t total = 0;
  for (const auto& b : q.bins())
    total += b.count;
  CHECK(total == 300'000);
}

TEST_CASE("percentiles of a few observations are exact", "[quantile]") {
  QuantileEstimator q({0.5, 0.9});
  CHECK(std::isnan(q.quantile(0)));
  for (double x : {5.0, 1.0, 3.0, 2.0, 4.0})
    q.add(x);
  CHECK(q.count() == 5);
  CHECK(q.quantile(0) == 3.0);                       // the median of 1..5
  CHECK(q.quantile(1) == Approx(4.6).margin(1e-12)); // 0.9 x 4 = 3.6: between 4 and 5
  q.reset();
  CHECK(q.count() == 0);
  CHECK(std::isnan(q.quantile(1)));
  CHECK_THROWS(QuantileEstimator({0.9, 0.5}));
  CHECK_THROWS(QuantileEstimator({0.0}));
}

TEST_CASE("percentiles of exponential lead times", "[quantile]") {
  // 10^6 draws of Exp(1): the quantile -ln(1 - p). The sample quantile's standard error is
  // sqrt(p (1 - p) / n) / f(q): 0.1 % of q at p = 0.5, 0.2 % at p = 0.99. The histogram's bins
  // are at most 0.78 % wide and it interpolates inside them: 1.5 % against the distribution and
  // 0.8 % against the sample's own quantile are its stated bounds.
  const std::vector<double> ps = {0.5, 0.9, 0.95, 0.99};
  QuantileEstimator q(ps);
  RandomStream rng(42, 0, "test", "quantiles");
  std::vector<double> xs;
  xs.reserve(1'000'000);
  for (int i = 0; i < 1'000'000; ++i) {
    const double x = -std::log(rng.uniform01());
    xs.push_back(x);
    q.add(x);
  }
  std::sort(xs.begin(), xs.end());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    CHECK(q.quantile(i) == Approx(-std::log(1 - ps[i])).epsilon(0.015));
    CHECK(q.quantile(i) == Approx(sample_quantile(xs, ps[i])).epsilon(0.008));
  }
}

TEST_CASE("percentiles of a uniform and of a two-humped sample", "[quantile]") {
  // Uniform(0, 10): quantile 10 p. A mixture of two narrow normals (means 1 and 9), its
  // quartiles inside the humps: the estimate follows the sample's shape, not a smooth guess.
  const std::vector<double> ps = {0.25, 0.75, 0.9};
  QuantileEstimator uniform(ps), humps(ps);
  RandomStream rng(7, 0, "test", "quantiles");
  std::vector<double> hs;
  for (int i = 0; i < 200'000; ++i) {
    uniform.add(10 * rng.uniform01());
    const double u1 = rng.uniform01(), u2 = rng.uniform01();
    const double z = std::sqrt(-2 * std::log(u1)) * std::cos(2 * M_PI * u2);
    const double h = (rng.uniform01() < 0.5 ? 1.0 : 9.0) + 0.2 * z;
    hs.push_back(h);
    humps.add(h);
  }
  std::sort(hs.begin(), hs.end());
  for (std::size_t i = 0; i < ps.size(); ++i) {
    CHECK(uniform.quantile(i) == Approx(10 * ps[i]).epsilon(0.015));
    CHECK(humps.quantile(i) == Approx(sample_quantile(hs, ps[i])).epsilon(0.02));
  }
}

TEST_CASE("each observation falls in a bin that holds it, no wider than 1/128 of its value",
          "[quantile]") {
  // The bins' edges are read back from the histogram: a value lands between its bin's edges,
  // and a bin is at most 1/128 of its lower edge wide (the stated resolution).
  for (double x : {0.0015, 0.0625, 0.7, 1.0, 1.5, 59.9, 3600.0, 86'400.0, 3.1e7, 9.0e8}) {
    QuantileEstimator q({0.5});
    q.add(x);
    const auto bins = q.bins();
    REQUIRE(bins.size() == 1);
    CHECK(bins[0].lower <= x);
    CHECK(x < bins[0].upper);
    CHECK((bins[0].upper - bins[0].lower) / bins[0].lower <= 1.0 / 128 + 1e-12);
    CHECK(bins[0].count == 1);
  }
  // Beyond the range: the end bins.
  QuantileEstimator q({0.5});
  q.add(1e-9);
  q.add(1e12);
  const auto bins = q.bins();
  REQUIRE(bins.size() == 2);
  CHECK(bins.front().lower == Approx(std::ldexp(1.0, -10)));
  CHECK(bins.back().upper == Approx(std::ldexp(1.0, 30)));
}
