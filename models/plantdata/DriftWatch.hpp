#pragma once
// DriftWatch: is the plant still the scenario? For every station group it watches the process
// times, the times between failures (on the scenario's basis) and the repair times the plant
// shows, against the scenario's distributions: each observation becomes a normal score
// z = Φ⁻¹(F(x)) (standard normal while the plant follows F); process times, which come in
// thousands, are averaged in batches of 25 (z̄·√25). A two-sided CUSUM of the scores
// (reference k = 0.5, decision interval h = 8: about 19,000 scores between false alarms on each
// side under the scenario; a shift of one standard deviation is found after about 17) raises an
// alarm; the quantity is then fitted again (maximum likelihood, the best family by AIC) to its
// latest observations and watched against that from then on. Times in s.
//
// What it does not do: tell which product's process times moved (they are pooled per group),
// or follow a change within the first observations after an alarm (it needs 30 to fit).

#include "core/DistributionSpec.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

namespace gigatwin::plantdata {

enum class WatchedQuantity : std::uint8_t { process_time, time_to_failure, time_to_repair };
const char* quantity_name(WatchedQuantity q);

struct DriftAlarm {
  std::uint32_t group = 0; ///< the scenario's station group index
  WatchedQuantity quantity = WatchedQuantity::process_time;
  double mean_before = 0; ///< of the distribution watched until now, s
  double mean_after = 0;  ///< of the one fitted to the latest observations, s
  core::DistributionSpec refit;
  std::string family;
  std::size_t observations = 0; ///< the fit's
  bool higher = false;          ///< the times grew (else they shrank)
};

class DriftWatch {
public:
  explicit DriftWatch(const scenario::ScenarioSpec& spec);
  /// One observation of group `group`; an alarm when it tips the CUSUM.
  std::optional<DriftAlarm> observe(std::uint32_t group, WatchedQuantity quantity, double seconds);
  /// Whether group `group` counts failures on operating time (else calendar time).
  bool operating_basis(std::uint32_t group) const;

  static constexpr double k = 0.5;
  static constexpr double h = 8.0;
  static constexpr std::size_t batch = 25;   ///< process times per score
  static constexpr std::size_t window = 300; ///< latest observations kept for a refit
  static constexpr std::size_t min_refit = 30;

private:
  struct Track {
    std::optional<core::DistributionSpec> reference;
    double up = 0, down = 0; // CUSUM sums
    double batch_sum = 0;    // process times: scores of the batch so far
    std::size_t batch_n = 0;
    std::deque<double> recent; // latest observations, s
  };
  std::vector<std::vector<Track>> tracks_; // per group, per quantity
  std::vector<bool> operating_;
};

} // namespace gigatwin::plantdata
