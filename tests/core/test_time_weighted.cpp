#include "core/TimeWeighted.hpp"

#include <catch2/catch.hpp>

#include <stdexcept>

using gigatwin::core::TimeWeighted;

TEST_CASE("TimeWeighted averages a step function as computed by hand", "[time-weighted]") {
  // WIP: 0 on [0,2), 3 on [2,5), 1 on [5,6), 4 from 6 on.
  TimeWeighted wip(0.0, 0.0);
  wip.update(2.0, 3.0);
  wip.update(5.0, 1.0);
  // Up to t = 5.5, mid-step: 0*2 + 3*3 + 1*0.5 = 9.5 over 5.5 s.
  CHECK(wip.mean(5.5) == Approx(9.5 / 5.5));
  wip.update(6.0, 4.0);
  // Up to t = 10: 0*2 + 3*3 + 1*1 + 4*4 = 26 lot-seconds, average 26/10.
  CHECK(wip.integral(10.0) == Approx(26.0));
  CHECK(wip.mean(10.0) == Approx(2.6));
  CHECK(wip.current() == 4.0);
  CHECK(wip.max() == 4.0);
  CHECK(wip.min() == 0.0);
}

TEST_CASE("TimeWeighted reset restarts the average but keeps the value", "[time-weighted]") {
  TimeWeighted q(0.0, 2.0);
  q.update(4.0, 5.0);
  q.reset(10.0); // e.g. end of warm-up: value 5 carries over
  CHECK(q.current() == 5.0);
  CHECK(q.mean(10.0) == 5.0); // empty window: the current value
  CHECK(q.max() == 5.0);
  q.update(12.0, 0.0);
  // [10,12) at 5, [12,14) at 0: integral 10, mean 10/4.
  CHECK(q.integral(14.0) == Approx(10.0));
  CHECK(q.mean(14.0) == Approx(2.5));
  CHECK(q.max() == 5.0); // the 2 from before the reset no longer counts for min either:
  CHECK(q.min() == 0.0);
}

TEST_CASE("TimeWeighted starts at t0 and handles simultaneous updates", "[time-weighted]") {
  TimeWeighted x(100.0, 5.0);
  CHECK(x.mean(110.0) == Approx(5.0));
  // Two changes at the same instant: the intermediate value 9 is held for zero time but is
  // still the maximum reached.
  x.update(110.0, 9.0);
  x.update(110.0, 1.0);
  // [100,110) at 5, [110,120) at 1: (50 + 10)/20 = 3.
  CHECK(x.mean(120.0) == Approx(3.0));
  CHECK(x.max() == 9.0);
}

TEST_CASE("TimeWeighted refuses time going backwards", "[time-weighted]") {
  TimeWeighted x(0.0, 1.0);
  x.update(5.0, 2.0);
  CHECK_THROWS_AS(x.update(4.0, 3.0), std::invalid_argument);
  CHECK_THROWS_AS(x.mean(4.9), std::invalid_argument);
  CHECK_THROWS_AS(x.reset(1.0), std::invalid_argument);
  CHECK(x.current() == 2.0); // the refused update changed nothing
}
