#include "plantdata/StationObservations.hpp"

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigatwin::plantdata {

namespace {
constexpr double never = std::numeric_limits<double>::quiet_NaN(); // equal to no time

} // namespace

StationObserver::StationObserver(const PlantLog& names)
    : names_(names), state_kind_(log_kind("machine_state")), started_kind_(log_kind("lot_started")),
      finished_kind_(log_kind("lot_finished")), released_kind_(log_kind("lot_released")),
      departed_kind_(log_kind("carrier_departed")), delivered_kind_(log_kind("carrier_arrived")),
      scrapped_kind_(log_kind("lot_scrapped")), reworked_kind_(log_kind("lot_reworked")) {}

void StationObserver::count_outcome(const LogEvent& e) {
  const auto [it, added] = step_of_.try_emplace({e.product, e.group}, out_.steps.size());
  if (added)
    out_.steps.emplace_back(); // named at the end: the name tables may still grow
  StepOutcomes& o = out_.steps[it->second];
  if (e.kind == finished_kind_)
    ++o.finished;
  else if (e.kind == scrapped_kind_)
    ++o.scrapped;
  else
    ++o.reworked;
}

StationObserver::StateClass StationObserver::state_class(std::int32_t state) {
  if (state < 0)
    return StateClass::working;
  const auto s = static_cast<std::size_t>(state);
  while (classes_.size() <= s) {
    // Names are read as the log goes: a state's class is looked up the first time it is seen.
    const std::string& name = names_.states.name(static_cast<std::int32_t>(classes_.size()));
    classes_.push_back(name == "setup"  ? StateClass::setup
                       : name == "down" ? StateClass::down
                       : name == "busy" ? StateClass::busy
                       : name == "waiting_operator" || name == "off_shift" || name == "halted" ||
                               name == "blocked"
                           ? StateClass::stopped
                           : StateClass::working);
  }
  return classes_[s];
}

GroupObservations* StationObserver::group(std::int32_t g) {
  if (g < 0)
    return nullptr;
  if (out_.groups.size() <= static_cast<std::size_t>(g))
    out_.groups.resize(static_cast<std::size_t>(g) + 1);
  return &out_.groups[static_cast<std::size_t>(g)];
}

void StationObserver::close_span(Machine& m, double t) {
  // A span of no length is no setup or repair.
  const double span = t - m.state_since;
  const StateClass c = state_class(m.state);
  if (m.state >= 0 && (c == StateClass::setup || c == StateClass::busy)) {
    m.operating_since_repair += span;
    if (GroupObservations* g = group(m.group))
      g->operating_s += span;
  }
  if (GroupObservations* g = group(m.group); g && m.state >= 0 && span > 0) {
    if (c == StateClass::setup)
      g->setup.observed.push_back(span);
    if (c == StateClass::down) {
      g->repair.observed.push_back(span);
      g->down_s += span;
    }
  }
}

void StationObserver::change_state(Machine& m, GroupObservations* g, std::int32_t state, double t) {
  close_span(m, t);
  if (m.stopped)
    m.stopped_total += t - m.state_since;
  const StateClass now = state_class(state);
  if (now == StateClass::down && g) {
    ++g->failures;
    // Idle or stopped for a while when it failed (not in the machine's first state seen: the
    // log may begin in the middle of anything; not at the instant it stopped working: a
    // failure due then may be recorded just after).
    const StateClass before = state_class(m.state);
    g->failures_while_stopped += m.state >= 0 && t > m.state_since && before != StateClass::busy &&
                                 before != StateClass::setup && before != StateClass::down;
    if (m.repaired_once) {
      g->to_failure_operating.observed.push_back(m.operating_since_repair);
      g->to_failure_calendar.observed.push_back(t - m.repair_ended);
    }
  }
  if (state_class(m.state) == StateClass::down && m.state >= 0) {
    m.repaired_once = true;
    m.repair_ended = t;
    m.operating_since_repair = 0;
  }
  m.state = state;
  m.state_since = t;
  m.stopped = now != StateClass::working && now != StateClass::busy;
}

void StationObserver::add(const LogEvent& e) {
  if (events_ == 0)
    out_.start_s = out_.end_s = e.time_s;
  ++events_;
  out_.start_s = std::min(out_.start_s, e.time_s);
  out_.end_s = std::max(out_.end_s, e.time_s);
  whole_seconds_ = whole_seconds_ && e.time_s == std::floor(e.time_s);
  if (e.kind == released_kind_ && e.product >= 0) {
    const auto p = static_cast<std::size_t>(e.product);
    if (out_.arrivals.size() <= p) {
      out_.arrivals.resize(p + 1);
      last_release_.resize(p + 1, never);
    }
    if (!std::isnan(last_release_[p]) && e.time_s >= last_release_[p]) // releases out of order give no gap
      out_.arrivals[p].between_s.push_back(e.time_s - last_release_[p]);
    last_release_[p] = e.time_s;
    return;
  }
  if (e.lot >= 0 && e.group >= 0 &&
      (e.kind == finished_kind_ || e.kind == scrapped_kind_ || e.kind == reworked_kind_))
    count_outcome(e);
  // Carriers are not machines of their group: their trips say nothing of its availability.
  if (e.machine < 0 || e.kind == departed_kind_ || e.kind == delivered_kind_)
    return;
  if (machines_.size() <= static_cast<std::size_t>(e.machine))
    machines_.resize(static_cast<std::size_t>(e.machine) + 1);
  Machine& m = machines_[static_cast<std::size_t>(e.machine)];
  if (e.group >= 0 && m.group < 0)
    m.group = e.group;
  if (!m.seen) {
    m.seen = true;
    m.first_seen = e.time_s;
    m.state_since = e.time_s;
  }
  GroupObservations* g = group(m.group);
  if (e.kind == state_kind_ && e.state >= 0 && e.state != m.state) {
    change_state(m, g, e.state, e.time_s);
  } else if (e.kind == started_kind_ && e.lot >= 0) {
    // A machine down or stopped (blocked, off shift, ...) starts no lot: a start after it went
    // so means the record of its return to work was lost — it works again from the start on,
    // or the lot's whole stay would count as stopped (a blocked press whose `busy` was lost
    // would give a process time of 0).
    if (m.state >= 0 && e.time_s > m.state_since) {
      const StateClass c = state_class(m.state);
      if (c == StateClass::down || c == StateClass::stopped)
        change_state(m, g, names_.states.find("busy"), e.time_s); // -1 (none seen yet): working
    }
    const auto [it, inserted] =
        open_.insert_or_assign(e.lot, Started{e.time_s, m.stopped_at(e.time_s), e.machine, e.product});
    if (!inserted && g) // its earlier start had no finish
      ++g->unpaired;
    m.latest_start = e.time_s;
  } else if (e.kind == finished_kind_ && e.lot >= 0 && g) {
    const auto it = open_.find(e.lot);
    if (it == open_.end() || it->second.machine != e.machine) {
      ++g->unpaired;
      if (it != open_.end()) { // started elsewhere: neither record pairs
        ++g->unpaired;
        open_.erase(it);
      }
      return;
    }
    const Started s = it->second;
    open_.erase(it);
    if (s.t_s == m.last_start && e.time_s == m.last_finish)
      return; // another lot of the batch just counted
    m.last_start = s.t_s;
    m.last_finish = e.time_s;
    const double worked = e.time_s - s.t_s - (m.stopped_at(e.time_s) - s.stopped_s);
    if (worked > 0 || worked == 0) { // a 0 is kept until the log's end says whether times are whole seconds
      g->process.observed.push_back(worked);
      if (s.product >= 0)
        by_product_[{m.group, s.product}].observed.push_back(worked);
    } else
      ++g->not_positive;
  }
}

LogObservations StationObserver::finish() {
  for (std::size_t g = 0; g < names_.groups.size(); ++g)
    group(static_cast<std::int32_t>(g))->group = names_.groups.name(static_cast<std::int32_t>(g));
  if (out_.arrivals.size() < names_.products.size())
    out_.arrivals.resize(names_.products.size());
  for (std::size_t p = 0; p < out_.arrivals.size(); ++p)
    out_.arrivals[p].product = names_.products.name(static_cast<std::int32_t>(p));
  for (const auto& [key, index] : step_of_) {
    out_.steps[index].product = key.first >= 0 ? names_.products.name(key.first) : "";
    out_.steps[index].group = names_.groups.name(key.second);
  }
  // The log's end: every open span is censored there.
  for (Machine& m : machines_) {
    GroupObservations* g = group(m.group);
    if (!g || !m.seen)
      continue;
    g->machine_time_s += out_.end_s - m.first_seen;
    const double span = out_.end_s - m.state_since;
    const StateClass c = state_class(m.state);
    if (m.state >= 0 && c == StateClass::setup && span > 0)
      g->setup.censored.push_back(span);
    if (m.state >= 0 && (c == StateClass::setup || c == StateClass::busy))
      g->operating_s += span;
    if (m.state >= 0 && c == StateClass::down) {
      g->down_s += span;
      if (span > 0)
        g->repair.censored.push_back(span);
    } else if (m.repaired_once) {
      const double operating = m.operating_since_repair +
                               (m.state >= 0 && (c == StateClass::setup || c == StateClass::busy) ? span : 0);
      if (operating > 0)
        g->to_failure_operating.censored.push_back(operating);
      if (out_.end_s > m.repair_ended)
        g->to_failure_calendar.censored.push_back(out_.end_s - m.repair_ended);
    }
  }
  // Lots still on their machine: censored if the machine started nothing after them (a lot
  // whose finish record was lost is followed by others).
  std::vector<double> batch_censored(machines_.size(), never);
  for (const auto& [lot, s] : open_) {
    Machine& m = machines_[static_cast<std::size_t>(s.machine)];
    GroupObservations* g = group(m.group);
    if (!g)
      continue;
    if (s.t_s == m.latest_start) {
      if (batch_censored[static_cast<std::size_t>(s.machine)] == s.t_s)
        continue;
      batch_censored[static_cast<std::size_t>(s.machine)] = s.t_s;
      const double worked = out_.end_s - s.t_s - (m.stopped_at(out_.end_s) - s.stopped_s);
      if (worked > 0) {
        g->process.censored.push_back(worked);
        if (s.product >= 0)
          by_product_[{m.group, s.product}].censored.push_back(worked);
      }
    } else {
      ++g->unpaired;
    }
  }
  for (auto& [key, sample] : by_product_)
    group(key.first)->process_by_product[names_.products.name(key.second)] = std::move(sample);
  by_product_.clear();
  // A 0 is a time under a second in a log of whole seconds (the fit places it); otherwise it is
  // a stay spent stopped, not a process time.
  if (!whole_seconds_)
    for (auto& g : out_.groups) {
      auto& x = g.process.observed;
      const auto zeros = std::count(x.begin(), x.end(), 0.0);
      x.erase(std::remove(x.begin(), x.end(), 0.0), x.end());
      g.not_positive += static_cast<std::size_t>(zeros);
      for (auto& [product, sample] : g.process_by_product)
        sample.observed.erase(std::remove(sample.observed.begin(), sample.observed.end(), 0.0),
                              sample.observed.end());
    }
  return std::move(out_);
}

LogObservations observe(const PlantLog& log) {
  StationObserver observer(log);
  for (const LogEvent& e : log.events)
    observer.add(e);
  return observer.finish();
}

} // namespace gigatwin::plantdata
