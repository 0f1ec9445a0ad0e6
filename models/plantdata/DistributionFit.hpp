#pragma once
// DistributionFit: maximum-likelihood fits of the scenario's distribution families to a sample
// of durations (s) — exponential, gamma, Weibull, lognormal, normal — each with its
// log-likelihood, AIC, BIC, Kolmogorov–Smirnov statistic and 95 % intervals of its parameters,
// ranked by AIC. A sample may hold right-censored values (an interval still open when the log
// ended: the duration is at least that). Without censoring: closed forms where they exist
// (exponential, normal, lognormal), gamma's and Weibull's shape from their profile likelihood
// equations, solved with Boost.Math's root finders. With censoring: the exponential's closed
// form, the others by NLopt's Nelder–Mead from the uncensored fit. Intervals are Wald's, from the
// observed information (the likelihood's curvature at the optimum). PDFs and CDFs from Boost.Math.
// The normal is cut at 0, as the simulator draws it. Goodness of fit: GoodnessOfFit.hpp.

#include "core/DistributionSpec.hpp"
#include "scenario/YamlTree.hpp"

#include <limits>

#include <string>
#include <utility>
#include <vector>

namespace gigatwin::plantdata {

/// The scenario's families a duration is fitted by. `empirical` is not a parametric family: it
/// has no likelihood (so no AIC) and is never among all_families; it is chosen only where asked.
enum class Family { exponential, gamma, weibull, lognormal, normal, empirical };
inline constexpr Family all_families[] = {Family::exponential, Family::gamma, Family::weibull,
                                          Family::lognormal, Family::normal};

/// "exponential", ... as a scenario's `dist:` names it.
const char* family_name(Family family);

/// Durations observed in full, and right-censored ones (at least this long).
struct Sample {
  std::vector<double> observed;
  std::vector<double> censored;
};

struct Fit {
  Family family = Family::exponential;
  /// The parameters as the scenario writes them (s for durations): exponential {mean}, gamma
  /// {shape, scale}, weibull {shape, scale}, lognormal {mean, sd} and normal {mean, sd} (of the
  /// duration itself, not of its logarithm).
  std::vector<std::pair<std::string, double>> parameters;
  double log_likelihood = 0;
  double aic = 0;
  double bic = 0;
  double ks = 0; ///< Kolmogorov–Smirnov statistic D of the observed values against the fit's CDF
  double ad = 0; ///< Anderson–Darling statistic A² of the same
  /// p-values of `ks` and `ad` by parametric bootstrap (plantdata::bootstrap_p_values); NaN
  /// until computed.
  double ks_p = std::numeric_limits<double>::quiet_NaN();
  double ad_p = std::numeric_limits<double>::quiet_NaN();
  std::vector<double> values; ///< the empirical family's values (s), ascending
  /// Each parameter's 95 % interval (Wald), in the order of `parameters`; NaN when the
  /// likelihood is too flat to say.
  std::vector<std::pair<double, double>> intervals;
  double parameter(const std::string& name) const;
};

/// A log that writes whole seconds gives a duration under a second as 0 (the difference of two
/// rounded times), which no family of positive durations allows: when every value is a whole
/// number of seconds, each 0 becomes 1/3 s (the mean of what shows as 0 when such durations are
/// rare: a duration d in [0, 1) shows as 0 with probability 1 - d). Returns how many were
/// changed; values that are not all whole numbers are left alone.
std::size_t lift_rounded_zeros(std::vector<double>& sample);

/// Every family that can be fitted to `sample` (at least 2 values; the families of positive
/// durations only when every value is > 0; not when every value is the same), with finite
/// parameters and likelihood, best AIC first.
std::vector<Fit> fit_families(std::vector<double> sample);
std::vector<Fit> fit_families(Sample sample);

/// One family's fit; `sample` sorted ascending. Throws (std::invalid_argument, or Boost.Math's
/// errors) when the family cannot be fitted (see fit_families).
Fit fit_family(Family family, const std::vector<double>& sorted_sample);
/// The same with censored values (observed sorted ascending); without the intervals (NaN) when
/// `intervals` is false: a bootstrap's refits need only the parameters and statistics.
Fit fit_family(Family family, const Sample& sample, bool intervals = true);

/// The log-likelihood of `sample` under `family` with `parameters` (as Fit::parameters hold
/// them); -inf outside the parameters' domain.
double log_likelihood(Family family, const std::vector<double>& parameters, const Sample& sample);

/// The empirical family of the ended durations: the sample itself up to `max_values` values, else
/// that many of its quantiles, at (i + 1/2) / max_values (censored durations are left out: the
/// empirical is biased short where many are). No likelihood, AIC or intervals. Throws for an
/// empty sample.
Fit fit_empirical(const Sample& sample, std::size_t max_values = 500);

/// The fitted CDF at `x` (s).
double fitted_cdf(const Fit& fit, double x);
/// The fitted quantile at probability `p` in (0, 1) (s): the inverse of fitted_cdf (for the
/// empirical family, the smallest value whose CDF reaches p).
double fitted_quantile(const Fit& fit, double p);
/// The fit as the simulator draws it (the normal cut at 0).
core::DistributionSpec distribution_of(const Fit& fit);

/// `v` in fixed notation to `significant` digits, trailing zeros dropped ("14.9031", "0.00123").
std::string decimal(double v, int significant);

/// The fit as the scenario's distribution map: `{dist: gamma, shape: 4.02, scale: 14.9s}`,
/// numbers to 6 significant digits.
scenario::TreeNode scenario_value(const Fit& fit);

} // namespace gigatwin::plantdata
