#pragma once
// DriftWatch: is the plant still the scenario? For every station group it watches the process
// times, the times between failures (on the scenario's basis) and the repair times the plant
// shows, against the scenario's distributions: each observation becomes a normal score
// z = Φ⁻¹(F(x)) (standard normal while the plant follows F; a duration in whole seconds, as a
// log written to the second gives, is scored by a randomised PIT of its rounded law); process
// times, which come in thousands, are averaged in batches of 25 (z̄·√25). A two-sided CUSUM of the
// scores (reference k = 0.5) raises an alarm when either sum passes its decision interval h. A
// plant watches many quantities, some thousands of times a day: one h for all would make a large
// plant cry wolf every few days. Each quantity's h is set from how often the scenario says it is
// observed (its machines over the mean time, per batch for process times) so that under the
// scenario a false alarm on either side comes about once in 100 years of that quantity (Siegmund's
// approximation of the run length) — a plant of 20 station groups watches 60 quantities: one false
// alarm in about 2 years — and never below h = 8 (19,000 scores a side). A shift of one standard
// deviation is then found after about 17 (h = 8) to 30 (h = 15) scores; at 180 failures a day,
// h ≈ 14.5 finds it in 4 to 5 hours.
// alarm; the quantity is then fitted again (maximum likelihood, the best family by AIC) to the
// observations since the alarming sum last stood at zero (the CUSUM's estimate of when the change
// began; at least 30, at most the latest 300) and watched against that from then on; as the new
// regime's observations double (up to 300), the fit is made again with all of them (a refinement,
// said as such), since the first rests on few. Times in s.
//
// A machine with robots that fail on clocks of their own is down when any part is: its time
// between failures is watched against the first of its parts' failures (1 − Π(1 − Fᵢ)), its
// repair times against the parts' repairs mixed by how often each part fails.
//
// What it does not do: tell which product's process times moved (they are pooled per group),
// or follow a change within the first observations after an alarm (it needs 30 to fit).

#include "core/DistributionSpec.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <nlohmann/json_fwd.hpp>

#include <cstdint>
#include <deque>
#include <optional>
#include <random>
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
  /// Not a new drift: the fit after one, made again with twice the observations since its change
  /// point (the first rests on 30 to a hundred).
  bool refined = false;
};

/// A distribution as a JSON object ({"kind": "weibull", "a": .., "b": .., "c": .., "values": [..]})
/// and back; the reader throws std::runtime_error naming `key` when it is not one.
nlohmann::json distribution_json(const core::DistributionSpec& d);
core::DistributionSpec read_distribution_json(const nlohmann::json& value, const std::string& key);
/// An alarm as a JSON object and back (`groups`: the scenario's station groups, to check its index).
nlohmann::json drift_alarm_json(const DriftAlarm& alarm);
DriftAlarm read_drift_alarm_json(const nlohmann::json& value, const std::string& key, std::size_t groups);

class DriftWatch {
public:
  explicit DriftWatch(const scenario::ScenarioSpec& spec);
  /// One observation of group `group`; an alarm when it tips the CUSUM.
  std::optional<DriftAlarm> observe(std::uint32_t group, WatchedQuantity quantity, double seconds);
  /// Everything it holds (what each quantity is watched against, its CUSUM, its latest
  /// observations, the random stream), for the live twin's checkpoint.
  nlohmann::json checkpoint() const;
  /// Takes back a checkpoint of a watch of the same scenario; throws std::runtime_error naming
  /// the key of what does not fit (the watch is then unchanged).
  void resume(const nlohmann::json& checkpoint);
  /// Whether group `group` counts failures on operating time (else calendar time).
  bool operating_basis(std::uint32_t group) const;

  static constexpr double k = 0.5;
  static constexpr double h_min = 8.0;
  /// The time over which one false alarm per quantity is expected under the scenario, s.
  static constexpr double false_alarm_every_s = 100 * 365.25 * 86400.0;
  /// The decision interval for scores that come `per_s` a second: the smallest h >= h_min whose
  /// two-sided in-control run length is at least per_s x false_alarm_every_s.
  static double decision_interval(double per_s);
  /// Group `group`'s decision interval for `quantity` (for tests and the docs).
  double limit(std::uint32_t group, WatchedQuantity quantity) const {
    return tracks_.at(group).at(static_cast<std::size_t>(quantity)).limit;
  }
  static constexpr std::size_t batch = 25;   ///< process times per score
  static constexpr std::size_t window = 300; ///< latest observations kept for a refit
  static constexpr std::size_t min_refit = 30;

private:
  /// What a quantity is watched against: one distribution, or the machine's parts (each with
  /// how many of it a machine has): their first failure, or their repairs mixed by failure rate.
  struct Reference {
    std::vector<std::pair<core::DistributionSpec, double>> parts; // (distribution, count or weight)
    bool first_of = false;                                        // min of the parts (else a mixture)
    double cdf(double x) const;
    double mean() const;
  };
  struct Track {
    std::optional<Reference> reference;
    double up = 0, down = 0; // CUSUM sums
    double batch_sum = 0;    // process times: scores of the batch so far
    std::size_t batch_n = 0;
    std::deque<double> recent; // latest observations, s
    double limit = h_min;      // the decision interval
    std::size_t up_run = 0;    // observations since `up` was last zero
    std::size_t down_run = 0;  // ... and `down`
    std::size_t regime_n = 0;  // observations since the last alarm's change point
    std::size_t refine_at = 0; // refit once regime_n reaches this (0: no refinement pending)
  };
  std::vector<std::vector<Track>> tracks_; // per group, per quantity
  std::mt19937_64 rng_{20261207};          // the randomised scores of whole seconds (fixed: runs repeat)
  std::uniform_real_distribution<double> uniform_{0.0, 1.0};
  std::vector<bool> operating_;
};

} // namespace gigatwin::plantdata
