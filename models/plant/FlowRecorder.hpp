#pragma once
// FlowRecorder: the statistics of the lots' flow, measured from the plant's observations alone
// — lots released, consumed, scrapped and out per product; each station group's arrivals, the
// waits from arrival to a machine taking the lot and the time from arrival to being passed on
// (means and percentiles); lead times of the good lots out (means and percentiles, overall and
// per product), the time in the system of every lot that left, escapes and first-pass output.
// Times in s, counts in lots, since the last reset (the end of the warm-up) unless named
// otherwise. It reads nothing of the components: a new statistic of the flow is one more case
// here and one column where the results are declared (RunResult.cpp).
//
// Why not a virtual observer: it sees every lot event of every run, so the plant calls it
// directly (PlantContext::observe_lot), with the kind known at compile time: each lot event runs
// the recorder's code for its kind and nothing else. What it does not do: machine states, energy, buffers'
// contents and labour are measured by the components and the StateRecorder, not yet from observations.

#include "plant/Observation.hpp"

#include "core/QuantileEstimator.hpp"
#include "core/Tally.hpp"

#include <cstdint>
#include <vector>

namespace gigatwin::plant {

/// The probabilities of the lead-time and time-at-step percentiles: p50, p90, p95, p99.
const std::vector<double>& lead_time_probabilities();

class FlowRecorder {
public:
  /// Waits at a station group. A lot arrives when the step takes it (into its buffer or straight
  /// onto a machine); it waits until a machine takes it, and stays at the step until a machine
  /// passes it on (setup, processing and blocking after service included). An assembly's lot
  /// arrives with its oldest part. A lot on a machine that waits for its operator has stopped
  /// waiting: that time is the machine's waiting_operator state.
  struct Station {
    std::int64_t arrivals = 0;
    std::int64_t arrivals_waiting = 0; ///< found no idle machine and went into the buffer
    core::Tally wait_s;                ///< arrival to a machine taking the lot
    core::Tally time_at_step_s;        ///< arrival to being passed on
    core::QuantileEstimator time_at_step_quantiles{lead_time_probabilities()};
    /// The probability that an arriving lot waits (NaN before any arrival).
    double waiting_probability() const;
  };
  struct Product {
    std::int64_t released = 0; ///< released by its source, made by a split or an assembly
    std::int64_t output = 0, consumed = 0, scrap = 0;
    core::Tally lead_time_s; ///< of its good lots out: entry (of the first part) to the sink
    core::QuantileEstimator lead_time_quantiles{lead_time_probabilities()};
  };

  /// Sizes the record for a plant's station groups and products (observations name them by index).
  void prepare(std::size_t station_groups, std::size_t products);
  /// Starts counting afresh (the end of the warm-up); output_since_start() goes on.
  void reset();

  /// Any observation (those of other kinds than lots' pass by).
  void observe(const Observation& o);
  /// A lot observation whose kind the caller knows: what the plant calls on every lot event.
  template <ObservationKind kind> void record(const Observation& o) {
    if constexpr (kind == ObservationKind::lot_released || kind == ObservationKind::lot_created) {
      ++products_[static_cast<std::size_t>(o.product)].released;
    } else if constexpr (kind == ObservationKind::lot_arrived) {
      Station& s = stations_[static_cast<std::size_t>(o.group)];
      ++s.arrivals;
      s.arrivals_waiting += o.count; // 1: into the buffer
    } else if constexpr (kind == ObservationKind::lot_started) {
      stations_[static_cast<std::size_t>(o.group)].wait_s.add(o.time_s - o.lot_arrived_s);
    } else if constexpr (kind == ObservationKind::lot_moved) {
      Station& s = stations_[static_cast<std::size_t>(o.group)];
      const double at_step = o.time_s - o.lot_arrived_s;
      s.time_at_step_s.add(at_step);
      s.time_at_step_quantiles.add(at_step);
    } else if constexpr (kind == ObservationKind::lot_completed) {
      lot_left(o);
      completed(o);
    } else if constexpr (kind == ObservationKind::lot_scrapped) {
      lot_left(o);
      ++products_[static_cast<std::size_t>(o.product)].scrap;
      ++scrap_;
    } else if constexpr (kind == ObservationKind::lot_consumed) {
      lot_left(o);
      ++products_[static_cast<std::size_t>(o.product)].consumed;
    }
  }

  const Station& station(std::size_t group) const { return stations_[group]; }
  const Product& product(std::size_t product) const { return products_[product]; }
  std::int64_t output() const { return output_; }
  /// Good lots out since time 0 (the time series' throughput), never reset.
  std::int64_t output_since_start() const { return output_since_start_; }
  std::int64_t scrap() const { return scrap_; }
  std::int64_t escaped() const { return escaped_; }       ///< good lots out with a defect
  std::int64_t first_pass() const { return first_pass_; } ///< good lots out never reworked
  const core::Tally& lead_time_s() const { return lead_time_s_; }
  const core::QuantileEstimator& lead_time_quantiles() const { return lead_time_quantiles_; }
  /// Time in the system of every lot that left (out, scrapped or consumed): Little's law.
  const core::Tally& sojourn_all_s() const { return sojourn_all_s_; }

private:
  void lot_left(const Observation& o) { sojourn_all_s_.add(o.time_s - o.lot_created_s); }
  void completed(const Observation& o) {
    const double lead_time = o.time_s - o.lot_entry_s;
    Product& p = products_[static_cast<std::size_t>(o.product)];
    ++p.output;
    p.lead_time_s.add(lead_time);
    p.lead_time_quantiles.add(lead_time);
    ++output_since_start_;
    ++output_;
    escaped_ += o.lot_defective ? 1 : 0;
    first_pass_ += o.lot_reworked ? 0 : 1;
    lead_time_s_.add(lead_time);
    lead_time_quantiles_.add(lead_time);
  }

  std::vector<Station> stations_;
  std::vector<Product> products_;
  std::int64_t output_ = 0, output_since_start_ = 0, scrap_ = 0, escaped_ = 0, first_pass_ = 0;
  core::Tally lead_time_s_;
  core::QuantileEstimator lead_time_quantiles_{lead_time_probabilities()};
  core::Tally sojourn_all_s_;
};

} // namespace gigatwin::plant
