#pragma once
// Mser: the MSER-5 warm-up rule (White, 1997; White, Cobb & Spratt, 2000). The output series of
// one run (e.g. throughput per sampling interval) is averaged in batches of 5; the truncation d
// (in batches) minimises the squared standard error of the mean of what is left,
//   MSER(d) = sum_{j>d} (Z_j - mean_{>d} Z)^2 / (m - d)^2,
// searched over the first half of the m batches only (later minima are artefacts of a short
// tail). The initial transient is what the minimising truncation deletes.

#include <cstddef>
#include <span>

namespace gigatwin::core {

struct MserResult {
  std::size_t observations_deleted = 0; ///< 5 d*: raw observations to delete from the start
  std::size_t batches = 0;              ///< m: full batches of 5 in the series
};

/// Fewer than 10 observations (two batches) delete nothing.
MserResult mser5(std::span<const double> series);

} // namespace gigatwin::core
