#pragma once
// GoodnessOfFit: how well a fitted family describes the durations it was fitted to.
// Kolmogorov–Smirnov's D (the largest gap between the sample's and the fit's CDF) and
// Anderson–Darling's A² (the squared gap weighted by 1/(F(1−F)), so the tails count — where a
// lead time's p99 comes from), both over the durations that ended.
//
// Their textbook tables assume the parameters were known beforehand; here they were estimated
// from the same sample, which makes the statistics smaller and the tables' p-values far too
// kind. So the p-values come from a parametric bootstrap: samples drawn from the fit (as the
// simulator draws it), each refitted by the same family, and the statistic of the data ranked
// among theirs, p = (1 + #{T* >= T}) / (1 + B). A sample bigger than `max_size` is tested
// through a random subsample of that size, refitted on its own (the test is then exactly a
// bootstrap test at that size: no assumption on how the statistics grow with n, at the price of
// some power). A log in whole seconds measures a duration x as floor(x + u), u uniform in [0, 1)
// (the difference of two rounded times), and a 0 is taken as 1/3 s (lift_rounded_zeros): the
// bootstrap draws are measured the same way, or the rounding alone would reject every family
// of a big sample. Censored durations are not replicated: where more than a tenth of a sample is
// censored, no p-value is given.

#include "plantdata/DistributionFit.hpp"

#include <cstddef>
#include <cstdint>
#include <limits>
#include <vector>

namespace gigatwin::plantdata {

/// D = max_i max(F(x_i) − (i−1)/n, i/n − F(x_i)) over `sorted` (ascending).
double ks_statistic(const Fit& fit, const std::vector<double>& sorted);
/// A² = −n − (1/n) Σ (2i−1) [ln F(x_i) + ln(1 − F(x_{n+1−i}))] over `sorted` (ascending); a
/// value the fit gives probability 0 or 1 counts as 10^-300 from it (a large, finite A²).
double ad_statistic(const Fit& fit, const std::vector<double>& sorted);

/// Both statistics of `fit` over `sorted` at once (the fitted CDF evaluated once a value):
/// sets fit.ks and fit.ad.
void set_statistics(Fit& fit, const std::vector<double>& sorted);

struct BootstrapOptions {
  int replicates = 200;        ///< B
  std::size_t max_size = 2000; ///< the bootstrap samples' size, at most
  std::uint64_t seed = 1;      ///< the draws' stream: the same seed, the same p-values
  bool whole_seconds = false;  ///< the durations were measured in whole seconds (see above)
};

struct PValues {
  double ks = std::numeric_limits<double>::quiet_NaN();
  double ad = std::numeric_limits<double>::quiet_NaN();
  int replicates = 0;   ///< bootstrap samples (one no fit was found for counts as at least as extreme)
  std::size_t size = 0; ///< their size, and the tested (sub)sample's
};

/// The bootstrap p-values of `fit`'s family for `sample` (`fit`: the family fitted to it, as
/// fit_family did).
/// NaN (and 0 replicates) for the empirical family, a sample of fewer than 5 ended durations,
/// more than 10 % censored, or B = 0.
PValues bootstrap_p_values(const Fit& fit, const Sample& sample, const BootstrapOptions& options = {});

} // namespace gigatwin::plantdata
