#include "plantdata/StationObservations.hpp"

#include <algorithm>
#include <unordered_map>

namespace gigatwin::plantdata {

namespace {

/// One machine as its events tell it.
struct MachineTrack {
  std::int32_t group = -1;
  std::int32_t state = -1; ///< -1: none seen yet (idle)
  double state_since = 0;
  double first_seen = -1;
  double stopped_total = 0; ///< time in states that stop work, before state_since
  bool stopped = false;
  double stopped_at(double t) const { return stopped_total + (stopped ? t - state_since : 0); }
  // Failures: operating (setup + busy) and calendar time since the last repair ended.
  bool repaired_once = false;
  double operating_since_repair = 0;
  double repair_ended = 0;
  // The lot (or batch) last finished, and the last start time.
  double last_start = -1, last_finish = -1;
  double latest_start = -1;
};

struct Started {
  double t_s;
  double stopped_s; ///< the machine's stopped time when it started the lot
  std::int32_t machine;
};

} // namespace

LogObservations observe(const PlantLog& log) {
  const auto& kinds = log_kinds();
  const auto kind = [&](const char* name) {
    return static_cast<std::uint8_t>(std::find(kinds.begin(), kinds.end(), name) - kinds.begin());
  };
  const std::uint8_t state_kind = kind("machine_state"), started_kind = kind("lot_started"),
                     finished_kind = kind("lot_finished"), released_kind = kind("lot_released");
  const auto state_id = [&](const char* name) { return log.states.find(name); };
  const std::int32_t setup = state_id("setup"), down = state_id("down"), busy = state_id("busy");
  std::vector<bool> stops(log.states.size(), false);
  for (const char* state : {"setup", "down", "waiting_operator", "off_shift", "halted", "blocked"})
    if (const std::int32_t s = log.states.find(state); s >= 0)
      stops[static_cast<std::size_t>(s)] = true;

  LogObservations out;
  out.groups.resize(log.groups.size());
  for (std::size_t g = 0; g < out.groups.size(); ++g)
    out.groups[g].group = log.groups.name(static_cast<std::int32_t>(g));
  out.arrivals.resize(log.products.size());
  for (std::size_t p = 0; p < out.arrivals.size(); ++p)
    out.arrivals[p].product = log.products.name(static_cast<std::int32_t>(p));
  if (log.events.empty())
    return out;
  out.start_s = out.end_s = log.events.front().time_s;
  for (const LogEvent& e : log.events) {
    out.start_s = std::min(out.start_s, e.time_s);
    out.end_s = std::max(out.end_s, e.time_s);
  }

  std::vector<MachineTrack> machines(log.machines.size());
  std::unordered_map<std::int32_t, Started> open; // lot -> where and when it started
  std::vector<double> last_release(log.products.size(), -1);
  const auto group_of = [&](const MachineTrack& m) -> GroupObservations* {
    return m.group >= 0 ? &out.groups[static_cast<std::size_t>(m.group)] : nullptr;
  };
  // A machine leaves its state at `t`: what the span was.
  const auto close_span = [&](MachineTrack& m, double t) {
    const double span = t - m.state_since;
    if (m.state >= 0 && (m.state == setup || m.state == busy))
      m.operating_since_repair += span;
    if (GroupObservations* g = group_of(m); g && m.state >= 0) {
      if (m.state == setup)
        g->setup.observed.push_back(span);
      if (m.state == down) {
        g->repair.observed.push_back(span);
        g->down_s += span;
      }
    }
  };

  for (const LogEvent& e : log.events) {
    if (e.kind == released_kind && e.product >= 0) {
      double& last = last_release[static_cast<std::size_t>(e.product)];
      if (last >= 0)
        out.arrivals[static_cast<std::size_t>(e.product)].between_s.push_back(e.time_s - last);
      last = e.time_s;
      continue;
    }
    if (e.machine < 0)
      continue;
    MachineTrack& m = machines[static_cast<std::size_t>(e.machine)];
    if (e.group >= 0 && m.group < 0)
      m.group = e.group;
    if (m.first_seen < 0) {
      m.first_seen = e.time_s;
      m.state_since = e.time_s;
    }
    GroupObservations* g = group_of(m);
    if (e.kind == state_kind && e.state >= 0 && e.state != m.state) {
      close_span(m, e.time_s);
      if (m.stopped)
        m.stopped_total += e.time_s - m.state_since;
      if (e.state == down && g) {
        ++g->failures;
        if (m.repaired_once) {
          g->to_failure_operating.observed.push_back(m.operating_since_repair);
          g->to_failure_calendar.observed.push_back(e.time_s - m.repair_ended);
        }
      }
      if (m.state == down) {
        m.repaired_once = true;
        m.repair_ended = e.time_s;
        m.operating_since_repair = 0;
      }
      m.state = e.state;
      m.state_since = e.time_s;
      m.stopped = stops[static_cast<std::size_t>(e.state)];
    } else if (e.kind == started_kind && e.lot >= 0) {
      open[e.lot] = {e.time_s, m.stopped_at(e.time_s), e.machine};
      m.latest_start = e.time_s;
    } else if (e.kind == finished_kind && e.lot >= 0 && g) {
      const auto it = open.find(e.lot);
      if (it == open.end() || it->second.machine != e.machine) {
        ++g->unpaired;
        continue;
      }
      const Started s = it->second;
      open.erase(it);
      if (s.t_s == m.last_start && e.time_s == m.last_finish)
        continue; // another lot of the batch just counted
      m.last_start = s.t_s;
      m.last_finish = e.time_s;
      g->process.observed.push_back(e.time_s - s.t_s - (m.stopped_at(e.time_s) - s.stopped_s));
    }
  }
  // The log's end: every open span is censored there.
  for (MachineTrack& m : machines) {
    GroupObservations* g = group_of(m);
    if (!g || m.first_seen < 0)
      continue;
    g->machine_time_s += out.end_s - m.first_seen;
    const double span = out.end_s - m.state_since;
    if (m.state == setup && span > 0)
      g->setup.censored.push_back(span);
    if (m.state == down) {
      g->down_s += span;
      if (span > 0)
        g->repair.censored.push_back(span);
    } else if (m.repaired_once) {
      const double operating = m.operating_since_repair + (m.state == setup || m.state == busy ? span : 0);
      if (operating > 0)
        g->to_failure_operating.censored.push_back(operating);
      if (out.end_s > m.repair_ended)
        g->to_failure_calendar.censored.push_back(out.end_s - m.repair_ended);
    }
  }
  // Lots still on their machine: censored if the machine started nothing after them (a lot
  // whose finish record was lost is followed by others).
  std::vector<double> batch_censored(machines.size(), -1);
  for (const auto& [lot, s] : open) {
    MachineTrack& m = machines[static_cast<std::size_t>(s.machine)];
    GroupObservations* g = group_of(m);
    if (!g)
      continue;
    if (s.t_s == m.latest_start && batch_censored[static_cast<std::size_t>(s.machine)] != s.t_s) {
      batch_censored[static_cast<std::size_t>(s.machine)] = s.t_s;
      const double worked = out.end_s - s.t_s - (m.stopped_at(out.end_s) - s.stopped_s);
      if (worked > 0)
        g->process.censored.push_back(worked);
    } else if (s.t_s != m.latest_start) {
      ++g->unpaired;
    }
  }
  return out;
}

} // namespace gigatwin::plantdata
