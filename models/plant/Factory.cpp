#include "plant/Factory.hpp"

#include "scenario/CapacityEstimate.hpp"
#include "scenario/StationGroupParser.hpp"

#include <algorithm>
#include <cmath>
#include <cstdio>
#include <limits>
#include <map>
#include <stdexcept>
#include <string_view>

namespace gigatwin::plant {

Factory::Factory(kernel::Kernel& kernel, const scenario::ScenarioSpec& spec, std::int64_t replication,
                 std::uint64_t seed)
    : kernel_(kernel), spec_(spec), context_(kernel, spec, seed, replication, machine_state_count),
      workforce_(context_, spec), ledger_(context_, workforce_, steps_, spec),
      sampler_(kernel, spec.sample_interval_s, spec.horizon_s, [this](double now) { take_sample(now); }) {
  // Without a `products` list (texts built in code) the routing is the one product.
  if (spec.products.empty()) {
    scenario::ProductSpec only;
    only.name = spec.product;
    only.source = spec.source;
    only.step_count = spec.steps.size();
    products_.push_back(only);
  } else {
    products_ = spec.products;
  }
  // An assembled product without a unit of its own holds what its parts hold.
  for (bool changed = true; changed;) {
    changed = false;
    for (auto& p : products_) {
      if (p.parts.empty())
        continue;
      double cells = 0.0, kwh = 0.0;
      for (const scenario::PartSpec& part : p.parts) {
        cells += static_cast<double>(part.quantity) * products_[part.product_index].cells;
        kwh += static_cast<double>(part.quantity) * products_[part.product_index].energy_kwh;
      }
      auto settle = [&](double& value, double from_parts) {
        if (std::isnan(value) && !std::isnan(from_parts)) {
          value = from_parts;
          changed = true;
        }
      };
      settle(p.cells, cells);
      settle(p.energy_kwh, kwh);
    }
  }
  // One StationGroup per station group in use, however many steps it serves (the loader keeps
  // assembly, batch and saturated first steps to groups of their own).
  std::vector<StationGroup*>& by_spec = by_spec_;
  by_spec.assign(spec.station_groups.size(), nullptr);
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const auto& step = spec.steps[i];
    if (by_spec[step.group_index] == nullptr) {
      const scenario::ProductSpec& product = products_[step.product];
      const bool first = i == product.first_step;
      const bool saturated = first && product.source && product.source->saturated;
      steps_.push_back(std::make_unique<StationGroup>(
          context_, *this, workforce_, static_cast<std::uint32_t>(steps_.size()),
          spec.station_groups[step.group_index], step, saturated,
          first ? product.parts : std::vector<scenario::PartSpec>{}));
      by_spec[step.group_index] = steps_.back().get();
      spec_index_.push_back(static_cast<std::uint32_t>(step.group_index));
    }
    step_group_.push_back(by_spec[step.group_index]);
  }
  context_.flow().prepare(steps_.size(), products_.size());
  // Within a product each step feeds the next; a product's last step feeds the assembly step of
  // the product that consumes it, or the sink. A transport carries lots into its step from the
  // step before.
  transport_into_.assign(spec.steps.size(), nullptr);
  for (std::size_t i = 0; i < spec.steps.size(); ++i) {
    const scenario::ProductSpec& product = products_[spec.steps[i].product];
    const bool last = i + 1 == product.first_step + product.step_count;
    if (!last) {
      next_step_.push_back(i + 1);
      if (const auto& t = spec.steps[i + 1].transport) {
        // The first transport into a group keeps the stream name it had before groups could be
        // shared; others into the same group add their step.
        StationGroup& to = *step_group_[i + 1];
        const bool first_into = std::none_of(transports_.begin(), transports_.end(),
                                             [&](const auto& other) { return &other->to() == &to; });
        transports_.push_back(std::make_unique<Transport>(
            context_, *t, to, "transports/" + to.name() + (first_into ? "" : "/" + std::to_string(i + 1))));
        transport_into_[i + 1] = transports_.back().get();
        step_group_[i + 1]->add_inbound(transports_.back().get());
      }
    } else if (product.consumer) {
      next_step_.push_back(products_[*product.consumer].first_step);
    } else {
      next_step_.push_back(sink_step);
    }
  }
  for (std::size_t p = 0; p < products_.size(); ++p)
    if (products_[p].source && !products_[p].source->saturated)
      sources_.push_back(std::make_unique<Source>(context_, *this, products_[p].source->interarrival,
                                                  *step_group_[products_[p].first_step], p));
  if (const scenario::ControlTowerSpec* tower = spec.active_tower()) {
    tower_ = std::make_unique<ControlTower>(context_, *tower, [this] { control_tower_changed(); });
    recovery_ = std::make_unique<RecoveryMonitor>(tower->recovery);
    watch_recovery_at(tower->recovery.at);
  }
}

void Factory::watch_recovery_at(const std::string& at) {
  if (at == "sink")
    return;
  std::string group = at;
  if (group.empty()) { // the rough-cut bottleneck's group (a transport's: the group it feeds)
    const auto est = estimate_capacity(spec_);
    group = est.steps.empty() ? std::string() : est.steps[est.bottleneck].station_group;
    for (const char* prefix : {"agv -> ", "conveyor -> "})
      if (group.rfind(prefix, 0) == 0)
        group = group.substr(std::string_view(prefix).size());
  }
  for (auto& s : steps_)
    if (s->name() == group) {
      recovery_step_ = s.get();
      s->report_output_to(recovery_.get());
    }
}

void Factory::control_tower_changed() {
  const bool down = context_.control_tower_down();
  if (down != tower_was_down_) {
    tower_was_down_ = down;
    if (down)
      recovery_->tower_down(kernel_.now());
    else
      recovery_->tower_up(kernel_.now());
  }
  for (auto& s : steps_)
    s->tower_changed();
  for (auto& t : transports_)
    t->tower_changed();
}

void Factory::run_rollout() {
  for (const auto& step : spec_.rollout) {
    if (step.at_s >= spec_.horizon_s)
      return;
    kernel_.sleep_until(step.at_s);
    kernel_.in_kernel([this, &step] {
      const auto before = ledger_.positions();
      for (auto& s : steps_)
        if (&s->spec() == &spec_.station_groups[step.group_index])
          s->set_mode(step.mode_index);
      ledger_.positions_changed(before);
    });
  }
}

void Factory::start_calendar() {
  workforce_.start();
  ledger_.start();
  if (tower_)
    tower_->start();
  if (!spec_.rollout.empty())
    kernel_.spawn_process("rollout", [this] { run_rollout(); });
}

void Factory::start() {
  start_calendar();
  for (auto& s : steps_)
    s->start_failure_clocks();
  for (auto& source : sources_)
    source->start();
  for (std::size_t p = 0; p < products_.size(); ++p)
    if (products_[p].source && products_[p].source->saturated)
      step_group_[products_[p].first_step]->feed_from_saturated_source();

  sampler_.start();
  start_warmup();
}

void Factory::start_warmup() {
  if (spec_.warmup_s > 0) {
    kernel_.spawn_process("warmup", [this] {
      kernel_.sleep_until(spec_.warmup_s);
      kernel_.in_kernel([this] { reset_statistics(); });
    });
  }
}

void Factory::start_from(PlantState state) {
  const auto bad = [](const std::string& what) { throw std::invalid_argument("the plant state " + what); };
  if (!(state.time_s >= 0.0) || !std::isfinite(state.time_s))
    bad("has no valid time");
  std::map<std::pair<std::uint32_t, std::uint32_t>, MachineSnapshot::Work> work;
  for (const MachineSnapshot& m : state.machines)
    work[{m.group, m.machine}] = m.work;
  for (const LotState& lot : state.lots) {
    if (lot.product >= products_.size())
      bad("has lot " + std::to_string(lot.id) + " of a product the scenario does not have");
    if (lot.group >= by_spec_.size() || by_spec_[lot.group] == nullptr)
      bad("puts lot " + std::to_string(lot.id) + " at a station group the scenario does not use");
    const StationGroup& group = *by_spec_[lot.group];
    if (lot.step != sink_step && lot.step >= step_group_.size())
      bad("puts lot " + std::to_string(lot.id) + " at a step the scenario does not have");
    if (lot.place == LotPlace::machine && lot.machine >= group.machine_count())
      bad("puts lot " + std::to_string(lot.id) + " on a machine the scenario does not have");
    if (lot.place != LotPlace::machine &&
        (lot.step == sink_step || step_group_[lot.step] != &group || !group.takes_in_buffer(lot.product)))
      bad("has lot " + std::to_string(lot.id) + " waiting at station group '" + group.name() +
          "', which does not do its step");
    if (lot.place == LotPlace::machine) {
      // A lot in work is at its machine's step; a finished one heads out or to a group that takes it.
      const auto m = work.find({lot.group, lot.machine});
      const bool finished = m != work.end() && m->second == MachineSnapshot::Work::finished;
      const bool fits = finished
                            ? lot.step == sink_step || step_group_[lot.step]->takes_in_buffer(lot.product)
                            : lot.step != sink_step && step_group_[lot.step] == &group;
      if (!fits)
        bad("has lot " + std::to_string(lot.id) + " on a machine of station group '" + group.name() +
            "' at a step it cannot be at there");
    }
  }
  for (const MachineSnapshot& m : state.machines) {
    if (m.group >= by_spec_.size() || by_spec_[m.group] == nullptr ||
        m.machine >= by_spec_[m.group]->machine_count())
      bad("has a machine the scenario does not have (group " + std::to_string(m.group) + ", machine " +
          std::to_string(m.machine) + ")");
    if (m.last_product >= static_cast<std::int32_t>(products_.size()))
      bad("names a product the scenario does not have");
  }
  for (auto& g : steps_)
    g->set_dormant();
  start_calendar();
  const double at = state.time_s;
  restored_ = std::move(state);
  kernel_.schedule_at(at, [this] { restore(restored_); });
  sampler_.start(at);
  start_warmup();
}

void Factory::restore(const PlantState& state) {
  const double now = kernel_.now();
  // Lots go back first to machines (each with the lots it held), then buffers and carriers;
  // only then does anything move, so no lot takes a place the state gives to another.
  // Per station group (the scenario's index), per machine: the lots it holds, its snapshot.
  std::vector<std::vector<std::vector<Lot>>> held(by_spec_.size());
  std::vector<std::vector<const MachineSnapshot*>> snapshot(by_spec_.size());
  for (std::size_t g = 0; g < by_spec_.size(); ++g)
    if (by_spec_[g]) {
      held[g].resize(static_cast<std::size_t>(by_spec_[g]->machine_count()));
      snapshot[g].assign(held[g].size(), nullptr);
    }
  for (const LotState& s : state.lots) {
    next_lot_id_ = std::max(next_lot_id_, s.id + 1);
    if (s.place == LotPlace::machine)
      held[s.group][s.machine].push_back(lot_of(s));
  }
  for (const MachineSnapshot& m : state.machines)
    snapshot[m.group][m.machine] = &m;
  const MachineSnapshot fresh; // idle and up, its failure clocks started afresh
  for (std::size_t g = 0; g < by_spec_.size(); ++g)
    for (std::size_t i = 0; i < held[g].size(); ++i)
      by_spec_[g]->restore_machine(static_cast<std::uint32_t>(i), snapshot[g][i] ? *snapshot[g][i] : fresh,
                                   std::move(held[g][i]));
  // A lot on a carrier is delivered at once: the carrier's trip is not part of the state.
  for (const LotState& s : state.lots)
    if (s.place != LotPlace::machine)
      by_spec_[s.group]->restore_waiting(lot_of(s));
  change_wip(static_cast<std::int64_t>(state.lots.size()));
  for (auto& s : steps_)
    s->settle_after_restore();
  for (auto& source : sources_)
    source->start();
  // The time series' first interval starts here.
  last_sample_s_ = now;
  wip_area_at_last_sample_ = wip_area(now);
  output_at_last_sample_ = context_.flow().output_since_start();
  energy_kws_at_last_sample_ = 0.0;
  for (const auto& step : steps_)
    energy_kws_at_last_sample_ += step->energy_kws(now);
  restored_ = PlantState{};
}

PlantState Factory::capture_state() const {
  PlantState state;
  state.time_s = kernel_.now();
  for (std::size_t g = 0; g < steps_.size(); ++g)
    steps_[g]->capture(spec_index_[g], state.lots, state.machines);
  for (const auto& t : transports_)
    t->capture(spec_index_[t->to().index()], state.lots);
  for (std::size_t p = 0; p < workforce_.pools().size(); ++p)
    state.pools.push_back(PoolState{static_cast<std::uint32_t>(p), workforce_.pools()[p]->on_shift()});
  return state;
}

Lot Factory::new_lot(std::size_t product) {
  change_wip(+1);
  Lot lot{next_lot_id_++, kernel_.now(), kernel_.now()};
  lot.product = static_cast<std::uint32_t>(product);
  lot.step = static_cast<std::uint32_t>(products_[product].first_step);
  context_.observe_lot<ObservationKind::lot_released>(lot, group_index_of(lot.step));
  return lot;
}

void Factory::split(const Lot& lot, std::int64_t n, std::vector<Lot>& out, std::int32_t at_group) {
  lot_left(lot);
  context_.observe_lot<ObservationKind::lot_consumed>(lot, at_group, Observation::none, n);
  const double now = kernel_.now();
  for (std::int64_t k = 0; k < n; ++k) {
    Lot piece = lot;
    piece.id = next_lot_id_++;
    piece.created_s = now;
    change_wip(+1);
    context_.observe_lot<ObservationKind::lot_created>(piece, at_group, Observation::none, 1,
                                                       static_cast<std::int64_t>(lot.id));
    out.push_back(piece);
  }
}

std::int32_t Factory::group_index_of(std::uint32_t step) const {
  return step == sink_step ? Observation::none : step_group_[step]->observed_index();
}

Lot Factory::assemble(std::size_t product, const std::vector<Lot>& parts) {
  const double now = kernel_.now();
  Lot lot{next_lot_id_++, now, now};
  lot.product = static_cast<std::uint32_t>(product);
  lot.step = static_cast<std::uint32_t>(products_[product].first_step);
  for (const Lot& part : parts) {
    lot_left(part); // the parts leave the system as lots of their own ...
    context_.observe_lot<ObservationKind::lot_consumed>(part, group_index_of(lot.step), Observation::none, 0,
                                                        static_cast<std::int64_t>(lot.id));
    lot.entry_s = std::min(lot.entry_s, part.entry_s);
    lot.defective = lot.defective || part.defective; // a defective part makes a defective assembly
    lot.reworked = lot.reworked || part.reworked;
  }
  change_wip(+1); // ... and come back as one
  context_.observe_lot<ObservationKind::lot_created>(lot, group_index_of(lot.step), Observation::none,
                                                     static_cast<std::int64_t>(parts.size()));
  return lot;
}

void Factory::change_wip(std::int64_t delta) {
  const double now = kernel_.now();
  wip_ += delta;
  wip_level_.update(now, static_cast<double>(wip_));
  if (wip_ > spec_.max_wip && failure_.empty()) {
    char buf[256];
    std::snprintf(
        buf, sizeof buf,
        "%lld lots in the system at day %.2f, above max_wip (%lld): the line cannot keep up with its "
        "arrivals (add capacity, lower the arrival rate or bound the first buffer)",
        static_cast<long long>(wip_), now / 86400.0, static_cast<long long>(spec_.max_wip));
    failure_ = buf;
    kernel_.request_stop();
  }
}

void Factory::lot_left(const Lot&) {
  change_wip(-1);
}

void Factory::lot_finished(const Lot& lot) {
  context_.observe_lot<ObservationKind::lot_completed>(lot, Observation::none);
  lot_left(lot);
  if (recovery_ && recovery_step_ == nullptr)
    recovery_->departure(kernel_.now());
}

void Factory::lot_scrapped(const Lot& lot) {
  context_.observe_lot<ObservationKind::lot_scrapped>(lot, group_index_of(lot.step));
  lot_left(lot);
}

void Factory::reset_statistics() {
  const double now = kernel_.now();
  warmup_done_s_ = now;
  wip_area_at_warmup_ = wip_area(now);
  context_.flow().reset();
  context_.recorder().reset(now);
  workforce_.reset_statistics(now);
  ledger_.reset_statistics();
  if (tower_)
    tower_->reset_statistics(now);
  for (auto& s : steps_)
    s->reset_statistics(now);
  for (auto& t : transports_)
    t->reset_statistics(now);
  for (auto& source : sources_)
    source->reset_counts();
}

void Factory::take_sample(double now) {
  const FlowRecorder& flow = context_.flow();
  const double span = now - last_sample_s_;
  const double area = wip_area(now);
  std::int64_t headcount = 0, robots = 0;
  double energy_kws = 0.0;
  for (const auto& pool : workforce_.pools())
    headcount += pool->headcount();
  for (const auto& step : steps_) {
    robots += step->robots();
    energy_kws += step->energy_kws(now);
  }
  SeriesSample s{now,
                 static_cast<double>(flow.output_since_start() - output_at_last_sample_) * 3600.0 / span,
                 (area - wip_area_at_last_sample_) / span,
                 static_cast<double>(headcount),
                 static_cast<double>(ledger_.layoffs_since_start()),
                 static_cast<double>(robots),
                 (energy_kws - energy_kws_at_last_sample_) / span + spec_.energy.base_load_kw,
                 flow.output() > 0 ? total_cost(now) / static_cast<double>(flow.output())
                                   : std::numeric_limits<double>::quiet_NaN(),
                 {}};
  energy_kws_at_last_sample_ = energy_kws;
  for (std::size_t i = 0; i < workforce_.pools().size(); ++i) {
    const WorkerPool& p = *workforce_.pools()[i];
    const PoolLedger& l = ledger_.pool_since_start(i);
    s.pools.push_back({static_cast<double>(p.headcount()), static_cast<double>(p.on_shift()),
                       static_cast<double>(p.available()), static_cast<double>(p.in_training()),
                       static_cast<double>(l.hires), static_cast<double>(l.layoffs),
                       static_cast<double>(l.retrained_out), static_cast<double>(l.reassigned_out)});
  }
  output_at_last_sample_ = flow.output_since_start();
  wip_area_at_last_sample_ = area;
  last_sample_s_ = now;
  if (on_sample_)
    on_sample_(s);
}

double Factory::total_cost(double now_s) const {
  double kwh = spec_.energy.base_load_kw * (now_s - warmup_done_s_) / 3600.0;
  double cost = ledger_.severance_cost() + ledger_.training_cost();
  for (const auto& s : steps_) {
    kwh += s->energy_kwh(now_s);
    cost += s->depreciation(now_s) + s->maintenance(now_s) + s->inspection_cost();
  }
  for (const auto& pool : workforce_.pools())
    cost += pool->wage_bill(now_s);
  return cost + kwh * spec_.energy.price_per_kwh;
}

RunResult Factory::result(double end_s) const {
  RunResult r;
  r.replication = context_.replication();
  r.seed = context_.seed();
  r.measured_s = end_s - warmup_done_s_;
  const double hours = r.measured_s / 3600.0;
  const FlowRecorder& flow = context_.flow();
  r.output = flow.output();
  r.scrap = flow.scrap();
  r.throughput_per_h = hours > 0 ? static_cast<double>(r.output) / hours : 0.0;
  r.lead_time_p50_s = flow.lead_time_quantiles().quantile(0);
  r.lead_time_p90_s = flow.lead_time_quantiles().quantile(1);
  r.lead_time_p95_s = flow.lead_time_quantiles().quantile(2);
  r.lead_time_p99_s = flow.lead_time_quantiles().quantile(3);
  for (const auto& bin : flow.lead_time_quantiles().bins())
    r.lead_time_histogram.push_back({bin.lower, bin.upper, bin.count});
  r.cycle_time_mean_s =
      flow.lead_time_s().count() > 0 ? flow.lead_time_s().mean() : std::numeric_limits<double>::quiet_NaN();
  r.sojourn_mean_all_s = flow.sojourn_all_s().count() > 0 ? flow.sojourn_all_s().mean()
                                                          : std::numeric_limits<double>::quiet_NaN();
  r.wip_mean = r.measured_s > 0 ? (wip_area(end_s) - wip_area_at_warmup_) / r.measured_s : 0.0;
  r.wip_end = wip_;
  for (const auto& source : sources_)
    r.rejected += source->rejected();
  r.output_cells = r.output_kwh = 0.0;
  for (std::size_t p = 0; p < products_.size(); ++p) {
    const FlowRecorder::Product& c = flow.product(p);
    r.products.push_back({products_[p].name, c.released, c.output, c.consumed, c.scrap, products_[p].cells,
                          products_[p].energy_kwh, c.lead_time_s.mean(), c.lead_time_quantiles.quantile(0),
                          c.lead_time_quantiles.quantile(1), c.lead_time_quantiles.quantile(2),
                          c.lead_time_quantiles.quantile(3)});
    if (c.output > 0) { // a product without a unit makes the totals NaN: they would be wrong
      r.output_cells += static_cast<double>(c.output) * products_[p].cells;
      r.output_kwh += static_cast<double>(c.output) * products_[p].energy_kwh;
    }
  }
  r.events = kernel_.events_fired();
  double per_lot_inspection = 0.0; // currency, not yet in any other cost
  r.state_changes = context_.recorder().total_changes();
  for (const auto& s : steps_) {
    StationResult st;
    st.name = s->name();
    st.machines = s->machine_count();
    double t[machine_state_count] = {};
    for (std::int64_t i = 0; i < st.machines; ++i)
      for (std::uint8_t k = 0; k < machine_state_count; ++k)
        t[k] += context_.recorder().time_in(s->machine(static_cast<std::size_t>(i)).entity(), k, end_s);
    const double total = static_cast<double>(st.machines) * r.measured_s;
    auto frac = [&](MachineState state) { return total > 0 ? t[index(state)] / total : 0.0; };
    st.utilization = frac(MachineState::busy);
    st.setup = frac(MachineState::setup);
    st.blocked = frac(MachineState::blocked);
    st.starved = frac(MachineState::idle);
    st.down = frac(MachineState::down);
    st.waiting_operator = frac(MachineState::waiting_operator);
    st.off_shift = frac(MachineState::off_shift);
    st.halted = frac(MachineState::halted);
    st.mode = std::string(mode_name(s->mode().spec().mode));
    st.robots = s->robots();
    st.robot_failures = s->robot_failures();
    st.energy_kwh = s->energy_kwh(end_s);
    r.energy_kwh += st.energy_kwh;
    st.defects = s->defects();
    st.inspected = s->inspected();
    st.rejected_defective = s->rejected_defective();
    st.rejected_good = s->rejected_good();
    st.passed_defective = s->passed_defective();
    st.rework = s->rework();
    st.matching_wait_mean = s->matching_wait_mean();
    st.changeovers = s->changeovers();
    r.rework += st.rework;
    const auto& modes = s->spec().modes;
    if (std::any_of(modes.begin(), modes.end(),
                    [](const scenario::ModeSpec& m) { return m.inspection.has_value(); }))
      r.inspection_cost +=
          s->inspection_cost() + s->depreciation(end_s) + s->maintenance(end_s) + s->operator_cost(end_s);
    per_lot_inspection += s->inspection_cost();
    r.robots += st.robots;
    r.capital_spent += s->capital_spent();
    r.depreciation_cost += s->depreciation(end_s);
    r.maintenance_cost += s->maintenance(end_s);
    st.output = s->output();
    st.scrap = s->scrap();
    st.buffer_mean = s->buffer_mean(end_s);
    const FlowRecorder::Station& waits = flow.station(s->index());
    st.wait_mean = waits.wait_s.mean();
    st.time_at_step_mean = waits.time_at_step_s.mean();
    st.waiting_probability = waits.waiting_probability();
    st.all_busy = s->all_busy_fraction(end_s);
    st.time_at_step_p50 = waits.time_at_step_quantiles.quantile(0);
    st.time_at_step_p90 = waits.time_at_step_quantiles.quantile(1);
    st.time_at_step_p95 = waits.time_at_step_quantiles.quantile(2);
    st.time_at_step_p99 = waits.time_at_step_quantiles.quantile(3);
    r.stations.push_back(st);
    for (auto& p : s->part_buffers(end_s, products_))
      r.part_buffers.push_back(std::move(p));
  }
  for (const auto& t : transports_)
    r.transports.push_back(t->result(end_s));
  for (const auto& pool : workforce_.pools()) {
    PoolResult p;
    p.name = pool->spec().name;
    p.headcount = pool->headcount();
    p.paid_hours = pool->paid_hours(end_s);
    p.worked_hours = pool->worked_hours(end_s);
    p.labour_cost = pool->wage_bill(end_s);
    r.headcount_end += p.headcount;
    r.labour_hours += p.paid_hours;
    r.labour_cost += p.labour_cost;
    r.pools.push_back(p);
  }
  r.layoffs_total = ledger_.layoffs_total();
  r.hires_total = ledger_.hires_total();
  r.reassigned_total = ledger_.reassigned_total();
  r.retrained_total = ledger_.retrained_total();
  r.attrition_total = ledger_.attrition_total();
  r.severance_cost = ledger_.severance_cost();
  r.training_cost = ledger_.training_cost();
  for (std::size_t i = 0; i < r.pools.size(); ++i) {
    const auto& l = ledger_.pool(i);
    auto& p = r.pools[i];
    p.headcount_start = l.start;
    p.hires = l.hires;
    p.layoffs = l.layoffs;
    p.attrition = l.attrition;
    p.moved_in = l.moved_in;
    p.moved_out = l.moved_out;
    p.reassigned_out = l.reassigned_out;
    p.retrained_out = l.retrained_out;
    p.in_training = workforce_.pools()[i]->in_training();
    p.overtime_hours = workforce_.pools()[i]->overtime_hours();
    p.night_hours = workforce_.pools()[i]->night_hours();
    p.demand_overtime_hours = workforce_.pools()[i]->demand_overtime_hours();
    p.max_week_hours = workforce_.pools()[i]->max_week_hours();
  }
  r.energy_kwh += spec_.energy.base_load_kw * r.measured_s / 3600.0;
  r.energy_cost = r.energy_kwh * spec_.energy.price_per_kwh;
  // First-pass yield in units of what leaves through the sink: products nobody consumes.
  std::int64_t final_scrap = 0;
  for (std::size_t p = 0; p < products_.size(); ++p)
    if (!products_[p].consumer)
      final_scrap += flow.product(p).scrap;
  const double left = static_cast<double>(r.output + final_scrap);
  r.first_pass_yield =
      left > 0 ? static_cast<double>(flow.first_pass()) / left : std::numeric_limits<double>::quiet_NaN();
  r.escaped = flow.escaped();
  r.escaped_dpm = r.output > 0 ? 1e6 * static_cast<double>(flow.escaped()) / static_cast<double>(r.output)
                               : std::numeric_limits<double>::quiet_NaN();
  r.energy_per_kwh =
      r.output_kwh > 0 ? r.energy_kwh / r.output_kwh : std::numeric_limits<double>::quiet_NaN();
  r.kwh_per_unit =
      r.output > 0 ? r.energy_kwh / static_cast<double>(r.output) : std::numeric_limits<double>::quiet_NaN();
  r.operating_cost = r.labour_cost + r.maintenance_cost + r.severance_cost + r.training_cost + r.energy_cost +
                     per_lot_inspection;
  r.payback_years = std::numeric_limits<double>::quiet_NaN();
  r.total_cost = total_cost(end_s);
  r.cost_per_unit =
      r.output > 0 ? r.total_cost / static_cast<double>(r.output) : std::numeric_limits<double>::quiet_NaN();
  r.labour_share = r.total_cost > 0 ? r.labour_cost / r.total_cost : std::numeric_limits<double>::quiet_NaN();
  if (tower_) {
    r.outages = tower_->outages();
    r.outage_hours = tower_->downtime_hours(end_s);
    r.outage_log = recovery_->records(end_s);
  }
  r.time_to_recover_mean_h = std::numeric_limits<double>::quiet_NaN();
  double recovered_s = 0.0;
  int recovered = 0;
  for (const auto& o : r.outage_log)
    if (o.start_s >= warmup_done_s_ && !std::isnan(o.time_to_recover_s)) {
      recovered_s += o.time_to_recover_s;
      ++recovered;
    }
  if (recovered > 0)
    r.time_to_recover_mean_h = recovered_s / recovered / 3600.0;
  r.lost_output = std::numeric_limits<double>::quiet_NaN();
  return r;
}

} // namespace gigatwin::plant
