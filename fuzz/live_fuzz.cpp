// libFuzzer target for what the live twin reads from outside (docs/LIVE.md): the messages on the
// plant's topic — one a line here, fed as the twin feeds them (a message that is not one JSON
// object on one line is refused before the reader) — applied to the state it keeps, and a plant
// state file (`run --from-state`). Any input must end in a state or a PlantStateError. The state
// the twin keeps must always be one the state reader takes back: its JSON read again must not
// throw. The input is also a twin's checkpoint of its tracker (`gigatwin twin --resume` reads one
// from disk): taken back or refused with a std::runtime_error, and the checkpoint of the tracker
// that applied the input must always be taken back. Any other exception, a crash, a sanitizer
// report, a hang or runaway memory is a finding.
#include "plantdata/PlantLog.hpp"
#include "plantdata/PlantStateFile.hpp"
#include "plantdata/PlantTracker.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <nlohmann/json.hpp>

#include <cstddef>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <string>
#include <string_view>

namespace {

// A line with a batch group, finite buffers, a transport and failures: every kind of place.
constexpr const char* plant = R"(schema: 1
name: Fuzz line
horizon: 1d
source: {rate: 50/h}
station_groups:
  - name: press
    machines: 2
    process_time: 60s
    failures: {time_to_failure: 8h, time_to_repair: 20min}
  - name: oven
    machines: 1
    process_time: 10min
    batch: {size: 4}
  - name: weld
    process_time: 50s
routing:
  product: tray
  steps:
    - station_group: press
    - station_group: oven
      buffer: 10
      transport: {type: agv, count: 2, travel_time: 2min}
    - station_group: weld
      buffer: 3
)";

const gigatwin::scenario::ScenarioSpec& spec() {
  static const auto s = gigatwin::scenario::load_scenario_text(plant, "fuzz.yaml");
  return s;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  using namespace gigatwin::plantdata;
  const std::string text(reinterpret_cast<const char*>(data), size);
  try {
    (void)read_plant_state(text, "fuzz.json", spec());
  } catch (const PlantStateError&) {
  }
  if (const auto checkpoint = nlohmann::json::parse(text, nullptr, false); !checkpoint.is_discarded()) {
    PlantLog resumed_log;
    PlantTracker resumed(spec(), 0.0);
    try {
      resumed.resume(checkpoint, resumed_log);
      (void)read_plant_state(plant_state_json(resumed.state(), spec()), "resumed.json", spec());
    } catch (const PlantStateError&) {
      std::abort(); // a checkpoint it took gave a state it cannot start from
    } catch (const std::runtime_error&) {
    }
  }
  PlantLog log;
  PlantTracker tracker(spec(), 0.0);
  std::size_t at = 0;
  const auto next = [&](std::string& line) {
    while (at < text.size()) {
      const std::size_t end = std::min(text.find('\n', at), text.size());
      line = text.substr(at, end - at);
      at = end + 1;
      const auto first = line.find_first_not_of(" \t");
      if (first != std::string::npos && line[first] == '{' && line.find('\r') == std::string::npos)
        return true;
    }
    return false;
  };
  try {
    read_plant_log_lines(next, "fuzz", {}, log, [&](const LogEvent& e) { tracker.apply(e, log); });
  } catch (const PlantLogError&) {
    return 0;
  }
  const std::string kept = plant_state_json(tracker.state(), spec());
  try {
    (void)read_plant_state(kept, "kept.json", spec());
  } catch (const PlantStateError&) {
    std::abort(); // the twin kept a state it cannot start from
  }
  PlantLog again_log;
  PlantTracker again(spec(), 0.0);
  try {
    again.resume(nlohmann::json::parse(tracker.checkpoint(log).dump()), again_log);
  } catch (const std::exception& e) {
    std::fprintf(stderr, "%s\n", e.what());
    std::abort(); // the twin could not carry on from its own checkpoint
  }
  if (plant_state_json(again.state(), spec()) != kept)
    std::abort(); // carried on from somewhere else
  return 0;
}
