#pragma once
// Proportion: a binomial rate seen in a plant's log — lots scrapped of those judged at a step,
// lots rejected of those inspected — with its Wilson score interval. Wilson's, not Wald's: a
// scrap rate is often near 0, where Wald's interval (p ± z·√(p(1−p)/n)) collapses to a point
// at 0 scrapped lots and covers far less than it says; Wilson's keeps close to its level down
// to a handful of events. It does not model rates that drift over time (a ramp-up).

#include <cstddef>

namespace gigatwin::plantdata {

struct Proportion {
  std::size_t events = 0; ///< e.g. lots scrapped
  std::size_t trials = 0; ///< e.g. lots judged
  double estimate = 0;    ///< events / trials (0 when there was no trial)
  double low = 0, high = 1;
};

/// The rate `events / trials` with its Wilson score interval at `confidence` (two-sided).
/// Requires events <= trials and confidence in (0, 1); no trial gives the interval [0, 1].
Proportion wilson(std::size_t events, std::size_t trials, double confidence = 0.95);

} // namespace gigatwin::plantdata
