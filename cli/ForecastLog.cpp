#include "ForecastLog.hpp"

#include "results/ResultsWriter.hpp"
#include "results/Table.hpp"

#include <cmath>
#include <limits>

namespace gigatwin::cli {

void write_forecast_log(const std::string& path, const std::vector<ForecastRecord>& records,
                        const std::vector<TwinSession::DriftRecord>& drifts,
                        const scenario::ScenarioSpec& spec, const std::string& start_date) {
  using results::ColumnType;
  const double nan = std::numeric_limits<double>::quiet_NaN();
  results::Table forecasts;
  forecasts.description = "the twin's forecasts of the good output over their horizon, and what followed";
  forecasts.columns = {
      {"forecast", ColumnType::int64, "", "the forecast's number, from 0"},
      {"from", ColumnType::float64, "s",
       "plant time it forecasts from (the scenario's clock: time 0 is start_date 00:00 UTC)"},
      {"horizon", ColumnType::float64, "s", "what it covers"},
      {"replications", ColumnType::int64, "", "simulated runs from the plant's state"},
      {"mean", ColumnType::float64, "lots", "forecast good output over the horizon: the runs' mean"},
      {"low", ColumnType::float64, "lots", "90 % prediction interval: the runs' 5 % quantile"},
      {"high", ColumnType::float64, "lots", "90 % prediction interval: the runs' 95 % quantile"},
      {"naive", ColumnType::float64, "lots",
       "the naive forecast: the trailing 24 h's output scaled to the horizon (NaN: no output seen before)"},
      {"actual", ColumnType::float64, "lots",
       "the plant's good output over the horizon (NaN until it has passed)"},
      {"covered", ColumnType::int64, "", "1 if the interval held the actual, 0 if not, -1 not yet known"},
      {"bottleneck", ColumnType::string, "", "the station group most often the busiest in the runs"},
      {"bottleneck_share", ColumnType::float64, "", "share of the runs in which it was"},
      {"target", ColumnType::float64, "lots", "the output target over the horizon (0: none)"},
      {"miss_probability", ColumnType::float64, "", "share of the runs below the target (NaN: no target)"},
      {"wall_time", ColumnType::float64, "s", "wall-clock time the forecast took"}};
  results::Table points;
  points.description = "each forecast's output counted at the end of every shift and day within its horizon";
  points.columns = {
      {"forecast", ColumnType::int64, "", "the forecast's number (row of /forecasts)"},
      {"at", ColumnType::float64, "s", "plant time of the checkpoint"},
      {"mean", ColumnType::float64, "lots", "forecast good output from the forecast's time to then"},
      {"low", ColumnType::float64, "lots", "the runs' 5 % quantile"},
      {"high", ColumnType::float64, "lots", "the runs' 95 % quantile"}};
  for (const ForecastRecord& r : records) {
    const auto& f = r.forecast;
    const auto& end = f.points.back();
    forecasts.rows.push_back({r.index, f.from_s, f.horizon_s, f.replications, end.mean, end.low, end.high,
                              r.naive, r.actual ? *r.actual : nan,
                              std::int64_t{r.actual ? (r.covered() ? 1 : 0) : -1}, f.bottleneck,
                              f.bottleneck_share, f.target, f.miss_probability, f.wall_s});
    for (const auto& p : f.points)
      points.rows.push_back({r.index, p.at_s, p.mean, p.low, p.high});
  }
  results::Table drift;
  drift.description =
      "each drift of the plant from the scenario the twin found, and the distribution it fitted then";
  drift.columns = {
      {"at", ColumnType::float64, "s", "plant time the drift was found"},
      {"station_group", ColumnType::string, "", "the group"},
      {"quantity", ColumnType::string, "", "process_time, time_to_failure or time_to_repair"},
      {"direction", ColumnType::string, "", "up (longer times) or down"},
      {"mean_before", ColumnType::float64, "s", "mean of the distribution watched until then"},
      {"mean_after", ColumnType::float64, "s", "mean of the distribution fitted to the latest times"},
      {"family", ColumnType::string, "", "the fitted family"},
      {"observations", ColumnType::int64, "", "latest times the fit used"},
      {"refined", ColumnType::int64, "", "1: not a new drift, the fit after one made again with more times"}};
  for (const auto& d : drifts)
    drift.rows.push_back({d.at_s, spec.station_groups[d.alarm.group].name,
                          std::string(plantdata::quantity_name(d.alarm.quantity)),
                          std::string(d.alarm.higher ? "up" : "down"), d.alarm.mean_before,
                          d.alarm.mean_after, d.alarm.family, static_cast<std::int64_t>(d.alarm.observations),
                          static_cast<std::int64_t>(d.alarm.refined ? 1 : 0)});
  results::ResultsWriter out(path, true);
  out.set_attribute("/", "format", std::string("gigatwin-forecast-log"));
  out.set_attribute("/", "scenario", spec.name);
  out.set_attribute("/", "start_date", start_date);
  out.write_table("/forecasts", forecasts);
  out.write_table("/forecast_points", points);
  out.write_table("/drift", drift);
  out.commit();
}

} // namespace gigatwin::cli
