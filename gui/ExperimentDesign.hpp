#pragma once
// ExperimentDesign: an experiment as a planner sets it up in the app — parameters (any lever or
// key path, each with its values), a grid of every combination or the values side by side (zip),
// replications and a baseline point — and the sweep file (docs/SCENARIO.md, "Sweep files") that
// `gigatwin batch` runs for it. Pure: no widgets, no files.

#include <QString>
#include <QStringList>
#include <QVector>

namespace gigatwin::gui {

struct ExperimentDesign {
  struct Parameter {
    QString key;        ///< a key path as for --set ("station_groups[2].machines")
    QStringList values; ///< as typed ("1", "2", "robotic", "8h")
  };
  QString scenario;           ///< the base scenario's path
  QVector<Parameter> parameters;
  bool zip = false;           ///< values side by side instead of every combination
  int replications = 1;
  int baseline = -1;          ///< the point the others are compared with; -1: none

  /// "1, 2, 3" as values (commas or spaces between them; empty ones dropped).
  static QStringList split_values(const QString& text);
  /// Points the design makes (0 when a zip's parameters have different numbers of values).
  int points() const;
  /// What is wrong with the design, one sentence each (empty: it can run).
  QStringList problems() const;
  /// The sweep file's text.
  QString sweep_yaml() const;
};

} // namespace gigatwin::gui
