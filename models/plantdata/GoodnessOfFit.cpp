#include "plantdata/GoodnessOfFit.hpp"

#include "core/Distribution.hpp"
#include "core/RandomStream.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plantdata {

namespace {
/// D from the fitted CDF at each sorted value.
double ks_of(const std::vector<double>& f) {
  const double n = static_cast<double>(f.size());
  double d = 0;
  for (std::size_t i = 0; i < f.size(); ++i)
    d = std::max({d, f[i] - static_cast<double>(i) / n, static_cast<double>(i + 1) / n - f[i]});
  return d;
}

/// A² from the same.
double ad_of(const std::vector<double>& f) {
  const std::size_t n = f.size();
  if (n == 0)
    return 0;
  constexpr double tiny = 1e-300;
  double sum = 0;
  for (std::size_t i = 0; i < n; ++i) {
    const double lower = std::log(std::max(f[i], tiny));
    const double upper = std::log(std::max(1 - f[n - 1 - i], tiny));
    sum += static_cast<double>(2 * i + 1) * (lower + upper);
  }
  return -static_cast<double>(n) - sum / static_cast<double>(n);
}

std::vector<double> cdf_at(const Fit& fit, const std::vector<double>& sorted) {
  std::vector<double> f(sorted.size());
  for (std::size_t i = 0; i < sorted.size(); ++i)
    f[i] = std::clamp(fitted_cdf(fit, sorted[i]), 0.0, 1.0);
  return f;
}
} // namespace

double ks_statistic(const Fit& fit, const std::vector<double>& sorted) {
  return ks_of(cdf_at(fit, sorted));
}

double ad_statistic(const Fit& fit, const std::vector<double>& sorted) {
  return ad_of(cdf_at(fit, sorted));
}

void set_statistics(Fit& fit, const std::vector<double>& sorted) {
  const auto f = cdf_at(fit, sorted);
  fit.ks = ks_of(f);
  fit.ad = ad_of(f);
}

PValues bootstrap_p_values(const Fit& fit, const Sample& sample, const BootstrapOptions& options) {
  PValues p;
  const std::size_t n = sample.observed.size();
  if (fit.family == Family::empirical || n < 5 || options.replicates <= 0 || options.max_size < 5 ||
      static_cast<double>(sample.censored.size()) > 0.1 * static_cast<double>(n + sample.censored.size()))
    return p;
  const std::size_t m = std::min(n, options.max_size);
  core::RandomStream rng(options.seed, 0, "bootstrap", family_name(fit.family));
  // The tested sample: the ended durations, or m of them drawn without replacement (the first m
  // of a partial Fisher–Yates shuffle), refitted on their own.
  std::vector<double> tested = sample.observed;
  if (m < n) {
    for (std::size_t i = 0; i < m; ++i) {
      const auto j =
          i + std::min(static_cast<std::size_t>(rng.uniform01() * static_cast<double>(n - i)), n - i - 1);
      std::swap(tested[i], tested[j]);
    }
    tested.resize(m);
  }
  std::sort(tested.begin(), tested.end());
  Fit data_fit;
  try {
    data_fit = m < n || !sample.censored.empty() ? fit_family(fit.family, tested) : fit;
  } catch (const std::exception&) {
    return p; // the subsample has no fit of this family
  }
  const core::Distribution truth(distribution_of(data_fit));
  int ks_above = 0, ad_above = 0;
  std::vector<double> x(m);
  for (int b = 0; b < options.replicates; ++b) {
    for (double& v : x) {
      v = truth.sample(rng);
      if (options.whole_seconds) {
        v = std::floor(v + rng.uniform01());
        v = v == 0 ? 1.0 / 3 : v;
      }
    }
    std::sort(x.begin(), x.end());
    Fit again;
    try {
      again = fit_family(fit.family, Sample{x, {}}, false); // no intervals: only the statistics count
    } catch (const std::exception&) {
      // A draw the family cannot be fitted to is as far from it as a draw can be: counted as at
      // least as extreme as the data (leaving it out would make p too small).
      ++p.replicates;
      ++ks_above;
      ++ad_above;
      continue;
    }
    ++p.replicates;
    ks_above += again.ks >= data_fit.ks;
    ad_above += again.ad >= data_fit.ad;
  }
  if (p.replicates == 0)
    return p;
  p.size = m;
  p.ks = (1.0 + ks_above) / (1.0 + p.replicates);
  p.ad = (1.0 + ad_above) / (1.0 + p.replicates);
  return p;
}

} // namespace gigatwin::plantdata
