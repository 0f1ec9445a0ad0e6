#include "plantdata/LineDiscovery.hpp"

#include <algorithm>
#include <cmath>

namespace gigatwin::plantdata {

namespace {
template <class Key>
const Key* most_common(const std::map<Key, std::size_t>& counts, std::size_t* times = nullptr) {
  const Key* best = nullptr;
  std::size_t most = 0;
  for (const auto& [key, n] : counts)
    if (n > most) {
      best = &key;
      most = n;
    }
  if (times)
    *times = most;
  return best;
}
} // namespace

LineObserver::LineObserver(const PlantLog& names)
    : names_(names), released_(log_kind("lot_released")), arrived_(log_kind("lot_arrived")),
      started_(log_kind("lot_started")), finished_(log_kind("lot_finished")),
      blocked_(log_kind("lot_blocked")), completed_(log_kind("lot_completed")),
      scrapped_(log_kind("lot_scrapped")), reworked_(log_kind("lot_reworked")),
      consumed_(log_kind("lot_consumed")), created_(log_kind("lot_created")),
      state_(log_kind("machine_state")), moved_(log_kind("lot_moved")) {}

LineObserver::ProductSeen& LineObserver::product(std::int32_t p) {
  const auto i = static_cast<std::size_t>(std::max(p, 0));
  if (products_.size() <= i)
    products_.resize(i + 1);
  return products_[i];
}

DiscoveredGroup& LineObserver::group(std::int32_t g) {
  const auto i = static_cast<std::size_t>(std::max(g, 0));
  if (groups_.size() <= i)
    groups_.resize(i + 1);
  return groups_[i];
}

LineObserver::Lot& LineObserver::lot(const LogEvent& e) {
  Lot& l = lots_[e.lot];
  if (l.product < 0)
    l.product = e.product;
  return l;
}

void LineObserver::end_lot(std::int32_t id, bool whole) {
  const auto it = lots_.find(id);
  if (it == lots_.end())
    return;
  Lot& l = it->second;
  if (l.waiting_at >= 0) {
    auto& s = step(l.product, l.waiting_at);
    s.waiting -= s.waiting > 0;
  }
  if (whole && !l.reworked && l.product >= 0)
    ++(l.from_split ? product(l.product).suffixes : product(l.product).routes)[l.route];
  lots_.erase(it);
}

void LineObserver::close_batch(Machine& m) {
  if (m.run == 0 || m.group < 0)
    return;
  // Lots started at once are a batch if they finished at once too: two finishes seen, all
  // alike. Otherwise (a log in whole seconds puts quick lots one after another in one second;
  // a lost record hides one) they count as lots one at a time.
  const bool together = m.run > 1 && m.run_finishes.size() >= 2 &&
                        std::all_of(m.run_finishes.begin(), m.run_finishes.end(),
                                    [&](double t) { return t == m.run_finishes.front(); });
  DiscoveredGroup& g = group(m.group);
  const auto count = [&](std::int64_t size) {
    g.smallest_batch = g.batches == 0 ? size : std::min(g.smallest_batch, size);
    g.largest_batch = g.batches == 0 ? size : std::max(g.largest_batch, size);
    ++g.batches;
  };
  if (together || m.run == 1)
    count(m.run);
  else
    for (std::int64_t k = 0; k < m.run; ++k)
      count(1);
  m.run = 0;
  m.run_lots.clear();
  m.run_finishes.clear();
}

void LineObserver::add(const LogEvent& e) {
  if (!any_)
    start_s_ = end_s_ = e.time_s;
  any_ = true;
  start_s_ = std::min(start_s_, e.time_s);
  end_s_ = std::max(end_s_, e.time_s);
  const std::int32_t g = e.group;
  if (e.kind == state_) {
    if (e.machine < 0 || g < 0)
      return;
    if (machines_.size() <= static_cast<std::size_t>(e.machine))
      machines_.resize(static_cast<std::size_t>(e.machine) + 1);
    Machine& m = machines_[static_cast<std::size_t>(e.machine)];
    m.group = m.group < 0 ? g : m.group;
    group(m.group).machines.insert(names_.machines.name(e.machine));
    const bool setup = e.state >= 0 && names_.states.name(e.state) == "setup";
    group(m.group).setups += setup && !m.in_setup;
    m.in_setup = setup;
    return;
  }
  if (e.lot < 0)
    return; // workers and carriers say nothing of the routing
  // A lot that was blocked on a machine and now moves on frees that machine.
  if ((e.kind == moved_ || e.kind == arrived_) && lots_.count(e.lot)) {
    Lot& l = lots_[e.lot];
    if (l.blocked_on >= 0 && static_cast<std::size_t>(l.blocked_on) < machines_.size()) {
      Machine& m = machines_[static_cast<std::size_t>(l.blocked_on)];
      m.blocked = false;
      m.last_finish_s = e.time_s;
      l.blocked_on = -1;
    }
  }
  if (e.kind == released_ && e.product >= 0) {
    Lot& l = lot(e);
    l.released_s = e.time_s;
    l.released_known = true;
    ++product(l.product).released;
  } else if (e.kind == arrived_ && g >= 0) {
    Lot& l = lot(e);
    if (l.sent_back_from >= 0) {
      ++step(l.product, l.sent_back_from).rework_to[g];
      l.sent_back_from = -1;
    }
    l.route.push_back(g);
    l.arrived_s = e.time_s;
    l.arrived_at = g;
    if (e.count == 1) { // it waits in the step's buffer
      l.waiting_at = g;
      auto& s = step(l.product, g);
      s.max_waiting = std::max(s.max_waiting, ++s.waiting);
    }
  } else if (e.kind == started_ && g >= 0) {
    Lot& l = lot(e);
    if (l.waiting_at >= 0) {
      auto& s = step(l.product, l.waiting_at);
      s.waiting -= s.waiting > 0;
      l.waiting_at = -1;
    }
    if (l.route.empty() || l.route.back() != g) // its arrival's record was lost
      l.route.push_back(g);
    DiscoveredGroup& dg = group(g);
    ++dg.started;
    if (l.arrived_at == g && e.time_s >= l.arrived_s)
      dg.longest_wait_s = std::max(dg.longest_wait_s, e.time_s - l.arrived_s);
    l.arrived_at = -1;
    if (e.machine >= 0) {
      if (machines_.size() <= static_cast<std::size_t>(e.machine))
        machines_.resize(static_cast<std::size_t>(e.machine) + 1);
      Machine& m = machines_[static_cast<std::size_t>(e.machine)];
      if (l.released_known && l.route.size() == 1) {
        const bool busy_until_now = !m.worked || m.blocked || m.last_finish_s == e.time_s;
        product(l.product).released_as_started += l.released_s == e.time_s && busy_until_now;
        l.released_known = false;
      }
      m.group = m.group < 0 ? g : m.group;
      dg.machines.insert(names_.machines.name(e.machine));
      if (m.run > 0 && e.time_s == m.last_start_s) {
        ++m.run; // another lot of the same batch, if they finish together
      } else {
        close_batch(m);
        m.last_start_s = e.time_s;
        m.run = 1;
      }
      m.run_lots.push_back(e.lot);
    }
  } else if (e.kind == finished_ && g >= 0) {
    ++step(lot(e).product, g).finished;
    if (e.machine >= 0 && static_cast<std::size_t>(e.machine) < machines_.size()) {
      Machine& m = machines_[static_cast<std::size_t>(e.machine)];
      // Finished in the second it started (a log in whole seconds): a lot started next at that
      // time is the next lot, not one more of a batch.
      if (m.run > 0 && e.time_s == m.last_start_s)
        close_batch(m);
      else if (std::find(m.run_lots.begin(), m.run_lots.end(), e.lot) != m.run_lots.end())
        m.run_finishes.push_back(e.time_s);
      m.worked = true;
      m.last_finish_s = e.time_s;
      m.blocked = false;
    }
  } else if (e.kind == blocked_ && g >= 0) {
    Lot& l = lot(e);
    ++step(l.product, g).blocked;
    if (e.machine >= 0 && static_cast<std::size_t>(e.machine) < machines_.size()) {
      machines_[static_cast<std::size_t>(e.machine)].blocked = true;
      l.blocked_on = e.machine;
    }
  } else if (e.kind == scrapped_ && g >= 0) {
    ++step(lot(e).product, g).scrapped;
    end_lot(e.lot, false);
  } else if (e.kind == reworked_ && g >= 0) {
    Lot& l = lot(e);
    ++step(l.product, g).reworked;
    l.reworked = true;
    l.sent_back_from = g;
  } else if (e.kind == completed_) {
    end_lot(e.lot, true);
  } else if (e.kind == consumed_ && g >= 0) {
    Lot& l = lot(e);
    if (e.count > 0) {        // split into `count` lots: its route so far is every child's start
      if (e.count <= 1000000) // the scenario's limit: a bigger count is no split it can say
        ++step(l.product, g).splits[e.count];
      if (!l.reworked && !l.from_split && l.product >= 0)
        ++product(l.product).prefixes[l.route];
      lots_.erase(e.lot);
    } else { // a part, into an assembly at g: its own route ends before g
      ++parts_consumed_[{l.product, g}];
      if (!l.route.empty() && l.route.back() == g)
        l.route.pop_back();
      end_lot(e.lot, true);
    }
  } else if (e.kind == created_ && g >= 0) {
    Lot& l = lot(e);
    if (e.count > 0) {      // assembled at g, its first step
      if (l.product >= 0) { // a lot of no product named counts for none
        ProductSeen& p = product(l.product);
        ++p.created;
        ++p.created_at[g];
      }
      l.route = {g};
    } else { // made by a split at g: its route goes on after g
      l.from_split = true;
      l.route.clear();
    }
  }
}

DiscoveredLine LineObserver::finish() {
  for (Machine& m : machines_)
    close_batch(m);
  DiscoveredLine out;
  out.start_s = start_s_;
  out.end_s = end_s_;
  for (std::size_t g = 0; g < names_.groups.size(); ++g) {
    DiscoveredGroup& dg = group(static_cast<std::int32_t>(g));
    dg.name = names_.groups.name(static_cast<std::int32_t>(g));
    out.groups.push_back(dg);
  }
  const auto group_name = [&](std::int32_t g) { return names_.groups.name(g); };
  for (std::size_t pi = 0; pi < names_.products.size(); ++pi) {
    const auto p = static_cast<std::int32_t>(pi);
    ProductSeen& seen = product(p);
    DiscoveredProduct d;
    d.name = names_.products.name(p);
    d.released = seen.released;
    d.released_as_started = seen.released_as_started;
    d.created = seen.created;
    // The routing: the most common whole route; through a split, the most common route up to it
    // and the most common after it.
    Route route;
    if (!seen.prefixes.empty() && !seen.suffixes.empty()) {
      std::size_t before = 0, after = 0;
      route = *most_common(seen.prefixes, &before);
      const Route& rest = *most_common(seen.suffixes, &after);
      route.insert(route.end(), rest.begin(), rest.end());
      for (const auto& [r, n] : seen.suffixes)
        d.routes_seen += n;
      d.usual_route = after;
    } else if (const Route* r = most_common(seen.routes, &d.usual_route)) {
      route = *r;
      for (const auto& [r2, n] : seen.routes)
        d.routes_seen += n;
    }
    for (std::size_t k = 0; k < route.size(); ++k) {
      const StepSeen& s = step(p, route[k]);
      DiscoveredStep ds;
      ds.group = group_name(route[k]);
      ds.finished = s.finished;
      ds.scrapped = s.scrapped;
      ds.reworked = s.reworked;
      for (const auto& [to, n] : s.rework_to)
        ds.rework_to[group_name(to)] = n;
      ds.max_waiting = s.max_waiting;
      ds.blocked = k > 0 ? step(p, route[k - 1]).blocked : 0;
      if (const std::int64_t* n = most_common(s.splits))
        ds.split = *n;
      d.steps.push_back(ds);
    }
    // An assembled product: the lots of each part consumed where it is assembled, per lot made.
    if (const std::int32_t* at = most_common(seen.created_at)) {
      const double made = static_cast<double>(seen.created_at[*at]);
      for (const auto& [key, n] : parts_consumed_)
        if (key.second == *at && key.first >= 0)
          d.parts[names_.products.name(key.first)] = std::max<std::int64_t>(
              1, static_cast<std::int64_t>(std::llround(static_cast<double>(n) / made)));
    }
    out.products.push_back(std::move(d));
  }
  return out;
}

} // namespace gigatwin::plantdata
