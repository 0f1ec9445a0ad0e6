#pragma once
// ChartsPanel: the live charts of a run — throughput [lots/h], WIP [lots], headcount and
// cumulative layoffs [workers], electric power [kW], cost per unit so far [currency/lot] —
// against simulated time in days, drawn from the first replication's samples as they arrive.
// Each chart exports as PNG or SVG, the data as CSV.

#include "LiveData.hpp"

#include <QWidget>

#include <array>
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

  /// Names the units of a series (the cost's currency is the scenario's), in its title and CSV.
  void set_units(const QString& series, const QString& units);
  /// Points in the named series ("throughput", "wip", "headcount", "layoffs", "power",
  /// "cost_per_unit").
  int points(const QString& series) const;
  /// The top of a chart's y axis.
  double y_top(const QString& series) const;
  /// Writes every chart as <stem>-<name>.png / .svg, and all series as <stem>.csv; false on error.
  bool export_charts(const QString& stem, const QString& format) const;
  bool export_csv(const QString& path) const;

private:
  struct Chart {
    QString name;
    QString title;
    QString units;
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QLineSeries* series = nullptr;
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    double y_max = 1;
    bool robust_scale = false; ///< the y axis follows the median, not the maximum
  };
  static void rescale_robustly(Chart& c);
  /// The chart of a series by name, or nullptr.
  const Chart* find(const QString& series) const;
  std::vector<Chart> charts_;
  std::vector<std::array<double, 7>> rows_; ///< time [d], then each chart's value (NaN: none yet)
};

} // namespace gigatwin::gui
