#pragma once
// ForecastLog: the live twin's record of its forecasts and of the output that followed, as an
// HDF5 file (docs/LIVE.md, "The forecast log"): /forecasts one row per forecast (its time,
// horizon, the output's mean and 90 % interval, the naive forecast, the actual once known,
// whether the interval covered it, the bottleneck), /forecast_points one row per checkpoint of
// each forecast, /drift one row per drift found (and fitted again). Rewritten whole (under a temporary name,
// then renamed) after every change, so that a twin killed at any moment leaves the last complete log.

#include "TwinSession.hpp"

#include <string>
#include <vector>

namespace gigatwin::cli {

/// Writes `records` to `path`; `start_date` is the date of the scenario's time 0. Throws
/// results::ResultsError if it cannot.
void write_forecast_log(const std::string& path, const std::vector<ForecastRecord>& records,
                        const std::vector<TwinSession::DriftRecord>& drifts,
                        const scenario::ScenarioSpec& spec, const std::string& start_date);

} // namespace gigatwin::cli
