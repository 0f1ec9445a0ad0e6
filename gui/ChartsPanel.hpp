#pragma once
// ChartsPanel: the live charts of a run — throughput [lots/h], WIP [lots], headcount and
// cumulative layoffs [workers], electric power [kW] — against simulated time in days, drawn from
// the first replication's samples as they arrive. Each chart exports as PNG or SVG, the data as
// CSV.

#include "LiveData.hpp"

#include <QWidget>

#include <vector>

class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace gigatwin::gui {

class ChartsPanel : public QWidget {
  Q_OBJECT
public:
  explicit ChartsPanel(QWidget* parent = nullptr);

  void clear(double horizon_s);
  void add(const LiveSample& sample);

  /// Points in the named series ("throughput", "wip", "headcount", "layoffs", "power").
  int points(const QString& series) const;
  /// Writes every chart as <stem>-<name>.png / .svg, and all series as <stem>.csv; false on error.
  bool export_charts(const QString& stem, const QString& format) const;
  bool export_csv(const QString& path) const;

private:
  struct Chart {
    QString name;
    QString units;
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QLineSeries* series = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    double y_max = 1;
  };
  std::vector<Chart> charts_;
};

} // namespace gigatwin::gui
