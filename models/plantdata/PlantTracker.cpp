#include "plantdata/PlantTracker.hpp"

#include <algorithm>
#include <charconv>
#include <cmath>
#include <limits>

namespace gigatwin::plantdata {

namespace {

std::uint8_t kind_index(const char* name) {
  return log_kind(name);
}

const std::uint8_t k_released = kind_index("lot_released");
const std::uint8_t k_arrived = kind_index("lot_arrived");
const std::uint8_t k_started = kind_index("lot_started");
const std::uint8_t k_finished = kind_index("lot_finished");
const std::uint8_t k_blocked = kind_index("lot_blocked");
const std::uint8_t k_moved = kind_index("lot_moved");
const std::uint8_t k_completed = kind_index("lot_completed");
const std::uint8_t k_scrapped = kind_index("lot_scrapped");
const std::uint8_t k_reworked = kind_index("lot_reworked");
const std::uint8_t k_consumed = kind_index("lot_consumed");
const std::uint8_t k_created = kind_index("lot_created");
const std::uint8_t k_machine_state = kind_index("machine_state");
const std::uint8_t k_on_shift = kind_index("workers_on_shift");
// Events that change nothing a state holds: who holds which workers, carriers' trips (their
// lots' own events place them).
const std::uint8_t k_held = kind_index("workers_held");
const std::uint8_t k_released_workers = kind_index("workers_released");
const std::uint8_t k_departed = kind_index("carrier_departed");
const std::uint8_t k_carrier_arrived = kind_index("carrier_arrived");

bool working(plant::MachineState s) {
  return s == plant::MachineState::busy || s == plant::MachineState::setup;
}

} // namespace

PlantTracker::PlantTracker(const scenario::ScenarioSpec& spec, double origin_s)
    : spec_(spec), origin_s_(origin_s), now_s_(-std::numeric_limits<double>::infinity()) {
  // The routing as the plant follows it (Factory): within a product each step feeds the next; a
  // product's last step feeds its consumer's assembly, or the sink.
  std::vector<scenario::ProductSpec> products = spec.products;
  if (products.empty()) {
    scenario::ProductSpec only;
    only.name = spec.product;
    only.step_count = spec.steps.size();
    products.push_back(only);
  }
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const auto& product = products[spec.steps[i].product];
    const bool last = i + 1 == product.first_step + product.step_count;
    next_.push_back(!last              ? i + 1
                    : product.consumer ? products[*product.consumer].first_step
                                       : plant::sink_step);
    step_at_.emplace(std::pair{static_cast<std::uint32_t>(spec.steps[i].product),
                               static_cast<std::uint32_t>(spec.steps[i].group_index)},
                     static_cast<std::uint32_t>(i));
  }
  for (const auto& g : spec.station_groups)
    machines_.emplace_back(static_cast<std::size_t>(std::max<std::int64_t>(g.machines, 0)));
  machines_named_.assign(spec.station_groups.size(), 0);
  used_group_.assign(spec.station_groups.size(), false);
  assembly_group_.assign(spec.station_groups.size(), false);
  for (const auto& step : spec.steps)
    used_group_[step.group_index] = true;
  for (const auto& p : products)
    if (!p.parts.empty() && p.first_step < spec.steps.size())
      assembly_group_[spec.steps[p.first_step].group_index] = true;
  on_shift_.assign(spec.worker_pools.size(), -1);
}

bool PlantTracker::plausible(double t) const {
  return !std::isfinite(now_s_) || t <= now_s_ + max_jump_s;
}

std::int32_t PlantTracker::step_here(const plant::LotState& lot, std::uint32_t group) const {
  // The step it headed for (an assembly's part heads for its consumer's step), or its product's
  // step at this group.
  if (lot.step != plant::sink_step && spec_.steps[lot.step].group_index == group)
    return static_cast<std::int32_t>(lot.step);
  return step_at(lot.product, group);
}

bool PlantTracker::assembles(std::uint32_t group) const {
  return group < assembly_group_.size() && assembly_group_[group];
}

std::int32_t PlantTracker::step_at(std::uint32_t product, std::uint32_t group) const {
  const auto it = step_at_.find({product, group});
  return it == step_at_.end() ? -1 : static_cast<std::int32_t>(it->second);
}

std::uint32_t PlantTracker::next_step(std::uint32_t step) const {
  return step == plant::sink_step ? step : static_cast<std::uint32_t>(next_[step]);
}

std::int32_t PlantTracker::product_of(const LogEvent& e, const PlantLog& log) {
  if (e.product < 0)
    return -1;
  if (auto it = products_.find(e.product); it != products_.end())
    return it->second;
  const std::string& name = log.products.name(e.product);
  std::int32_t found = -1;
  if (spec_.products.empty()) {
    if (name == spec_.product)
      found = 0;
  } else {
    for (std::size_t p = 0; p < spec_.products.size(); ++p)
      if (spec_.products[p].name == name)
        found = static_cast<std::int32_t>(p);
  }
  products_[e.product] = found;
  return found;
}

std::int32_t PlantTracker::group_of(const LogEvent& e, const PlantLog& log) {
  if (e.group < 0)
    return -1;
  if (auto it = groups_.find(e.group); it != groups_.end())
    return it->second;
  std::int32_t found = -1;
  for (std::size_t g = 0; g < spec_.station_groups.size(); ++g)
    if (spec_.station_groups[g].name == log.groups.name(e.group))
      found = static_cast<std::int32_t>(g);
  groups_[e.group] = found;
  return found;
}

std::int32_t PlantTracker::machine_of(const LogEvent& e, const PlantLog& log, std::uint32_t group) {
  if (e.machine < 0)
    return -1;
  const std::string& name = log.machines.name(e.machine);
  const auto key = std::pair{group, name};
  if (auto it = machine_names_.find(key); it != machine_names_.end())
    return it->second;
  std::int32_t index = -1;
  const std::string& group_name = spec_.station_groups[group].name;
  if (name.size() > group_name.size() + 1 && name.compare(0, group_name.size(), group_name) == 0 &&
      name[group_name.size()] == '/') {
    const char* first = name.data() + group_name.size() + 1;
    const char* last = name.data() + name.size();
    if (auto [end, ec] = std::from_chars(first, last, index); ec != std::errc() || end != last)
      index = -1;
  }
  if (index < 0) // a name of the plant's own: numbered in the order first seen
    index = machines_named_[group]++;
  if (index >= static_cast<std::int32_t>(machines_[group].size()))
    index = -1;
  machine_names_[key] = index;
  return index;
}

void PlantTracker::off_machine(std::int32_t log_id, const plant::LotState& lot) {
  if (lot.place != plant::LotPlace::machine)
    return;
  auto& holding = machines_[lot.group][lot.machine].holding;
  holding.erase(std::remove(holding.begin(), holding.end(), log_id), holding.end());
}

void PlantTracker::remember_left(std::int32_t log_id) {
  if (left_order_.size() >= remembered_left) {
    left_.erase(left_order_.front());
    left_order_.pop_front();
  }
  left_.insert(log_id);
  left_order_.push_back(log_id);
}

void PlantTracker::drop(std::int32_t log_id) {
  const auto it = lots_.find(log_id);
  if (it == lots_.end())
    return;
  off_machine(log_id, it->second.state);
  used_.erase(it->second.state.id);
  lots_.erase(it);
  ids_.erase(log_id);
}

void PlantTracker::apply(const LogEvent& e, const PlantLog& log) {
  const double t = e.time_s - origin_s_;
  if (!std::isfinite(t) || std::abs(t) > max_time_s) {
    ignore("time out of range");
    return;
  }
  if (!plausible(t)) {
    ignore("a time more than 7 days after the plant's last");
    return;
  }
  now_s_ = std::max(now_s_, t);
  const std::uint8_t kind = e.kind;
  if (kind == k_held || kind == k_released_workers || kind == k_departed || kind == k_carrier_arrived) {
    ++applied_;
    return;
  }
  if (kind == k_on_shift) {
    const std::string pool = e.pool >= 0 ? log.pools.name(e.pool) : std::string();
    for (std::size_t p = 0; p < spec_.worker_pools.size(); ++p)
      if (spec_.worker_pools[p].name == pool) {
        on_shift_[p] = e.count;
        ++applied_;
        return;
      }
    ignore("unknown worker pool");
    return;
  }
  if (kind == k_machine_state) {
    const std::int32_t g = group_of(e, log);
    if (g < 0) {
      ignore("unknown station group");
      return;
    }
    const std::int32_t m = machine_of(e, log, static_cast<std::uint32_t>(g));
    if (m < 0) {
      ignore("unknown machine");
      return;
    }
    const std::string& state = e.state >= 0 ? log.states.name(e.state) : std::string();
    const auto& names = plant::machine_state_names;
    const auto it = std::find(names.begin(), names.end(), state);
    if (it == names.end()) {
      ignore("unknown machine state");
      return;
    }
    Machine& machine = machines_[static_cast<std::size_t>(g)][static_cast<std::size_t>(m)];
    const auto next = static_cast<plant::MachineState>(it - names.begin());
    if (next == machine.state) {
      ++applied_;
      return;
    }
    if (working(machine.state))
      machine.operating_s += t - machine.since_s;
    if (next == plant::MachineState::down) {
      if (machine.up_since_s >= 0 && on_time_between_failures)
        on_time_between_failures(static_cast<std::uint32_t>(g), t - machine.up_since_s, machine.operating_s);
    } else if (machine.state == plant::MachineState::down) {
      if (on_repair_time)
        on_repair_time(static_cast<std::uint32_t>(g), t - machine.since_s);
      machine.up_since_s = t;
      machine.operating_s = 0.0;
    }
    if (next == plant::MachineState::busy && machine.state == plant::MachineState::setup)
      machine.work_since_s = t; // the setup is done: processing starts now
    else if (!working(next))
      machine.clean = false; // stopped in the middle: what the lot took is no process time
    machine.state = next;
    machine.since_s = t;
    ++applied_;
    return;
  }
  // Lot events.
  if (e.lot < 0) {
    ignore("lot event without a lot");
    return;
  }
  const auto id = ids_.find(e.lot);
  Lot* lot = nullptr;
  if (id != ids_.end())
    lot = &lots_[e.lot];
  if (kind == k_completed || kind == k_scrapped || kind == k_consumed) {
    // Output, even of a lot whose entry the log lost; not twice (a message delivered again).
    const bool again = left_.count(e.lot) > 0;
    if (kind == k_completed && !again)
      ++completed_;
    if (!lot) {
      ignore(again ? "a lot leaving again (a message delivered twice)" : "a lot leaving that never entered");
      return;
    }
    remember_left(e.lot);
    drop(e.lot);
    ++applied_;
    return;
  }
  const std::int32_t g = group_of(e, log);
  if (g < 0) {
    ignore("unknown station group");
    return;
  }
  const auto group = static_cast<std::uint32_t>(g);
  if (kind == k_released || kind == k_created) {
    const std::int32_t p = product_of(e, log);
    if (p < 0) {
      ignore("unknown product");
      return;
    }
    const std::int32_t step = step_at(static_cast<std::uint32_t>(p), group);
    if (step < 0) {
      ignore("a lot at a station group its product does not visit");
      return;
    }
    if (lot) {
      ignore("a lot entering twice");
      return;
    }
    std::uint64_t number = 0;
    const std::string& name = log.lots.name(e.lot);
    const auto [end, ec] = std::from_chars(name.data(), name.data() + name.size(), number);
    if (ec != std::errc() || end != name.data() + name.size() || used_.count(number) || number > (1ull << 52))
      number = next_id_;
    next_id_ = std::max(next_id_, number + 1);
    ids_[e.lot] = number;
    used_[number] = e.lot;
    Lot& fresh = lots_[e.lot];
    fresh.state.id = number;
    fresh.state.product = static_cast<std::uint32_t>(p);
    fresh.state.step = static_cast<std::uint32_t>(step);
    fresh.state.place = plant::LotPlace::buffer;
    fresh.state.group = group;
    fresh.state.entry_s = fresh.state.created_s = fresh.state.arrived_s = fresh.state.buffered_s = t;
    // A lot an assembly made is on its machine at once (its lot_started follows): until then it
    // is in no buffer a state could put it in.
    fresh.pending = kind == k_created && assembles(group);
    ++applied_;
    return;
  }
  if (!lot) {
    ignore("an event of a lot that never entered");
    return;
  }
  plant::LotState& s = lot->state;
  if (kind == k_arrived) {
    const std::int32_t step = step_here(s, group);
    if (step < 0) {
      ignore("a lot at a station group its product does not visit");
      return;
    }
    s.step = static_cast<std::uint32_t>(step);
    off_machine(e.lot, s);
    s.place = plant::LotPlace::buffer;
    s.group = group;
    s.arrived_s = s.buffered_s = t;
    lot->finished = false;
  } else if (kind == k_started) {
    const std::int32_t m = machine_of(e, log, group);
    if (m < 0) {
      ignore("unknown machine");
      return;
    }
    const std::int32_t step = step_here(s, group); // its arrival may have been lost
    if (step < 0) {
      ignore("a lot at a station group its product does not visit");
      return;
    }
    s.step = static_cast<std::uint32_t>(step);
    lot->pending = false;
    off_machine(e.lot, s);
    Machine& machine = machines_[group][static_cast<std::size_t>(m)];
    // A machine works one lot at a time (a batch machine one batch): lots still on it whose
    // leaving the log lost have left.
    const bool batch = spec_.station_groups[group].batch.has_value();
    std::vector<std::int32_t> stale;
    for (std::int32_t other : machine.holding)
      if (!batch || lots_[other].finished)
        stale.push_back(other);
    for (std::int32_t other : stale) {
      drop(other);
      ++lots_lost_;
    }
    machine.holding.push_back(e.lot);
    s.place = plant::LotPlace::machine;
    s.group = group;
    s.machine = static_cast<std::uint32_t>(m);
    lot->finished = false;
    machine.work_since_s = t;
    machine.clean = true;
  } else if (kind == k_finished || kind == k_blocked) {
    if (s.place != plant::LotPlace::machine || s.group != group) {
      ignore("a lot finishing where it did not start");
      return;
    }
    if (kind == k_finished && !lot->finished) {
      Machine& machine = machines_[group][s.machine];
      if (machine.clean && on_process_time)
        on_process_time(group, s.product, t - std::max(machine.work_since_s, s.arrived_s));
      machine.clean = false;
      lot->finished = true;
      s.step = next_step(s.step);
    }
  } else if (kind == k_moved) {
    if (!lot->finished)
      s.step = next_step(s.step); // made here by a split, or its lot_finished was lost
    lot->finished = false;
    off_machine(e.lot, s);
    if (s.step == plant::sink_step) {
      s.place = plant::LotPlace::buffer; // leaving: lot_completed follows
    } else {
      // Onto a carrier, or into the next group (its lot_arrived follows at once).
      const bool carried = spec_.steps[s.step].transport.has_value();
      s.place = carried ? plant::LotPlace::carrier : plant::LotPlace::buffer;
      s.group = static_cast<std::uint32_t>(spec_.steps[s.step].group_index);
      s.arrived_s = s.buffered_s = t;
    }
  } else if (kind == k_reworked) {
    lot->finished = false; // its lot_arrived at the rework step follows
  }
  ++applied_;
}

double PlantTracker::earliest_open_interval(std::uint32_t group) const {
  double earliest = std::numeric_limits<double>::infinity();
  if (group < machines_.size())
    for (const Machine& m : machines_[group])
      if (m.state != plant::MachineState::down && m.up_since_s >= 0)
        earliest = std::min(earliest, m.up_since_s);
  return earliest;
}

plant::PlantState PlantTracker::state(double at_s) const {
  plant::PlantState state;
  state.time_s = std::max({0.0, now_s_, at_s});
  std::vector<std::vector<std::pair<bool, bool>>> holds(machines_.size()); // (any lot, a finished one)
  for (std::size_t g = 0; g < machines_.size(); ++g)
    holds[g].assign(machines_[g].size(), {false, false});
  for (const auto& [id, lot] : lots_) {
    if (lot.pending || !used_group_[lot.state.group])
      continue;
    plant::LotState s = lot.state;
    if (s.step == plant::sink_step && s.place != plant::LotPlace::machine)
      continue; // out of the line, its lot_completed not yet here
    if (s.place == plant::LotPlace::machine) {
      auto& h = holds[s.group][s.machine];
      h.first = true;
      h.second = h.second || lot.finished;
    }
    state.lots.push_back(s);
  }
  // In id order: the state reads the same whatever the hash map's order.
  std::sort(state.lots.begin(), state.lots.end(), [](const auto& a, const auto& b) { return a.id < b.id; });
  for (std::size_t g = 0; g < machines_.size(); ++g)
    for (std::size_t i = 0; i < machines_[g].size() && used_group_[g]; ++i) {
      const Machine& machine = machines_[g][i];
      plant::MachineSnapshot m;
      m.group = static_cast<std::uint32_t>(g);
      m.machine = static_cast<std::uint32_t>(i);
      m.state = machine.state;
      m.in_state_s = std::clamp(state.time_s - machine.since_s, 0.0, max_time_s);
      const auto [holding, finished] = holds[g][i];
      using Work = plant::MachineSnapshot::Work;
      if (!holding) {
        m.work = Work::none;
        if (working(m.state) || m.state == plant::MachineState::blocked ||
            m.state == plant::MachineState::waiting_operator || m.state == plant::MachineState::off_shift)
          m.state = plant::MachineState::idle; // its lot's events were lost: it is free
      } else if (finished) {
        m.work = Work::finished;
      } else {
        m.work = m.state == plant::MachineState::setup ? Work::setup : Work::process;
        m.work_done_s =
            working(m.state) ? std::clamp(state.time_s - machine.work_since_s, 0.0, max_time_s) : 0.0;
        if (m.state == plant::MachineState::idle)
          m.state = plant::MachineState::busy; // its state change was lost
      }
      if (m.state == plant::MachineState::down) {
        plant::PartState part;
        part.in_repair = true;
        part.repair_elapsed_s = m.in_state_s;
        m.parts.push_back(part);
      }
      state.machines.push_back(m);
    }
  for (std::size_t p = 0; p < on_shift_.size(); ++p)
    if (on_shift_[p] >= 0)
      state.pools.push_back(plant::PoolState{static_cast<std::uint32_t>(p), on_shift_[p]});
  return state;
}

} // namespace gigatwin::plantdata
