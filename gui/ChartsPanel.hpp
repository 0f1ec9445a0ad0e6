#pragma once
// ChartsPanel: the live charts of a run — throughput (each hour and its 24-hour moving average),
// WIP, headcount and cumulative layoffs, electric power, cost per unit so far — against
// simulated time in days, drawn from the first replication's samples as they arrive, with the
// warm-up shaded. Axes start at 0 and end on a round tick; numbers carry thousands separators,
// never an exponent; power and money switch to MW, k, M, bn as they grow. Each chart exports
// as PNG (at the size asked) or SVG, the data as CSV (in the series' own units).

#include "LiveData.hpp"

#include <QList>
#include <QPointF>
#include <QWidget>

#include <array>
#include <string>
#include <deque>
#include <vector>

class QAreaSeries;
class QChart;
class QChartView;
class QLineSeries;
class QValueAxis;

namespace gigatwin::results {
class ResultsReader;
}

namespace gigatwin::gui {

class ChartsPanel : public QWidget {
  Q_OBJECT
public:
  explicit ChartsPanel(QWidget* parent = nullptr);

  /// Empties the charts for a run of `horizon_s`, the first `warmup_s` of it shaded.
  void clear(double horizon_s, double warmup_s = 0);
  void add(const LiveSample& sample);
  /// Shows a finished run's series from its results file (`group`: /runs/<id>), the good lots out
  /// named after `lot_noun` when it is not empty.
  void show_run(const results::ResultsReader& file, const std::string& group, const QString& lot_noun = {});
  /// Draws the samples of this point and replication from now on (point 0, replication 0 to
  /// begin with); the charts start again empty.
  void follow(int point, int replication);
  int followed_replication() const { return follow_replication_; }

  /// Names the units of a series (the cost's currency is the scenario's, the throughput's what
  /// the line makes), in its title and CSV.
  void set_units(const QString& series, const QString& units);
  /// Points in the named series ("throughput", "wip", "headcount", "layoffs", "power",
  /// "cost_per_unit").
  int points(const QString& series) const;
  /// The top of a chart's y axis, in the series' own units (kW, not the MW it may show).
  double y_top(const QString& series) const;
  /// The step between a chart's y ticks, in the units it shows.
  double y_step(const QString& series) const;
  /// The chart's title as shown (with the units it shows).
  QString title(const QString& series) const;
  /// Days shaded as the warm-up.
  double shaded_warmup_days() const { return warmup_days_; }
  /// The 24-hour moving average of the throughput at its last point (NaN before any).
  double throughput_average() const;
  /// Writes every chart as <stem>-<name>.png / .svg, and all series as <stem>.csv; false on
  /// error. `width` > 0: PNGs rendered that many pixels wide (height in proportion).
  bool export_charts(const QString& stem, const QString& format, int width = 0) const;
  bool export_csv(const QString& path) const;

private:
  struct Chart {
    QString name;
    QString title;
    QString units;         ///< of the values received
    QString shown_units;   ///< of the values drawn (MW for kW, k EUR for EUR ...)
    double factor = 1.0;   ///< drawn = received x factor
    bool money = false;    ///< scaled with k, M, bn
    bool whole = false;    ///< people and lots: whole-number ticks
    QChart* chart = nullptr;
    QChartView* view = nullptr;
    QLineSeries* series = nullptr;
    QLineSeries* average = nullptr; ///< throughput only: the 24-hour moving average
    QAreaSeries* warmup = nullptr;  ///< the shaded warm-up
    QValueAxis* x = nullptr;
    QValueAxis* y = nullptr;
    double data_top = 0; ///< the largest value the axis must show, received units
    bool robust_scale = false; ///< the y axis follows the median, not the maximum
    QList<QPointF> received;         ///< (day, value) as received, to redraw at another scale
    QList<QPointF> received_average; ///< (day, 24-hour average), throughput only
    std::deque<std::pair<double, double>> window; ///< (time s, value) of the last 24 h
  };
  void rescale_robustly(Chart& c);
  /// Sets the axis (round top and ticks, scaled units) for c.data_top; redraws when the scale changes.
  void fit_axis(Chart& c);
  /// The chart of a series by name, or nullptr.
  const Chart* find(const QString& series) const;
  std::vector<Chart> charts_;
  std::vector<std::array<double, 7>> rows_; ///< time [d], then each chart's value (NaN: none yet)
  double warmup_days_ = 0;
  double horizon_s_ = 86400.0;
  int follow_point_ = 0, follow_replication_ = 0;
};

} // namespace gigatwin::gui
