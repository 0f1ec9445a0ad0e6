#pragma once
// Selection: Kim and Nelson's fully sequential procedure (KN; Kim & Nelson 2001, "A fully
// sequential procedure for indifference-zone selection in simulation", ACM TOMACS 11(3)) for
// picking, among k simulated systems, the one with the smallest mean. With probability at least
// 1 − α it picks a system whose mean is within δ of the smallest (the indifference zone), when the
// observations of each system are independent and normal; common random numbers across systems
// are allowed (it works on the variances of the pairwise differences). Each system starts with n0
// observations; the procedure then asks for one more of every system still in contention and
// drops those clearly worse, until one is left or the budget of observations per system runs
// out (then the best mean so far is picked and the guarantee is not claimed).
//
// It draws nothing itself: the caller hands it observations. Units are the KPI's.

#include <cstddef>
#include <functional>
#include <utility>
#include <vector>

namespace gigatwin::experiment {

struct SelectionSettings {
  double alpha = 0.05;               ///< 1 − the probability of a correct selection
  double delta = 0;                  ///< the indifference zone, > 0, in the KPI's units
  std::size_t first = 10;            ///< n0: observations of every system before screening, >= 2
  std::size_t max_per_system = 1000; ///< a budget: stop asking once a system has this many
};

struct SelectionOutcome {
  std::size_t chosen = 0;                 ///< index of the system picked
  bool guaranteed = false;                ///< one system was left (else the budget ran out)
  std::vector<std::size_t> observations;  ///< per system, how many it was given
  std::vector<double> means;              ///< per system, its mean over those
  std::vector<std::size_t> eliminated_at; ///< per system, the stage it was dropped at (0: never)
};

/// KN's constant η for k systems: the first stage's variances scale the continuation region.
double kn_eta(double alpha, std::size_t k, std::size_t first);

/// The observations asked for at once: (system, n) pairs, n the 0-based index of the system's
/// observation; one value back per pair, in order.
using Observe =
    std::function<std::vector<double>(const std::vector<std::pair<std::size_t, std::size_t>>& wanted)>;

/// Runs KN for the smallest mean. It asks for n = 0 .. first − 1 of every system at once, then at
/// every stage for the next observation of each system still in contention. Throws
/// std::invalid_argument for bad settings or k < 1.
SelectionOutcome select_smallest(std::size_t k, const SelectionSettings& settings, const Observe& observe);

} // namespace gigatwin::experiment
