#pragma once
// StationObservations: what a plant's event log shows of each station group and each source,
// as samples of durations (s) ready to fit, an interval still open when the log ends kept as
// right-censored:
// - process times: for each lot a machine started and finished, its stay on the machine less the
//   time the machine spent in a state that stops work (setup, down, waiting for an operator, off
//   shift, halted, blocked) — a repair or a break inside the lot's stay is not work, while a lost
//   `busy` record costs nothing. A batch (lots started and finished together) counts once. The
//   last lot a machine started and never finished is censored; other lots without both records
//   (a record lost) are counted, not used;
// - setup times and repair times: the machines' spans in `setup` and in `down`;
// - time to failure, on operating time (setup + busy) and on calendar time, from the end of a
//   repair to the next failure — the first span of each machine is left out, its start unknown
//   (the log may begin in the middle of it);
// - availability: the share of the machines' logged time not down;
// - per product, the times between its lots' releases (`lot_released`).
// A `down` span does not say whether the machine or one of its robots failed: both count.

#include "plantdata/DistributionFit.hpp"
#include "plantdata/PlantLog.hpp"

#include <string>
#include <vector>

namespace gigatwin::plantdata {

struct GroupObservations {
  std::string group;
  Sample process;
  std::size_t unpaired = 0; ///< lots with only their start or only their finish in the log
  Sample setup;
  Sample repair;
  Sample to_failure_operating;
  Sample to_failure_calendar;
  std::size_t failures = 0;
  double machine_time_s = 0; ///< the machines' time from their first event to the log's end
  double down_s = 0;
  double availability() const { return machine_time_s > 0 ? 1 - down_s / machine_time_s : 1; }
};

struct ArrivalObservations {
  std::string product;
  std::vector<double> between_s; ///< times between consecutive releases
};

struct LogObservations {
  std::vector<GroupObservations> groups; ///< in the order the log names them
  std::vector<ArrivalObservations> arrivals;
  double start_s = 0, end_s = 0; ///< the log's first and last event times
};

LogObservations observe(const PlantLog& log);

} // namespace gigatwin::plantdata
