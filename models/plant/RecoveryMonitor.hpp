#pragma once
// RecoveryMonitor: how long the line takes to get its throughput back after each control-tower
// outage. The pre-outage rate is the good lots out of the line per second over the `reference`
// span before the outage starts (from time 0 if the run is younger). After the outage ends at
// e, the line has recovered at the first good lot out at a time t > e such that the lots out
// in [t, t + window) reach (1 - tolerance) x rate x window; the time to recover is t - e. An
// outage whose recovery is not seen before the run ends (a full window is needed) or before the
// next outage starts is reported as not recovered (NaN). Times in s.

#include "scenario/ScenarioSpec.hpp"

#include <deque>
#include <vector>

namespace gigatwin::plant {

/// One outage of the control tower as the line lived it.
struct OutageRecord {
  double start_s = 0;
  double end_s = 0;             ///< NaN while still down at the end of the run
  double reference_per_h = 0;   ///< good lots/h before the outage (NaN without a reference span)
  double time_to_recover_s = 0; ///< NaN when not recovered within the run
};

class RecoveryMonitor {
public:
  explicit RecoveryMonitor(const scenario::RecoverySpec& spec) : spec_(spec) {}

  void tower_down(double now_s);
  void tower_up(double now_s);
  /// A good lot left the line.
  void departure(double now_s);
  /// The run ends: resolve what can be, the rest is not recovered.
  std::vector<OutageRecord> records(double end_s) const;

private:
  /// Tries the candidates from index `from` whose window has closed by `now_s`; sets
  /// `recovered_at_s` to the first that passes (NaN if none) and returns the next to try.
  std::size_t scan(std::size_t from, double now_s, double& recovered_at_s) const;
  void evaluate(double now_s);
  /// Lots out in [from, to).
  double departures_in(double from_s, double to_s) const;

  const scenario::RecoverySpec& spec_;
  std::deque<double> recent_; // departure times, oldest first, as far back as needed
  std::vector<OutageRecord> records_;
  bool searching_ = false;    // the last record's recovery is being looked for
  std::size_t candidate_ = 0; // index into recent_ of the departure tried next
};

} // namespace gigatwin::plant
