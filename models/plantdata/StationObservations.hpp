#pragma once
// StationObservations: what a plant's event log shows of each station group and each source,
// as samples of durations (s) ready to fit, an interval still open when the log ends kept as
// right-censored:
// - process times: for each lot a machine started and finished, its stay on the machine less the
//   time the machine spent in a state that stops work (setup, down, waiting for an operator, off
//   shift, halted, blocked) — a repair or a break inside the lot's stay is not work, while a lost
//   `busy` record costs nothing. A batch (lots started and finished together) counts once. The
//   last lot a machine started and never finished is censored; other lots without both records
//   (a record lost) are counted, not used; so are times of 0 s or less, except a log's in whole
//   seconds, whose 0 is a time under a second (kept for the fit to place); the same per product.
//   A machine seen
//   starting a lot while down or stopped is taken to work again from then (the record of its
//   return to work was lost);
// - setup times and repair times: the machines' spans in `setup` and in `down`;
// - time to failure, on operating time (setup + busy) and on calendar time, from the end of a
//   repair to the next failure — the first span of each machine is left out, its start unknown
//   (the log may begin in the middle of it);
// - availability: the share of the machines' logged time not down;
// - per product, the times between its lots' releases (`lot_released`);
// - per product and group, what the lots judged there came to: finished good, scrapped, sent
//   back by an inspection (the counts a scrap or reject rate is estimated from).
// A `down` span does not say whether the machine or one of its robots failed: both count.
// Carriers' trips are not machine events. Times may be negative (seconds from any origin).

#include "plantdata/DistributionFit.hpp"
#include "plantdata/PlantLog.hpp"

#include <algorithm>
#include <limits>
#include <map>
#include <string>
#include <unordered_map>
#include <vector>

namespace gigatwin::plantdata {

struct GroupObservations {
  std::string group;
  Sample process;
  std::map<std::string, Sample> process_by_product; ///< the same, of each product's lots (named ones)
  std::size_t unpaired = 0;     ///< lots with only their start or only their finish in the log
  std::size_t not_positive = 0; ///< process times of 0 s or less (all the stay stopped), left out
  Sample setup;
  Sample repair;
  Sample to_failure_operating;
  Sample to_failure_calendar;
  std::size_t failures = 0;
  std::size_t failures_while_stopped = 0; ///< went down from a state that is not setup or busy
  double machine_time_s = 0;              ///< the machines' time from their first event to the log's end
  double down_s = 0;
  double operating_s = 0; ///< the machines' time in setup or busy
  double availability() const { return machine_time_s > 0 ? 1 - down_s / machine_time_s : 1; }
  /// The share of the machines' up time spent neither setting up nor busy (idle or stopped).
  double stopped_share() const {
    const double up = machine_time_s - down_s;
    return up > 0 ? std::clamp(1 - operating_s / up, 0.0, 1.0) : 0;
  }
};

struct ArrivalObservations {
  std::string product;
  std::vector<double> between_s; ///< times between consecutive releases
};

/// The lots of one product judged at one group. `lot_scrapped` does not say whether the step
/// scrapped the lot or an inspection rejected it (where rejects are scrapped): both count here.
struct StepOutcomes {
  std::string product; ///< "" when the log names none
  std::string group;
  std::size_t finished = 0; ///< judged good (`lot_finished`)
  std::size_t scrapped = 0; ///< `lot_scrapped` at the group
  std::size_t reworked = 0; ///< rejected by its inspection and sent back (`lot_reworked`)
  std::size_t judged() const { return finished + scrapped + reworked; }
};

struct LogObservations {
  std::vector<GroupObservations> groups; ///< in the order the log names them
  std::vector<ArrivalObservations> arrivals;
  std::vector<StepOutcomes> steps; ///< in the order the log first shows them
  double start_s = 0, end_s = 0;   ///< the log's first and last event times
};

/// Observes a log event by event, as it is read (a year's log never sits whole in memory).
class StationObserver {
public:
  /// `names`: the log's name tables, which may still grow while events come.
  explicit StationObserver(const PlantLog& names);
  void add(const LogEvent& event);
  /// What was seen, with every interval open at the last event's time censored there.
  LogObservations finish();

private:
  enum class StateClass { working, busy, setup, down, stopped };
  struct Machine {
    std::int32_t group = -1;
    std::int32_t state = -1; ///< -1: none seen yet (idle)
    double state_since = 0;
    bool seen = false; ///< times may be negative (seconds from any origin): no sentinel time
    double first_seen = 0;
    double stopped_total = 0; ///< time in states that stop work, before state_since
    bool stopped = false;
    double stopped_at(double t) const { return stopped_total + (stopped ? t - state_since : 0); }
    bool repaired_once = false;
    double operating_since_repair = 0; ///< setup + busy
    double repair_ended = 0;
    double last_start = std::numeric_limits<double>::quiet_NaN(); ///< of the lot (batch) last finished
    double last_finish = std::numeric_limits<double>::quiet_NaN();
    double latest_start = std::numeric_limits<double>::quiet_NaN();
  };
  struct Started {
    double t_s;
    double stopped_s; ///< the machine's stopped time when it started the lot
    std::int32_t machine;
    std::int32_t product;
  };
  StateClass state_class(std::int32_t state);
  GroupObservations* group(std::int32_t g);
  void close_span(Machine& m, double t);
  /// The machine enters `state` at `t` (-1: a working state the log has not named).
  void change_state(Machine& m, GroupObservations* g, std::int32_t state, double t);

  const PlantLog& names_;
  void count_outcome(const LogEvent& e);

  std::uint8_t state_kind_, started_kind_, finished_kind_, released_kind_, departed_kind_, delivered_kind_,
      scrapped_kind_, reworked_kind_;
  std::vector<StateClass> classes_;
  std::vector<Machine> machines_;
  std::unordered_map<std::int32_t, Started> open_; ///< lot -> where and when it started
  std::vector<double> last_release_;
  std::map<std::pair<std::int32_t, std::int32_t>, std::size_t> step_of_; ///< (product, group) -> out_.steps
  std::map<std::pair<std::int32_t, std::int32_t>, Sample> by_product_; ///< (group, product) -> process times
  LogObservations out_;
  std::size_t events_ = 0;
  bool whole_seconds_ = true;
};

/// The same over a log read whole.
LogObservations observe(const PlantLog& log);

} // namespace gigatwin::plantdata
