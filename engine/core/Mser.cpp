#include "core/Mser.hpp"

#include <limits>
#include <vector>

namespace gigatwin::core {

MserResult mser5(std::span<const double> series) {
  constexpr std::size_t batch = 5;
  MserResult result;
  result.batches = series.size() / batch;
  const std::size_t m = result.batches;
  if (m < 2)
    return result;
  std::vector<double> z(m, 0.0);
  for (std::size_t j = 0; j < m; ++j) {
    for (std::size_t k = 0; k < batch; ++k)
      z[j] += series[j * batch + k];
    z[j] /= static_cast<double>(batch);
  }
  // Welford's update from the end gives every truncation's mean and sum of squared deviations
  // in one pass, without the cancellation of sum(x^2) - sum(x)^2 / n.
  double best = std::numeric_limits<double>::infinity();
  std::size_t best_d = 0;
  double mean = 0, ss = 0;
  std::vector<double> mser(m, 0.0);
  for (std::size_t d = m; d-- > 0;) {
    const double n = static_cast<double>(m - d);
    const double delta = z[d] - mean;
    mean += delta / n;
    ss += delta * (z[d] - mean);
    mser[d] = ss / (n * n);
  }
  for (std::size_t d = 0; d <= m / 2; ++d)
    if (mser[d] < best) {
      best = mser[d];
      best_d = d;
    }
  result.observations_deleted = best_d * batch;
  return result;
}

} // namespace gigatwin::core
