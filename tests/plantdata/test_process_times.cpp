// Process times from a log: a lot's stay on its machine less the time the machine was not busy
// (down, setup) in between; a batch counts once; lots without start or finish are counted.
#include "plantdata/ProcessTimes.hpp"

#include <catch2/catch.hpp>

using namespace gigatwin::plantdata;

TEST_CASE("a process time is the machine's busy time between a lot's start and finish", "[process]") {
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
                           "320,lot_started,e,press,press/0,\n"; // still on the machine at the end
  const auto groups = process_times(read_plant_log_text(text, "t.csv"));
  REQUIRE(groups.size() == 2);
  CHECK(groups[0].group == "press");
  CHECK(groups[0].seconds == std::vector<double>{60});
  CHECK(groups[0].unpaired == 2);
  CHECK(groups[1].group == "oven");
  CHECK(groups[1].seconds == std::vector<double>{190});
  CHECK(groups[1].unpaired == 0);
}
