// What a log shows of a station group, worked out by hand on small logs: process times (stay
// less stopped time; a batch once; the last lot on a machine censored), setups and repairs as
// spans (the open one censored), times to failure between repairs on operating and calendar
// time (the first span left out), availability, and times between a product's releases.
#include "plantdata/StationObservations.hpp"

#include <catch2/catch.hpp>

using namespace gigatwin::plantdata;

namespace {
const GroupObservations& group(const LogObservations& o, const std::string& name) {
  for (const auto& g : o.groups)
    if (g.group == name)
      return g;
  FAIL("no group " << name);
  return o.groups.front();
}
} // namespace

TEST_CASE("a process time is the stay on the machine less the time it was stopped", "[observe]") {
  const std::string text = "time,kind,lot,station_group,machine,state\n"
                           "0,machine_state,,press,press/0,busy\n"
                           "0,lot_started,a,press,press/0,\n"
                           "30,machine_state,,press,press/0,down\n" // a repair of 20 s inside the lot's stay
                           "50,machine_state,,press,press/0,busy\n"
                           "80,lot_finished,a,press,press/0,\n"
                           "80,machine_state,,press,press/0,idle\n"
                           "100,machine_state,,oven,oven/0,setup\n" // a batch of two, after a 10 s setup
                           "100,lot_started,b,oven,oven/0,\n"
                           "100,lot_started,c,oven,oven/0,\n"
                           "110,machine_state,,oven,oven/0,busy\n"
                           "300,lot_finished,b,oven,oven/0,\n"
                           "300,lot_finished,c,oven,oven/0,\n"
                           "300,machine_state,,oven,oven/0,idle\n"
                           "310,lot_finished,d,press,press/0,\n" // its start is not in the log
                           "320,lot_started,e,press,press/0,\n"  // still on the machine at the end: censored
                           "400,lot_started,f,oven,oven/0,\n";
  const auto o = observe(read_plant_log_text(text, "t.csv"));
  const auto& press = group(o, "press");
  CHECK(press.process.observed == std::vector<double>{60});
  CHECK(press.process.censored == std::vector<double>{80}); // 320 to the log's end at 400
  CHECK(press.unpaired == 1);
  const auto& oven = group(o, "oven");
  CHECK(oven.process.observed == std::vector<double>{190});
  CHECK(oven.setup.observed == std::vector<double>{10});
  CHECK(press.repair.observed == std::vector<double>{20});
  CHECK(press.failures == 1);
  // press: seen from 0 to 400, down 20 s.
  CHECK(press.availability() == Approx(1 - 20.0 / 400));
}

TEST_CASE("times to failure run from a repair's end to the next failure", "[observe]") {
  // m/0: busy 0-100, down 100-110 (the first failure: its time to failure's start is unknown),
  // busy 110-150, idle 150-200, setup 200-210, busy 210-260, down 260-275 (a failure after 40 +
  // 10 + 50 = 100 s of operating time, 150 s of calendar time), busy 275-300, and the log ends
  // at 330 with 25 + 30 s of operating time since the last repair (censored).
  const std::string text = "time,kind,station_group,machine,state\n"
                           "0,machine_state,m,m/0,busy\n"
                           "100,machine_state,m,m/0,down\n"
                           "110,machine_state,m,m/0,busy\n"
                           "150,machine_state,m,m/0,idle\n"
                           "200,machine_state,m,m/0,setup\n"
                           "210,machine_state,m,m/0,busy\n"
                           "260,machine_state,m,m/0,down\n"
                           "275,machine_state,m,m/0,busy\n"
                           "330,machine_state,m,m/0,busy\n"; // (no change: only the log's end)
  const auto o = observe(read_plant_log_text(text, "f.csv"));
  const auto& m = group(o, "m");
  CHECK(m.failures == 2);
  CHECK(m.repair.observed == std::vector<double>{10, 15});
  CHECK(m.to_failure_operating.observed == std::vector<double>{100});
  CHECK(m.to_failure_calendar.observed == std::vector<double>{150});
  CHECK(m.to_failure_operating.censored == std::vector<double>{55});
  CHECK(m.to_failure_calendar.censored == std::vector<double>{55});
  CHECK(m.setup.observed == std::vector<double>{10});
  CHECK(m.availability() == Approx(1 - 25.0 / 330));
}

TEST_CASE("a repair still going at the log's end is censored; releases give inter-arrival times",
          "[observe]") {
  const std::string text = "time,kind,lot,product,station_group,machine,state\n"
                           "0,lot_released,1,tray,,,\n"
                           "0,machine_state,,,m,m/0,down\n"
                           "7,lot_released,2,tray,,,\n"
                           "9,lot_released,3,cell,,,\n"
                           "19,lot_released,4,tray,,,\n";
  const auto o = observe(read_plant_log_text(text, "r.csv"));
  const auto& m = group(o, "m");
  CHECK(m.repair.observed.empty());
  CHECK(m.repair.censored == std::vector<double>{19});
  REQUIRE(o.arrivals.size() == 2);
  CHECK(o.arrivals[0].product == "tray");
  CHECK(o.arrivals[0].between_s == std::vector<double>{7, 12});
  CHECK(o.arrivals[1].between_s.empty());
}

TEST_CASE("what the lots judged at a step came to is counted per product and group", "[observe]") {
  const std::string text = "time,kind,lot,product,station_group,machine\n"
                           "0,lot_finished,a,cell,press,press/0\n"
                           "1,lot_finished,b,cell,press,press/1\n"
                           "2,lot_scrapped,c,cell,press,\n"
                           "3,lot_reworked,d,cell,press,\n"
                           "4,lot_finished,e,module,press,press/0\n"
                           "5,lot_scrapped,f,module,oven,\n"
                           "6,lot_finished,g,,oven,oven/0\n"       // no product named
                           "7,lot_started,h,cell,press,press/0\n"; // not judged
  const auto seen = observe(read_plant_log_text(text, "outcomes.csv"));
  const auto find = [&](const std::string& product, const std::string& group) {
    for (const auto& s : seen.steps)
      if (s.product == product && s.group == group)
        return s;
    FAIL("no step " << product << " at " << group);
    return StepOutcomes{};
  };
  const auto cell_press = find("cell", "press");
  CHECK(cell_press.finished == 2);
  CHECK(cell_press.scrapped == 1);
  CHECK(cell_press.reworked == 1);
  CHECK(cell_press.judged() == 4);
  CHECK(find("module", "press").finished == 1);
  CHECK(find("module", "oven").scrapped == 1);
  CHECK(find("", "oven").finished == 1);
  CHECK(seen.steps.size() == 4);
}
