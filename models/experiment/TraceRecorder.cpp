#include "experiment/TraceRecorder.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace gigatwin::experiment {

namespace {
using results::Column;
using results::ColumnType;
using results::Table;

std::int64_t wide(std::int32_t id) {
  return static_cast<std::int64_t>(id);
}

// What each kind means, one line each (docs/EVENTS.md has the whole story).
constexpr std::array<const char*, plant::observation_kind_count> kind_descriptions = {
    "a lot entered the line from its source (a saturated source: when its first machine takes it)",
    "a lot arrived at a step; count 1: it waits in the buffer, 0: straight onto a machine",
    "a machine took the lot: its wait at the step ends",
    "the lot was processed and judged good at its step",
    "the finished lot cannot move on: it stays on its machine",
    "the lot was passed on; step: where it heads (-1: out of the line)",
    "the lot left the line as good output",
    "the lot left the line as scrap",
    "an inspection rejected the lot; step: where it is reworked",
    "the lot left the line into a split (count: lots made of it) or an assembly (related_lot: the lot made)",
    "a split or an assembly made the lot; count: lots it was made of; related_lot: the lot split",
    "a machine changed state (every machine is idle at time 0)",
    "the workers of a pool on shift changed to count",
    "a machine took count workers of a pool",
    "count workers of a pool went back from a machine",
    "a carrier (machine: its index in the transport) left for step with count lots",
    "a carrier reached step with count lots"};
} // namespace

const std::vector<Column>& trace_event_columns() {
  static const std::vector<Column> columns = {
      {"time", ColumnType::float64, "s", "simulated time of the event"},
      {"kind", ColumnType::int64, "", "what happened: a row of trace/kinds"},
      {"lot", ColumnType::int64, "", "the lot's id, unique in the run (-1: none)"},
      {"product", ColumnType::int64, "", "the lot's product: a row of trace/products (-1: none)"},
      {"step", ColumnType::int64, "", "a row of trace/steps (-1: none)"},
      {"group", ColumnType::int64, "", "the station group: a row of trace/station_groups (-1: none)"},
      {"machine", ColumnType::int64, "",
       "a row of trace/machines; for carrier events the carrier's index in its transport (-1: none)"},
      {"state", ColumnType::int64, "", "machine_state events: a row of trace/machine_states (-1: none)"},
      {"pool", ColumnType::int64, "", "the worker pool: a row of trace/pools (-1: none)"},
      {"count", ColumnType::int64, "", "lots or workers, as the kind says"},
      {"related_lot", ColumnType::int64, "",
       "lot_consumed by an assembly: the lot it went into; lot_created by a split: the lot split (-1: none)"},
  };
  return columns;
}

TraceRecorder::TraceRecorder(results::ResultsWriter& part, const std::string& run_group, const plant::Factory& factory,
                             const scenario::TraceSpec& filter)
    : part_(part), group_(run_group + "/trace"), factory_(factory), filter_(filter),
      // Stored narrow where the values allow: kind and state in 1 byte, the indexes in 4, lots in 8.
      events_(part.open_table_stream(group_ + "/events", "every event of the run the trace filter kept, in time order",
                                     trace_event_columns(), 8192, {8, 1, 8, 4, 4, 4, 4, 1, 4, 8, 8})),
      row_(trace_event_columns().size()) {
  for (std::size_t k = 0; k < plant::observation_kind_count; ++k)
    kinds_[k] = filter.kinds.empty() || std::find(filter.kinds.begin(), filter.kinds.end(),
                                                  std::string(plant::observation_kind_names[k])) != filter.kinds.end();
  if (!filter.station_groups.empty())
    for (const auto& g : factory.steps())
      station_groups_.push_back(std::find(filter.station_groups.begin(), filter.station_groups.end(), g->name()) !=
                                filter.station_groups.end());
}

void TraceRecorder::observe(const plant::Observation& o) {
  if (!failure_.empty() || !kinds_[static_cast<std::size_t>(o.kind)] || o.time_s < filter_.from_s || o.time_s > filter_.to_s)
    return;
  if (!station_groups_.empty() &&
      (o.group < 0 || !station_groups_[static_cast<std::size_t>(o.group)]))
    return;
  row_[0] = o.time_s;
  row_[1] = static_cast<std::int64_t>(o.kind);
  row_[2] = o.lot;
  row_[3] = wide(o.product);
  row_[4] = wide(o.step);
  row_[5] = wide(o.group);
  row_[6] = wide(o.machine);
  row_[7] = wide(o.state);
  row_[8] = wide(o.pool);
  row_[9] = o.count;
  row_[10] = o.related_lot;
  try {
    events_.append(row_);
  } catch (const std::exception& e) {
    failure_ = std::string("cannot write the event trace: ") + e.what();
  }
}

void TraceRecorder::finish() {
  events_.close();
  const auto names_table = [](const std::string& description, const char* what) {
    Table t;
    t.description = description;
    t.columns = {{"index", ColumnType::int64, "", "the id the events use"},
                 {"name", ColumnType::string, "", what}};
    return t;
  };
  Table kinds = names_table("the kinds of events (column kind of trace/events)", "the kind's name");
  kinds.columns.push_back({"description", ColumnType::string, "", "what it means"});
  for (std::size_t k = 0; k < plant::observation_kind_count; ++k)
    kinds.rows.push_back({static_cast<std::int64_t>(k), std::string(plant::observation_kind_names[k]),
                          std::string(kind_descriptions[k])});
  part_.write_table(group_ + "/kinds", kinds);

  Table states = names_table("the states of a machine (column state of trace/events)", "the state's name");
  for (std::size_t s = 0; s < plant::machine_state_count; ++s)
    states.rows.push_back({static_cast<std::int64_t>(s), std::string(plant::machine_state_names[s])});
  part_.write_table(group_ + "/machine_states", states);

  Table groups = names_table("the station groups (column group of trace/events)", "the station group's name");
  Table machines = names_table("the machines (column machine of trace/events)", "<station group>/<number in it>");
  machines.columns.push_back({"group", ColumnType::int64, "", "its station group"});
  for (const auto& g : factory_.steps()) {
    groups.rows.push_back({static_cast<std::int64_t>(g->index()), g->name()});
    for (std::int64_t i = 0; i < g->machine_count(); ++i) {
      const plant::Machine& m = g->machine(static_cast<std::size_t>(i));
      machines.rows.push_back({static_cast<std::int64_t>(m.machine_id()), g->name() + "/" + std::to_string(i),
                               static_cast<std::int64_t>(g->index())});
    }
  }
  part_.write_table(group_ + "/station_groups", groups);
  part_.write_table(group_ + "/machines", machines);

  const scenario::ScenarioSpec& spec = factory_.spec();
  Table products = names_table("the products (column product of trace/events)", "the product's name");
  if (spec.products.empty())
    products.rows.push_back({std::int64_t{0}, spec.product});
  for (std::size_t p = 0; p < spec.products.size(); ++p)
    products.rows.push_back({static_cast<std::int64_t>(p), spec.products[p].name});
  part_.write_table(group_ + "/products", products);

  Table steps = names_table("the steps of the routings (column step of trace/events)",
                            "<product>/<station group>: the step");
  steps.columns.push_back({"product", ColumnType::int64, "", "the product whose routing it is part of"});
  steps.columns.push_back({"group", ColumnType::int64, "", "the station group doing it"});
  for (std::size_t s = 0; s < spec.steps.size(); ++s) {
    const plant::StationGroup& g = factory_.group_of_step(s);
    const std::size_t product = spec.steps[s].product;
    const std::string product_name = spec.products.empty() ? spec.product : spec.products[product].name;
    steps.rows.push_back({static_cast<std::int64_t>(s), product_name + "/" + g.name(),
                          static_cast<std::int64_t>(product), static_cast<std::int64_t>(g.index())});
  }
  part_.write_table(group_ + "/steps", steps);

  Table pools = names_table("the worker pools (column pool of trace/events)", "the pool's name");
  for (std::size_t p = 0; p < spec.worker_pools.size(); ++p)
    pools.rows.push_back({static_cast<std::int64_t>(p), spec.worker_pools[p].name});
  part_.write_table(group_ + "/pools", pools);

  part_.set_attribute(group_, "events", static_cast<std::int64_t>(events_.size()));
  part_.set_attribute(group_, "from_s", filter_.from_s);
  part_.set_attribute(group_, "to_s", std::isinf(filter_.to_s) ? factory_.horizon() : filter_.to_s);
  std::string kinds_kept, groups_kept;
  for (const auto& k : filter_.kinds)
    kinds_kept += (kinds_kept.empty() ? "" : ",") + k;
  for (const auto& g : filter_.station_groups)
    groups_kept += (groups_kept.empty() ? "" : ",") + g;
  part_.set_attribute(group_, "kinds", kinds_kept.empty() ? std::string("all") : kinds_kept);
  part_.set_attribute(group_, "station_groups", groups_kept.empty() ? std::string("all") : groups_kept);
}

} // namespace gigatwin::experiment
