#pragma once
// TwinMessages: what the live twin publishes under its prefix (docs/LIVE.md "The twin"), as the
// desktop app reads it — the floor (<prefix>/floor, the live-sample form), a forecast, an actual,
// a drift and the twin's status. Every payload comes from outside the app: each parser returns
// nothing unless the message is one JSON object of the expected shape with finite numbers and
// valid dates, so a bad message is counted and left out, never half-applied. Times are UTC
// (QDateTime in Qt::UTC), durations in s, outputs in good lots. Pure functions; no widgets.

#include "LiveData.hpp"

#include <QByteArray>
#include <QDateTime>
#include <QJsonObject>
#include <QString>
#include <QVector>

#include <optional>

namespace gigatwin::gui {

/// A message larger than this is no message of the twin's: counted and left unparsed (the twin
/// keeps the same bound for the plant's events).
inline constexpr qsizetype max_twin_message_bytes = 64 * 1024;

/// The payload as one JSON object, or nothing (over max_twin_message_bytes, not JSON, not an
/// object).
std::optional<QJsonObject> twin_json(const QByteArray& payload);

/// <prefix>/floor: the floor now, as the twin keeps it.
struct TwinFloor {
  LiveSample sample;    ///< wip (lots in the plant), throughput (good lots/h over the last hour), stations
  QDateTime at;         ///< the plant's date and time
  qint64 completed = 0; ///< good lots out since the twin's first event
};
std::optional<TwinFloor> parse_floor(const QJsonObject& object);

/// One point of a forecast: good lots out from its start to `at` (a shift's or day's end, the
/// last one the horizon's end), mean and 90 % prediction interval.
struct ForecastPoint {
  QDateTime at;
  double mean = 0, low = 0, high = 0;
};

/// <prefix>/forecast.
struct TwinForecast {
  int index = 0;
  QDateTime from;
  double horizon_s = 0;
  QVector<ForecastPoint> output; ///< in time order, never empty
  double naive = 0;              ///< the trailing 24 h's output scaled to the horizon; NaN: none
  QString bottleneck;            ///< empty: not said
  double bottleneck_share = 0;   ///< of the runs, 0..1
  std::optional<double> target;  ///< good lots over the horizon, with the chance of missing it
  double miss_probability = 0;
  /// The horizon's output (the last point).
  const ForecastPoint& total() const { return output.back(); }
};
std::optional<TwinForecast> parse_forecast(const QJsonObject& object);

/// <prefix>/actual: a forecast's horizon has passed and its output is known.
struct TwinActual {
  int index = 0;
  QDateTime from;
  double horizon_s = 0;
  double actual = 0;
  double forecast_mean = 0, low = 0, high = 0;
  bool covered = false; ///< the actual lies in [low, high]
  double naive = 0;     ///< NaN: none
};
std::optional<TwinActual> parse_actual(const QJsonObject& object);

/// <prefix>/drift: a station group's times left the scenario's distribution and were refitted.
struct TwinDrift {
  QString station_group;
  QString quantity; ///< process_time, time_to_failure, time_to_repair
  QDateTime at;
  bool up = false; ///< the times got longer
  double mean_before_s = 0, mean_after_s = 0;
  QString refit_family;
  int observations = 0;
  /// The refit made again with more of the new regime's times (not a new drift): `mean_before_s`
  /// is then the previous fit's mean.
  bool refined = false;
};
std::optional<TwinDrift> parse_drift(const QJsonObject& object);
/// "time to failure" for time_to_failure: a quantity in words.
QString quantity_words(const QString& quantity);

/// <prefix>/status: the twin's state and counts (absent counts are 0, -1 where said).
struct TwinStatus {
  QString state; ///< following, done, stopped, failed, gone
  qint64 events_received = 0, events_applied = 0, events_dropped = 0;
  qint64 forecasts = 0, drifts = 0, forecasts_failed = 0;
  QDateTime plant_time; ///< invalid: the twin has no event yet
  qint64 lots_in_plant = -1;
  QString error; ///< why it failed
};
std::optional<TwinStatus> parse_status(const QJsonObject& object);

} // namespace gigatwin::gui
