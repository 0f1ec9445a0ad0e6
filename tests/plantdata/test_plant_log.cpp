// Reading a plant's event log: times in both forms, columns named otherwise, and every kind of
// bad row dropped, counted and placed at its line while the rest is read.
#include "plantdata/PlantLog.hpp"

#include <catch2/catch.hpp>

using namespace gigatwin::plantdata;

TEST_CASE("ISO 8601 times with their zone are epoch seconds", "[log]") {
  double t = 0;
  REQUIRE(parse_iso_time("2026-01-05T06:00:00Z", t));
  CHECK(t == 1767592800.0); // worked out with Python's datetime
  REQUIRE(parse_iso_time("2026-01-05T06:00:00+09:00", t));
  CHECK(t == 1767560400.0);
  REQUIRE(parse_iso_time("2026-01-05 06:00:00.25Z", t));
  CHECK(t == 1767592800.25);
  REQUIRE(parse_iso_time("2024-02-29T00:00Z", t)); // a leap day, seconds left out
  for (const char* bad :
       {"2026-01-05T06:00:00", "2026-02-29T00:00:00Z", "2026-13-01T00:00:00Z", "2026-01-05T24:00:00Z",
        "2026-01-05", "yesterday", "2026-01-05T06:00:00Zx", "2026-01-05T06:00:00+9"})
    CHECK_FALSE(parse_iso_time(bad, t));
  CHECK(iso_time(1767592800.0) == "2026-01-05T06:00:00Z");
  CHECK(iso_time(951782400.0) == "2000-02-29T00:00:00Z");
}

TEST_CASE("a log is read with its names, and bad rows are dropped with their line", "[log]") {
  const std::string text = "time,kind,lot,product,station_group,machine,state,pool,count\n"
                           "2026-01-05T06:00:00Z,machine_state,,,press,press/0,busy,,0\n" // 2
                           "2026-01-05T06:00:00Z,lot_started,7,tray,press,press/0,,,0\n"  // 3
                           "2026-01-05T06:00:00Z,lot_started,7,tray,press,press/0,,,0\n"  // 4: duplicate
                           "2026-01-05T06:01:00Z,lot_finshed,7,tray,press,press/0,,,0\n"  // 5: unknown kind
                           "2026-01-05T05:59:00Z,lot_finished,7,tray,press,press/0,,,0\n" // 6: backwards
                           "noon,lot_finished,7,tray,press,press/0,,,0\n"                 // 7: bad time
                           "2026-01-05T06:01:00Z,lot_finished\n"                          // 8: too few fields
                           "2026-01-05T06:01:00Z,lot_arrived,8,tray,weld,,,,-1\n"         // 9: bad count
                           "1767593000,lot_arrived,8,tray,weld,,,,0\n"                    // 10: other form
                           "\n"
                           "\"2026-01-05T06:01:00Z\",lot_finished,7,\"tray\",press,press/0,,,0\n"; // 12
  const PlantLog log = read_plant_log_text(text, "plant.csv");
  CHECK(log.rows == 10); // the blank line is no row
  REQUIRE(log.events.size() == 3);
  CHECK(log.events[2].line == 12);
  CHECK(log.events[2].time_s - log.events[0].time_s == 60);
  CHECK(log.machines.name(log.events[0].machine) == "press/0");
  CHECK(log.dropped() == 7);
  const std::map<std::string, std::size_t> expected = {
      {"duplicate event", 1},   {"unknown kind", 1},   {"time going backwards on a machine", 1},
      {"unparseable time", 1},  {"too few fields", 1}, {"bad count", 1},
      {"times in two forms", 1}};
  for (const auto& [what, count] : expected) {
    INFO(what);
    REQUIRE(log.problems.count(what));
    CHECK(log.problems.at(what).count == count);
  }
  CHECK(log.problems.at("unknown kind").examples.front().rfind("plant.csv:5: ", 0) == 0);
  CHECK(log.problems.at("unknown kind").examples.front().find("lot_finshed") != std::string::npos);
  CHECK(log.problem_report().find("plant.csv:6: ") != std::string::npos);
}

TEST_CASE("columns named otherwise are read through a mapping; a log without time or kind is refused",
          "[log]") {
  LogFormat format;
  format.columns = {{"time", "ts"}, {"station_group", "cell"}};
  const PlantLog log =
      read_plant_log_text("ts,kind,cell,machine\n12.5,machine_state,press,press/0\n", "m.csv", format);
  REQUIRE(log.events.size() == 1);
  CHECK(log.events[0].time_s == 12.5);
  CHECK(log.groups.name(log.events[0].group) == "press");
  CHECK_THROWS_AS(read_plant_log_text("when,kind\n1,lot_arrived\n", "x.csv"), PlantLogError);
  CHECK_THROWS_WITH(read_plant_log_text("", "x.csv"), Catch::Contains("header"));
  CHECK_THROWS_WITH(read_plant_log("/nonexistent/plant.csv"), Catch::Contains("cannot read"));
  // The simulator's own exported trace reads too ("time [s]").
  CHECK(read_plant_log_text("time [s],kind\n0,lot_released\n", "trace.csv").events.size() == 1);
}
