#pragma once
// TandemBench: the two reference implementations GigaTwin's engine is measured against on an
// open tandem line of single exponential servers with Poisson arrivals (Jackson network): a
// minimal hand-written binary-heap simulation, and SimGrid S4U actors with semaphores and
// sleep_for. Times are in the model's time unit; each returns lots/s, events/s and the mean
// time in system so the caller can compare with sum 1/(mu_i - lambda).

#include <cstdint>
#include <string>
#include <vector>

namespace gigatwin::bench {

struct TandemModel {
  double arrival_rate = 0.8;                             ///< lots per time unit
  std::vector<double> service_means = {1, 1, 1.1, 1, 1}; ///< time units
  std::int64_t lots = 1'000'000;
  std::uint64_t seed = 1;
};

struct BenchFigures {
  double lots = 0;
  double events = 0;
  double wall_s = 0;
  double mean_time_in_system = 0; ///< time units
  std::string encode() const;
  static BenchFigures decode(const std::string& bytes);
};

/// sum over stations of 1 / (mu_i - lambda): the mean time in system of the Jackson tandem line.
double analytic_time_in_system(const TandemModel& model);

BenchFigures run_hand_heap(const TandemModel& model);
/// Creates a SimGrid engine: call in a process of its own.
BenchFigures run_simgrid_actors(const TandemModel& model);

} // namespace gigatwin::bench
