#pragma once
// ProcessTimes: the process times a plant's event log shows, per station group — for each lot
// a machine started and finished, its stay on the machine less the time the machine spent in a
// state that stops work (setup, down, waiting for an operator, off shift, halted, blocked), so
// that a repair or a break inside the lot's stay is not counted as work, while a lost `busy`
// record costs nothing (idle and busy both count as work while it holds a lot). A batch
// (lots started and finished together on one machine) counts once. Lots without both their start
// and their finish in the log (a missing record, still on the machine when the log ends) give no
// process time and are counted as such.

#include "plantdata/PlantLog.hpp"

#include <string>
#include <vector>

namespace gigatwin::plantdata {

struct GroupProcessTimes {
  std::string group;
  std::vector<double> seconds; ///< one per lot (or batch), in the order they finished
  std::size_t unpaired = 0;    ///< starts without a finish or finishes without a start
};

/// Per station group, in the order the log names them.
std::vector<GroupProcessTimes> process_times(const PlantLog& log);

} // namespace gigatwin::plantdata
