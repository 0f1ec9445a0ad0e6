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

DriftWatch::DriftWatch(const scenario::ScenarioSpec& spec) {
  for (const auto& g : spec.station_groups) {
    std::vector<Track> tracks(3);
    const scenario::ModeSpec& mode = g.initial();
    tracks[0].reference = mode.process_time;
    if (mode.failures) {
      tracks[1].reference = mode.failures->time_to_failure;
      tracks[2].reference = mode.failures->time_to_repair;
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
  if (!t.reference || t.reference->kind == core::DistributionKind::constant)
    return std::nullopt; // nothing to watch against (a constant has no spread to score in)
  t.recent.push_back(seconds);
  if (t.recent.size() > window)
    t.recent.pop_front();
  const core::Distribution reference(*t.reference);
  const double u = std::clamp(reference.cdf(seconds), 1e-9, 1 - 1e-9);
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
  if (t.up <= h && t.down <= h)
    return std::nullopt;
  DriftAlarm alarm;
  alarm.group = group;
  alarm.quantity = quantity;
  alarm.higher = t.up > h;
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
  t.reference = alarm.refit;
  t.recent.clear();
  return alarm;
}

} // namespace gigatwin::plantdata
