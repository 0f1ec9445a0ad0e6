// Kim and Nelson's fully sequential selection (experiment/Selection): its constant by hand, its
// guarantee over 200 independent macro-replications in the slippage configuration (the hardest
// for it: every other system exactly δ worse), and that it spends little where the answer is
// plain and less still with common random numbers.
#include "experiment/Selection.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <random>

using namespace gigatwin::experiment;

namespace {

/// Normal observations: system i has mean means[i] and standard deviation 1; with `common`, every
/// system's n-th observation shares a common part of variance `common` (common random numbers).
Observe normal_systems(const std::vector<double>& means, std::uint32_t seed, double common = 0) {
  return [=](const std::vector<std::pair<std::size_t, std::size_t>>& wanted) {
    std::vector<double> out;
    for (const auto& [system, n] : wanted) {
      // Each (system, n) has a stream of its own, and each n a common one: values never depend on
      // the order they are asked in.
      std::mt19937_64 own(seed * 1'000'003ull + n * 101 + system);
      std::mt19937_64 shared(seed * 7'000'001ull + n);
      // One distribution each: std::normal_distribution keeps the second value of a pair it drew.
      std::normal_distribution<double> z_shared(0, 1), z_own(0, 1);
      const double c = z_shared(shared);
      const double e = z_own(own);
      out.push_back(means[system] + std::sqrt(common) * c + std::sqrt(1 - common) * e);
    }
    return out;
  };
}

} // namespace

TEST_CASE("KN's eta is Kim and Nelson's, worked out by hand", "[selection]") {
  // alpha 0.05, k 2, n0 10: eta = ((2 x 0.05 / 1)^(-2/9) - 1) / 2 = (10^(2/9) - 1) / 2.
  CHECK(kn_eta(0.05, 2, 10) == Approx((std::pow(10.0, 2.0 / 9.0) - 1) / 2));
  CHECK(kn_eta(0.05, 2, 10) == Approx(0.3339).epsilon(1e-3));
  // k 5: (2 x 0.05 / 4)^(-2/9) = 40^(2/9)
  CHECK(kn_eta(0.05, 5, 10) == Approx((std::pow(40.0, 2.0 / 9.0) - 1) / 2));
}

TEST_CASE("KN picks a system within delta of the best with probability at least 1 - alpha", "[selection]") {
  // Slippage: system 0 has mean 0, four others mean delta = 0.5 (sd 1). Over 200 independent
  // macro-replications the correct selections must number at least 181: were the true rate the
  // guaranteed 0.95, 181 or fewer would come with probability 0.3 % (binomial); KN is known to be
  // conservative, so it should clear this comfortably. Systems more than delta worse are never
  // a correct pick; here every other system is exactly that.
  SelectionSettings s{.alpha = 0.05, .delta = 0.5, .first = 10, .max_per_system = 100000};
  int correct = 0;
  std::size_t observations = 0;
  for (std::uint32_t macro = 1; macro <= 200; ++macro) {
    const auto outcome = select_smallest(5, s, normal_systems({0, 0.5, 0.5, 0.5, 0.5}, macro));
    CHECK(outcome.guaranteed);
    correct += outcome.chosen == 0;
    for (auto n : outcome.observations)
      observations += n;
  }
  CHECK(correct >= 181);
  CHECK(observations > 200 * 5 * 10); // it screened beyond the first stage
}

TEST_CASE("KN stops early when the best is plain, and earlier with common random numbers", "[selection]") {
  SelectionSettings s{.alpha = 0.05, .delta = 0.2, .first = 10, .max_per_system = 100000};
  std::size_t independent = 0, common = 0;
  int correct = 0;
  for (std::uint32_t macro = 1; macro <= 50; ++macro) {
    const std::vector<double> means = {0, 1, 2, 3};
    const auto a = select_smallest(4, s, normal_systems(means, macro));
    const auto b = select_smallest(4, s, normal_systems(means, macro, 0.8));
    correct += (a.chosen == 0) + (b.chosen == 0);
    for (std::size_t i = 0; i < 4; ++i) {
      independent += a.observations[i];
      common += b.observations[i];
    }
    // The worst (3 sd off) is always screened out (not merely outlasted).
    CHECK(a.eliminated_at[3] > 0);
  }
  CHECK(correct == 100);
  // The differences' variance is 2 (independent) against 0.4 (common part 0.8): fewer observations.
  CHECK(common < independent);
  // Worked out: eta = ((0.1 / 3)^(-2/9) - 1) / 2 = 0.565, h^2 = 2 eta 9 = 10.2, so a system may be
  // asked for up to h^2 S^2 / delta^2 ~ 10.2 x 2 / 0.04 = 510 observations; a plain answer ends far
  // sooner (system 1, 1 sd worse, goes once 51 / r - 0.1 < 1, r ~ 47): under a fifth of 4 x 510.
  CHECK(independent / 50 < 4 * 510 / 5);
}

TEST_CASE("KN refuses bad settings and stops at its budget without claiming the guarantee", "[selection]") {
  CHECK_THROWS_AS(select_smallest(3, {.alpha = 0, .delta = 1}, normal_systems({0, 0, 0}, 1)),
                  std::invalid_argument);
  CHECK_THROWS_AS(select_smallest(3, {.alpha = 0.05, .delta = 0}, normal_systems({0, 0, 0}, 1)),
                  std::invalid_argument);
  CHECK_THROWS_AS(select_smallest(3, {.alpha = 0.05, .delta = 1, .first = 1}, normal_systems({0, 0, 0}, 1)),
                  std::invalid_argument);
  // Three equal systems and a tiny delta: the budget (20 each) runs out first.
  const auto outcome = select_smallest(3, {.alpha = 0.05, .delta = 0.001, .first = 10, .max_per_system = 20},
                                       normal_systems({0, 0, 0}, 3));
  CHECK_FALSE(outcome.guaranteed);
  for (auto n : outcome.observations)
    CHECK(n <= 20);
  const auto one = select_smallest(1, {.alpha = 0.05, .delta = 1}, normal_systems({4}, 1));
  CHECK(one.chosen == 0);
  CHECK(one.guaranteed);
}
