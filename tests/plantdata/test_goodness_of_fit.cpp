// Goodness of fit: the Anderson–Darling statistic worked by hand; bootstrap p-values that are
// about uniform when the family is right (whatever the sample size), and small when it is wrong;
// the empirical family. Bounds are stated at each check and can fail both ways.
#include "plantdata/GoodnessOfFit.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"

#include <catch2/catch.hpp>

#include <algorithm>
#include <cmath>
#include <string>

using namespace gigatwin;
using plantdata::Family;

namespace {
std::vector<double> draw_sorted(const core::DistributionSpec& spec, std::size_t n,
                                const std::string& purpose) {
  core::Distribution d(spec);
  core::RandomStream rng(20261207, 0, "gof-test", purpose);
  std::vector<double> x(n);
  for (auto& v : x)
    v = d.sample(rng);
  std::sort(x.begin(), x.end());
  return x;
}
} // namespace

TEST_CASE("the Anderson-Darling statistic agrees with hand calculation", "[fit][gof]") {
  // Exponential, mean 1: F(ln 2) = 1/2. One value: A² = −1 − (ln ½ + ln ½) = 2 ln 2 − 1.
  plantdata::Fit unit;
  unit.family = Family::exponential;
  unit.parameters = {{"mean", 1.0}};
  CHECK(plantdata::ad_statistic(unit, {std::log(2.0)}) == Approx(2 * std::log(2.0) - 1).epsilon(1e-12));
  // Two values at F = 1/4 and 3/4: A² = −2 − ½[1·(ln ¼ + ln ¼) + 3·(ln ¾ + ln ¾)] = −2 − ln ¼ − 3 ln ¾.
  const std::vector<double> two = {-std::log(0.75), -std::log(0.25)};
  CHECK(plantdata::ad_statistic(unit, two) ==
        Approx(-2 - std::log(0.25) - 3 * std::log(0.75)).epsilon(1e-12));
  // A value the fit calls impossible gives a large, finite A².
  plantdata::Fit normal;
  normal.family = Family::normal;
  normal.parameters = {{"mean", 10.0}, {"sd", 0.1}};
  const double far = plantdata::ad_statistic(normal, {1.0, 10.0, 20.0});
  CHECK(std::isfinite(far));
  CHECK(far > 100);
}

TEST_CASE("bootstrap p-values are about uniform for the right family", "[fit][gof]") {
  // 60 samples of 200 from gamma(3, 20 s), each fitted by the gamma, B = 99: their p-values are
  // uniform, so the mean p (sd 0.29/√60 = 0.037) must lie in 0.38-0.62 (3.2 sd) and the share
  // under 0.1 (binomial(60, 0.1): mean 6) in 1-14, for both statistics.
  double ks_sum = 0, ad_sum = 0;
  int ks_small = 0, ad_small = 0;
  for (int k = 0; k < 60; ++k) {
    const auto x = draw_sorted(core::DistributionSpec::gamma(3, 20), 200, "null" + std::to_string(k));
    const auto fit = plantdata::fit_family(Family::gamma, x);
    const auto p = plantdata::bootstrap_p_values(fit, {x, {}}, {99, 2000, static_cast<std::uint64_t>(k + 1)});
    REQUIRE(p.replicates >= 95);
    CHECK(p.size == 200);
    ks_sum += p.ks;
    ad_sum += p.ad;
    ks_small += p.ks < 0.1;
    ad_small += p.ad < 0.1;
  }
  CHECK(ks_sum / 60 == Approx(0.5).margin(0.12));
  CHECK(ad_sum / 60 == Approx(0.5).margin(0.12));
  CHECK(ks_small >= 1);
  CHECK(ks_small <= 14);
  CHECK(ad_small >= 1);
  CHECK(ad_small <= 14);
}

TEST_CASE("bootstrap p-values of a big sample, through a subsample", "[fit][gof]") {
  // 20 samples of 10,000 from Weibull(1.5, 100 s), tested through subsamples of 500: still about
  // uniform — mean p in 0.3-0.7 (sd 0.29/√20 = 0.065: 3.1 sd).
  double ad_sum = 0, ks_sum = 0;
  for (int k = 0; k < 20; ++k) {
    const auto x = draw_sorted(core::DistributionSpec::weibull(1.5, 100), 10000, "big" + std::to_string(k));
    const auto fit = plantdata::fit_family(Family::weibull, x);
    const auto p = plantdata::bootstrap_p_values(fit, {x, {}}, {49, 500, static_cast<std::uint64_t>(k + 1)});
    CHECK(p.size == 500);
    ks_sum += p.ks;
    ad_sum += p.ad;
  }
  CHECK(ks_sum / 20 == Approx(0.5).margin(0.2));
  CHECK(ad_sum / 20 == Approx(0.5).margin(0.2));
}

TEST_CASE("bootstrap p-values of durations measured in whole seconds", "[fit][gof]") {
  // Exponential durations of mean 20 s as a log in whole seconds shows them: floor(x + u), a 0
  // taken as 1/3 s. 20 samples of 2,000: measured the same way in the bootstrap, the p-values are
  // about uniform (mean in 0.3-0.7, 3.1 sd); taken as exact durations, the rounding makes the
  // family look wrong (mean p under 0.2: at this resolution D grows by about half a second's
  // density, 0.025, against a typical D of 0.02).
  double measured = 0, naive = 0;
  for (int k = 0; k < 20; ++k) {
    auto x = draw_sorted(core::DistributionSpec::exponential(20), 2000, "whole" + std::to_string(k));
    core::RandomStream offset(5, static_cast<std::uint64_t>(k), "gof-test", "offset");
    for (double& v : x)
      v = std::floor(v + offset.uniform01());
    plantdata::lift_rounded_zeros(x);
    std::sort(x.begin(), x.end());
    const auto fit = plantdata::fit_family(Family::exponential, x);
    const auto seed = static_cast<std::uint64_t>(k + 1);
    measured += plantdata::bootstrap_p_values(fit, {x, {}}, {49, 2000, seed, true}).ad;
    naive += plantdata::bootstrap_p_values(fit, {x, {}}, {49, 2000, seed, false}).ad;
  }
  CHECK(measured / 20 == Approx(0.5).margin(0.2));
  CHECK(naive / 20 < 0.2);
}

TEST_CASE("bootstrap p-values are small for a wrong family", "[fit][gof]") {
  // 500 lognormal durations (mean 30 s, sd 30 s) called exponential: both tests reject at 1 %
  // (p is at its floor 1/(1 + B) when no bootstrap sample is as far off).
  const auto x = draw_sorted(core::DistributionSpec::lognormal(30, 30), 500, "wrong");
  const auto expo = plantdata::fit_family(Family::exponential, x);
  const auto p = plantdata::bootstrap_p_values(expo, {x, {}}, {199, 2000, 3});
  CHECK(p.ks < 0.01);
  CHECK(p.ad < 0.01);
  // The same seed, the same p-values.
  const auto again = plantdata::bootstrap_p_values(expo, {x, {}}, {199, 2000, 3});
  CHECK(again.ad == p.ad);
  // Nothing to say for a heavily censored sample or the empirical family.
  plantdata::Sample censored{{x.begin(), x.begin() + 100}, std::vector<double>(50, 200.0)};
  CHECK(std::isnan(plantdata::bootstrap_p_values(expo, censored).ad));
  CHECK(std::isnan(plantdata::bootstrap_p_values(plantdata::fit_empirical({x, {}}), {x, {}}).ks));
}

TEST_CASE("the empirical family keeps the sample, or its quantiles", "[fit][gof]") {
  const auto small = plantdata::fit_empirical({{3, 1, 2}, {99}});
  CHECK(small.family == Family::empirical);
  CHECK(small.values == std::vector<double>{1, 2, 3}); // sorted; the censored 99 left out
  CHECK(std::isnan(small.aic));
  CHECK(plantdata::fitted_cdf(small, 2.5) == Approx(2.0 / 3));
  CHECK(plantdata::fitted_cdf(small, 0.5) == 0.0);
  CHECK(small.ks == Approx(1.0 / 3)); // the sample's own ECDF: D = 1/n at its steps
  // 0..999 kept as 4 quantiles at 1/8, 3/8, 5/8, 7/8 of the way from the first to the last (type 7).
  std::vector<double> many(1000);
  for (std::size_t i = 0; i < many.size(); ++i)
    many[i] = static_cast<double>(i);
  const auto q = plantdata::fit_empirical({many, {}}, 4);
  REQUIRE(q.values.size() == 4);
  CHECK(q.values[0] == Approx(999.0 / 8));
  CHECK(q.values[3] == Approx(999.0 * 7 / 8));
  // As the simulator draws it, and as the scenario writes it.
  CHECK(plantdata::distribution_of(q).values == q.values);
  CHECK(scenario::emit_flow_yaml(plantdata::scenario_value(small)) ==
        "{dist: empirical, values: [1s, 2s, 3s]}");
  CHECK_THROWS(plantdata::fit_empirical({{}, {5}}));
}
