#include "plant/RunResult.hpp"

#include <cstring>
#include <stdexcept>
#include <type_traits>

namespace gigatwin::plant {

const std::vector<StationColumn>& station_columns() {
  using S = StationResult;
  static const std::vector<StationColumn> columns = {
      {"name", "", "station group name", &S::name},
      {"machines", "machines", "parallel machines in the group", &S::machines},
      {"utilization", "1", "fraction of machine time processing lots", &S::utilization},
      {"setup", "1", "fraction of machine time in setup", &S::setup},
      {"blocked", "1", "fraction of machine time holding a finished lot with no room downstream",
       &S::blocked},
      {"starved", "1", "fraction of machine time idle with nothing to work on", &S::starved},
      {"down", "1", "fraction of machine time broken down or under repair", &S::down},
      {"waiting_operator", "1",
       "fraction of machine time with work but without the workers it needs (some on shift)",
       &S::waiting_operator},
      {"off_shift", "1", "fraction of machine time with work while no worker with the skill is on shift",
       &S::off_shift},
      {"halted", "1", "fraction of machine time stopped by a control-tower outage", &S::halted},
      {"mode", "", "automation mode at the end of the run: manual, robotic or hybrid", &S::mode},
      {"robots", "robots", "robots in the group at the end of the run", &S::robots},
      {"robot_failures", "failures", "robot breakdowns in the measurement period", &S::robot_failures},
      {"energy_kwh", "kWh", "electric energy drawn by the group's machines", &S::energy_kwh},
      {"defects", "lots", "lots that became defective at this step", &S::defects},
      {"inspected", "lots", "lots this group's inspection judged", &S::inspected},
      {"rejected_defective", "lots", "defective lots rejected (true rejects)", &S::rejected_defective},
      {"rejected_good", "lots", "good lots rejected (false rejects)", &S::rejected_good},
      {"passed_defective", "lots", "defective lots let through (misses)", &S::passed_defective},
      {"rework", "lots", "rejected lots sent back for rework", &S::rework},
      {"matching_wait_mean", "s",
       "assembly steps: mean time a part waited in its input buffer for the rest of its kit (NaN otherwise)",
       &S::matching_wait_mean},
      {"changeovers", "changeovers", "setups for a change of product", &S::changeovers},
      {"output", "lots", "good lots finished at this step", &S::output},
      {"scrap", "lots", "lots scrapped at this step", &S::scrap},
      {"buffer_mean", "lots",
       "time-average lots waiting in the step's input buffer: the queue length (an assembly: all its part "
       "buffers)",
       &S::buffer_mean},
      {"wait_mean", "s",
       "mean wait in queue: from a lot's arrival at the step to a machine taking it (NaN: none started)",
       &S::wait_mean},
      {"time_at_step_mean", "s",
       "mean time at the step: arrival to being passed on, setup, processing and blocking included",
       &S::time_at_step_mean},
      {"waiting_probability", "1",
       "probability that an arriving lot finds no idle machine and waits (an assembly's parts and a batch "
       "group's lots always wait)",
       &S::waiting_probability},
      {"all_busy", "1", "fraction of time no machine of the group was idle", &S::all_busy},
      {"time_at_step_p50", "s", "median time at the step (histogram estimate, within 0.8 %)",
       &S::time_at_step_p50},
      {"time_at_step_p90", "s", "90th percentile of the time at the step", &S::time_at_step_p90},
      {"time_at_step_p95", "s", "95th percentile of the time at the step", &S::time_at_step_p95},
      {"time_at_step_p99", "s", "99th percentile of the time at the step", &S::time_at_step_p99},
  };
  return columns;
}

namespace {
class Writer {
public:
  template <class T> void put(const T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    out_.append(reinterpret_cast<const char*>(&v), sizeof(T));
  }
  void put(const std::string& s) {
    put(static_cast<std::uint64_t>(s.size()));
    out_ += s;
  }
  std::string out_;
};

class Reader {
public:
  explicit Reader(const std::string& in) : in_(in) {}
  template <class T> void get(T& v) {
    static_assert(std::is_trivially_copyable_v<T>);
    need(sizeof(T));
    std::memcpy(&v, in_.data() + pos_, sizeof(T));
    pos_ += sizeof(T);
  }
  void get(std::string& s) {
    std::uint64_t n = 0;
    get(n);
    need(n);
    s.assign(in_, pos_, n);
    pos_ += n;
  }

  bool at_end() const { return pos_ == in_.size(); }

private:
  void need(std::size_t n) const {
    if (pos_ + n > in_.size())
      throw std::runtime_error("truncated run result from a replication process");
  }
  const std::string& in_;
  std::size_t pos_ = 0;
};

// One field list for both directions, so encode and decode cannot drift apart.
template <class IO, class R> void fields(IO& io, R& r) {
  io.get_or_put(r.replication, r.seed, r.throughput_per_h, r.cycle_time_mean_s, r.wip_mean, r.output, r.scrap,
                r.rejected, r.sojourn_mean_all_s, r.wip_end, r.measured_s, r.events, r.state_changes,
                r.wall_s, r.headcount_end, r.labour_hours, r.labour_cost, r.robots, r.capital_spent,
                r.depreciation_cost, r.maintenance_cost, r.total_cost, r.cost_per_unit, r.outages,
                r.outage_hours, r.lost_output, r.layoffs_total, r.hires_total, r.reassigned_total,
                r.retrained_total, r.severance_cost, r.training_cost, r.operating_cost, r.payback_years,
                r.attrition_total, r.time_to_recover_mean_h, r.labour_share, r.energy_kwh, r.kwh_per_unit,
                r.energy_cost, r.first_pass_yield, r.rework, r.escaped, r.escaped_dpm, r.inspection_cost,
                r.output_cells, r.output_kwh, r.energy_per_kwh, r.lead_time_p50_s, r.lead_time_p90_s,
                r.lead_time_p95_s, r.lead_time_p99_s);
}

template <class IO, class S> void station_fields(IO& io, S& s) {
  for (const StationColumn& c : station_columns())
    std::visit([&](auto member) { io.get_or_put(s.*member); }, c.member);
}

template <class IO, class T> void transport_fields(IO& io, T& t) {
  io.get_or_put(t.to, t.kind, t.carriers, t.lots_per_trip, t.trips, t.lots_moved, t.moving,
                t.waiting_to_unload, t.halted, t.idle, t.in_transit_mean);
}

template <class IO, class P> void part_buffer_fields(IO& io, P& p) {
  io.get_or_put(p.station_group, p.part, p.quantity, p.buffer_mean, p.matching_wait_mean);
}

template <class IO, class P> void product_fields(IO& io, P& p) {
  io.get_or_put(p.name, p.released, p.output, p.consumed, p.scrap, p.cells, p.energy_kwh, p.cycle_time_mean,
                p.lead_time_p50, p.lead_time_p90, p.lead_time_p95, p.lead_time_p99);
}

template <class IO, class B> void bin_fields(IO& io, B& b) {
  io.get_or_put(b.lower, b.upper, b.lots);
}

template <class IO, class O> void outage_fields(IO& io, O& o) {
  io.get_or_put(o.start_s, o.end_s, o.reference_per_h, o.time_to_recover_s);
}

template <class IO, class P> void pool_fields(IO& io, P& p) {
  io.get_or_put(p.name, p.headcount, p.headcount_start, p.hires, p.layoffs, p.attrition, p.moved_in,
                p.moved_out, p.reassigned_out, p.retrained_out, p.in_training, p.overtime_hours,
                p.night_hours, p.demand_overtime_hours, p.max_week_hours, p.paid_hours, p.worked_hours,
                p.labour_cost);
}

struct Encoder : Writer {
  template <class... T> void get_or_put(const T&... v) { (put(v), ...); }
};
struct Decoder : Reader {
  using Reader::Reader;
  template <class... T> void get_or_put(T&... v) { (get(v), ...); }
};
} // namespace

namespace {
template <class T, class Fields> void put_list(Encoder& e, const std::vector<T>& items, Fields fields) {
  e.put(static_cast<std::uint64_t>(items.size()));
  for (const auto& item : items)
    fields(e, item);
}

template <class T, class Fields> void get_list(Decoder& d, std::vector<T>& items, Fields fields) {
  std::uint64_t n = 0;
  d.get(n);
  if (n > 100'000'000) // more rows than a run can have: the bytes are not a run result
    throw std::runtime_error("corrupt run result from a replication process");
  items.resize(n);
  for (auto& item : items)
    fields(d, item);
}
} // namespace

std::string RunResult::encode() const {
  Encoder e;
  fields(e, *this);
  put_list(e, stations, [](Encoder& io, const StationResult& s) { station_fields(io, s); });
  put_list(e, pools, [](Encoder& io, const PoolResult& p) { pool_fields(io, p); });
  put_list(e, transports, [](Encoder& io, const TransportResult& t) { transport_fields(io, t); });
  put_list(e, part_buffers, [](Encoder& io, const PartBufferResult& p) { part_buffer_fields(io, p); });
  put_list(e, outage_log, [](Encoder& io, const OutageRecord& o) { outage_fields(io, o); });
  put_list(e, products, [](Encoder& io, const ProductResult& p) { product_fields(io, p); });
  put_list(e, lead_time_histogram, [](Encoder& io, const LeadTimeBin& b) { bin_fields(io, b); });
  return e.out_;
}

RunResult RunResult::decode(const std::string& bytes) {
  Decoder d(bytes);
  RunResult r;
  fields(d, r);
  get_list(d, r.stations, [](Decoder& io, StationResult& s) { station_fields(io, s); });
  get_list(d, r.pools, [](Decoder& io, PoolResult& p) { pool_fields(io, p); });
  get_list(d, r.transports, [](Decoder& io, TransportResult& t) { transport_fields(io, t); });
  get_list(d, r.part_buffers, [](Decoder& io, PartBufferResult& p) { part_buffer_fields(io, p); });
  get_list(d, r.outage_log, [](Decoder& io, OutageRecord& o) { outage_fields(io, o); });
  get_list(d, r.products, [](Decoder& io, ProductResult& p) { product_fields(io, p); });
  get_list(d, r.lead_time_histogram, [](Decoder& io, LeadTimeBin& b) { bin_fields(io, b); });
  if (!d.at_end())
    throw std::runtime_error("run result with trailing bytes (another version of GigaTwin?)");
  return r;
}

} // namespace gigatwin::plant
