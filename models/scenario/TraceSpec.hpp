#pragma once
// TraceSpec: which of a run's events go to its event trace (`trace:` in a scenario, or
// `--trace`): the kinds, the station groups and the window of simulated time (s). The kind
// names are those of docs/EVENTS.md; the plant's observations use the same list.

#include <array>
#include <cstddef>
#include <limits>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

inline constexpr std::array<std::string_view, 17> trace_kind_names = {
    "lot_released",     "lot_arrived",      "lot_started",      "lot_finished",  "lot_blocked",
    "lot_moved",        "lot_completed",    "lot_scrapped",     "lot_reworked",  "lot_consumed",
    "lot_created",      "machine_state",    "workers_on_shift", "workers_held",  "workers_released",
    "carrier_departed", "carrier_arrived"};

struct TraceSpec {
  bool enabled = false;
  bool written_as_map = false; ///< `trace: {...}` rather than `trace: true/false` (for --trace)
  std::vector<std::string> kinds;          ///< empty: every kind
  std::vector<std::string> station_groups; ///< empty: every event; else only events at these groups
  double from_s = 0.0;                     ///< events at or after this time ...
  double to_s = std::numeric_limits<double>::infinity(); ///< ... and at or before this one
};

} // namespace gigatwin::scenario
