// MSER-5 against series whose right truncation is known by construction.

#include "core/Mser.hpp"

#include "core/RandomStream.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <vector>

using gigatwin::core::mser5;

TEST_CASE("MSER-5 deletes exactly a transient followed by a constant", "[mser]") {
  // Two batches of 100 then 18 batches of 1: truncating the two gives MSER = 0, and no shorter
  // truncation can (each leaves a 100 among the 1s).
  std::vector<double> y(10, 100.0);
  y.insert(y.end(), 90, 1.0);
  const auto r = mser5(y);
  CHECK(r.batches == 20);
  CHECK(r.observations_deleted == 10);
}

TEST_CASE("MSER-5 deletes nothing from a constant series or one too short", "[mser]") {
  CHECK(mser5(std::vector<double>(100, 3.0)).observations_deleted == 0);
  CHECK(mser5(std::vector<double>{9, 9, 9, 9, 9, 1, 1, 1, 1}).observations_deleted == 0); // one batch
}

TEST_CASE("MSER-5 never deletes more than half the batches", "[mser]") {
  // A series that only ever rises: every truncation lowers the spread, so the rule stops at m/2.
  std::vector<double> y;
  for (int i = 0; i < 100; ++i)
    y.push_back(i);
  const auto r = mser5(y);
  CHECK(r.observations_deleted == 5 * (20 / 2));
}

TEST_CASE("MSER-5 finds an exponential transient in noise near where it has died out", "[mser]") {
  // y_t = 50 exp(-t / 20) + noise of sd 1: the transient is below the noise (1) after
  // 20 ln 50 = 78 observations; the truncation should land in that neighbourhood and nowhere
  // near the middle of the series.
  gigatwin::core::RandomStream rng(7, 0, "mser", "noise");
  std::vector<double> y;
  for (int t = 0; t < 2000; ++t) {
    const double normal =
        std::sqrt(-2.0 * std::log(rng.uniform01())) * std::cos(2.0 * M_PI * rng.uniform01());
    y.push_back(50.0 * std::exp(-t / 20.0) + normal);
  }
  const auto r = mser5(y);
  CHECK(r.observations_deleted >= 40);
  CHECK(r.observations_deleted <= 200);
}
