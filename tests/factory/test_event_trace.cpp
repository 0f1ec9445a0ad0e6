// The event trace agrees with the KPIs of the same run: every count and time a KPI reports is
// recomputed here from the trace alone (docs/EVENTS.md is all this file assumes about it), on a
// plant that has every kind of event — a split, scrap, an inspection with rework, an AGV
// transport, operators on shifts, breakdowns and an assembly of two products.

#include "LineBuilder.hpp"

#include "results/ResultsReader.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <algorithm>
#include <map>
#include <set>

using namespace gigatwin;
using namespace gigatwin::test;

namespace {

const std::string plant = R"(schema: 1
name: traced plant
horizon: 6d
warmup: 1d
seed: 11
source: {rate: 20/h}
calendars:
  - name: two_shifts
    shifts: [{start: 6h, length: 8h}, {start: 14h, length: 8h}]
    days: [mon, tue, wed, thu, fri, sat, sun]
    crews: 2
worker_pools:
  - {name: operators, skills: [operate], headcount: 6, calendar: two_shifts, wage: 30 USD/h}
station_groups:
  - name: slit
    machines: 2
    process_time: {dist: exponential, mean: 4min}
    failures: {time_to_failure: {dist: exponential, mean: 10h}, time_to_repair: {dist: exponential, mean: 30min}}
  - {name: wind, machines: 3, process_time: {dist: exponential, mean: 2min}, operators: {skill: operate, count: 1}}
  - {name: check, machines: 1, process_time: 20s, inspection: {method: human, detection: 0.9}}
  - {name: housings, machines: 1, process_time: 4min}
  - {name: pack, machines: 1, process_time: 2min}
routing:
  product: cell
  steps:
    - {station_group: slit, split: 2, scrap: 0.02}
    - {station_group: wind, defects: 0.05, transport: {type: agv, count: 2, capacity: 2, travel_time: 3min, return_time: 2min}}
    - {station_group: check, reject: {rework: wind}}
products:
  - name: housing
    source: {rate: 12/h}
    steps: [{station_group: housings}]
  - name: module
    parts: {cell: 4, housing: 1}
    steps: [{station_group: pack}]
)";

struct Event {
  double time;
  std::string kind;
  std::int64_t lot, product, step, group, machine, state, pool, count, related_lot;
};

struct Trace {
  std::vector<Event> events;
  std::vector<std::string> groups;   // by index
  std::vector<std::string> states;   // by index
  std::map<std::int64_t, std::int64_t> machine_group;
};

std::vector<std::string> names(const results::Table& t) {
  std::vector<std::string> out;
  for (std::size_t r = 0; r < t.rows.size(); ++r) {
    REQUIRE(results::number_at(t, r, "index") == static_cast<double>(r));
    out.push_back(results::text_at(t, r, "name"));
  }
  return out;
}

/// Reads the trace a slice at a time, as a program reading a long trace would.
Trace read_trace(const std::string& path) {
  const results::ResultsReader file(path);
  const std::string run = "/runs/p0000-r0000/trace";
  Trace trace;
  const std::vector<std::string> kinds = names(file.read_table(run + "/kinds"));
  trace.groups = names(file.read_table(run + "/station_groups"));
  trace.states = names(file.read_table(run + "/machine_states"));
  const results::Table machines = file.read_table(run + "/machines");
  for (std::size_t r = 0; r < machines.rows.size(); ++r)
    trace.machine_group[static_cast<std::int64_t>(results::number_at(machines, r, "index"))] =
        static_cast<std::int64_t>(results::number_at(machines, r, "group"));
  const std::size_t rows = file.table_rows(run + "/events");
  const std::size_t slice = 5000;
  for (std::size_t first = 0; first < rows; first += slice) {
    const results::Table t = file.read_table_rows(run + "/events", first, slice);
    REQUIRE(t.rows.size() == std::min(slice, rows - first));
    for (const auto& row : t.rows) {
      const auto i = [&](std::size_t c) { return std::get<std::int64_t>(row[c]); };
      trace.events.push_back({std::get<double>(row[0]), kinds.at(static_cast<std::size_t>(i(1))), i(2), i(3),
                              i(4), i(5), i(6), i(7), i(8), i(9), i(10)});
    }
  }
  REQUIRE(static_cast<std::int64_t>(rows) == file.attribute_int(run, "events"));
  return trace;
}

LineBuilder traced(const std::string& trace_key) {
  LineBuilder line(1);
  line.spec_for_test() = scenario::load_scenario_text(plant + trace_key, "t.yaml");
  return line;
}

bool in(const std::string& kind, std::initializer_list<const char*> kinds) {
  return std::any_of(kinds.begin(), kinds.end(), [&](const char* k) { return kind == k; });
}

} // namespace

TEST_CASE("the event trace agrees with the KPIs of its run", "[trace]") {
  TempResultsFile out("trace");
  const LineBuilder line = traced("trace: true\n");
  const plant::RunResult r = line.run(0, out.path.string());
  const Trace trace = read_trace(out.path.string());
  const double warmup = line.spec().warmup_s, horizon = line.spec().horizon_s;
  REQUIRE(trace.events.size() > 10000);

  // In time order, inside the run.
  for (std::size_t k = 1; k < trace.events.size(); ++k)
    REQUIRE(trace.events[k - 1].time <= trace.events[k].time);
  CHECK(trace.events.back().time <= horizon);

  std::map<std::string, std::int64_t> measured; // events of each kind in the measurement period
  for (const Event& e : trace.events)
    if (e.time >= warmup)
      ++measured[e.kind];
  CHECK(measured["lot_completed"] == r.output);
  CHECK(measured["lot_scrapped"] == r.scrap);
  CHECK(measured["carrier_departed"] == r.transports.at(0).trips);
  REQUIRE(r.output > 500);
  REQUIRE(r.scrap > 10);

  // Every lot that enters leaves, or is in the WIP at the end; its first event is its entry.
  std::map<std::int64_t, const Event*> first, last;
  for (const Event& e : trace.events) {
    if (e.lot < 0)
      continue;
    first.emplace(e.lot, &e);
    last[e.lot] = &e;
  }
  std::int64_t still_in = 0;
  for (const auto& [lot, e] : first) {
    INFO("lot " << lot << " starts with " << e->kind);
    CHECK(in(e->kind, {"lot_released", "lot_created"}));
    if (!in(last[lot]->kind, {"lot_completed", "lot_scrapped", "lot_consumed"}))
      ++still_in;
  }
  CHECK(still_in == r.wip_end);
  std::int64_t entered = 0, left = 0;
  for (const Event& e : trace.events) {
    entered += in(e.kind, {"lot_released", "lot_created"}) ? 1 : 0;
    left += in(e.kind, {"lot_completed", "lot_scrapped", "lot_consumed"}) ? 1 : 0;
  }
  CHECK(entered - left == r.wip_end);

  // Per station group: output, busy time from the state changes, and the mean wait.
  const auto busy = static_cast<std::int64_t>(
      std::find(trace.states.begin(), trace.states.end(), "busy") - trace.states.begin());
  REQUIRE(busy < static_cast<std::int64_t>(trace.states.size()));
  std::map<std::int64_t, std::pair<std::int64_t, double>> machine_state; // machine -> (state, since)
  for (const auto& [m, g] : trace.machine_group)
    machine_state[m] = {0, 0.0}; // every machine is idle at time 0 (docs/EVENTS.md)
  std::vector<double> busy_s(trace.groups.size(), 0.0);
  const auto account = [&](std::int64_t m, double until) {
    auto& [state, since] = machine_state[m];
    if (state == busy)
      busy_s[static_cast<std::size_t>(trace.machine_group.at(m))] += std::max(0.0, until - std::max(since, warmup));
  };
  std::vector<std::int64_t> finished(trace.groups.size(), 0);
  std::map<std::pair<std::int64_t, std::int64_t>, double> arrived; // (lot, group) -> time
  std::vector<double> wait_sum(trace.groups.size(), 0.0);
  std::vector<std::int64_t> waits(trace.groups.size(), 0);
  for (const Event& e : trace.events) {
    if (e.kind == "machine_state") {
      REQUIRE(e.state != machine_state[e.machine].first); // an event says the state changed
      account(e.machine, e.time);
      machine_state[e.machine] = {e.state, e.time};
    } else if (e.kind == "lot_finished" && e.time >= warmup) {
      ++finished[static_cast<std::size_t>(e.group)];
    } else if (e.kind == "lot_arrived") {
      arrived[{e.lot, e.group}] = e.time;
    } else if (e.kind == "lot_consumed" && e.related_lot >= 0) {
      // An assembled lot is at its step since the oldest of its parts arrived there.
      const double part_arrived = arrived.at({e.lot, e.group});
      const auto [at, fresh] = arrived.emplace(std::make_pair(e.related_lot, e.group), part_arrived);
      if (!fresh)
        at->second = std::min(at->second, part_arrived);
    } else if (e.kind == "lot_started" && e.time >= warmup) {
      wait_sum[static_cast<std::size_t>(e.group)] += e.time - arrived.at({e.lot, e.group});
      ++waits[static_cast<std::size_t>(e.group)];
    }
  }
  for (const auto& [m, g] : trace.machine_group)
    account(m, horizon);
  REQUIRE(r.stations.size() == trace.groups.size());
  for (std::size_t g = 0; g < trace.groups.size(); ++g) {
    const plant::StationResult& s = r.stations[g];
    INFO("station group " << s.name);
    CHECK(s.name == trace.groups[g]);
    CHECK(finished[g] == s.output);
    CHECK(busy_s[g] == Approx(s.utilization * static_cast<double>(s.machines) * (horizon - warmup)).epsilon(1e-9));
    CHECK(wait_sum[g] / static_cast<double>(waits[g]) == Approx(s.wait_mean).epsilon(1e-9));
  }

  // Workers: a pool never gives back more than its machines hold.
  std::int64_t held = 0;
  for (const Event& e : trace.events) {
    held += e.kind == "workers_held" ? e.count : e.kind == "workers_released" ? -e.count : 0;
    REQUIRE(held >= 0);
  }
  CHECK(measured["workers_held"] > 0);
  CHECK(measured["workers_on_shift"] > 0);
}

TEST_CASE("the trace's filter keeps exactly the events it names, and tracing changes no KPI", "[trace]") {
  TempResultsFile all("trace-all"), some("trace-some");
  const plant::RunResult untraced = traced("").run(0);
  const plant::RunResult with_all = traced("trace: true\n").run(0, all.path.string());
  const plant::RunResult with_some =
      traced("trace: {kinds: [lot_started, machine_state, lot_moved], station_groups: [check, slit], from: 2d, "
             "to: 3d}\n")
          .run(0, some.path.string());
  const auto same_kpis = [](plant::RunResult a, plant::RunResult b) {
    a.wall_s = b.wall_s = 0;
    return a.encode() == b.encode();
  };
  CHECK(same_kpis(untraced, with_all));
  CHECK(same_kpis(untraced, with_some));

  const Trace full = read_trace(all.path.string());
  const Trace filtered = read_trace(some.path.string());
  const auto group_index = [&](const std::string& name) {
    return static_cast<std::int64_t>(std::find(full.groups.begin(), full.groups.end(), name) - full.groups.begin());
  };
  const std::set<std::int64_t> groups = {group_index("check"), group_index("slit")};
  std::vector<const Event*> expected;
  for (const Event& e : full.events)
    if (in(e.kind, {"lot_started", "machine_state", "lot_moved"}) && groups.count(e.group) > 0 &&
        e.time >= 2 * 86400.0 && e.time <= 3 * 86400.0)
      expected.push_back(&e);
  REQUIRE(expected.size() > 100);
  REQUIRE(filtered.events.size() == expected.size());
  for (std::size_t k = 0; k < expected.size(); ++k) {
    const Event& a = *expected[k];
    const Event& b = filtered.events[k];
    INFO("event " << k);
    CHECK((a.time == b.time && a.kind == b.kind && a.lot == b.lot && a.group == b.group && a.machine == b.machine &&
           a.state == b.state && a.count == b.count));
  }
  const results::ResultsReader file(some.path.string());
  CHECK(file.attribute_string("/runs/p0000-r0000/trace", "kinds") == "lot_started,machine_state,lot_moved");
  CHECK(file.attribute_double("/runs/p0000-r0000/trace", "to_s") == 3 * 86400.0);
}
