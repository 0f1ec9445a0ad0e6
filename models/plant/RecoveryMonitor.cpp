#include "plant/RecoveryMonitor.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigatwin::plant {

namespace {
constexpr double nan = std::numeric_limits<double>::quiet_NaN();
} // namespace

double RecoveryMonitor::departures_in(double from_s, double to_s) const {
  const auto lo = std::lower_bound(recent_.begin(), recent_.end(), from_s);
  const auto hi = std::lower_bound(lo, recent_.end(), to_s);
  return static_cast<double>(hi - lo);
}

std::size_t RecoveryMonitor::scan(std::size_t from, double now_s, double& recovered_at_s) const {
  recovered_at_s = nan;
  const OutageRecord& r = records_.back();
  const double rate_per_s = r.reference_per_h / 3600.0;
  const double needed = (1.0 - spec_.tolerance) * rate_per_s * spec_.window_s;
  std::size_t k = from;
  for (; k < recent_.size(); ++k) {
    const double t = recent_[k];
    if (t + spec_.window_s > now_s)
      break; // its window is still open
    if (departures_in(t, t + spec_.window_s) >= needed) {
      recovered_at_s = t;
      break;
    }
  }
  return k;
}

void RecoveryMonitor::evaluate(double now_s) {
  double at = nan;
  candidate_ = scan(candidate_, now_s, at);
  if (!std::isnan(at)) {
    records_.back().time_to_recover_s = at - records_.back().end_s;
    searching_ = false;
  }
}

void RecoveryMonitor::tower_down(double now_s) {
  if (searching_) {
    evaluate(now_s);
    searching_ = false; // interrupted by this outage: not recovered
  }
  const double from = std::max(0.0, now_s - spec_.reference_s);
  const double span = now_s - from;
  OutageRecord r;
  r.start_s = now_s;
  r.end_s = nan;
  r.reference_per_h = span > 0 ? departures_in(from, now_s) / span * 3600.0 : nan;
  r.time_to_recover_s = nan;
  records_.push_back(r);
}

void RecoveryMonitor::tower_up(double now_s) {
  OutageRecord& r = records_.back();
  r.end_s = now_s;
  // Lots out at the very date the tower comes back left before it did: candidates come later.
  searching_ = !std::isnan(r.reference_per_h);
  candidate_ = recent_.size();
}

void RecoveryMonitor::departure(double now_s) {
  recent_.push_back(now_s);
  if (searching_)
    evaluate(now_s);
  // Keep what a reference span or an open window may still count, and the candidates.
  const double keep_from = now_s - std::max(spec_.reference_s, spec_.window_s);
  while (!recent_.empty() && recent_.front() < keep_from && (!searching_ || candidate_ > 0)) {
    recent_.pop_front();
    if (searching_)
      --candidate_;
  }
}

std::vector<OutageRecord> RecoveryMonitor::records(double end_s) const {
  std::vector<OutageRecord> out = records_;
  if (searching_) {
    double at = nan;
    scan(candidate_, end_s, at);
    if (!std::isnan(at))
      out.back().time_to_recover_s = at - out.back().end_s;
  }
  return out;
}

} // namespace gigatwin::plant
