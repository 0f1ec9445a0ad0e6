#pragma once
// ForecastChart: the live twin's forecasts and how they came out. Left, every forecast seen since
// connecting, at its start on the plant's calendar (UTC): its 90 % prediction interval for the
// good lots out over its horizon as a band, its mean as a line, the naive forecast (the trailing
// 24 h's output scaled to the horizon) dashed, and the actual output once the horizon has passed —
// a green circle inside the interval, a red square outside. Right, the latest forecast's path:
// the good lots out from its start to each shift's and day's end, mean and interval. A summary
// above says the latest forecast, its bottleneck and target in words. A forecast or actual
// delivered again (retained messages after a reconnect) replaces itself; an actual whose forecast
// came before the app connected brings that forecast's interval with it. It does not ask the
// twin for forecasts and keeps only what arrived while the window was open.

#include "TwinMessages.hpp"

#include <QWidget>

#include <map>
#include <optional>

class QAreaSeries;
class QChart;
class QChartView;
class QDateTimeAxis;
class QLabel;
class QLineSeries;
class QScatterSeries;
class QValueAxis;

namespace gigatwin::gui {

class ForecastChart : public QWidget {
  Q_OBJECT
public:
  explicit ForecastChart(QWidget* parent = nullptr);

  void add_forecast(const TwinForecast& forecast);
  void add_actual(const TwinActual& actual);

  // For tests.
  /// Forecasts in the band, in time order: (start, low, high) of each.
  struct BandPoint {
    QDateTime from;
    double low, high;
  };
  QVector<BandPoint> band() const;
  /// Actuals drawn inside (true) or outside (false) their interval.
  int actual_points(bool covered) const;
  /// Points of the latest forecast's path (its start, then each shift's or day's end).
  int path_points() const;
  QString summary() const;
  QChart* history_chart() const { return history_; }
  QChart* path_chart() const { return path_; }

private:
  /// What is known of one forecast: from its forecast message, its actual's, or both.
  struct Entry {
    QDateTime from;
    double horizon_s = 0;
    double mean = 0, low = 0, high = 0, naive = 0;
    bool has_actual = false;
    double actual = 0;
    bool covered = false;
  };
  void redraw_history();
  void redraw_path();
  void update_summary();

  std::map<int, Entry> entries_; ///< by forecast index
  std::optional<TwinForecast> latest_;
  std::optional<TwinActual> latest_actual_;
  QLabel* summary_ = nullptr;
  QChart* history_ = nullptr;
  QChart* path_ = nullptr;
  QAreaSeries* band_ = nullptr;
  QLineSeries* band_low_ = nullptr;
  QLineSeries* band_high_ = nullptr;
  QLineSeries* mean_ = nullptr;
  QLineSeries* naive_ = nullptr;
  QScatterSeries* inside_ = nullptr;
  QScatterSeries* outside_ = nullptr;
  QDateTimeAxis* history_x_ = nullptr;
  QValueAxis* history_y_ = nullptr;
  QAreaSeries* path_band_ = nullptr;
  QLineSeries* path_low_ = nullptr;
  QLineSeries* path_high_ = nullptr;
  QLineSeries* path_mean_ = nullptr;
  QDateTimeAxis* path_x_ = nullptr;
  QValueAxis* path_y_ = nullptr;
};

} // namespace gigatwin::gui
