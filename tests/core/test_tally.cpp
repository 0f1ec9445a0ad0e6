#include "core/Tally.hpp"

#include <catch2/catch.hpp>

#include <cmath>

using gigatwin::core::Tally;

TEST_CASE("Tally summarises a small data set as computed by hand", "[tally]") {
  Tally t;
  for (double x : {2.0, 4.0, 4.0, 4.0, 5.0, 5.0, 7.0, 9.0})
    t.add(x);
  // n = 8, sum 40, mean 5; squared deviations 9+1+1+1+0+0+4+16 = 32, sample variance 32/7.
  CHECK(t.count() == 8);
  CHECK(t.sum() == 40.0);
  CHECK(t.mean() == Approx(5.0));
  CHECK(t.variance() == Approx(32.0 / 7));
  CHECK(t.stddev() == Approx(std::sqrt(32.0 / 7)));
  CHECK(t.min() == 2.0);
  CHECK(t.max() == 9.0);
}

TEST_CASE("Tally variance survives a large offset", "[tally]") {
  // 1e9 + {4, 7, 13, 16}: mean 1e9 + 10, variance (36+9+9+36)/3 = 30. The textbook formula
  // (sum x^2 - n mean^2)/(n-1) loses everything here (x^2 ~ 1e18, ulp ~ 128).
  Tally t;
  for (double x : {4.0, 7.0, 13.0, 16.0})
    t.add(1e9 + x);
  CHECK(t.mean() == Approx(1e9 + 10).epsilon(1e-15));
  CHECK(t.variance() == Approx(30.0).epsilon(1e-9));
}

TEST_CASE("Tally with too few observations reports NaN, and reset empties it", "[tally]") {
  Tally t;
  CHECK(t.count() == 0);
  CHECK(std::isnan(t.mean()));
  CHECK(std::isnan(t.min()));
  CHECK(std::isnan(t.variance()));
  CHECK(t.sum() == 0.0);
  t.add(-3.0);
  CHECK(t.mean() == -3.0);
  CHECK(t.min() == -3.0);
  CHECK(t.max() == -3.0);
  CHECK(std::isnan(t.variance())); // one observation says nothing about spread
  t.reset();
  CHECK(t.count() == 0);
  t.add(1.0);
  t.add(3.0);
  CHECK(t.mean() == 2.0);
  CHECK(t.variance() == 2.0); // (1 + 1)/1
  CHECK(t.min() == 1.0);      // the -3 from before the reset is gone
}
