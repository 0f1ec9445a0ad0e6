#include "plantdata/ProcessTimes.hpp"

#include <algorithm>
#include <unordered_map>

namespace gigatwin::plantdata {

namespace {
/// A machine's time so far in states that stop work on a lot it holds (setup, down, waiting for
/// an operator, off shift, halted, blocked), kept from its state changes. Idle and busy both
/// count as work while it holds a lot: a lost `busy` record then costs nothing.
struct MachineClock {
  bool stopped = false;
  double stopped_since = 0;
  double stopped_total = 0; ///< stopped time before stopped_since
  double stopped_at(double t) const { return stopped_total + (stopped ? t - stopped_since : 0); }
  /// The last lot (or batch) it finished: a batch's other lots give no second process time.
  double last_start = -1, last_finish = -1;
  std::int32_t group = -1;
};

struct Started {
  double t_s;
  double stopped_s; ///< the machine's stopped time when it started the lot
};
} // namespace

std::vector<GroupProcessTimes> process_times(const PlantLog& log) {
  const auto& kinds = log_kinds();
  const auto kind = [&](const char* name) {
    return static_cast<std::uint8_t>(std::find(kinds.begin(), kinds.end(), name) - kinds.begin());
  };
  const std::uint8_t state_kind = kind("machine_state"), started_kind = kind("lot_started"),
                     finished_kind = kind("lot_finished");
  std::vector<bool> stops(log.states.size(), false);
  for (const char* state : {"setup", "down", "waiting_operator", "off_shift", "halted", "blocked"})
    if (const std::int32_t s = log.states.find(state); s >= 0)
      stops[static_cast<std::size_t>(s)] = true;

  std::vector<GroupProcessTimes> out(log.groups.size());
  for (std::size_t g = 0; g < out.size(); ++g)
    out[g].group = log.groups.name(static_cast<std::int32_t>(g));
  std::vector<MachineClock> machines(log.machines.size());
  // (machine, lot) -> when it started there.
  std::unordered_map<std::uint64_t, Started> open;
  const auto key = [](std::int32_t machine, std::int32_t lot) {
    return (static_cast<std::uint64_t>(static_cast<std::uint32_t>(machine)) << 32) |
           static_cast<std::uint32_t>(lot);
  };
  for (const LogEvent& e : log.events) {
    if (e.machine < 0)
      continue;
    MachineClock& m = machines[static_cast<std::size_t>(e.machine)];
    if (e.group >= 0)
      m.group = e.group;
    if (e.kind == state_kind) {
      const bool stopped = e.state >= 0 && stops[static_cast<std::size_t>(e.state)];
      if (stopped && !m.stopped)
        m.stopped_since = e.time_s;
      else if (!stopped && m.stopped)
        m.stopped_total += e.time_s - m.stopped_since;
      m.stopped = stopped;
    } else if (e.kind == started_kind && e.lot >= 0) {
      open[key(e.machine, e.lot)] = {e.time_s, m.stopped_at(e.time_s)};
    } else if (e.kind == finished_kind && e.lot >= 0 && m.group >= 0) {
      auto& group = out[static_cast<std::size_t>(m.group)];
      const auto it = open.find(key(e.machine, e.lot));
      if (it == open.end()) {
        ++group.unpaired;
        continue;
      }
      const Started s = it->second;
      open.erase(it);
      if (s.t_s == m.last_start && e.time_s == m.last_finish)
        continue; // another lot of the batch just counted
      m.last_start = s.t_s;
      m.last_finish = e.time_s;
      group.seconds.push_back(e.time_s - s.t_s - (m.stopped_at(e.time_s) - s.stopped_s));
    }
  }
  for (const auto& [k, s] : open) {
    const MachineClock& m = machines[static_cast<std::size_t>(k >> 32)];
    if (m.group >= 0)
      ++out[static_cast<std::size_t>(m.group)].unpaired;
  }
  return out;
}

} // namespace gigatwin::plantdata
