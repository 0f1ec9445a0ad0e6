#pragma once
// FloorReplay: a run played back on the floor from its event trace — at any simulated time,
// each station group's machines by state and the lots waiting in its buffers, as the live view
// showed them while the run went. Read once from `/runs/<id>/trace` (docs/EVENTS.md): every
// machine's state changes, and the buffers' arrivals and departures (a lot that arrived to wait,
// `lot_arrived` with count 1, leaves the buffer when a machine starts it or an assembly consumes
// it). A trace that starts late or leaves these kinds out cannot say what it does not hold: the
// states before a machine's first change are then shown as idle and buffers as empty
// (`complete()` is false). Memory: 16 bytes a state change or buffer move.

#include "LiveData.hpp"

#include <QPair>
#include <QStringList>
#include <QVector>

#include <optional>

namespace gigatwin::results {
class ResultsReader;
}

namespace gigatwin::gui {

class FloorReplay {
public:
  /// Run `run`'s replay; nullopt without a trace. Throws results::ResultsError on a damaged one.
  static std::optional<FloorReplay> read(const results::ResultsReader& file, const QString& run);

  /// Each traced station group as the floor shows it at time `t_s`.
  QVector<StationLive> at(double t_s) const;
  const QStringList& groups() const { return groups_; }
  /// The time-average of the lots waiting in group `g`'s buffers over [from_s, to_s].
  double buffer_mean(int g, double from_s, double to_s) const;
  double horizon_s() const { return horizon_s_; }
  /// The trace holds every machine state and buffer move from time 0.
  bool complete() const { return complete_; }

private:
  struct Machine {
    int group = -1;
    QVector<QPair<double, int>> changes; ///< (time s, state), in time order
  };
  QStringList groups_;
  QVector<int> machines_per_group_;
  QVector<Machine> machines_;
  QVector<QVector<QPair<double, int>>> buffer_; ///< per group: (time s, lots waiting after it)
  double horizon_s_ = 0;
  bool complete_ = true;
};

} // namespace gigatwin::gui
