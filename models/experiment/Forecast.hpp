#pragma once
// Forecast: what the plant will put out from a state on — K replications simulated from the
// state (Factory::start_from), each in a child process of its own, `jobs` at a time, over a
// horizon, with the good output counted at checkpoints (the end of each shift and day): per
// checkpoint the mean and a 90 % prediction interval (the replications' 5 % and 95 % quantiles,
// interpolated), the chance of falling short of a target, and the expected bottleneck (the group
// most often the busiest). Times in s on the scenario's clock; output in lots.
//
// The interval describes the simulated plant's spread from this state; it is as good as the
// scenario's distributions (the twin's drift watch refits them when the plant changes).

#include "plant/PlantState.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>
#include <string>
#include <vector>

namespace gigatwin::experiment {

struct ForecastRequest {
  plant::PlantState state;
  double horizon_s = 86400.0;
  /// Offsets from the state's time at which output is counted (ascending, > 0, <= horizon); the
  /// horizon itself is always one.
  std::vector<double> checkpoints_s;
  std::int64_t replications = 30;
  std::uint64_t seed = 1;
  std::size_t jobs = 1;
  /// Good lots over the whole horizon the plant must reach (0: no target).
  double target = 0;
};

struct ForecastPoint {
  double at_s = 0; ///< the checkpoint's time on the scenario's clock
  double mean = 0; ///< good lots out from the state's time to at_s
  double low = 0;  ///< 5 % quantile over the replications
  double high = 0; ///< 95 % quantile
};

struct Forecast {
  double from_s = 0;
  double horizon_s = 0;
  std::int64_t replications = 0;
  std::vector<ForecastPoint> points;        ///< the last is the horizon
  std::vector<std::vector<double>> outputs; ///< per replication, per checkpoint
  std::string bottleneck;                   ///< the station group most often busiest
  double bottleneck_share = 0;              ///< in that share of the replications
  double target = 0;
  double miss_probability = 0; ///< share of replications below the target over the horizon (NaN: no target)
  double wall_s = 0;
};

/// Simulates `request.replications` runs of `spec` from the state. Throws std::runtime_error
/// naming the replication if one fails (a state that does not fit the scenario, ...).
Forecast forecast(const scenario::ScenarioSpec& spec, const ForecastRequest& request);

/// The q-quantile (0..1) of `values` by linear interpolation between order statistics (type 7,
/// as NumPy's default).
double quantile(std::vector<double> values, double q);

} // namespace gigatwin::experiment
