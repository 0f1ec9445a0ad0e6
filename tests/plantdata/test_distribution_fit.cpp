// Maximum-likelihood fits against hand calculation (closed forms, a KS statistic worked out
// here) and against a known truth: samples drawn by the project's own samplers, the truth then
// inside a bound of several standard errors of the estimate (stated at each check).
#include "plantdata/DistributionFit.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using namespace gigatwin;
using plantdata::Family;

namespace {
std::vector<double> draw(const core::DistributionSpec& spec, std::size_t n, const char* purpose) {
  core::Distribution d(spec);
  core::RandomStream rng(20261207, 0, "fit-test", purpose);
  std::vector<double> x(n);
  for (auto& v : x)
    v = d.sample(rng);
  return x;
}

const plantdata::Fit& fit_of(const std::vector<plantdata::Fit>& fits, Family f) {
  for (const auto& fit : fits)
    if (fit.family == f)
      return fit;
  FAIL("no fit of " << plantdata::family_name(f));
  return fits.front();
}
} // namespace

TEST_CASE("closed-form fits and the KS statistic agree with hand calculation", "[fit]") {
  const std::vector<double> x = {1, 2, 3};
  const auto expo = plantdata::fit_family(Family::exponential, x);
  CHECK(expo.parameter("mean") == Approx(2.0));
  CHECK(expo.log_likelihood == Approx(-3 * std::log(2.0) - 3));
  CHECK(expo.aic == Approx(2 + 6 * std::log(2.0) + 6));
  // D = max over the sorted values of F(x_i) - (i-1)/n and i/n - F(x_i): here F(1) = 1 - e^-0.5.
  CHECK(expo.ks == Approx(1 - std::exp(-0.5)).epsilon(1e-12));

  // Far from 0, the normal cut at 0 is the plain normal: mean and sd of the sample (the MLE
  // divides by n).
  const auto normal = plantdata::fit_family(Family::normal, {101, 102, 103});
  CHECK(normal.parameter("mean") == Approx(102.0));
  CHECK(normal.parameter("sd") == Approx(std::sqrt(2.0 / 3)));
  const auto logn = plantdata::fit_family(Family::lognormal, x);
  const double m = (std::log(1.0) + std::log(2.0) + std::log(3.0)) / 3;
  const double s2 =
      (std::pow(std::log(1.0) - m, 2) + std::pow(std::log(2.0) - m, 2) + std::pow(std::log(3.0) - m, 2)) / 3;
  CHECK(logn.parameter("mean") == Approx(std::exp(m + s2 / 2)));
  CHECK(logn.parameter("sd") == Approx(std::exp(m + s2 / 2) * std::sqrt(std::expm1(s2))));
}

TEST_CASE("families that cannot describe a sample are left out", "[fit]") {
  CHECK_THROWS(plantdata::fit_family(Family::gamma, {-1, 2, 3}));
  CHECK_THROWS(plantdata::fit_family(Family::normal, {5}));
  CHECK_THROWS(plantdata::fit_family(Family::weibull, {4, 4, 4}));
  // A duration below 0: no family (the normal too is cut at 0, as the scenario draws it).
  CHECK(plantdata::fit_families({-1, 2, 3, 4}).empty());
  // A 0: only the normal, whose support includes it.
  const auto fits = plantdata::fit_families({0, 2, 3, 4});
  REQUIRE(fits.size() == 1);
  CHECK(fits.front().family == Family::normal);
}

TEST_CASE("the normal is fitted cut at 0, as the scenario draws it", "[fit]") {
  // {1, 2, 3}: the plain normal's fit (mean 2, sd 0.816) puts 0.7 % below 0. The truncated
  // likelihood is higher at its own maximum, and no small step of either parameter raises it.
  const std::vector<double> x = {1, 2, 3};
  const auto t = plantdata::fit_family(Family::normal, x);
  const plantdata::Sample s{x, {}};
  const double best = plantdata::log_likelihood(Family::normal, {t.parameter("mean"), t.parameter("sd")}, s);
  CHECK(best == Approx(t.log_likelihood));
  CHECK(best > plantdata::log_likelihood(Family::normal, {2.0, std::sqrt(2.0 / 3)}, s) + 1e-6);
  for (const auto& [dm, ds] : {std::pair{1.001, 1.0}, {0.999, 1.0}, {1.0, 1.001}, {1.0, 0.999}})
    CHECK(plantdata::log_likelihood(Family::normal, {t.parameter("mean") * dm, t.parameter("sd") * ds}, s) <=
          best + 1e-9);
  // The truncated density by hand at (mean 2, sd 1): phi(z)/sd over P(X > 0) = 1 - Phi(-2).
  const double phi0 = 0.3989422804014327, kept = 0.9772498680518208;
  const double by_hand = std::log(phi0 * std::exp(-0.5) / kept) * 2 + std::log(phi0 / kept);
  CHECK(plantdata::log_likelihood(Family::normal, {2, 1}, s) == Approx(by_hand).epsilon(1e-12));
  // Its CDF: 0 below the cut, (Phi(x) - Phi(-2)) / kept above; at x = 2: (0.5 - 0.02275) / kept.
  CHECK(plantdata::fitted_cdf(t, -1) == 0.0);
  plantdata::Fit unit = t;
  unit.parameters = {{"mean", 2}, {"sd", 1}};
  CHECK(plantdata::fitted_cdf(unit, 2) == Approx((0.5 - (1 - kept)) / kept).epsilon(1e-12));
  CHECK(plantdata::fitted_cdf(unit, 0) == 0.0);
  CHECK(plantdata::fitted_cdf(unit, 40) == Approx(1.0));
}

TEST_CASE("fits recover a known truth and AIC picks its family", "[fit]") {
  SECTION("gamma(4, 15 s), 20,000 values") {
    // SE of the shape's MLE: sqrt(k / (n (k trigamma(k) - 1))) = 0.039 at k = 4: 5 % is over 5 SE.
    const auto fits = plantdata::fit_families(draw(core::DistributionSpec::gamma(4, 15), 20000, "gamma"));
    CHECK(fits.front().family == Family::gamma);
    const auto& g = fit_of(fits, Family::gamma);
    CHECK(g.parameter("shape") == Approx(4).epsilon(0.05));
    CHECK(g.parameter("shape") * g.parameter("scale") == Approx(60).epsilon(0.02)); // SE of the mean 0.25 %
    CHECK(g.ks <
          1.63 / std::sqrt(20000.0)); // the KS critical value at 1 %, generous for estimated parameters
  }
  SECTION("Weibull(1.5, 100 s), 20,000 values") {
    // SE of the shape's MLE ~ 0.78 k / sqrt(n) = 0.0083: 3 % is over 5 SE.
    const auto fits =
        plantdata::fit_families(draw(core::DistributionSpec::weibull(1.5, 100), 20000, "weibull"));
    CHECK(fits.front().family == Family::weibull);
    const auto& w = fit_of(fits, Family::weibull);
    CHECK(w.parameter("shape") == Approx(1.5).epsilon(0.03));
    CHECK(w.parameter("scale") == Approx(100).epsilon(0.03));
  }
  SECTION("lognormal(mean 30 s, sd 12 s), 20,000 values") {
    const auto fits =
        plantdata::fit_families(draw(core::DistributionSpec::lognormal(30, 12), 20000, "lognormal"));
    CHECK(fits.front().family == Family::lognormal);
    const auto& l = fit_of(fits, Family::lognormal);
    CHECK(l.parameter("mean") == Approx(30).epsilon(0.02)); // SE 0.28 %
    CHECK(l.parameter("sd") == Approx(12).epsilon(0.05));   // SE ~ 0.7 %
  }
  SECTION("exponential(mean 50 s): the one-parameter family wins against the two-parameter ones") {
    // Gamma and Weibull nest the exponential: their likelihood is at least as high, and AIC charges
    // them a parameter. Over 200 independent samples the exponential must win most of the time
    // (asymptotically 84 %, P(chi2_1 < 2)) and not always (a bound that can fail both ways).
    int won = 0;
    for (int k = 0; k < 200; ++k) {
      const auto sample =
          draw(core::DistributionSpec::exponential(50), 500, ("expo" + std::to_string(k)).c_str());
      won += plantdata::fit_families(sample).front().family == Family::exponential;
    }
    CHECK(won >=
          130); // binomial(200, 0.84) ... its 0.3 % quantile is about 152; gamma and Weibull share the rest
    CHECK(won < 200);
  }
}

TEST_CASE("zeros of a log in whole seconds become a third of a second", "[fit]") {
  std::vector<double> whole = {0, 3, 0, 5};
  CHECK(plantdata::lift_rounded_zeros(whole) == 2);
  CHECK(whole == std::vector<double>{1.0 / 3, 3, 1.0 / 3, 5});
  std::vector<double> fine = {0, 3.25, 5};
  CHECK(plantdata::lift_rounded_zeros(fine) == 0);
  CHECK(fine.front() == 0);
}

TEST_CASE("a value far in a tail lowers the likelihood instead of ruling the family out", "[fit]") {
  // Weibull shape 3, scale 10: the pdf at 100 underflows to 0, its logarithm is -1000 and a bit.
  const plantdata::Sample far{{5, 8, 10, 12, 100}, {150}};
  const double ll = plantdata::log_likelihood(Family::weibull, {3, 10}, far);
  CHECK(std::isfinite(ll));
  CHECK(ll < -1000);
  CHECK(std::isfinite(plantdata::log_likelihood(Family::lognormal, {10, 2}, far)));
  CHECK(std::isfinite(plantdata::log_likelihood(Family::normal, {10, 2}, far)));
  // Every family that fits it has finite parameters.
  for (const auto& fit : plantdata::fit_families(far))
    for (const auto& [name, value] : fit.parameters)
      CHECK(std::isfinite(value));
  // A tight sample (spread 1e-9 of its mean) still gives a gamma, or none, never a wrong one.
  std::vector<double> tight;
  for (int i = 0; i < 50; ++i)
    tight.push_back(1e6 + i * 1e-3);
  for (const auto& fit : plantdata::fit_families(tight))
    if (fit.family == Family::gamma)
      CHECK(fit.parameter("shape") * fit.parameter("scale") == Approx(1e6 + 0.0245));
}

TEST_CASE("a fit reads back as the scenario's distribution", "[fit]") {
  auto fit = plantdata::fit_family(Family::gamma, {40, 55, 61, 70, 82});
  const auto value = plantdata::scenario_value(fit);
  REQUIRE(value.find("dist"));
  CHECK(value.find("dist")->scalar == "gamma");
  CHECK(value.find("scale")->scalar.back() == 's');
  CHECK(plantdata::decimal(1234567.891, 6) == "1234568");
  CHECK(plantdata::decimal(0.000123456789, 6) == "0.000123457");
  CHECK(plantdata::decimal(14.9, 6) == "14.9");
}

TEST_CASE("censored durations: the exponential's closed form, and the others at the likelihood's maximum",
          "[fit][censoring]") {
  // Three durations ended, one was still open at 4 s: mean = all the time / the ones that ended.
  const plantdata::Sample s{{1, 2, 3}, {4}};
  const auto expo = plantdata::fit_family(Family::exponential, s);
  CHECK(expo.parameter("mean") == Approx(10.0 / 3));
  CHECK(expo.log_likelihood == Approx(-3 * std::log(10.0 / 3) - 3));

  // Weibull(1.5, 100 s), everything over 120 s cut off there (about 20 % censored).
  plantdata::Sample cut;
  for (double x : draw(core::DistributionSpec::weibull(1.5, 100), 5000, "censored-weibull"))
    (x > 120 ? cut.censored : cut.observed).push_back(x > 120 ? 120 : x);
  std::sort(cut.observed.begin(), cut.observed.end());
  REQUIRE(cut.censored.size() > 500);
  const auto w = plantdata::fit_family(Family::weibull, cut);
  // SE of the shape ~ 0.02, of the scale ~ 1 s at this censoring: 6 % and 5 % are several SE.
  CHECK(w.parameter("shape") == Approx(1.5).epsilon(0.06));
  CHECK(w.parameter("scale") == Approx(100).epsilon(0.05));
  // Leaving the censored durations out would have said they are much shorter.
  CHECK(plantdata::fit_family(Family::weibull, cut.observed).parameter("scale") < 85);

  // A maximum: no small step of either parameter raises the likelihood of the lognormal's fit.
  const auto l = plantdata::fit_family(Family::lognormal, cut);
  const double best =
      plantdata::log_likelihood(Family::lognormal, {l.parameter("mean"), l.parameter("sd")}, cut);
  CHECK(best == Approx(l.log_likelihood));
  for (const auto& [dm, ds] : {std::pair{1.001, 1.0}, {0.999, 1.0}, {1.0, 1.001}, {1.0, 0.999}})
    CHECK(plantdata::log_likelihood(Family::lognormal, {l.parameter("mean") * dm, l.parameter("sd") * ds},
                                    cut) <= best + 1e-9);
}

TEST_CASE("95 % intervals of the parameters cover the truth about 95 % of the time", "[fit][intervals]") {
  // 200 independent samples of 300 from gamma(3, 20 s): the shape's Wald interval must hold 3 in
  // 90 % to 99 % of them (binomial(200, 0.95) is outside that with probability < 0.1 %).
  int covered = 0, covered_censored = 0;
  for (int k = 0; k < 200; ++k) {
    auto x = draw(core::DistributionSpec::gamma(3, 20), 300, ("coverage" + std::to_string(k)).c_str());
    std::sort(x.begin(), x.end());
    const auto g = plantdata::fit_family(Family::gamma, x);
    REQUIRE(g.intervals.size() == 2);
    covered += g.intervals[0].first <= 3 && 3 <= g.intervals[0].second;
    // The same with everything over 90 s censored (about 15 %): the exponential-free route (NLopt).
    plantdata::Sample cut;
    for (double v : x)
      (v > 90 ? cut.censored : cut.observed).push_back(std::min(v, 90.0));
    const auto c = plantdata::fit_family(Family::gamma, cut);
    covered_censored += c.intervals[1].first <= 20 && 20 <= c.intervals[1].second;
  }
  CHECK(covered >= 180);
  CHECK(covered <= 198);
  CHECK(covered_censored >= 180);
  CHECK(covered_censored <= 198);
}
