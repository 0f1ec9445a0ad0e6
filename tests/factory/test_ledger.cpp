// The workforce ledger: reassignment, retraining and layoffs after a roll-out, by hand.

#include "LineBuilder.hpp"

#include "results/ResultsReader.hpp"

#include <map>
#include <string>

using namespace gigatwin;
using namespace gigatwin::test;
using core::DistributionSpec;
using scenario::AutomationMode;

namespace {
constexpr double HOUR = 3600.0;

// Pools: assemblers [assembly] 4, winders [winding, assembly] 12, technicians [robot_tech] 0.
// Line: winding (12 machines, 1 winder each) -> assembly (4 machines, 1 assembler each, a hybrid
// mode needing 2 each) -> test cell (3 machines, no one; a robotic mode needing 1 technician each).
LineBuilder ledger_plant() {
  LineBuilder b(1000 * HOUR);
  b.pool_skills("assemblers", {"assembly"}, 4, 10.0)
      .pool_skills("winders", {"winding", "assembly"}, 12, 10.0)
      .pool_skills("technicians", {"robot_tech"}, 0, 20.0)
      .saturated()
      .step("winding", 12, DistributionSpec::constant(12 * 60.0))
      .mode(AutomationMode::manual, DistributionSpec::constant(12 * 60.0))
      .mode_operators("winding", 1)
      .mode(AutomationMode::robotic, DistributionSpec::constant(12 * 60.0))
      .step("assembly", 4, DistributionSpec::constant(4 * 60.0))
      .mode(AutomationMode::manual, DistributionSpec::constant(4 * 60.0))
      .mode_operators("assembly", 1)
      .mode(AutomationMode::hybrid, DistributionSpec::constant(4 * 60.0))
      .mode_operators("assembly", 2)
      .step("test_cell", 3, DistributionSpec::constant(2 * 60.0))
      .mode(AutomationMode::manual, DistributionSpec::constant(2 * 60.0))
      .mode(AutomationMode::robotic, DistributionSpec::constant(2 * 60.0))
      .mode_operators("robot_tech", 1)
      .rollout(100 * HOUR, 1, 1)  // assembly -> hybrid: 4 more assembler positions
      .rollout(100 * HOUR, 2, 1)  // test cell -> robotic: 3 technician positions
      .rollout(200 * HOUR, 0, 1); // winding -> robotic: the 12 winder positions go
  return b;
}

void check_balance(const plant::RunResult& r) {
  std::int64_t in = 0, out = 0;
  for (const auto& p : r.pools) {
    INFO("pool " << p.name);
    CHECK(p.headcount == p.headcount_start + p.hires + p.moved_in - p.moved_out - p.layoffs - p.attrition);
    in += p.moved_in;
    out += p.moved_out;
  }
  CHECK(in == out);
}
} // namespace

TEST_CASE("displaced workers are reassigned, then retrained, then laid off", "[ledger]") {
  // 12 winders displaced at 200 h. 4 open assembler positions share the skill 'assembly' with
  // them: 4 reassigned. 3 technician positions are open, retraining takes 2 at a time (8 h, 500
  // each, always succeeds): 2 retrained. The other 6 are laid off with 4 weeks of 40 h at 10/h:
  // severance 6 x 1600 = 9600. No hiring: one technician position stays open.
  auto b = ledger_plant();
  b.policy().hire = false;
  b.policy().severance_weeks = 4;
  b.policy().retraining = scenario::RetrainingSpec{8 * HOUR, 500.0, 2, 1.0};
  auto r = b.run();
  CHECK(r.reassigned_total == 4);
  CHECK(r.retrained_total == 2);
  CHECK(r.layoffs_total == 6);
  CHECK(r.hires_total == 0);
  CHECK(r.severance_cost == Approx(9600));
  CHECK(r.training_cost == Approx(1000));
  REQUIRE(r.pools.size() == 3);
  CHECK(r.pools[0].headcount == 8); // assemblers 4 + 4
  CHECK(r.pools[1].headcount == 0); // winders 12 - 4 - 2 - 6
  CHECK(r.pools[2].headcount == 2); // technicians 0 + 2
  CHECK(r.headcount_end == 10);
  check_balance(r);
}

TEST_CASE("per-pool time series follow the ledger", "[ledger][timeseries]") {
  // The first case's plant (samples every 10 h): the winders' series must show 12 on the payroll
  // until the roll-out at 200 h, then 2 (the trainees, still on the payroll) with 4 reassigned and
  // 6 laid off, then 0 once the 2 trainees qualify at 208 h; the technicians 0 until then, 2 after.
  auto b = ledger_plant();
  b.policy().hire = false;
  b.policy().retraining = scenario::RetrainingSpec{8 * HOUR, 500.0, 2, 1.0};
  TempResultsFile out("ledger-series");
  const auto r = b.experiment(out.path.string()).runs.at(0);
  results::ResultsReader file(out.path.string());
  auto series = [&](const std::string& pool, const std::string& name) {
    return file.read_series("/runs/p0000-r0000/timeseries/pools/" + pool + "/" + name);
  };
  const auto time = file.read_series("/runs/p0000-r0000/timeseries/time");
  const auto winders = series("winders", "headcount");
  const auto reassigned = series("winders", "reassigned");
  const auto layoffs = series("winders", "layoffs");
  const auto retrained = series("winders", "retrained");
  const auto technicians = series("technicians", "headcount");
  // The ledger names where the moved workers went: 4 winders to the assemblers, 2 retrained into
  // technicians (and the technicians' rows name the winders they came from).
  const auto ledger = file.read_table("/runs/p0000-r0000/workforce");
  std::map<std::string, std::int64_t> moved;
  for (std::size_t row = 0; row < ledger.rows.size(); ++row)
    moved[results::text_at(ledger, row, "pool") + " " + results::text_at(ledger, row, "event") + " " +
          results::text_at(ledger, row, "other_pool")] +=
        static_cast<std::int64_t>(results::number_at(ledger, row, "count"));
  CHECK(moved["winders reassign_out assemblers"] == 4);
  CHECK(moved["assemblers reassign_in winders"] == 4);
  CHECK(moved["winders retrain_out technicians"] == 2);
  CHECK(moved["technicians retrain_in winders"] == 2);
  CHECK(moved["winders layoff "] == 6);
  const auto training = series("technicians", "in_training");
  REQUIRE(winders.size() == time.size());
  for (std::size_t k = 0; k < time.size(); ++k) {
    INFO("t = " << time[k] / HOUR << " h");
    // A roll-out at a sample's date shows in the next sample (processes act after the events of
    // their date, samples come last among those).
    const bool after = time[k] > 200 * HOUR;
    CHECK(winders[k] == (after ? 2.0 * (time[k] < 208 * HOUR) : 12.0)); // trainees stay on the payroll
    CHECK(reassigned[k] == (after ? 4.0 : 0.0));
    CHECK(layoffs[k] == (after ? 6.0 : 0.0));
    CHECK(retrained[k] == (time[k] >= 208 * HOUR ? 2.0 : 0.0));
    CHECK(technicians[k] == (time[k] >= 208 * HOUR ? 2.0 : 0.0));
    CHECK(training[k] == 0.0); // trainees are counted in the pool they leave
  }
  CHECK(winders.back() == static_cast<double>(r.pools[1].headcount));
  // On shift and idle never exceed the payroll.
  const auto on_shift = series("assemblers", "on_shift");
  const auto idle = series("assemblers", "idle");
  for (std::size_t k = 0; k < time.size(); ++k) {
    CHECK(idle[k] <= on_shift[k]);
    CHECK(on_shift[k] <= series("assemblers", "headcount")[k]);
  }
}

TEST_CASE("open positions left over are hired for after the lead time", "[ledger]") {
  // Without retraining and with hiring (lead time 24 h): at 100 h the 4 assembler and 3
  // technician positions open and, with nobody displaced yet, are hired for at 124 h. At 200 h
  // all 12 winders lose their positions with none open: 12 layoffs.
  auto b = ledger_plant();
  b.policy().hire = true;
  b.policy().hiring_lead_s = 24 * HOUR;
  auto r = b.run();
  CHECK(r.hires_total == 7);
  CHECK(r.layoffs_total == 12);
  CHECK(r.reassigned_total == 0);
  CHECK(r.pools[0].headcount == 8);
  CHECK(r.pools[1].headcount == 0);
  CHECK(r.pools[2].headcount == 3);
  check_balance(r);
}

TEST_CASE("the ledger balances whatever happens", "[ledger]") {
  // Random training outcomes (success 1/2), shifts with crews, a warm-up before the roll-outs:
  // for every pool start + hires + moved in - moved out - layoffs = end, and each of the 12
  // displaced winders is reassigned (4), retrained or laid off (a failed trainee is laid off).
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    auto b = ledger_plant();
    b.seed(seed);
    b.policy().hire = false;
    b.policy().retraining = scenario::RetrainingSpec{150 * HOUR, 100.0, 0, 0.5};
    auto r = b.run();
    INFO("seed " << seed);
    check_balance(r);
    CHECK(r.reassigned_total == 4);
    CHECK(r.retrained_total <= 3);
    CHECK(r.layoffs_total + r.reassigned_total + r.retrained_total == 12);
    CHECK(r.training_cost == Approx(300.0)); // 3 trainees at 100
  }
}

TEST_CASE("attrition: quits at a constant rate, replaced by hiring, and the ledger balances", "[ledger]") {
  // 1000 workers quitting at 0.5 per worker-year, replaced at once: quits over half a year are
  // Poisson with mean 1000 x 0.5 x 0.5 = 250 (sd 15.8): 4 sd tolerance. Headcount stays 1000.
  LineBuilder b(0.5 * 365 * 24 * HOUR);
  b.pool("ops", "operate", 1000)
      .saturated()
      .step("m", 1, DistributionSpec::constant(MIN))
      .operators("operate");
  b.spec_for_test().worker_pools[0].attrition_per_year = 0.5;
  auto r = b.run();
  CHECK(static_cast<double>(r.attrition_total) == Approx(250).margin(64));
  CHECK(r.hires_total == r.attrition_total);
  CHECK(r.headcount_end == 1000);
  check_balance(r);
}

TEST_CASE("a mode change frees machines from waiting for operators the new mode does not need", "[ledger]") {
  // 2 machines, manual needs 1 'operate' each but the pool has 1 worker: one machine waits.
  // At 121 h (a Saturday) the group goes robotic, needing a 'tend' worker for setups only — and
  // it has no setups — while the tenders work weekdays only. Nobody is needed any more: no
  // machine may wait (off shift) for a tender.
  LineBuilder b(300 * HOUR);
  b.calendar("office", {{8, 8}}, 1, {true, true, true, true, true, false, false})
      .pool("ops", "operate", 1)
      .pool("tenders", "tend", 1, "office")
      .saturated()
      .step("cell", 2, DistributionSpec::constant(60.0))
      .mode(AutomationMode::manual, DistributionSpec::constant(60.0))
      .mode_operators("operate", 1)
      .mode(AutomationMode::robotic, DistributionSpec::constant(60.0))
      .mode_operators("tend", 1, scenario::OperatorPhase::setup)
      .rollout(121 * HOUR, 0, 1);
  b.policy().hire = false;
  auto r = b.run();
  CHECK(r.stations[0].off_shift == 0.0);
  // Before: one machine busy, one waiting (121 h of 2 x 300); after: both busy.
  CHECK(r.stations[0].waiting_operator == Approx(121.0 / 600.0).epsilon(1e-3));
  CHECK(r.output == 121 * 60 + 2 * (300 - 121) * 60);
}

TEST_CASE("positions that come back before their hires arrive cancel the hires", "[ledger]") {
  // 2 machines; manual needs an 'operate' worker each (pool ops: 2), robotic a 'tend' worker each
  // (pool techs: 0). Robotic at 10 h: 2 operators laid off (no shared skill, no retraining),
  // 2 tenders to be hired at 110 h. Back to manual at 20 h: the 2 tender hires are cancelled,
  // 2 operators to be hired at 120 h. By 200 h: 2 hires in all, no tender.
  LineBuilder b(200 * HOUR);
  b.pool("ops", "operate", 2)
      .pool("techs", "tend", 0)
      .saturated()
      .step("cell", 2, DistributionSpec::constant(60.0))
      .mode(AutomationMode::manual, DistributionSpec::constant(60.0))
      .mode_operators("operate", 1)
      .mode(AutomationMode::robotic, DistributionSpec::constant(60.0))
      .mode_operators("tend", 1)
      .rollout(10 * HOUR, 0, 1)
      .rollout(20 * HOUR, 0, 0);
  b.policy().hiring_lead_s = 100 * HOUR;
  auto r = b.run();
  CHECK(r.layoffs_total == 2);
  CHECK(r.hires_total == 2);
  CHECK(r.pools[0].headcount == 2);
  CHECK(r.pools[1].headcount == 0);
  check_balance(r);
}

TEST_CASE("attrition goes on after a pool was empty for a while", "[ledger]") {
  // One worker quitting at 12 a year, replaced after 1 day: over a year about 12 quits per seed
  // (slightly fewer: the pool is empty for a day after each). Over 5 seeds, 5 x ~11.6 = 58 with
  // sd ~7.6: between 28 and 88. (A process that stopped at the first empty pool gives 5.)
  std::int64_t quits = 0;
  for (std::uint64_t seed = 1; seed <= 5; ++seed) {
    LineBuilder b(365 * 24 * HOUR);
    b.seed(seed).pool("ops", "operate", 1).saturated().step("m", 1, DistributionSpec::constant(MIN));
    b.spec_for_test().worker_pools[0].attrition_per_year = 12;
    b.policy().hiring_lead_s = 24 * HOUR;
    auto r = b.run();
    quits += r.attrition_total;
    check_balance(r);
  }
  CHECK(quits >= 28);
  CHECK(quits <= 88);
}
