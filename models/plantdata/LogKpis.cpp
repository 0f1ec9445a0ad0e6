#include "plantdata/LogKpis.hpp"

#include <algorithm>
#include <cmath>
#include <set>

namespace gigatwin::plantdata {

KpiObserver::KpiObserver(const PlantLog& names)
    : names_(names), state_kind_(log_kind("machine_state")), released_kind_(log_kind("lot_released")),
      created_kind_(log_kind("lot_created")), completed_kind_(log_kind("lot_completed")),
      scrapped_kind_(log_kind("lot_scrapped")), consumed_kind_(log_kind("lot_consumed")) {}

void KpiObserver::add(const LogEvent& e) {
  if (!started_) {
    started_ = true;
    start_s_ = end_s_ = wip_since_ = e.time_s;
  }
  end_s_ = std::max(end_s_, e.time_s);
  const auto wip_step = [&](double delta) {
    if (e.time_s > wip_since_) {
      wip_area_ += wip_ * (e.time_s - wip_since_);
      wip_since_ = e.time_s;
    }
    wip_ += delta;
  };
  if ((e.kind == released_kind_ || e.kind == created_kind_) && e.lot >= 0) {
    entered_.try_emplace(e.lot, e.time_s);
    wip_step(+1);
  } else if (e.kind == completed_kind_ && e.lot >= 0) {
    output_ += 1;
    if (const auto it = entered_.find(e.lot); it != entered_.end()) {
      cycle_sum_ += e.time_s - it->second;
      cycles_ += 1;
      entered_.erase(it);
    }
    wip_step(-1);
  } else if ((e.kind == scrapped_kind_ || e.kind == consumed_kind_) && e.lot >= 0) {
    entered_.erase(e.lot);
    wip_step(-1);
  } else if (e.kind == state_kind_ && e.machine >= 0 && e.state >= 0) {
    if (machines_.size() <= static_cast<std::size_t>(e.machine))
      machines_.resize(static_cast<std::size_t>(e.machine) + 1);
    Machine& m = machines_[static_cast<std::size_t>(e.machine)];
    if (m.group < 0)
      m.group = e.group;
    while (busy_state_.size() <= static_cast<std::size_t>(e.state))
      busy_state_.push_back(names_.states.name(static_cast<std::int32_t>(busy_state_.size())) == "busy");
    const bool busy = busy_state_[static_cast<std::size_t>(e.state)] != 0;
    if (m.busy && !busy)
      m.busy_s += e.time_s - m.since;
    if (busy && !m.busy)
      m.since = e.time_s;
    m.busy = busy;
  }
}

LogKpis KpiObserver::finish() {
  LogKpis k;
  k.period_s = end_s_ - start_s_;
  k.output = output_;
  k.throughput_per_h = k.period_s > 0 ? output_ * 3600 / k.period_s : std::nan("");
  k.cycle_time_mean_s = cycles_ > 0 ? cycle_sum_ / cycles_ : std::nan("");
  if (end_s_ > wip_since_)
    wip_area_ += wip_ * (end_s_ - wip_since_);
  k.wip_counted = k.period_s > 0 ? wip_area_ / k.period_s : std::nan("");
  // Little's law over the lots completed: a lost completion record cannot leave a lot in it.
  k.wip_mean = cycles_ > 0 && k.period_s > 0 ? cycle_sum_ / k.period_s : std::nan("");
  std::vector<double> busy(names_.groups.size(), 0);
  std::vector<double> count(names_.groups.size(), 0);
  for (const Machine& m : machines_) {
    if (m.group < 0 || static_cast<std::size_t>(m.group) >= busy.size())
      continue;
    busy[static_cast<std::size_t>(m.group)] += m.busy_s + (m.busy ? end_s_ - m.since : 0);
    count[static_cast<std::size_t>(m.group)] += 1;
  }
  for (std::size_t g = 0; g < busy.size(); ++g)
    if (count[g] > 0 && k.period_s > 0)
      k.utilization.emplace_back(names_.groups.name(static_cast<std::int32_t>(g)),
                                 busy[g] / (count[g] * k.period_s));
  return k;
}

} // namespace gigatwin::plantdata
