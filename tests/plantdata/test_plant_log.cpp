// Reading a plant's event log: times in both forms, columns named otherwise, and every kind of
// bad row dropped, counted and placed at its line while the rest is read.
#include "plantdata/PlantLog.hpp"

#include <catch2/catch.hpp>

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <fstream>

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
  // A byte-order mark is skipped; a time of 10^13 s is no time.
  const PlantLog bom =
      read_plant_log_text("\xEF\xBB\xBFtime,kind\n1,lot_released\n1e13,lot_released\n", "b.csv");
  CHECK(bom.events.size() == 1);
  CHECK(bom.problems.count("unparseable time"));
  // The simulator's own exported trace reads too ("time [s]").
  CHECK(read_plant_log_text("time [s],kind\n0,lot_released\n", "trace.csv").events.size() == 1);
}

TEST_CASE("a log file read a line at a time gives the events and problems the text does", "[log]") {
  const std::string text = "\xEF\xBB\xBFtime,kind,machine,state\r\n"
                           "0,machine_state,m/0,busy\r\n"
                           "5,machine_state,m/0,bad\r\n"
                           "4,machine_state,m/0,idle\r\n" // backwards
                           "9,lot_finshed,m/0,\r\n";      // unknown kind
  const std::string path = std::string(std::getenv("TMPDIR") ? std::getenv("TMPDIR") : "/tmp") +
                           "/gigatwin-log-" + std::to_string(::getpid()) + ".csv";
  {
    std::ofstream out(path, std::ios::binary);
    out << text;
  }
  const PlantLog whole = read_plant_log_text(text, path);
  const PlantLog file = read_plant_log(path);
  PlantLog streamed;
  std::vector<double> times;
  read_plant_log(path, {}, streamed, [&](const LogEvent& e) {
    times.push_back(e.time_s);
    CHECK(streamed.machines.name(e.machine) == "m/0"); // the names are there as the events come
  });
  std::remove(path.c_str());
  REQUIRE(whole.events.size() == 2);
  CHECK(file.events.size() == 2);
  CHECK(streamed.events.empty());
  CHECK(times == std::vector<double>{0, 5});
  CHECK(streamed.dropped() == 2);
  CHECK(file.problem_report() == whole.problem_report());
  CHECK(streamed.states.name(whole.events[1].state) == "bad"); // unknown states are names like any
}

TEST_CASE("a log in JSON lines reads as its CSV does, and its bad lines are dropped with their line",
          "[log]") {
  const std::string csv = "time,kind,lot,product,station_group,machine,state,pool,count\n"
                          "2026-01-05T06:00:00Z,machine_state,,,press,press/0,busy,,0\n"
                          "2026-01-05T06:00:00Z,lot_started,7,tray,press,press/0,,,0\n"
                          "2026-01-05T06:01:30Z,lot_finished,7,tray,press,press/0,,,2\n";
  const std::string jsonl =
      "{\"time\": \"2026-01-05T06:00:00Z\", \"kind\": \"machine_state\", \"station_group\": "
      "\"press\", "
      "\"machine\": \"press/0\", \"state\": \"busy\"}\n"
      "{\"time\": \"2026-01-05T06:00:00Z\", \"kind\": \"lot_started\", \"lot\": 7, \"product\": "
      "\"tray\", "
      "\"station_group\": \"press\", \"machine\": \"press/0\", \"state\": null, \"shift\": "
      "\"A\"}\n"                                                                        // others ignored
      "{\"time\": \"2026-01-05T06:00:10Z\", \"kind\": \"lot_started\", \"lot\": 8,\n"   // 3: broken
      "[1, 2]\n"                                                                        // 4: no object
      "{\"time\": \"2026-01-05T06:00:20Z\", \"kind\": \"lot_started\", \"lot\": [8]}\n" // 5: bad
                                                                                        // value
      "{\"kind\": \"lot_started\", \"lot\": 9}\n"                                       // 6: no time
      "\n"
      "{\"time\": \"2026-01-05T06:01:30Z\", \"kind\": \"lot_finished\", \"lot\": \"7\", "
      "\"product\": \"tray\", "
      "\"station_group\": \"press\", \"machine\": \"press/0\", \"count\": 2}\n"; // 8
  const PlantLog a = read_plant_log_text(csv, "plant.csv");
  const PlantLog b = read_plant_log_text(jsonl, "plant.jsonl");
  REQUIRE(a.events.size() == 3);
  REQUIRE(b.events.size() == 3);
  for (std::size_t i = 0; i < 3; ++i) {
    CHECK(a.events[i].time_s == b.events[i].time_s);
    CHECK(a.events[i].kind == b.events[i].kind);
    CHECK(a.events[i].count == b.events[i].count);
    CHECK(a.lots.names() == b.lots.names()); // the lot 7 written as a number or as text is one lot
    CHECK(a.machines.names() == b.machines.names());
  }
  CHECK(b.events[2].line == 8);
  CHECK(b.rows == 7);
  CHECK(b.problems.at("not a JSON object").count == 2);
  CHECK(b.problems.at("not a JSON object").examples.front().rfind("plant.jsonl:3: column ", 0) == 0);
  CHECK(b.problems.at("bad value").examples.front().find("'lot', found array") != std::string::npos);
  CHECK(b.problems.at("missing time or kind").count == 1);
  // Keys named otherwise go through the same mapping as CSV columns; times may be numbers.
  LogFormat format;
  format.columns = {{"time", "ts"}, {"station_group", "cell"}};
  const PlantLog mapped = read_plant_log_text(
      "{\"ts\": 12.5, \"kind\": \"machine_state\", \"cell\": \"press\", \"machine\": \"p/0\"}\n", "m.jsonl",
      format);
  REQUIRE(mapped.events.size() == 1);
  CHECK(mapped.events[0].time_s == 12.5);
  CHECK(mapped.groups.name(mapped.events[0].group) == "press");
}

TEST_CASE("a JSON line with a number too large for a double is dropped, not thrown", "[plantlog]") {
  // Found by the fuzzer: nlohmann/json throws out_of_range (not parse_error) for 1E99999.
  const std::string text = "{\"time\": \"2026-01-05T00:00:00Z\", \"kind\": \"lot_released\", \"lot\": 1, "
                           "\"station_group\": \"press\"}\n"
                           "{\"time\": 1E99999, \"kind\": \"lot_released\", \"lot\": 2}\n";
  const auto log = gigatwin::plantdata::read_plant_log_text(text, "huge.jsonl");
  CHECK(log.events.size() == 1);
  REQUIRE(log.problems.count("not a JSON object") == 1);
  CHECK(log.problems.at("not a JSON object").count == 1);
}
