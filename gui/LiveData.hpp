#pragma once
// LiveData: one sample of a running replication as the GUI holds it, parsed from a line of the
// CLI's JSON progress stream (`gigatwin run --progress=json`, models/experiment/LiveSample.hpp).
// Times in s, throughput in lots/h, power in kW, cost per unit in the scenario's currency per lot; machine
// counts per state in the CLI's state order (idle, setup, busy, blocked, down, waiting_operator, off_shift,
// halted).

#include <QJsonObject>
#include <QString>
#include <QVector>

#include <array>
#include <limits>
#include <optional>

namespace gigatwin::gui {

inline constexpr int state_count = 8;
/// The CLI's machine state names, in its order.
const std::array<const char*, state_count>& state_names();

struct StationLive {
  QString name;
  QString mode;
  int machines = 0;
  int buffer = 0;
  int buffer_capacity = -1; ///< -1: unlimited
  std::array<int, state_count> states{};
  int in_transit = -1;  ///< lots on carriers heading to the group; -1: no transport into it (or not known)
  int carriers = 0;     ///< carriers on their way to it with lots
  QString transport;    ///< "agv" or "conveyor" when known
};

struct LiveSample {
  int point = 0;
  int replication = 0;
  double time_s = 0;
  double end_s = 0;
  double throughput = 0;
  double wip = 0;
  double headcount = 0;
  double layoffs = 0;
  double power_kw = 0;
  double cost_per_unit = std::numeric_limits<double>::quiet_NaN(); ///< currency/lot; NaN: no lot yet
  QVector<StationLive> stations;
};

/// Nothing if the object is not a well-formed sample.
std::optional<LiveSample> parse_sample(const QJsonObject& object);

} // namespace gigatwin::gui
