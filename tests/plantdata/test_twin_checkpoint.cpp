// The live twin's checkpoints: a tracker (and a drift watch) written out half-way through a
// plant's events and taken back into a new one, with the log's names interned afresh, goes on
// exactly as the one that never stopped; a checkpoint that does not fit is refused by key and
// changes nothing.
#include "plantdata/DriftWatch.hpp"
#include "plantdata/PlantLog.hpp"
#include "plantdata/PlantStateFile.hpp"
#include "plantdata/PlantTracker.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include <algorithm>
#include <cmath>
#include <random>
#include <tuple>

using namespace gigatwin;
using namespace gigatwin::plantdata;
using nlohmann::json;

namespace {

const char* line_yaml = R"(schema: 1
name: Checkpointed line
horizon: 2d
source:
  rate: 36/h
station_groups:
  - name: press
    machines: 1
    process_time: {dist: exponential, mean: 60s}
    failures: {time_to_failure: {dist: exponential, mean: 2h}, time_to_repair: {dist: exponential, mean: 5min}}
  - name: weld
    machines: 2
    process_time: {dist: exponential, mean: 150s}
routing:
  product: tray
  steps:
    - station_group: press
    - station_group: weld
)";

/// A plant's events in time order (JSON lines): lots every 100 s, pressed one at a time (down
/// for 200 s after every 7th), welded on two machines, then out.
std::vector<std::string> plant_events(int lots) {
  std::vector<std::tuple<double, int, std::string>> events; // (time, order, line)
  int order = 0;
  const auto add = [&](double t, json e) {
    e["time"] = iso_time(1767571200.0 + t); // 2026-01-05T00:00:00Z
    events.emplace_back(t, order++, e.dump());
  };
  std::mt19937 random(7);
  std::exponential_distribution<double> press_time(1 / 60.0), weld_time(1 / 150.0);
  double press_free = 0;
  double weld_free[2] = {0, 0};
  for (int i = 0; i < lots; ++i) {
    const std::string lot = std::to_string(i);
    const double t0 = 100.0 * i;
    add(t0, {{"kind", "lot_released"}, {"lot", lot}, {"product", "tray"}, {"station_group", "press"}});
    add(t0, {{"kind", "lot_arrived"}, {"lot", lot}, {"product", "tray"}, {"station_group", "press"}});
    const double start = std::max(t0, press_free);
    const double done = start + std::round(press_time(random)) + 1;
    add(start, {{"kind", "lot_started"}, {"lot", lot}, {"station_group", "press"}, {"machine", "press/0"}});
    add(start,
        {{"kind", "machine_state"}, {"station_group", "press"}, {"machine", "press/0"}, {"state", "busy"}});
    add(done, {{"kind", "lot_finished"}, {"lot", lot}, {"station_group", "press"}, {"machine", "press/0"}});
    add(done, {{"kind", "lot_moved"}, {"lot", lot}, {"station_group", "press"}, {"machine", "press/0"}});
    press_free = done;
    if (i % 7 == 6) {
      add(done,
          {{"kind", "machine_state"}, {"station_group", "press"}, {"machine", "press/0"}, {"state", "down"}});
      press_free = done + 200;
    }
    add(press_free,
        {{"kind", "machine_state"}, {"station_group", "press"}, {"machine", "press/0"}, {"state", "idle"}});
    add(done, {{"kind", "lot_arrived"}, {"lot", lot}, {"station_group", "weld"}});
    const int w = weld_free[0] <= weld_free[1] ? 0 : 1;
    const std::string welder = "weld/" + std::to_string(w);
    const double weld_start = std::max(done, weld_free[w]);
    const double weld_done = weld_start + std::round(weld_time(random)) + 1;
    add(weld_start, {{"kind", "lot_started"}, {"lot", lot}, {"station_group", "weld"}, {"machine", welder}});
    add(weld_start,
        {{"kind", "machine_state"}, {"station_group", "weld"}, {"machine", welder}, {"state", "busy"}});
    add(weld_done, {{"kind", "lot_finished"}, {"lot", lot}, {"station_group", "weld"}, {"machine", welder}});
    add(weld_done, {{"kind", "lot_moved"}, {"lot", lot}, {"station_group", "weld"}, {"machine", welder}});
    add(weld_done, {{"kind", "lot_completed"}, {"lot", lot}, {"station_group", "weld"}});
    add(weld_done,
        {{"kind", "machine_state"}, {"station_group", "weld"}, {"machine", welder}, {"state", "idle"}});
    weld_free[w] = weld_done;
  }
  std::sort(events.begin(), events.end());
  std::vector<std::string> lines;
  for (auto& e : events)
    lines.push_back(std::get<2>(e));
  return lines;
}

/// Feeds `lines[from, to)` to `tracker`, its names interned in `log`.
void feed(PlantTracker& tracker, PlantLog& log, const std::vector<std::string>& lines, std::size_t from,
          std::size_t to) {
  std::size_t i = from;
  read_plant_log_lines(
      [&](std::string& line) {
        if (i >= to)
          return false;
        line = lines[i++];
        return true;
      },
      "test", {}, log, [&](const LogEvent& e) { tracker.apply(e, log); });
}

struct Seen {
  std::vector<std::tuple<std::uint32_t, double>> process, repair, between;
};
void listen(PlantTracker& tracker, Seen& seen) {
  tracker.on_process_time = [&seen](std::uint32_t g, std::uint32_t, double s) {
    seen.process.emplace_back(g, s);
  };
  tracker.on_repair_time = [&seen](std::uint32_t g, double s) { seen.repair.emplace_back(g, s); };
  tracker.on_time_between_failures = [&seen](std::uint32_t g, double calendar, double) {
    seen.between.emplace_back(g, calendar);
  };
}

} // namespace

TEST_CASE("a tracker taken back from its checkpoint goes on as the one that never stopped", "[twin]") {
  const auto spec = scenario::load_scenario_text(line_yaml, "line.yaml");
  const auto lines = plant_events(400);
  const double origin = 1767571200.0;
  PlantTracker whole(spec, origin);
  PlantLog whole_log;
  Seen whole_seen;
  feed(whole, whole_log, lines, 0, lines.size() / 2);
  listen(whole, whole_seen);
  // Half-way: checkpoint, through its text, into a new tracker with a new log's tables.
  const json checkpoint = json::parse(whole.checkpoint(whole_log).dump());
  REQUIRE(whole.lots() > 3); // lots are in the plant at the cut: in buffers and on machines
  PlantTracker resumed(spec, origin);
  PlantLog resumed_log;
  resumed_log.lots.intern("a name the new log saw first"); // ids differ from the old log's
  resumed.resume(checkpoint, resumed_log);
  CHECK(plant_state_json(resumed.state(), spec) == plant_state_json(whole.state(), spec));
  Seen resumed_seen;
  listen(resumed, resumed_seen);
  feed(whole, whole_log, lines, lines.size() / 2, lines.size());
  feed(resumed, resumed_log, lines, lines.size() / 2, lines.size());
  CHECK(plant_state_json(resumed.state(), spec) == plant_state_json(whole.state(), spec));
  CHECK(resumed.events_applied() == whole.events_applied());
  CHECK(resumed.completed() == whole.completed());
  CHECK(whole.completed() > 300);
  CHECK(resumed.ignored() == whole.ignored());
  // What the drift watch would see after the cut: the same process, repair and failure times.
  CHECK(resumed_seen.process == whole_seen.process);
  CHECK(resumed_seen.repair == whole_seen.repair);
  CHECK(resumed_seen.between == whole_seen.between);
  CHECK(whole_seen.process.size() > 300);
  CHECK(!whole_seen.repair.empty());
}

TEST_CASE("a tracker checkpoint that does not fit the scenario is refused by key and changes nothing",
          "[twin]") {
  const auto spec = scenario::load_scenario_text(line_yaml, "line.yaml");
  const auto lines = plant_events(50);
  PlantTracker tracker(spec, 1767571200.0);
  PlantLog log;
  feed(tracker, log, lines, 0, lines.size() / 2);
  const json good = tracker.checkpoint(log);
  REQUIRE(!good["lots"].empty());
  PlantTracker other(spec, 1767571200.0);
  PlantLog other_log;
  feed(other, other_log, lines, 0, 10);
  const std::string before = plant_state_json(other.state(), spec);
  const auto refused = [&](json bad, const std::string& key) {
    try {
      other.resume(bad, other_log);
      FAIL("accepted a checkpoint with a bad " + key);
    } catch (const std::runtime_error& e) {
      CHECK_THAT(e.what(), Catch::Contains(key));
    }
    CHECK(plant_state_json(other.state(), spec) == before);
  };
  json bad = good;
  bad["lots"][0]["group"] = 2; // the scenario has two groups
  refused(bad, "tracker.lots[0].group");
  bad = good;
  bad["lots"][0]["step"] = -1;
  refused(bad, "tracker.lots[0].step");
  bad = good;
  bad["machines"][0]["machine"] = 1; // machines[0] is press's, which has one
  refused(bad, "tracker.machines[0].machine");
  bad = good;
  bad["machines"][0]["holding"] = json::array({"no such lot"});
  refused(bad, "tracker.machines[0].holding[0]");
  bad = good;
  bad["now_s"] = "yesterday";
  refused(bad, "tracker.now_s");
  bad = good;
  bad.erase("left");
  refused(bad, "tracker.left");
  bad = good;
  bad["on_shift"] = json::array({1, 2});
  refused(bad, "tracker.on_shift");
  refused(json::array(), "tracker");
}

TEST_CASE("a drift watch taken back from its checkpoint raises the alarms the one that never stopped does",
          "[twin]") {
  const auto spec = scenario::load_scenario_text(line_yaml, "line.yaml");
  // Press times as the scenario says for a while, then twice as long: the alarm comes after the cut.
  std::mt19937 random(11);
  std::exponential_distribution<double> before(1 / 60.0), after(1 / 120.0);
  std::vector<double> times;
  for (int i = 0; i < 3000; ++i)
    times.push_back(i < 1500 ? before(random) : after(random));
  DriftWatch whole(spec);
  std::vector<std::pair<std::size_t, double>> whole_alarms, resumed_alarms;
  for (std::size_t i = 0; i < 1400; ++i)
    REQUIRE(!whole.observe(0, WatchedQuantity::process_time, std::round(times[i])));
  DriftWatch resumed(spec);
  resumed.resume(json::parse(whole.checkpoint().dump()));
  for (std::size_t i = 1400; i < times.size(); ++i) {
    if (const auto a = whole.observe(0, WatchedQuantity::process_time, std::round(times[i])))
      whole_alarms.emplace_back(i, a->mean_after);
    if (const auto a = resumed.observe(0, WatchedQuantity::process_time, std::round(times[i])))
      resumed_alarms.emplace_back(i, a->mean_after);
  }
  REQUIRE(!whole_alarms.empty());
  CHECK(whole_alarms.front().first > 1500); // found after the change, not before
  CHECK(resumed_alarms == whole_alarms);

  // A checkpoint of another plant's watch (three groups) is refused.
  json bad = whole.checkpoint();
  bad["groups"].push_back(bad["groups"][0]);
  CHECK_THROWS_WITH(resumed.resume(bad), Catch::Contains("drift_watch.groups"));
  bad = whole.checkpoint();
  bad["groups"][0][0]["reference"]["parts"][0]["distribution"]["kind"] = "cauchy";
  CHECK_THROWS_WITH(resumed.resume(bad), Catch::Contains("kind"));
}

TEST_CASE("after a drift the fit is made again as the new regime's times double, and ends near the truth",
          "[twin]") {
  const auto spec = scenario::load_scenario_text(line_yaml, "line.yaml");
  // Press fails every 2 h on average (the scenario), then every hour: 500 times, then 1,000.
  std::mt19937 random(23);
  std::exponential_distribution<double> before(1 / 7200.0), after(1 / 3600.0);
  DriftWatch watch(spec);
  std::vector<DriftAlarm> alarms;
  for (int i = 0; i < 1500; ++i)
    if (auto a = watch.observe(0, WatchedQuantity::time_to_failure, i < 500 ? before(random) : after(random)))
      alarms.push_back(*a);
  REQUIRE(!alarms.empty());
  CHECK(!alarms.front().refined);
  CHECK(!alarms.front().higher);
  std::size_t refinements = 0;
  for (std::size_t i = 1; i < alarms.size(); ++i)
    if (alarms[i].refined) {
      ++refinements;
      CHECK(alarms[i].observations == 2 * alarms[i - 1].observations); // doubling, never past the window
      CHECK(alarms[i].observations <= DriftWatch::window);
    }
  CHECK(refinements >= 2);
  // Not a single new drift after the change was found: only refinements.
  CHECK(std::count_if(alarms.begin(), alarms.end(), [](const DriftAlarm& a) { return !a.refined; }) == 1);
  // The last fit rests on n >= 150 exponential times: its mean within 4 standard errors of 3,600 s
  // (fails by chance with probability below 1e-4).
  const DriftAlarm& last = alarms.back();
  REQUIRE(last.observations >= 150);
  CHECK(std::abs(last.mean_after - 3600.0) < 4 * 3600.0 / std::sqrt(static_cast<double>(last.observations)));
}
