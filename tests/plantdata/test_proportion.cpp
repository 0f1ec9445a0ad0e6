// Wilson score intervals: textbook values worked by hand, and coverage over many binomial draws.
#include "plantdata/Proportion.hpp"

#include "core/RandomStream.hpp"

#include <catch2/catch.hpp>

using gigatwin::plantdata::wilson;

TEST_CASE("Wilson intervals match values worked by hand", "[rates]") {
  // 5 of 10 at 95 % (z = 1.95996): centre 0.5, half-width z/(1 + z²/n)·√(p(1−p)/n + z²/4n²) = 0.26339.
  const auto half = wilson(5, 10);
  CHECK(half.estimate == 0.5);
  CHECK(half.low == Approx(0.23659).margin(1e-5));
  CHECK(half.high == Approx(0.76341).margin(1e-5));
  // None of 10: the lower bound is 0 and the upper (z²/n)/(1 + z²/n) = 0.27753.
  const auto none = wilson(0, 10);
  CHECK(none.low == 0.0);
  CHECK(none.high == Approx(0.27753).margin(1e-5));
  const auto all = wilson(10, 10);
  CHECK(all.high == 1.0);
  CHECK(all.low == Approx(1 - 0.27753).margin(1e-5));
  // No trial says nothing.
  CHECK(wilson(0, 0).low == 0.0);
  CHECK(wilson(0, 0).high == 1.0);
  CHECK_THROWS(wilson(3, 2));
  CHECK_THROWS(wilson(1, 2, 1.0));
}

TEST_CASE("Wilson intervals cover a scrap rate near 0 about as often as they say", "[rates]") {
  // 400 plants each judging 500 lots at 2 % scrap (10 scrapped on average, where Wald's interval
  // covers only ~92 %): the 95 % interval must hold 0.02 in 92 % to 98 % of them
  // (binomial(400, 0.95) falls outside with probability < 0.5 %); so must 90 % intervals in 86-94 %.
  auto rng = gigatwin::core::RandomStream(7, 0, "wilson", "coverage");
  int covered95 = 0, covered90 = 0;
  for (int plant = 0; plant < 400; ++plant) {
    std::size_t scrapped = 0;
    for (int lot = 0; lot < 500; ++lot)
      scrapped += rng.uniform01() < 0.02;
    const auto p95 = wilson(scrapped, 500);
    const auto p90 = wilson(scrapped, 500, 0.90);
    covered95 += p95.low <= 0.02 && 0.02 <= p95.high;
    covered90 += p90.low <= 0.02 && 0.02 <= p90.high;
  }
  CHECK(covered95 >= 368);
  CHECK(covered95 <= 392);
  CHECK(covered90 >= 344);
  CHECK(covered90 <= 376);
}
