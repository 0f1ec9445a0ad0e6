// Batch and quality keys: a group's `batch`, a mode's `inspection`, a step's `defects` and
// `reject`, with defaults and refusals (positions counted by hand, columns from 1).
#include "ScenarioText.hpp"

using namespace gigatwin::scenario;
using gigatwin::test::only_error;

namespace {
/// A three-step line; line numbers matter to the tests below (line 11 is oven's process_time,
/// line 13 inspect's process_time, lines 16-18 the steps).
const std::string line_text = R"(schema: 1
name: quality line
horizon: 10d
currency: KRW
source: {rate: 60/h}
station_groups:
  - name: coat
    process_time: 30s
  - name: oven
    machines: 4
    process_time: 2h
  - name: inspect
    process_time: 20s
routing:
  steps:
    - {station_group: coat, defects: 0.02}
    - {station_group: oven}
    - {station_group: inspect}
)";

/// line_text with `extra` appended to line `line` (its end).
std::string with(int line, const std::string& extra) {
  std::string out;
  int n = 0;
  std::size_t start = 0;
  while (start < line_text.size()) {
    const std::size_t end = line_text.find('\n', start);
    ++n;
    std::string text = line_text.substr(start, end - start);
    if (n == line) {
      if (!text.empty() && text.back() == '}')
        text.insert(text.size() - 1, extra);
      else
        text += extra;
    }
    out += text + '\n';
    start = end + 1;
  }
  return out;
}
} // namespace

TEST_CASE("batch: size, min and max_wait with their defaults", "[batch]") {
  const ScenarioSpec s = load_scenario_text(with(11, "\n    batch: {size: 32}"), "t.yaml");
  REQUIRE(s.station_groups[1].batch);
  CHECK(s.station_groups[1].batch->size == 32);
  CHECK(s.station_groups[1].batch->min == 32); // only full batches
  CHECK(s.station_groups[1].batch->max_wait_s == 0.0);
  const ScenarioSpec w = load_scenario_text(with(11, "\n    batch: {size: 32, max_wait: 30min}"), "t.yaml");
  CHECK(w.station_groups[1].batch->min == 1); // with max_wait, whatever waits may go
  CHECK(w.station_groups[1].batch->max_wait_s == 1800.0);
  const ScenarioSpec m =
      load_scenario_text(with(11, "\n    batch: {size: 32, min: 16, max_wait: 30min}"), "t.yaml");
  CHECK(m.station_groups[1].batch->min == 16);
}

TEST_CASE("inspection and the reject rule", "[quality]") {
  const ScenarioSpec s = load_scenario_text(with(13, "\n    inspection: {method: ai_vision, detection: 0.98, "
                                                     "false_reject: 0.01, cost_per_lot: 50 KRW}") +
                                                "",
                                            "t.yaml");
  const auto& insp = s.station_groups[2].modes[0].inspection;
  REQUIRE(insp);
  CHECK(insp->method == InspectionMethod::ai_vision);
  CHECK(insp->detection == 0.98);
  CHECK(insp->false_reject == 0.01);
  CHECK(insp->cost_per_lot == 50.0);
  CHECK(s.steps[0].defect_probability == 0.02);
  CHECK_FALSE(s.steps[2].rework_step); // rejects are scrapped by default

  const std::string inspecting = with(13, "\n    inspection: {method: human, detection: 0.9}");
  std::string reworking = inspecting;
  reworking.replace(reworking.find("{station_group: inspect}"), 24,
                    "{station_group: inspect, reject: {rework: coat}}");
  const ScenarioSpec r = load_scenario_text(reworking, "t.yaml");
  REQUIRE(r.steps[2].rework_step);
  CHECK(*r.steps[2].rework_step == 0);
  CHECK(r.steps[2].rework_group == "coat");
  CHECK(r.station_groups[2].modes[0].inspection->false_reject == 0.0);
}

TEST_CASE("refused batch and quality values name their position, key path and rule", "[batch][quality]") {
  // "    batch: {size: 32, min: " is 27 characters.
  CHECK(only_error(with(11, "\n    batch: {size: 32, min: 40, max_wait: 1h}")) ==
        "t.yaml:12:28: error: station_groups[1].batch.min: expected an integer from 1 to size (32), found "
        "'40'");
  // "    batch: {" is 12 characters: the map starts at column 12.
  CHECK(
      only_error(with(11, "\n    batch: {size: 32, min: 16}")) ==
      "t.yaml:12:12: error: station_groups[1].batch.max_wait: expected key 'max_wait' (a duration > 0) since "
      "min is below size, found nothing");
  // A batch of 32 behind a buffer of 8 could never fill. "    - {station_group: oven, buffer: " is 36.
  std::string small_buffer = with(11, "\n    batch: {size: 32}");
  small_buffer.replace(small_buffer.find("{station_group: oven}"), 21, "{station_group: oven, buffer: 8}");
  CHECK(only_error(small_buffer) == "t.yaml:18:37: error: routing.steps[1].buffer: expected a buffer of at "
                                    "least the batch's min (32 lots) in "
                                    "front of batch group 'oven', found '8'");
  // "    inspection: {method: " is 25 characters.
  CHECK(
      only_error(with(13, "\n    inspection: {method: robot, detection: 0.9}")) ==
      "t.yaml:14:26: error: station_groups[2].inspection.method: expected human or ai_vision, found 'robot' "
      "(methods: human, ai_vision)");
  // "    inspection: {method: human, detection: " is 43 characters.
  CHECK(
      only_error(with(13, "\n    inspection: {method: human, detection: 1.5}")) ==
      "t.yaml:14:44: error: station_groups[2].inspection.detection: expected a probability in [0, 1], found "
      "'1.5'");
  // reject where nothing inspects; "    - {station_group: coat, defects: 0.02, reject: " is 51.
  CHECK(only_error(with(16, ", reject: scrap")) == "t.yaml:16:52: error: routing.steps[0].reject: expected "
                                                   "'reject' only on a step whose group inspects (has "
                                                   "'inspection'), found 'scrap'");
  // rework to a later step; "    - {station_group: inspect, reject: {rework: " is 48.
  std::string later = with(13, "\n    inspection: {method: human, detection: 0.9}");
  later.replace(later.find("{station_group: inspect}"), 24,
                "{station_group: inspect, reject: {rework: oven2}}");
  CHECK(
      only_error(later) ==
      "t.yaml:19:49: error: routing.steps[2].reject.rework: expected the station group of this or an earlier "
      "step, found 'oven2' (did you mean 'oven'?)");
}
