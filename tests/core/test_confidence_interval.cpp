#include "core/ConfidenceInterval.hpp"
#include "core/Distribution.hpp"
#include "core/SpecialFunctions.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <stdexcept>
#include <vector>

using namespace gigatwin::core;

TEST_CASE("Student t quantiles match tables", "[ci]") {
  // Table values; those printed with more digits were computed with mpmath (30 digits) by
  // root-finding on the incomplete-beta cdf. (t_{0.995,10} is 3.1692726726, not 3.169272667.)
  CHECK(student_t_quantile(0.975, 1) == Approx(12.706204736174698).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 4) == Approx(2.776445105197793).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 29) == Approx(2.045229642132704).epsilon(1e-10));
  CHECK(student_t_quantile(0.995, 10) == Approx(3.169272672616951).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 7) == Approx(2.3646242515927847).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 200) == Approx(1.971896223633909).epsilon(1e-10));
  // non-integer and extreme cases
  CHECK(student_t_quantile(0.975, 2.5) == Approx(3.574654842003682).epsilon(1e-10));
  CHECK(student_t_quantile(0.9999, 3) == Approx(22.203742273205).epsilon(1e-10));
  CHECK(student_t_quantile(0.9, 0.5) == Approx(10.27032441023451).epsilon(1e-10));
  // large dof: the Cornish–Fisher branch, and the normal quantile in the limit
  CHECK(student_t_quantile(0.95, 1e6) == Approx(1.64485515072204).epsilon(1e-10));
  CHECK(student_t_quantile(0.975, 1e5) == Approx(1.9599877075346093).epsilon(1e-12));
  // both sides of the switch to the expansion at dof = 1e4
  CHECK(student_t_quantile(0.975, 9999) == Approx(1.9602012636213573).epsilon(1e-11));
  CHECK(student_t_quantile(0.975, 1e4) == Approx(1.9602012398906259).epsilon(1e-11));
  CHECK(student_t_quantile(0.975, 1e12) == Approx(1.959963985).epsilon(1e-9));
}

TEST_CASE("Student t quantile: symmetry, closed forms and domain", "[ci]") {
  CHECK(student_t_quantile(0.5, 3) == 0.0);
  // Symmetric — to the last bits the two probabilities differ in (1 - fl(0.975) is not fl(0.025)).
  CHECK(student_t_quantile(0.025, 4) == Approx(-student_t_quantile(0.975, 4)).epsilon(1e-15));
  // dof 2: t = (2p-1)/sqrt(2p(1-p)); at p = 0.9: 0.8/sqrt(0.18).
  CHECK(student_t_quantile(0.9, 2) == Approx(0.8 / std::sqrt(0.18)).epsilon(1e-13));
  // Round trip through the tail for a dof taking the Newton path.
  const double t = student_t_quantile(0.99, 6.5);
  CHECK(student_t_upper_tail(t, 6.5) == Approx(0.01).epsilon(1e-12));
  CHECK(std::isinf(student_t_quantile(1.0, 5)));
  CHECK_THROWS_AS(student_t_quantile(0.9, 0), std::invalid_argument);
  CHECK_THROWS_AS(student_t_quantile(-0.1, 5), std::invalid_argument);
}

TEST_CASE("confidence interval of a small data set as computed by hand", "[ci]") {
  // {2,4,4,4,5,5,7,9}: mean 5, s^2 = 32/7, t_{0.975,7} = 2.3646242515927847 (mpmath), so
  // half-width = 2.36462... * sqrt(32/7) / sqrt(8) = 1.7874879182362104.
  const std::vector<double> data = {2, 4, 4, 4, 5, 5, 7, 9};
  const auto ci = confidence_interval(std::span<const double>(data));
  CHECK(ci.mean == Approx(5.0));
  CHECK(ci.half_width == Approx(1.7874879182362104).epsilon(1e-10));
  CHECK(ci.n == 8);
  CHECK(ci.level == 0.95);

  Tally one;
  one.add(3.0);
  const auto single = confidence_interval(one, 0.9);
  CHECK(single.mean == 3.0);
  CHECK(std::isnan(single.half_width));
  CHECK(single.n == 1);
  CHECK_THROWS_AS(confidence_interval(one, 1.0), std::invalid_argument);
  CHECK_THROWS_AS(confidence_interval(one, 0.0), std::invalid_argument);
}

TEST_CASE("95% intervals from 10 normal observations cover the true mean about 95% of the time", "[ci]") {
  // normal(100, 1): truncation at 0 is 100 sd away, so these are plain normal samples.
  // The coverage count is Binomial(2000, 0.95): sd sqrt(0.95*0.05/2000) = 0.49%, so +-2% is
  // about 4 sd.
  const Distribution d(DistributionSpec::normal(100.0, 1.0));
  RandomStream rng(11, 0, "ci", "coverage");
  int covered = 0;
  const int trials = 2000;
  for (int i = 0; i < trials; ++i) {
    Tally t;
    for (int j = 0; j < 10; ++j)
      t.add(d.sample(rng));
    const auto ci = confidence_interval(t, 0.95);
    covered += std::fabs(ci.mean - 100.0) <= ci.half_width;
  }
  const double coverage = static_cast<double>(covered) / trials;
  CHECK(coverage > 0.93);
  CHECK(coverage < 0.97);
}
