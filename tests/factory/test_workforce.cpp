// Workers, shifts and wages against hand-worked values and a Markov chain.

#include "LineBuilder.hpp"

#include <Eigen/Dense>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::OperatorPhase;

namespace {
constexpr double HOUR = 3600.0, DAY = 86400.0;
}

TEST_CASE("a saturated machine that works 16 of 24 hours makes 2/3 of the 24-hour output", "[workforce]") {
  // Two 8 h shifts, 06:00-14:00 and 14:00-22:00, one worker; 1 min per lot. Each day has 16 h
  // = 960 min of work: exactly 960 lots a day, 9600 in 10 days, against 14400 round the clock.
  auto manned = [](bool calendar) {
    LineBuilder b(10 * DAY);
    if (calendar)
      b.calendar("two_shifts", {{6, 8}, {14, 8}});
    b.pool("ops", "operate", 1, calendar ? "two_shifts" : "")
        .saturated()
        .step("m", 1, DistributionSpec::constant(MIN))
        .operators("operate");
    return b;
  };
  auto r16 = manned(true).run();
  auto r24 = manned(false).run();
  CHECK(r24.output == 14400);
  CHECK(r16.output == 9600);
  CHECK(static_cast<double>(r16.output) / static_cast<double>(r24.output) == Approx(2.0 / 3.0));
  CHECK(r16.stations[0].off_shift == Approx(1.0 / 3.0));
  CHECK(r16.stations[0].utilization == Approx(2.0 / 3.0));

  SECTION("with random process times the work in progress at 22:00 resumes at 06:00") {
    // Exponential 1 min: throughput 2/3 of 60/h in expectation; 9600 lots: sd ~1 %, 4 % tolerance.
    LineBuilder b(10 * DAY);
    b.calendar("two_shifts", {{6, 8}, {14, 8}})
        .pool("ops", "operate", 1, "two_shifts")
        .saturated()
        .step("m", 1, DistributionSpec::exponential(MIN))
        .operators("operate");
    auto r = b.run();
    CHECK(r.throughput_per_h == Approx(40.0).epsilon(0.04));
  }
}

TEST_CASE("a shift end pauses the lot in progress: preempt-resume", "[workforce]") {
  // One 8 h shift a day from 00:00, 50 min per lot. Day 1: lots end at 50, 100, ..., 450 min (9);
  // lot 10 is stopped at 480 with 20 min left and ends at 1440 + 20 = 1460; then 9 more fit
  // before 1920 (1510 ... 1910). 19 lots in two days (18 if the lot were restarted).
  auto r = LineBuilder(2 * DAY)
               .calendar("day", {{0, 8}})
               .pool("ops", "operate", 1, "day")
               .saturated()
               .step("m", 1, DistributionSpec::constant(50 * MIN))
               .operators("operate", 1, OperatorPhase::processing)
               .run();
  CHECK(r.output == 19);
}

TEST_CASE("two machines sharing one operator: machine interference Markov chain", "[workforce]") {
  // The operator loads (sets up) a machine, exponential with rate a; the machine then runs
  // unattended, exponential with rate b, and needs the operator again for the next lot. State
  // k = machines waiting for or being served by the operator (0, 1, 2):
  // k -> k+1 at rate (2-k) b, k -> k-1 at rate a. Throughput = b E[2-k].
  const double a = 1.0, b = 0.5; // per minute: 1 min loading, 2 min running
  Eigen::Matrix3d Q = Eigen::Matrix3d::Zero();
  for (int k = 0; k < 3; ++k) {
    if (k < 2)
      Q(k, k + 1) = (2 - k) * b;
    if (k > 0)
      Q(k, k - 1) = a;
    Q(k, k) = -Q.row(k).sum();
  }
  Eigen::Matrix3d A = Q.transpose();
  A.row(2).setOnes();
  Eigen::Vector3d pi = A.fullPivLu().solve(Eigen::Vector3d(0, 0, 1));
  const double throughput_per_min = b * (2 * pi(0) + 1 * pi(1));
  const double waiting_per_machine = pi(2) / 2.0; // in state 2 one of the two machines waits

  auto r = LineBuilder(4e5 * MIN, 100 * MIN)
               .pool("ops", "load", 1)
               .saturated()
               .step("m", 2, DistributionSpec::exponential(MIN / b))
               .setup(DistributionSpec::exponential(MIN / a), 1)
               .operators("load", 1, OperatorPhase::setup)
               .run();
  // ~4e5 x 0.5 lots; relative sd of the count well under 0.5 %: 1.5 % tolerance.
  CHECK(r.throughput_per_h / 60.0 == Approx(throughput_per_min).epsilon(0.015));
  CHECK(r.stations[0].waiting_operator == Approx(waiting_per_machine).epsilon(0.03));
  CHECK(r.pools[0].worked_hours / (r.measured_s / HOUR) == Approx(1.0 - pi(0)).epsilon(0.015));
}

TEST_CASE("wage bill for a known calendar", "[workforce]") {
  SECTION("4 crews on 3 x 8 h: a quarter of the pool is always there") {
    // 8 workers in 4 crews of 2; every hour 2 are paid: 7 d x 24 h x 2 = 336 h at 12.5/h = 4200.
    auto r = LineBuilder(7 * DAY)
                 .calendar("c4", {{6, 8}, {14, 8}, {22, 8}}, 4)
                 .pool("ops", "operate", 8, "c4", 12.5)
                 .poisson(1.0 / HOUR)
                 .step("m", 1, DistributionSpec::constant(MIN))
                 .operators("operate")
                 .run();
    CHECK(r.labour_hours == Approx(336.0));
    CHECK(r.labour_cost == Approx(4200.0));
    CHECK(r.pools[0].paid_hours == Approx(336.0));
  }
  SECTION("day shift on weekdays only") {
    // 5 workers, 08:00-16:00 Monday to Friday, 2 weeks: 2 x 5 x 8 x 5 = 400 h.
    auto r = LineBuilder(14 * DAY)
                 .calendar("days", {{8, 8}}, 1, {true, true, true, true, true, false, false})
                 .pool("ops", "operate", 5, "days", 20.0)
                 .poisson(1.0 / HOUR)
                 .step("m", 1, DistributionSpec::constant(MIN))
                 .operators("operate")
                 .run();
    CHECK(r.labour_hours == Approx(400.0));
    CHECK(r.labour_cost == Approx(8000.0));
  }
  SECTION("absenteeism: absent workers are neither there nor paid") {
    // 20 workers, 3 x 8 h, 1 crew, 10 % absent per shift: 20 x 24 h x 0.9 per day over 100 days;
    // binomial sd of the total over 300 shifts x 20 = 6000 draws: sqrt(6000 x 0.09) = 23 absences
    // of 600 expected (4 %): 12 % margin on absences = 1.5 % on paid hours.
    auto r = LineBuilder(100 * DAY)
                 .calendar("c1", {{0, 8}, {8, 8}, {16, 8}})
                 .pool("ops", "operate", 20, "c1", 1.0, 0.1)
                 .poisson(1.0 / HOUR)
                 .step("m", 1, DistributionSpec::constant(MIN))
                 .operators("operate")
                 .run();
    CHECK(r.labour_hours == Approx(20 * 24 * 100 * 0.9).epsilon(0.015));
  }
}

TEST_CASE("labour law: overtime and night premiums, minimum wage, weekly hours", "[labour]") {
  SECTION("a daily 8 h shift is 56 h a week: 16 h of overtime at 1.5") {
    // 2 workers, 06:00-14:00 every day, wage 10, 2 weeks: base 2 x 112 h x 10 = 2240;
    // overtime 2 x 2 x 16 h = 64 worker-hours, premium 64 x 0.5 x 10 = 320. Total 2560.
    LineBuilder b(14 * DAY);
    b.labour().overtime_premium = 1.5;
    b.calendar("daily", {{6, 8}}).pool("ops", "operate", 2, "daily", 10.0);
    auto r = b.poisson(1.0 / HOUR).step("m", 1, DistributionSpec::constant(MIN)).operators("operate").run();
    CHECK(r.pools[0].overtime_hours == Approx(64.0));
    CHECK(r.labour_cost == Approx(2560.0));
    CHECK(r.pools[0].max_week_hours == Approx(56.0));
  }
  SECTION("night hours 22:00-06:00 get the night premium") {
    // 1 worker, 20:00-04:00 every day, 1 week from Monday 00:00: the Sunday shift's tail 00:00-04:00,
    // six full shifts and Sunday 20:00-24:00 = 56 paid hours; night hours 4 + 6 x 6 + 2 = 42.
    // Wage 10: 560 + 42 x 0.5 x 10 = 770.
    LineBuilder b(7 * DAY);
    b.labour().night_premium = 1.5;
    b.calendar("late", {{20, 8}}).pool("ops", "operate", 1, "late", 10.0);
    auto r = b.poisson(1.0 / HOUR).step("m", 1, DistributionSpec::constant(MIN)).operators("operate").run();
    CHECK(r.labour_hours == Approx(56.0));
    CHECK(r.pools[0].night_hours == Approx(42.0));
    CHECK(r.labour_cost == Approx(770.0));
  }
  SECTION("a wage below the minimum wage is raised to it") {
    // 1 worker always on shift for 1 day at 5 KRW/h under a 7530 KRW/h minimum (Korea 2018).
    LineBuilder b(DAY);
    b.labour().minimum_wage_per_h = 7530;
    b.pool("ops", "operate", 1, "", 5.0);
    auto r = b.poisson(1.0 / HOUR).step("m", 1, DistributionSpec::constant(MIN)).operators("operate").run();
    CHECK(r.labour_cost == Approx(24 * 7530.0));
  }
  SECTION("4 crews on 3 x 8 h work 40 or 48 h a week: never above a 52 h cap") {
    // 21 shifts a week taken in turn by 4 crews: 5 or 6 shifts (40 or 48 h) per crew and week.
    LineBuilder b(10 * 7 * DAY);
    b.calendar("c4", {{6, 8}, {14, 8}, {22, 8}}, 4).pool("ops", "operate", 8, "c4", 10.0);
    auto r = b.poisson(1.0 / HOUR).step("m", 1, DistributionSpec::constant(MIN)).operators("operate").run();
    CHECK(r.pools[0].max_week_hours == Approx(48.0));
    CHECK(r.pools[0].max_week_hours <= 52.0);
  }
}

TEST_CASE("overtime on demand: shifts extended while machines need workers, never past the cap", "[labour]") {
  // 1 worker on 08:00-16:00, Monday to Friday (40 h), running one machine of exactly 1 h per lot
  // that needs the worker throughout; wage 10/h, overtime premium 1.5, 4 weeks from Monday 00:00.
  const std::array<bool, 7> weekdays = {true, true, true, true, true, false, false};
  auto line = [&](bool saturated) {
    LineBuilder b(28 * DAY);
    b.labour().overtime_premium = 1.5;
    b.labour().demand_overtime_max_s = 4 * HOUR;
    b.labour().demand_overtime_block_s = HOUR;
    b.calendar("day", {{8, 8}}, 1, weekdays).pool("ops", "operate", 1, "day", 10.0);
    if (saturated)
      b.saturated();
    else
      b.interarrival(DistributionSpec::constant(DAY)); // one lot a day, done by 09:00
    b.step("m", 1, DistributionSpec::constant(HOUR)).operators("operate");
    return b;
  };
  SECTION("a 52 h cap: 12 h of extensions a week, then no more") {
    // The saturated machine always needs the worker: Monday to Wednesday are extended by the full
    // 4 h (12, 24, 36 h), Thursday and Friday are not (44, 52 h = the cap). 52 lots a week; paid
    // 52 h, of which 12 beyond the regular 40: 4 x (52 x 10 + 12 x 0.5 x 10) = 2320.
    auto b = line(true);
    b.labour().weekly_cap_h = 52;
    const auto r = b.run();
    CHECK(r.output == 4 * 52);
    CHECK(r.pools[0].demand_overtime_hours == Approx(4 * 12.0));
    CHECK(r.pools[0].overtime_hours == Approx(4 * 12.0));
    CHECK(r.pools[0].max_week_hours == Approx(52.0));
    CHECK(r.labour_hours == Approx(4 * 52.0));
    CHECK(r.labour_cost == Approx(2320.0));
  }
  SECTION("without a cap every shift is extended by the longest extension") {
    // 5 x (8 + 4) = 60 h a week, 20 of them overtime.
    const auto r = line(true).run();
    CHECK(r.output == 4 * 60);
    CHECK(r.pools[0].max_week_hours == Approx(60.0));
    CHECK(r.pools[0].overtime_hours == Approx(4 * 20.0));
  }
  SECTION("without demand nobody stays") {
    // One lot a day, arriving at midnight and done by 09:00: at 16:00 no machine needs anyone.
    const auto r = line(false).run();
    CHECK(r.pools[0].demand_overtime_hours == 0.0);
    CHECK(r.labour_hours == Approx(4 * 40.0));
    CHECK(r.pools[0].max_week_hours == Approx(40.0));
  }
}
