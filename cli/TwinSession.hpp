#pragma once
// TwinSession: the live twin's logic, whether the plant's events come over MQTT (`gigatwin
// twin`) or from a log replayed at full speed (`gigatwin backtest`). It keeps the plant's state
// from the events (PlantTracker); every `every_s` of plant time it forecasts the output over the
// horizon from the state (experiment::forecast: replications in child processes), with the naive
// forecast beside it (the trailing 24 h's output, scaled to the horizon); once the plant's time
// passes a forecast's horizon it records the actual output. It watches the plant's process,
// failure and repair times against the scenario (DriftWatch) and, when one drifts, forecasts with
// the distribution fitted to the plant's latest times instead. Times in s on the scenario's clock.

#include "experiment/Forecast.hpp"
#include "plantdata/DriftWatch.hpp"
#include "plantdata/PlantTracker.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <nlohmann/json_fwd.hpp>

#include <functional>
#include <optional>
#include <vector>

namespace gigatwin::cli {

struct TwinOptions {
  double every_s = 86400;   ///< plant time between forecasts
  double horizon_s = 86400; ///< what each forecast covers
  double first_s = 86400;   ///< no forecast before this much plant time has been seen (the naive needs 24 h)
  /// Offsets within the horizon where output is also forecast; empty: the end of every shift (of
  /// the scenario's first calendar) and every day.
  std::vector<double> checkpoints_s;
  std::int64_t replications = 30;
  std::uint64_t seed = 1;
  std::size_t jobs = 1;
  double target = 0; ///< good lots over the horizon (0: none)
};

/// Reads --every, --horizon and --from into `options` (every and horizon > 0, from >= 0); the
/// message for the first that is not a time, or "" when all are.
std::string read_twin_times(const std::string& every, const std::string& horizon, const std::string& first,
                            TwinOptions& options);

/// Offsets from `from_s` (within (0, horizon)) of the ends of the shifts of the scenario's first
/// calendar on the days it works, and of every midnight (time 0 is a Monday 00:00).
std::vector<double> shift_and_day_ends(const scenario::ScenarioSpec& spec, double from_s, double horizon_s);

struct ForecastRecord {
  std::int64_t index = 0;
  experiment::Forecast forecast;
  double naive = 0;              ///< trailing 24 h's output x horizon / 24 h (NaN: no output seen before)
  double completed_at_start = 0; ///< the plant's good lots out until the forecast's time
  std::optional<double> actual;  ///< good lots out over the horizon, once it has passed
  /// Whether the actual output fell within the 90 % prediction interval.
  bool covered() const {
    return actual && *actual >= forecast.points.back().low && *actual <= forecast.points.back().high;
  }
};

class TwinSession {
public:
  TwinSession(const scenario::ScenarioSpec& spec, double origin_s, TwinOptions options);

  /// One event of the plant's log: forecasts fall due (and actuals become known) when its time
  /// passes theirs; they read the plant as it was before this event.
  void on_event(const plantdata::LogEvent& event, const plantdata::PlantLog& log);
  /// Forecasts from the state now (a request), whatever the schedule.
  void forecast_now();

  /// Everything the session holds (the tracker, the drift watch and the fits it made, the
  /// forecasts with their actuals, the hourly output marks), so that a twin started again carries
  /// on from here: `gigatwin twin --resume`. Names come from `log`.
  nlohmann::json checkpoint(const plantdata::PlantLog& log) const;
  /// Takes back a checkpoint of a session of this scenario (its names interned in `log`) into
  /// this one, new and made with the checkpoint's origin (checkpoint_origin); throws
  /// std::runtime_error naming the key of what does not fit.
  void resume(const nlohmann::json& checkpoint, plantdata::PlantLog& log);
  /// The log time of the scenario's time 0 a checkpoint was made with.
  static double checkpoint_origin(const nlohmann::json& checkpoint);
  double origin_s() const { return origin_s_; }

  std::function<void(const ForecastRecord&)> on_forecast; ///< a forecast was made
  std::function<void(const ForecastRecord&)> on_actual;   ///< a forecast's actual output is known
  /// The plant drifted from the scenario: the quantity was fitted again and later forecasts use
  /// the new fit. `at_s`: plant time.
  std::function<void(const plantdata::DriftAlarm&, double at_s)> on_drift;
  /// A forecast could not be made (why); the session goes on.
  std::function<void(const std::string& why)> on_failed_forecast;
  std::int64_t failed_forecasts() const { return failed_forecasts_; }

  struct DriftRecord {
    plantdata::DriftAlarm alarm;
    double at_s = 0;
  };
  const std::vector<DriftRecord>& drifts() const { return drifts_; }

  const std::vector<ForecastRecord>& records() const { return records_; }
  const plantdata::PlantTracker& tracker() const { return tracker_; }
  const scenario::ScenarioSpec& spec() const { return spec_; }

private:
  /// Later forecasts use `alarm`'s fit for its group and quantity.
  void use_refit(const plantdata::DriftAlarm& alarm);
  void advance_to(double t);
  void watch(std::uint32_t group, plantdata::WatchedQuantity quantity, double seconds);
  /// Passes group `group`'s times between failures to the drift watch in the order they began.
  /// In the order they end, the first ones a twin sees are the short ones (the long ones that
  /// began with them have not ended yet): a large plant's first hours look like a drift down.
  /// A time waits until every machine of the group up now began its own later, or 24 h.
  void release_failures(std::uint32_t group);
  static constexpr double max_failure_hold_s = 86400;
  void make_forecast(double at_s);
  /// Good lots out up to `t` (from the hourly marks; `t` a whole hour or now).
  double completed_at(double t) const;

  scenario::ScenarioSpec spec_;
  TwinOptions options_;
  double origin_s_;
  plantdata::PlantTracker tracker_;
  double next_forecast_s_;
  double first_event_s_ = -1;
  std::vector<std::pair<double, std::int64_t>> marks_; ///< (hour, good lots out until then)
  double next_mark_s_ = -1;
  std::vector<ForecastRecord> records_;
  std::size_t first_open_ = 0; ///< the first record without its actual yet
  plantdata::DriftWatch drift_;
  std::int64_t failed_forecasts_ = 0;
  std::vector<DriftRecord> drifts_;
  /// Per group: times between failures seen, waiting for release_failures (start, calendar s,
  /// operating s), earliest start first.
  struct HeldFailure {
    double start_s, calendar_s, operating_s;
    bool operator>(const HeldFailure& other) const { return start_s > other.start_s; }
  };
  std::vector<std::vector<HeldFailure>> held_failures_; // heaps (std::greater)
};

} // namespace gigatwin::cli
