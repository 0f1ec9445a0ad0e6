#include "plantdata/DriftWatch.hpp"

#include "plantdata/DistributionFit.hpp"

#include "core/Distribution.hpp"
#include "core/SpecialFunctions.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plantdata {

const char* quantity_name(WatchedQuantity q) {
  switch (q) {
  case WatchedQuantity::process_time:
    return "process_time";
  case WatchedQuantity::time_to_failure:
    return "time_to_failure";
  case WatchedQuantity::time_to_repair:
    return "time_to_repair";
  }
  return "process_time";
}

double DriftWatch::Reference::cdf(double x) const {
  if (first_of) { // P(min <= x) = 1 - prod (1 - F_i)^n_i
    double survive = 1.0;
    for (const auto& [d, n] : parts)
      survive *= std::pow(1.0 - core::Distribution(d).cdf(x), n);
    return 1.0 - survive;
  }
  double total = 0, sum = 0;
  for (const auto& [d, w] : parts) {
    sum += w * core::Distribution(d).cdf(x);
    total += w;
  }
  return total > 0 ? sum / total : 0.0;
}

double DriftWatch::Reference::mean() const {
  if (parts.size() == 1)
    return core::Distribution(parts.front().first).mean();
  if (first_of) { // the rates add up (exact for exponential parts)
    double rate = 0;
    for (const auto& [d, n] : parts)
      rate += n / core::Distribution(d).mean();
    return rate > 0 ? 1.0 / rate : 0.0;
  }
  double total = 0, sum = 0;
  for (const auto& [d, w] : parts) {
    sum += w * core::Distribution(d).mean();
    total += w;
  }
  return total > 0 ? sum / total : 0.0;
}

DriftWatch::DriftWatch(const scenario::ScenarioSpec& spec) {
  for (const auto& g : spec.station_groups) {
    std::vector<Track> tracks(3);
    const scenario::ModeSpec& mode = g.initial();
    tracks[0].reference = Reference{{{mode.process_time, 1.0}}, false};
    Reference failures{{}, true}, repairs{{}, false};
    if (mode.failures) {
      failures.parts.emplace_back(mode.failures->time_to_failure, 1.0);
      repairs.parts.emplace_back(mode.failures->time_to_repair,
                                 1.0 / core::Distribution(mode.failures->time_to_failure).mean());
    }
    if (mode.robot_failures && mode.robots_per_machine > 0) {
      const auto robots = static_cast<double>(mode.robots_per_machine);
      failures.parts.emplace_back(mode.robot_failures->time_to_failure, robots);
      repairs.parts.emplace_back(mode.robot_failures->time_to_repair,
                                 robots / core::Distribution(mode.robot_failures->time_to_failure).mean());
    }
    if (!failures.parts.empty()) {
      tracks[1].reference = failures;
      tracks[2].reference = repairs;
    }
    operating_.push_back(mode.failures && mode.failures->basis == scenario::FailureBasis::operating);
    tracks_.push_back(std::move(tracks));
  }
}

bool DriftWatch::operating_basis(std::uint32_t group) const {
  return group < operating_.size() && operating_[group];
}

std::optional<DriftAlarm> DriftWatch::observe(std::uint32_t group, WatchedQuantity quantity, double seconds) {
  if (group >= tracks_.size() || !(seconds >= 0) || !std::isfinite(seconds))
    return std::nullopt;
  Track& t = tracks_[group][static_cast<std::size_t>(quantity)];
  if (!t.reference || std::all_of(t.reference->parts.begin(), t.reference->parts.end(), [](const auto& p) {
        return p.first.kind == core::DistributionKind::constant;
      }))
    return std::nullopt; // nothing to watch against (a constant has no spread to score in)
  t.recent.push_back(seconds);
  if (t.recent.size() > window)
    t.recent.pop_front();
  const Reference& reference = *t.reference;
  double u = 0;
  if (seconds == std::floor(seconds) && seconds < 1e9) {
    // A duration between two times written to the second: n = floor(D + V), V uniform (where
    // within its second the first time fell), so P(n <= m) = integral of F over [m, m + 1]. The
    // score is that of a uniform drawn within n's probability (a randomised PIT): standard
    // normal under the scenario again, where the plain one would drift with the rounding.
    const auto up_to = [&](double m) { // P(n <= m), midpoint rule on 16 points
      if (m < 0)
        return 0.0;
      double sum = 0;
      for (int i = 0; i < 16; ++i)
        sum += reference.cdf(m + (i + 0.5) / 16.0);
      return sum / 16.0;
    };
    const double below = up_to(seconds - 1);
    u = below + uniform_(rng_) * (up_to(seconds) - below);
  } else {
    u = reference.cdf(seconds);
  }
  u = std::clamp(u, 1e-9, 1 - 1e-9);
  double z = core::normal_quantile(u);
  if (quantity == WatchedQuantity::process_time) {
    t.batch_sum += z;
    if (++t.batch_n < batch)
      return std::nullopt;
    z = t.batch_sum / std::sqrt(static_cast<double>(t.batch_n));
    t.batch_sum = 0;
    t.batch_n = 0;
  }
  t.up = std::max(0.0, t.up + z - k);
  t.down = std::max(0.0, t.down - z - k);
  const double limit = quantity == WatchedQuantity::process_time ? h_process : h;
  if (t.up <= limit && t.down <= limit)
    return std::nullopt;
  DriftAlarm alarm;
  alarm.group = group;
  alarm.quantity = quantity;
  alarm.higher = t.up > limit;
  alarm.mean_before = reference.mean();
  t.up = t.down = 0;
  if (t.recent.size() < min_refit)
    return std::nullopt; // a change, but too few observations to say what it is yet
  // The latest observations since the change began are mixed with older ones: fit the most
  // recent half of the window, which the CUSUM's run length says is mostly after it.
  std::vector<double> latest(t.recent.begin() + static_cast<std::ptrdiff_t>(t.recent.size() / 2),
                             t.recent.end());
  if (latest.size() < min_refit)
    latest.assign(t.recent.begin(), t.recent.end());
  const auto fits = fit_families(latest);
  if (fits.empty())
    return std::nullopt;
  const Fit& best =
      *std::min_element(fits.begin(), fits.end(), [](const Fit& a, const Fit& b) { return a.aic < b.aic; });
  alarm.refit = distribution_of(best);
  alarm.family = family_name(best.family);
  alarm.observations = latest.size();
  alarm.mean_after = core::Distribution(alarm.refit).mean();
  t.reference = Reference{{{alarm.refit, 1.0}}, false};
  t.recent.clear();
  return alarm;
}

} // namespace gigatwin::plantdata
