#include "experiment/LiveSample.hpp"

#include "plant/MachineState.hpp"
#include "plant/StationGroup.hpp"
#include "scenario/StationGroupParser.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace gigatwin::experiment {

namespace {
/// JSON has no NaN or infinity: they become null.
std::string number(double v) {
  if (!std::isfinite(v))
    return "null";
  char buf[32];
  std::snprintf(buf, sizeof buf, "%.17g", v); // exact: the same numbers as the file
  return buf;
}
} // namespace

std::string json_string(const std::string& text) {
  std::string out = "\"";
  for (unsigned char c : text) {
    if (c == '"' || c == '\\') {
      out += '\\';
      out += static_cast<char>(c);
    } else if (c < 0x20) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\u%04x", c);
      out += buf;
    } else {
      out += static_cast<char>(c);
    }
  }
  return out + "\"";
}

std::string live_sample_json(const plant::Factory& factory, const plant::SeriesSample& s, std::int64_t point,
                             std::int64_t replication, double end_s) {
  std::string out = "{\"type\":\"sample\",\"point\":" + std::to_string(point) +
                    ",\"replication\":" + std::to_string(replication) + ",\"time_s\":" + number(s.time_s) +
                    ",\"end_s\":" + number(end_s) + ",\"throughput\":" + number(s.throughput_per_h) +
                    ",\"wip\":" + number(s.wip) + ",\"headcount\":" + number(s.headcount) +
                    ",\"layoffs\":" + number(s.layoffs) + ",\"robots\":" + number(s.robots) +
                    ",\"power_kw\":" + number(s.power_kw) + ",\"cost_per_unit\":" + number(s.cost_per_unit) +
                    ",\"stations\":[";
  bool first_group = true;
  for (const auto& group : factory.steps()) {
    std::array<std::int64_t, plant::machine_state_count> counts{};
    for (std::int64_t m = 0; m < group->machine_count(); ++m)
      ++counts[index(group->machine(static_cast<std::size_t>(m)).state())];
    out += first_group ? "{" : ",{";
    first_group = false;
    out += "\"name\":" + json_string(group->name()) +
           ",\"mode\":" + json_string(std::string(mode_name(group->mode().spec().mode))) +
           ",\"machines\":" + std::to_string(group->machine_count()) +
           ",\"buffer\":" + std::to_string(group->buffer_level()) + ",\"buffer_capacity\":" +
           (group->buffer_capacity() > (std::int64_t{1} << 50) ? std::string("null")
                                                               : std::to_string(group->buffer_capacity())) +
           ",\"states\":{";
    for (std::size_t k = 0; k < plant::machine_state_count; ++k)
      out += (k ? ",\"" : "\"") + std::string(plant::machine_state_names[k]) + "\":" + std::to_string(counts[k]);
    out += "}}";
  }
  return out + "]}";
}

} // namespace gigatwin::experiment
