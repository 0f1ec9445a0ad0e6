// Everything written through ResultsWriter comes back identical through ResultsReader. Expected
// values are the values written: HDF5 stores int64 and float64 losslessly and strings byte for byte.

#include "results/Merge.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsFormat.hpp"
#include "results/ResultsReader.hpp"
#include "results/ResultsWriter.hpp"
#include "ScratchDirectory.hpp"

#include <catch2/catch.hpp>

#include <cmath>
#include <limits>
#include <vector>

using namespace gigatwin::results;
using gigatwin::results::testing::read_bytes;
using gigatwin::results::testing::ScratchDirectory;

namespace {

// "Größe", "電池" (battery), "배터리" (battery): 2-, 3- and 3-byte UTF-8 sequences.
const std::string german = "Gr\xC3\xB6\xC3\x9F"
                           "e";
const std::string japanese = "\xE9\x9B\xBB\xE6\xB1\xA0";
const std::string korean = "\xEB\xB0\xB0\xED\x84\xB0\xEB\xA6\xAC";

Table station_table() {
  Table table;
  table.description = "one row per station group";
  table.columns = {
      {"name", ColumnType::string, "", "station group name"},
      {"machines", ColumnType::int64, "", "number of machines"},
      {"utilization", ColumnType::float64, "1", "busy time / open time"},
  };
  table.rows = {
      {std::string("coating"), std::int64_t{4}, 0.875},
      {korean + " " + japanese, std::numeric_limits<std::int64_t>::min(), -0.0},
      {std::string(""), std::numeric_limits<std::int64_t>::max(), 1e-300},
      {german, std::int64_t{-1}, std::numeric_limits<double>::infinity()},
  };
  return table;
}

} // namespace

TEST_CASE("a new results file carries the format marks at its root", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("marks.h5");
  ResultsWriter writer(path, false);
  writer.commit();

  ResultsReader reader(path);
  CHECK(reader.attribute_string("/", "format") == "gigatwin-results");
  CHECK(reader.attribute_int("/", "format_version") == results_format_version);
  CHECK(!reader.attribute_string("/", "software_version").empty());
  // ISO 8601 UTC, e.g. 2025-01-31T12:00:00Z: 20 characters, 'T' at 10, 'Z' last.
  const std::string created = reader.attribute_string("/", "created");
  REQUIRE(created.size() == 20);
  CHECK(created[10] == 'T');
  CHECK(created.back() == 'Z');
}

TEST_CASE("attributes of all three types round-trip and can be replaced", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("attributes.h5");
  {
    ResultsWriter writer(path, false);
    writer.set_attribute("/", "host", "node-7 " + korean);
    writer.set_attribute("/", "seed", std::int64_t{-9007199254740993}); // 2^53 + 1: not exact as a double
    writer.set_attribute("/", "wall_time_s", 12.625);
    writer.set_attribute("/", "replications", 30); // int goes through the integer template
    writer.set_attribute("/", "software_version", "9.9.9-test");
    writer.create_group("/runs/0007");
    writer.set_attribute("/runs/0007", "replication", std::size_t{7});
    writer.set_attribute("/runs/0007", "status", "completed");
    writer.set_attribute("/runs/0007", "status", "failed"); // replaced, not duplicated
    writer.commit();
  }
  ResultsReader reader(path);
  CHECK(reader.attribute_string("/", "host") == "node-7 " + korean);
  CHECK(reader.attribute_int("/", "seed") == -9007199254740993);
  CHECK(reader.attribute_double("/", "wall_time_s") == 12.625);
  CHECK(reader.attribute_int("/", "replications") == 30);
  CHECK(reader.attribute_double("/", "replications") == 30.0); // integers convert to double
  CHECK(reader.attribute_string("/", "software_version") == "9.9.9-test");
  CHECK(reader.attribute_int("/runs/0007", "replication") == 7);
  CHECK(reader.attribute_string("/runs/0007", "status") == "failed");
  CHECK(reader.has_attribute("/runs/0007", "status"));
  CHECK_FALSE(reader.has_attribute("/runs/0007", "seed"));
  CHECK_FALSE(reader.has_attribute("/runs/0008", "seed"));

  // Wrong type, missing attribute, missing object: errors that name the object.
  CHECK_THROWS_WITH(reader.attribute_int("/", "host"), Catch::Contains("'/'") && Catch::Contains("host"));
  CHECK_THROWS_WITH(reader.attribute_string("/runs/0007", "nope"), Catch::Contains("/runs/0007"));
  CHECK_THROWS_WITH(reader.attribute_string("/runs/9", "status"), Catch::Contains("/runs/9"));
}

TEST_CASE("set_attribute creates nothing", "[results]") {
  ScratchDirectory dir;
  ResultsWriter writer(dir.file("x.h5"), false);
  CHECK_THROWS_WITH(writer.set_attribute("/runs/1", "seed", std::int64_t{1}),
                    Catch::Contains("/runs/1") && Catch::Contains("does not exist"));
  CHECK_THROWS_AS(writer.set_attribute("runs", "seed", 1.0), ResultsError); // not an absolute path
}

TEST_CASE("text round-trips byte for byte, UTF-8 included, with units and description", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("text.h5");
  const std::string scenario = "name: " + german + "\nsite: " + korean + "\nnotes: |\n  " + japanese + "\n";
  {
    ResultsWriter writer(path, false);
    writer.write_text("/scenario", scenario, "the resolved scenario (YAML)");
    writer.write_text("/notes/empty", "", "an empty text");
    writer.commit();
  }
  ResultsReader reader(path);
  CHECK(reader.read_text("/scenario") == scenario);
  CHECK(reader.read_text("/notes/empty").empty());
  CHECK(reader.attribute_string("/scenario", "units").empty());
  CHECK(reader.attribute_string("/scenario", "description") == "the resolved scenario (YAML)");
}

TEST_CASE("a table with int64, float64 and UTF-8 string columns round-trips", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("table.h5");
  const Table written = station_table();
  Table empty = written;
  empty.rows.clear();
  {
    ResultsWriter writer(path, false);
    writer.write_table("/runs/0/stations", written);
    writer.write_table("/runs/0/no_stations", empty);
    writer.commit();
  }
  ResultsReader reader(path);
  const Table read = reader.read_table("/runs/0/stations");
  // Column names, types, units, descriptions, the table description and every cell (the -0.0 and
  // the infinity included: == on doubles, not Approx) as written.
  CHECK(read == written);
  CHECK(std::signbit(std::get<double>(read.rows[1][2]))); // -0.0 kept its sign
  CHECK(reader.read_table("/runs/0/no_stations") == empty);
  // The units live in a string array attribute, one entry per column, as documented.
  CHECK(reader.attribute_strings("/runs/0/stations", "units") == std::vector<std::string>{"", "", "1"});
  CHECK(reader.attribute_string("/runs/0/stations", "description") == "one row per station group");
  REQUIRE(read.find_column("utilization").has_value());
  CHECK(*read.find_column("utilization") == 2);
  CHECK_FALSE(read.find_column("energy").has_value());
}

TEST_CASE("a malformed table is refused before anything is written", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("bad.h5");
  ResultsWriter writer(path, false);
  Table table = station_table();
  table.rows[2][1] = 3.5; // a double in the int64 column 'machines'
  CHECK_THROWS_WITH(writer.write_table("/runs/0/stations", table),
                    Catch::Contains("row 2") && Catch::Contains("machines"));
  table = station_table();
  table.rows[0].pop_back();
  CHECK_THROWS_WITH(writer.write_table("/runs/0/stations", table), Catch::Contains("row 0"));
  table = station_table();
  table.columns[1].name = "name";
  CHECK_THROWS_WITH(writer.write_table("/runs/0/stations", table), Catch::Contains("duplicate"));
  CHECK_THROWS_AS(writer.write_table("/runs/0/stations", Table{}), ResultsError);
  writer.commit();
  // Validation came first: not even the parent group /runs was created.
  ResultsReader reader(path);
  CHECK_FALSE(reader.has("/runs"));
}

TEST_CASE("series round-trip, empty ones included", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("series.h5");
  // 5000 values: more than one 4096-value chunk.
  std::vector<double> wip(5000);
  for (std::size_t i = 0; i < wip.size(); ++i)
    wip[i] = 0.25 * static_cast<double>(i) - 17.0;
  {
    ResultsWriter writer(path, false);
    writer.write_series("/runs/1/timeseries/wip", wip, "lot", "work in process");
    writer.write_series("/runs/1/timeseries/empty", {}, "s", "nothing sampled");
    writer.commit();
  }
  ResultsReader reader(path);
  CHECK(reader.read_series("/runs/1/timeseries/wip") == wip);
  CHECK(reader.read_series("/runs/1/timeseries/empty").empty());
  CHECK(reader.attribute_string("/runs/1/timeseries/wip", "units") == "lot");
  CHECK(reader.attribute_string("/runs/1/timeseries/wip", "description") == "work in process");
  CHECK(reader.list("/runs/1/timeseries") == std::vector<std::string>{"empty", "wip"});
}

TEST_CASE("an appended series longer than several chunks equals what was appended", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("appended.h5");
  // Chunks of 100 values; 1037 values = 10 full chunks + 37, with a flush at 250 (mid-chunk) so
  // that a partial chunk is written and later completed.
  std::vector<double> appended;
  for (int i = 0; i < 1037; ++i)
    appended.push_back(std::sin(0.01 * i) * 1000.0 + i);
  std::vector<double> short_series{3.0, 1.0, 4.0};
  {
    ResultsWriter writer(path, false);
    SeriesWriter throughput =
        writer.open_series("/runs/0/timeseries/throughput", "1/h", "cells per hour", 100);
    for (std::size_t i = 0; i < appended.size(); ++i) {
      throughput.append(appended[i]);
      if (i == 249)
        throughput.flush();
    }
    CHECK(throughput.size() == 1037);
    {
      // Destroyed before commit: its buffered values are flushed by the destructor.
      SeriesWriter small = writer.open_series("/runs/0/timeseries/robots", "", "robots in service", 8);
      small.append(short_series);
    }
    writer.commit(); // flushes the 37 buffered values of `throughput` and closes it
    CHECK_FALSE(throughput.is_open());
    CHECK_THROWS_WITH(throughput.append(1.0), Catch::Contains("closed"));
  }
  ResultsReader reader(path);
  CHECK(reader.read_series("/runs/0/timeseries/throughput") == appended);
  CHECK(reader.read_series("/runs/0/timeseries/robots") == short_series);
  CHECK(reader.attribute_string("/runs/0/timeseries/throughput", "units") == "1/h");
}

TEST_CASE("a streamed table reads back row for row, whole or a slice at a time", "[results][stream]") {
  ScratchDirectory dir;
  const std::string path = dir.file("stream.h5");
  const std::vector<Column> columns = {{"time", ColumnType::float64, "s", "when"},
                                       {"kind", ColumnType::int64, "", "stored in 1 byte"},
                                       {"lot", ColumnType::int64, "", "stored in 8 bytes"},
                                       {"machine", ColumnType::int64, "", "stored in 4 bytes"},
                                       {"seed", ColumnType::uint64, "", "unsigned"}};
  // 1000 rows in chunks of 64 (15 full and a partial one), with the extremes of each width.
  std::vector<std::vector<Cell>> rows;
  for (std::int64_t i = 0; i < 1000; ++i)
    rows.push_back({0.5 * static_cast<double>(i), std::int64_t{i % 2 ? 127 : -128},
                    i == 7 ? std::numeric_limits<std::int64_t>::min() : i * 1'000'000'007,
                    std::int64_t{i % 3 ? 2147483647 : -1}, std::uint64_t{18446744073709551615ULL} - static_cast<std::uint64_t>(i)});
  {
    ResultsWriter writer(path, false);
    TableStream stream = writer.open_table_stream("/runs/0/trace/events", "events", columns, 64, {0, 1, 8, 4, 0});
    for (const auto& row : rows)
      stream.append(row);
    CHECK(stream.size() == 1000);
    // A row of the wrong shape or type is refused and names the column.
    CHECK_THROWS_WITH(stream.append({1.0}), Catch::Contains("1 cells for 5 columns"));
    CHECK_THROWS_WITH(stream.append({std::int64_t{1}, std::int64_t{1}, std::int64_t{1}, std::int64_t{1}, std::uint64_t{1}}),
                      Catch::Contains("column 'time' holds float64, not int64"));
    CHECK_THROWS_WITH(writer.open_table_stream("/runs/0/trace/names", "names",
                                               {{"name", ColumnType::string, "", "text"}}),
                      Catch::Contains("numbers only"));
    // A narrow column refuses what its width cannot hold (HDF5 would clip it silently), and only
    // int64 columns narrow, to 1, 2 or 4 bytes.
    CHECK_THROWS_WITH(stream.append({1.0, std::int64_t{128}, std::int64_t{0}, std::int64_t{0}, std::uint64_t{0}}),
                      Catch::Contains("column 'kind' is stored in fewer bytes than 128 needs"));
    CHECK_THROWS_WITH(stream.append({1.0, std::int64_t{0}, std::int64_t{0}, std::int64_t{2147483648}, std::uint64_t{0}}),
                      Catch::Contains("column 'machine'"));
    CHECK_THROWS_WITH(writer.open_table_stream("/runs/0/trace/bad", "bad", columns, 64, {2, 1, 8, 4, 0}),
                      Catch::Contains("column 'time' cannot be stored in 2 bytes"));
    CHECK_THROWS_WITH(writer.open_table_stream("/runs/0/trace/bad", "bad", columns, 64, {0, 3, 8, 4, 0}),
                      Catch::Contains("column 'kind' cannot be stored in 3 bytes"));
    CHECK(stream.size() == 1000);
    writer.commit(); // closes the stream, writing its partial chunk
    CHECK_THROWS_WITH(stream.append(rows[0]), Catch::Contains("closed"));
  }
  ResultsReader reader(path);
  const Table whole = reader.read_table("/runs/0/trace/events");
  CHECK(whole.columns == columns);
  CHECK(whole.description == "events");
  CHECK(whole.rows == rows);
  CHECK(reader.table_rows("/runs/0/trace/events") == 1000);
  std::vector<std::vector<Cell>> sliced;
  for (std::size_t first = 0; first < 1000; first += 300) {
    const Table part = reader.read_table_rows("/runs/0/trace/events", first, 300);
    sliced.insert(sliced.end(), part.rows.begin(), part.rows.end());
  }
  CHECK(sliced == rows);
  CHECK(reader.read_table_rows("/runs/0/trace/events", 1000, 5).rows.empty());
  CHECK(reader.read_table_rows("/runs/0/trace/events", 998, 5).rows.size() == 2);
}

TEST_CASE("writing an existing path is an error naming it", "[results]") {
  ScratchDirectory dir;
  ResultsWriter writer(dir.file("dup.h5"), false);
  writer.write_text("/scenario", "a", "first");
  CHECK_THROWS_WITH(writer.write_text("/scenario", "b", "second"),
                    Catch::Contains("/scenario") && Catch::Contains("already exists"));
  // A dataset cannot serve as a group.
  CHECK_THROWS_WITH(writer.write_series("/scenario/x", std::vector<double>{1.0}, "", ""),
                    Catch::Contains("/scenario") && Catch::Contains("not a group"));
}

TEST_CASE("reading the wrong kind of object is a ResultsError naming it", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("kinds.h5");
  {
    ResultsWriter writer(path, false);
    writer.write_text("/scenario", "x: 1", "scenario");
    writer.write_series("/s", std::vector<double>{1.0, 2.0}, "", "a series");
    writer.write_table("/t", station_table());
    writer.commit();
  }
  ResultsReader reader(path);
  CHECK_THROWS_WITH(reader.read_table("/s"), Catch::Contains("'/s'") && Catch::Contains("not a table"));
  CHECK_THROWS_WITH(reader.read_series("/scenario"), Catch::Contains("'/scenario'"));
  CHECK_THROWS_WITH(reader.read_text("/t"), Catch::Contains("'/t'"));
  CHECK_THROWS_WITH(reader.read_series("/missing/x"), Catch::Contains("/missing/x"));
  CHECK_THROWS_WITH(reader.list("/s"), Catch::Contains("not a group"));
  CHECK(reader.has("/"));
  CHECK(reader.has("/s"));
  CHECK_FALSE(reader.has("/missing/x")); // intermediate group missing: false, not an error
}

TEST_CASE("list returns the members of a group sorted by name", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("list.h5");
  {
    ResultsWriter writer(path, false);
    for (const char* name : {"c2", "a", "c10", "B"})
      writer.create_group(std::string("/runs/") + name);
    writer.commit();
  }
  // Byte order: upper case before lower case, "c10" before "c2".
  CHECK(ResultsReader(path).list("/runs") == std::vector<std::string>{"B", "a", "c10", "c2"});
  CHECK(ResultsReader(path).list("/") == std::vector<std::string>{"runs"});
}

TEST_CASE("the same writes give byte-identical files", "[results]") {
  // Objects carry no modification times, so once `created` is pinned the bytes depend only on the
  // content: the basis of "same scenario + seed => identical results file".
  ScratchDirectory dir;
  const auto write = [](const std::string& path) {
    ResultsWriter writer(path, false, "2024-01-01T00:00:00Z");
    writer.write_text("/scenario", "x: 1", "scenario");
    writer.write_table("/runs/0/stations", station_table());
    SeriesWriter series = writer.open_series("/runs/0/timeseries/time", "s", "sample times", 16);
    for (int i = 0; i < 100; ++i)
      series.append(60.0 * i);
    writer.commit();
  };
  write(dir.file("a.h5"));
  write(dir.file("b.h5"));
  CHECK(read_bytes(dir.file("a.h5")) == read_bytes(dir.file("b.h5")));
}

TEST_CASE("concat_tables joins rows of tables with one header, in order", "[results]") {
  Table first = station_table();
  Table second = station_table();
  second.rows.resize(1);
  second.rows[0][0] = std::string("formation");
  const std::vector<Table> parts{first, second};
  const Table joined = concat_tables(parts);
  REQUIRE(joined.rows.size() == 5); // 4 + 1
  CHECK(joined.columns == first.columns);
  CHECK(std::get<std::string>(joined.rows[0][0]) == "coating");
  CHECK(std::get<std::string>(joined.rows[4][0]) == "formation");

  second.columns[2].units = "%";
  const std::vector<Table> mismatched{first, second};
  CHECK_THROWS_WITH(concat_tables(mismatched), Catch::Contains("table 1") && Catch::Contains("utilization"));
  CHECK_THROWS_AS(concat_tables(std::vector<Table>{}), ResultsError);
}
