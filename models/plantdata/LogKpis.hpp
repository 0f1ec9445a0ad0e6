#pragma once
// LogKpis: the KPIs a plant's event log shows over its own period, measured the way the
// simulator measures them, so that a model can be held against the plant: good output and
// throughput (lots completed), the mean lead time of the lots completed (completion less their
// release or creation), the time-average WIP by Little's law (the lots completed's time in the
// plant over the period: a lost record cannot leave a lot counted forever; lots scrapped are not
// in it) beside the WIP counted from entries and exits, and each station group's utilisation (its machines'
// busy time over their number times the period; a machine counts from the log's start, idle until its first
// event). The log is taken to start with the plant as the model starts: a log that begins with
// lots already on the floor shows a lower WIP and a shorter lead time for its first lots.

#include "plantdata/PlantLog.hpp"

#include <string>
#include <unordered_map>
#include <vector>

namespace gigatwin::plantdata {

struct LogKpis {
  double period_s = 0;
  double output = 0; ///< lots completed
  double throughput_per_h = 0;
  double cycle_time_mean_s = 0; ///< NaN: no lot completed with its release in the log
  double wip_mean = 0;          ///< by Little's law over the lots completed
  double wip_counted = 0; ///< lots entered less lots gone, time-averaged (a lost exit record counts forever)
  std::vector<std::pair<std::string, double>> utilization; ///< per station group, in the log's order
};

/// Measures a log event by event, as it is read.
class KpiObserver {
public:
  explicit KpiObserver(const PlantLog& names);
  void add(const LogEvent& event);
  LogKpis finish();

private:
  const PlantLog& names_;
  std::uint8_t state_kind_, released_kind_, created_kind_, completed_kind_, scrapped_kind_, consumed_kind_;
  bool started_ = false;
  double start_s_ = 0, end_s_ = 0;
  double output_ = 0, cycle_sum_ = 0, cycles_ = 0;
  double wip_ = 0, wip_area_ = 0, wip_since_ = 0;
  std::unordered_map<std::int32_t, double> entered_; ///< lot -> release or creation time
  struct Machine {
    std::int32_t group = -1;
    bool busy = false;
    double since = 0;
    double busy_s = 0;
  };
  std::vector<Machine> machines_;
  std::vector<char> busy_state_; ///< by state id, looked up as states appear
};

} // namespace gigatwin::plantdata
