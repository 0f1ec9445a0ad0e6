#include "LiveData.hpp"

#include <QJsonArray>

namespace gigatwin::gui {

const std::array<const char*, state_count>& state_names() {
  static const std::array<const char*, state_count> names = {
      "idle", "setup", "busy", "blocked", "down", "waiting_operator", "off_shift", "halted"};
  return names;
}

std::optional<LiveSample> parse_sample(const QJsonObject& o) {
  if (o.value("type").toString() != "sample" || !o.value("time_s").isDouble() ||
      !o.value("stations").isArray())
    return std::nullopt;
  LiveSample s;
  s.point = o.value("point").toInt();
  s.replication = o.value("replication").toInt();
  s.time_s = o.value("time_s").toDouble();
  s.end_s = o.value("end_s").toDouble();
  s.throughput = o.value("throughput").toDouble();
  s.wip = o.value("wip").toDouble();
  s.headcount = o.value("headcount").toDouble();
  s.layoffs = o.value("layoffs").toDouble();
  s.power_kw = o.value("power_kw").toDouble();
  if (o.value("cost_per_unit").isDouble()) // null (no good lot yet) stays NaN
    s.cost_per_unit = o.value("cost_per_unit").toDouble();
  for (const auto& v : o.value("stations").toArray()) {
    const QJsonObject st = v.toObject();
    StationLive live;
    live.name = st.value("name").toString();
    live.mode = st.value("mode").toString();
    live.machines = st.value("machines").toInt();
    live.buffer = st.value("buffer").toInt();
    live.buffer_capacity = st.value("buffer_capacity").isNull() ? -1 : st.value("buffer_capacity").toInt();
    const QJsonObject states = st.value("states").toObject();
    for (int k = 0; k < state_count; ++k)
      live.states[static_cast<std::size_t>(k)] =
          states.value(state_names()[static_cast<std::size_t>(k)]).toInt();
    s.stations.push_back(live);
  }
  return s;
}

} // namespace gigatwin::gui
