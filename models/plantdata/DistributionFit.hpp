#pragma once
// DistributionFit: maximum-likelihood fits of the scenario's distribution families to a sample
// of durations (s) — exponential, gamma, Weibull, lognormal, normal — each with its
// log-likelihood, AIC, BIC and Kolmogorov–Smirnov statistic, ranked by AIC. Closed forms where
// they exist (exponential, normal, lognormal); gamma's and Weibull's shape from their profile
// likelihood equations, solved with Boost.Math's root finders; CDFs from Boost.Math.
// Not done here (docs/FITTING.md says what is): right-censored samples, parameter intervals,
// p-values by parametric bootstrap, the empirical family.

#include "scenario/YamlTree.hpp"

#include <string>
#include <utility>
#include <vector>

namespace gigatwin::plantdata {

enum class Family { exponential, gamma, weibull, lognormal, normal };
inline constexpr Family all_families[] = {Family::exponential, Family::gamma, Family::weibull,
                                          Family::lognormal, Family::normal};

/// "exponential", ... as a scenario's `dist:` names it.
const char* family_name(Family family);

struct Fit {
  Family family = Family::exponential;
  /// The parameters as the scenario writes them (s for durations): exponential {mean}, gamma
  /// {shape, scale}, weibull {shape, scale}, lognormal {mean, sd} and normal {mean, sd} (of the
  /// duration itself, not of its logarithm).
  std::vector<std::pair<std::string, double>> parameters;
  double log_likelihood = 0;
  double aic = 0;
  double bic = 0;
  double ks = 0; ///< Kolmogorov–Smirnov statistic D: largest distance between the sample's CDF and the fit's
  double parameter(const std::string& name) const;
};

/// A log that writes whole seconds writes a duration under half a second as 0, which no family
/// of positive durations allows: when every value is a whole number of seconds, each 0 becomes
/// half a second (the mean of what rounds to 0 when such durations are rare). Returns how many
/// were changed; values that are not all whole numbers are left alone.
std::size_t lift_rounded_zeros(std::vector<double>& sample);

/// Every family that can be fitted to `sample` (at least 2 values; the families of positive
/// durations only when every value is > 0; not when every value is the same), best AIC first.
std::vector<Fit> fit_families(std::vector<double> sample);

/// One family's fit; `sample` sorted ascending. Throws std::invalid_argument when the family
/// cannot be fitted (see fit_families).
Fit fit_family(Family family, const std::vector<double>& sorted_sample);

/// The fitted CDF at `x` (s).
double fitted_cdf(const Fit& fit, double x);

/// `v` in fixed notation to `significant` digits, trailing zeros dropped ("14.9031", "0.00123").
std::string decimal(double v, int significant);

/// The fit as the scenario's distribution map: `{dist: gamma, shape: 4.02, scale: 14.9s}`,
/// numbers to 6 significant digits.
scenario::TreeNode scenario_value(const Fit& fit);

} // namespace gigatwin::plantdata
