#pragma once
// FloorReplay: a run played back on the floor from its event trace — at any simulated time,
// each station group's machines by state and the lots waiting in its buffers, as the live view
// showed them while the run went. Read once from `/runs/<id>/trace` (docs/EVENTS.md): every
// machine's state changes, and the buffers' arrivals and departures (a lot that arrived to wait,
// `lot_arrived` with count 1, leaves the buffer when a machine starts it or an assembly consumes
// it). A trace that starts late or leaves these kinds out cannot say what it does not hold: the
// states before a machine's first change are then shown as idle and buffers as empty
// (`complete()` is false). Lots on AGVs and conveyors: each carrier's departure towards a group
// and its arrival there (`carrier_departed`, `carrier_arrived`) give the lots in transit to it;
// the kind of transport comes from the scenario stored with the results. Memory: 16 bytes a
// state change or buffer move, 24 a carrier's departure or arrival.

#include "LiveData.hpp"

#include <QHash>
#include <QPair>
#include <QStringList>
#include <QVector>

#include <optional>
#include <string>

namespace gigatwin::results {
class ResultsReader;
}

namespace gigatwin::gui {

class FloorReplay {
public:
  /// Run `run`'s replay; nullopt without a trace. Throws results::ResultsError on a damaged one.
  static std::optional<FloorReplay> read(const results::ResultsReader& file, const QString& run);

  /// Reads a replay a slice of the trace at a time (below).
  class Loader;

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
  struct Transit {
    double t_s;
    int lots;     ///< on their way to the group after it
    int carriers; ///< carrying them
  };
  QVector<QVector<Transit>> transit_; ///< per group with a transport into it
  QVector<QString> transport_;        ///< per group: "agv", "conveyor" or "" (none)
  double horizon_s_ = 0;
  bool complete_ = true;
};

/// Reads a replay a slice of the trace at a time, so that a window can keep drawing (and show
/// how far it got) while a long trace is read. Throws results::ResultsError on a damaged one.
class FloorReplay::Loader {
public:
  Loader(const results::ResultsReader& file, const QString& run);
  bool done() const { return !traced_ || next_ >= rows_; }
  /// Share of the trace read, 0 to 1.
  double fraction() const;
  /// Reads up to `slice` more events.
  void step(std::size_t slice = 65536);
  /// The replay once done (nullopt: the run has no trace).
  std::optional<FloorReplay> result();

private:
  const results::ResultsReader& file_;
  std::string trace_;
  bool traced_ = true;
  std::size_t rows_ = 0, next_ = 0;
  int machine_state_ = -1, arrived_ = -1, started_ = -1, consumed_ = -1, departed_ = -1, delivered_ = -1;
  FloorReplay replay_;
  QHash<qint64, int> waiting_; ///< lot -> the group whose buffer it waits in
  QVector<int> level_;
  QVector<QPair<int, int>> in_transit_; ///< per group: (lots, carriers) now
};

} // namespace gigatwin::gui
