#pragma once
// QuantileEstimator: percentiles (p50, p90, ...) of a stream of observations — lead times in s —
// without keeping them: Boost.Accumulators' extended P² algorithm (Jain and Chlamtac, 1985), a
// fixed set of markers moved by parabolic interpolation, O(1) memory and time per observation.
// Until it has seen enough observations for its markers (2 k + 3 for k probabilities) it keeps
// them and answers exactly. Its error is that of P²: on smooth distributions and large samples
// a fraction of a per cent of the quantile, worse in thin tails (p99 of few thousand lots); the
// tests state the bound they check. Unit: the observations'. Not for weighted data.

#include <cstdint>
#include <memory>
#include <vector>

namespace gigatwin::engine {

class QuantileEstimator {
public:
  /// `probabilities` in (0, 1), increasing (e.g. 0.5, 0.9, 0.95, 0.99).
  explicit QuantileEstimator(std::vector<double> probabilities);
  QuantileEstimator(const QuantileEstimator&);
  QuantileEstimator& operator=(const QuantileEstimator&);
  QuantileEstimator(QuantileEstimator&&) noexcept;
  QuantileEstimator& operator=(QuantileEstimator&&) noexcept;
  ~QuantileEstimator();

  void add(double x);
  /// Forgets every observation (the end of a warm-up).
  void reset();

  std::int64_t count() const { return count_; }
  const std::vector<double>& probabilities() const { return probabilities_; }
  /// The estimate of the i-th probability's quantile; NaN without observations.
  double quantile(std::size_t i) const;

private:
  struct Markers;
  std::vector<double> probabilities_;
  std::int64_t count_ = 0;
  std::vector<double> first_; // the first observations, kept until the markers are set up
  std::unique_ptr<Markers> markers_;
};

} // namespace gigatwin::engine
