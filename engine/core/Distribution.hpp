#pragma once
// Distribution: a sampler built from a DistributionSpec. It models a non-negative random
// quantity — a duration in seconds, a time between failures, a size — and draws it from a
// RandomStream the caller owns, so the same Distribution can serve many entities, each with its
// own stream. Every sampler is written here (inverse transform, polar method, Marsaglia–Tsang)
// rather than taken from std::*_distribution, whose output differs between standard libraries.
// Constants are precomputed at construction so that sample() is a few flops and one or two
// calls to log/sqrt/exp. mean(), variance() and cdf() are those of the distribution actually
// sampled (for the normal: truncated at 0).

#include "core/DistributionSpec.hpp"
#include "core/RandomStream.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::core {

/// Why `spec` cannot be sampled, as a sentence for the user ("mean must be > 0"), or nullopt
/// when it is valid. All parameters must be finite numbers, and since every distribution here
/// describes a non-negative quantity (hence the normal's truncation at 0), a support reaching
/// below zero (e.g. uniform with min < 0) is rejected too.
std::optional<std::string> check_distribution(const DistributionSpec& spec);

class Distribution {
public:
  /// Throws std::invalid_argument with check_distribution's sentence if `spec` is invalid.
  explicit Distribution(DistributionSpec spec);

  double sample(RandomStream& rng) const;
  /// The time left of something that has lasted `elapsed_s` already: X - elapsed_s drawn from X
  /// given X > elapsed_s (a repair under way, a failure not yet come). 0 when the distribution
  /// cannot go past elapsed_s (it is overdue: it ends now).
  double sample_beyond(double elapsed_s, RandomStream& rng) const;
  double mean() const;
  double variance() const;
  /// P(X <= x).
  double cdf(double x) const;
  const DistributionSpec& spec() const { return spec_; }

  /// A standard normal variate by Marsaglia's polar method (the second variate of each pair is
  /// discarded: keeping it would make a draw depend on the stream's history, not just its state).
  static double standard_normal(RandomStream& rng);

private:
  double sample_gamma(RandomStream& rng) const;

  DistributionSpec spec_;
  // Precomputed per kind (see the constructor): p0_..p3_ are the sampler's constants.
  double p0_ = 0.0;
  double p1_ = 0.0;
  double p2_ = 0.0;
  double p3_ = 0.0;
  double mean_ = 0.0;
  double variance_ = 0.0;
  std::vector<double> sorted_; // empirical: observations in ascending order, for the ECDF
};

} // namespace gigatwin::core
