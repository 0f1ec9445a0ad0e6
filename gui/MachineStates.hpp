#pragma once
// MachineStates: the state of every machine of a station group over a window of time, read
// from a run's event trace (`/runs/<id>/trace`, docs/EVENTS.md) — one list of (from, to, state)
// spans per machine, states numbered as `machine_states` (idle, setup, busy, ...). Every machine
// starts idle at time 0; a trace that starts later or leaves machine states out cannot say what
// a machine did before its first event (`unknown`). Reads the events a slice at a time and stops
// past the window's end (it reads from the trace's start: a machine's state at the window's start
// is its last change before it). It draws nothing (GanttView).

#include <QString>
#include <QStringList>
#include <QVector>

#include <optional>
#include <string>

namespace gigatwin::results {
class ResultsReader;
}

namespace gigatwin::gui {

struct MachineStates {
  static constexpr int unknown = -1;
  struct Span {
    double from_s, to_s;
    int state; ///< a row of `machine_states`, or unknown
  };
  QString group;
  double from_s = 0, to_s = 0;
  QStringList machines;           ///< their names (`<group>/<n>`)
  QStringList states;             ///< the trace's machine_states, by index
  QVector<QVector<Span>> spans;   ///< per machine, in time order, covering [from_s, to_s]

  /// The machine's state at `t` (unknown outside the window or before its first event).
  int state_at(int machine, double t) const;
  /// Seconds the machine spent in `state` within the window.
  double time_in(int machine, int state) const;

  /// The group's machines over [from_s, to_s] of run `run`; nullopt when the run has no trace
  /// with machine states of that group. Throws results::ResultsError on a damaged trace.
  static std::optional<MachineStates> read(const results::ResultsReader& file, const QString& run,
                                           const QString& group, double from_s, double to_s);
  /// The station groups a run's trace names (empty without a trace).
  static QStringList traced_groups(const results::ResultsReader& file, const QString& run);

  /// Reads the same a slice of the trace at a time (below).
  class Loader;
};

/// MachineStates read a slice of the trace at a time, so that a window keeps drawing (and shows
/// how far it got) while it reads. Throws results::ResultsError on a damaged trace.
class MachineStates::Loader {
public:
  Loader(const results::ResultsReader& file, const QString& run, const QString& group, double from_s, double to_s);
  bool done() const { return !traced_ || past_ || next_ >= rows_; }
  /// Share of the trace read, 0 to 1 (the window's end may come sooner).
  double fraction() const;
  void step(std::size_t slice = 65536);
  /// The states once done (nullopt: no trace of the group's machine states).
  std::optional<MachineStates> result();

private:
  void close(int row, double until);
  const results::ResultsReader& file_;
  std::string trace_;
  bool traced_ = false, past_ = false;
  std::size_t rows_ = 0, next_ = 0;
  int machine_state_ = -1;
  MachineStates states_;
  QVector<int> row_of_, state_;
  QVector<double> since_;
};

} // namespace gigatwin::gui
