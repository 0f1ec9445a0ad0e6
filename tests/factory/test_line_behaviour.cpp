// Blocking, breakdowns, setups and scrap against values worked out independently: a Markov
// chain solved with Eigen, availability formulas, and exact deterministic schedules.

#include "LineBuilder.hpp"

#include <Eigen/Dense>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;

namespace {
// Two exponential machines (rates mu1, mu2) with a buffer of B waiting places between them,
// a saturated first machine and blocking after service. State k = 0..B+1 counts the lots in
// the buffer plus the one on machine 2 while machine 1 works; state B+2 is "machine 1 blocked"
// (buffer full, machine 2 busy, machine 1 holding a finished lot).
struct TwoMachineLine {
  double throughput;  // lots per unit time
  double m1_blocked;  // fraction of time machine 1 is blocked
  double m2_starved;  // fraction of time machine 2 is idle
  double buffer_mean; // time-average lots waiting in the buffer
};

TwoMachineLine solve_two_machine_line(double mu1, double mu2, int B) {
  const int n = B + 3;
  Eigen::MatrixXd Q = Eigen::MatrixXd::Zero(n, n);
  for (int k = 0; k <= B + 1; ++k) {
    if (k < B + 1)
      Q(k, k + 1) += mu1; // machine 1 finishes, the lot moves on
    else
      Q(k, B + 2) += mu1; // machine 1 finishes into a full buffer: blocked
    if (k >= 1)
      Q(k, k - 1) += mu2;
  }
  Q(B + 2, B + 1) += mu2; // machine 2 takes from the buffer, machine 1 pushes its lot in
  for (int i = 0; i < n; ++i)
    Q(i, i) = -Q.row(i).sum();
  // pi Q = 0, sum pi = 1: replace one balance equation by the normalisation.
  Eigen::MatrixXd A = Q.transpose();
  A.row(n - 1).setOnes();
  Eigen::VectorXd b = Eigen::VectorXd::Zero(n);
  b(n - 1) = 1.0;
  Eigen::VectorXd pi = A.fullPivLu().solve(b);
  TwoMachineLine r{};
  r.throughput = mu2 * (1.0 - pi(0));
  r.m1_blocked = pi(B + 2);
  r.m2_starved = pi(0);
  for (int k = 2; k <= B + 1; ++k)
    r.buffer_mean += (k - 1) * pi(k);
  r.buffer_mean += B * pi(B + 2);
  return r;
}
} // namespace

TEST_CASE("two-machine line with a finite buffer matches its Markov chain", "[blocking]") {
  for (int B : {0, 3}) {
    const double mu1 = 1.0, mu2 = 1.2; // per minute
    const auto exact = solve_two_machine_line(mu1, mu2, B);
    const double T = 5e5 * MIN;
    auto r = LineBuilder(T, 500 * MIN)
                 .saturated()
                 .step("m1", 1, DistributionSpec::exponential(MIN / mu1))
                 .step("m2", 1, DistributionSpec::exponential(MIN / mu2), B)
                 .run();
    INFO("buffer " << B);
    // ~5e5 lots; throughput of a 2-machine line has ~0.3 % standard error here.
    CHECK(r.throughput_per_h / 60.0 == Approx(exact.throughput).epsilon(0.015));
    CHECK(r.stations[0].blocked == Approx(exact.m1_blocked).epsilon(0.05));
    CHECK(r.stations[1].starved == Approx(exact.m2_starved).epsilon(0.05));
    CHECK(r.stations[1].buffer_mean == Approx(exact.buffer_mean).epsilon(0.05).margin(0.01));
    check_littles_law(r);
  }
}

TEST_CASE("breakdowns: availability on calendar and operating time", "[breakdowns]") {
  // Process 1 min (constant), MTTF 60 min, MTTR 15 min, both exponential.
  const auto ttf = DistributionSpec::exponential(60 * MIN);
  const auto ttr = DistributionSpec::exponential(15 * MIN);
  const double T = 1e6 * MIN;
  SECTION("saturated: throughput = 1 / (1 + MTTR/MTTF) lots per minute, down 20 %") {
    for (auto basis : {scenario::FailureBasis::operating, scenario::FailureBasis::calendar}) {
      auto r = LineBuilder(T)
                   .saturated()
                   .step("m", 1, DistributionSpec::constant(MIN))
                   .failures(ttf, ttr, basis)
                   .run();
      CHECK(r.throughput_per_h / 60.0 == Approx(0.8).epsilon(0.01));
      CHECK(r.stations[0].down == Approx(0.2).epsilon(0.02));
    }
  }
  SECTION("calendar basis: down MTTR/(MTTF+MTTR) whatever the load") {
    auto r = LineBuilder(T)
                 .poisson(0.3 / MIN)
                 .step("m", 1, DistributionSpec::constant(MIN))
                 .failures(ttf, ttr, scenario::FailureBasis::calendar)
                 .run();
    CHECK(r.stations[0].down == Approx(0.2).epsilon(0.02));
    CHECK(r.stations[0].utilization == Approx(0.3).epsilon(0.01));
    check_littles_law(r);
  }
  SECTION("operating basis: down = busy x MTTR/MTTF") {
    auto r = LineBuilder(T)
                 .poisson(0.3 / MIN)
                 .step("m", 1, DistributionSpec::constant(MIN))
                 .failures(ttf, ttr, scenario::FailureBasis::operating)
                 .run();
    CHECK(r.stations[0].utilization == Approx(0.3).epsilon(0.01));
    CHECK(r.stations[0].down == Approx(0.3 * 15.0 / 60.0).epsilon(0.03));
  }
}

TEST_CASE("breakdowns are preempt-resume: the remaining work is kept", "[breakdowns]") {
  // Deterministic: 10 min per lot, a failure after every 25 min of operation, 5 min repair.
  // Lots end at 10, 20; the third is interrupted at 25 with 5 min left, resumes at 30, ends at 35;
  // the pattern repeats every 30 min with 2.5 lots. In 300 min: exactly 25 lots. (With
  // preempt-restart it would be 20: every third lot would lose its first 5 minutes.)
  auto r = LineBuilder(300 * MIN + 1)
               .saturated()
               .step("m", 1, DistributionSpec::constant(10 * MIN))
               .failures(DistributionSpec::constant(25 * MIN), DistributionSpec::constant(5 * MIN),
                         scenario::FailureBasis::operating)
               .run();
  CHECK(r.output == 25);
  CHECK(r.stations[0].down * r.measured_s == Approx(50 * MIN).epsilon(1e-6)); // 10 repairs of 5 min
}

TEST_CASE("setups: a setup of S before every N lots", "[setup]") {
  // 1 min per lot, 10 min setup every 10 lots: 10 lots per 20 min = 30 lots/h, half the time in setup.
  auto r = LineBuilder(100 * 60 * MIN)
               .saturated()
               .step("m", 1, DistributionSpec::constant(MIN))
               .setup(DistributionSpec::constant(10 * MIN), 10)
               .run();
  CHECK(r.throughput_per_h == Approx(30.0).epsilon(1e-3));
  CHECK(r.stations[0].setup == Approx(0.5).epsilon(1e-3));
  CHECK(r.stations[0].utilization == Approx(0.5).epsilon(1e-3));
}

TEST_CASE("scrap: a yield p leaves p x output good lots", "[scrap]") {
  // 2 steps, 10 % then 5 % scrap, saturated at 1 lot/min: n = 10^5 lots started; good fraction
  // 0.9 x 0.95 = 0.855 with binomial sd sqrt(0.855 x 0.145 / n) = 0.0011; 4 sd tolerance.
  auto r = LineBuilder(1e5 * MIN + 1)
               .saturated()
               .step("a", 1, DistributionSpec::constant(MIN), std::nullopt, 0.10)
               .step("b", 1, DistributionSpec::constant(0.5 * MIN), std::nullopt, 0.05)
               .run();
  const double started = static_cast<double>(r.output + r.scrap + r.wip_end);
  CHECK(static_cast<double>(r.output) / started == Approx(0.855).margin(0.0045));
  CHECK(static_cast<double>(r.stations[0].scrap) / started == Approx(0.10).margin(0.004));
  CHECK(r.stations[0].output + r.stations[0].scrap == Approx(started).margin(1));
}
