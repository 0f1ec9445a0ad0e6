// The file-level guarantees: atomic commit, no overwrite without --force, no half files, merging
// parts, and clear errors (never a crash) for files that are not GigaTwin results.

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "results/ResultsWriter.hpp"
#include "ScratchDirectory.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <optional>
#include <string>
#include <vector>

using namespace gigatwin::results;
using gigatwin::results::testing::read_bytes;
using gigatwin::results::testing::ScratchDirectory;
using gigatwin::results::testing::write_bytes;

namespace {

void write_small_results(const std::string& path, const std::string& text, bool overwrite) {
  ResultsWriter writer(path, overwrite);
  writer.write_text("/scenario", text, "scenario");
  writer.commit();
}

// A part file as one batch process writes it: one group per run under /runs.
void write_part(const std::string& path, const std::vector<std::string>& run_ids) {
  ResultsWriter writer(path, false);
  for (const std::string& id : run_ids) {
    const std::string run = "/runs/" + id;
    const double base = static_cast<double>(std::stoi(id));
    writer.write_series(run + "/timeseries/time", std::vector<double>{0.0, 3600.0}, "s", "sample times");
    writer.write_series(run + "/timeseries/wip", std::vector<double>{base, base + 0.5}, "lot",
                        "work in process");
    Table stations;
    stations.description = "stations";
    stations.columns = {{"name", ColumnType::string, "", "station"},
                        {"output", ColumnType::int64, "cell", "cells made"}};
    stations.rows = {{std::string("run " + id), std::int64_t{100} + std::stoi(id)}};
    writer.write_table(run + "/stations", stations);
    writer.set_attribute(run, "seed", std::int64_t{1000} + std::stoi(id));
  }
  writer.commit();
}

// An HDF5 file with nothing in it, in particular no `format` attribute: written once by
// h5py 3.7 (`h5py.File(p, "w", libver="latest")`), 195 bytes, embedded so that the test needs no
// HDF5 headers of its own.
const unsigned char foreign_hdf5_file[] = {
    0x89, 0x48, 0x44, 0x46, 0x0d, 0x0a, 0x1a, 0x0a, 0x03, 0x08, 0x08, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xc3, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x30, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x06, 0x1a, 0x61, 0x37, 0x4f, 0x48, 0x44,
    0x52, 0x02, 0x20, 0x64, 0xca, 0x03, 0x6b, 0x64, 0xca, 0x03, 0x6b, 0x64, 0xca, 0x03, 0x6b, 0x64, 0xca,
    0x03, 0x6b, 0x78, 0x02, 0x12, 0x00, 0x00, 0x00, 0x00, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff,
    0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x0a, 0x02, 0x00, 0x01, 0x00, 0x00, 0x00, 0x58, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00, 0x00,
    0x00, 0x00, 0x00, 0x00, 0x25, 0x0a, 0xc2, 0xad,
};

std::string foreign_hdf5_bytes() {
  return std::string(reinterpret_cast<const char*>(foreign_hdf5_file), sizeof foreign_hdf5_file);
}

} // namespace

TEST_CASE("an existing results file is not overwritten without --force and stays byte-identical",
          "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("out.h5");
  write_small_results(path, "original", false);
  const std::string before = read_bytes(path);

  CHECK_THROWS_WITH(ResultsWriter(path, false),
                    Catch::Contains("refusing to overwrite existing results file " + path) &&
                        Catch::Contains("--force"));
  CHECK(read_bytes(path) == before);
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"}); // no temporary file either

  // Even a non-HDF5 file under that name is protected.
  const std::string notes = dir.file("notes.txt");
  write_bytes(notes, "precious");
  CHECK_THROWS_AS(ResultsWriter(notes, false), ResultsError);
  CHECK(read_bytes(notes) == "precious");
}

TEST_CASE("overwriting (--force) replaces an existing file only at commit", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("out.h5");
  write_small_results(path, "original", false);
  {
    ResultsWriter writer(path, true);
    writer.write_text("/scenario", "replacement", "scenario");
    // Until commit the old file is untouched and readable.
    CHECK(ResultsReader(path).read_text("/scenario") == "original");
    CHECK(writer.temporary_path() != path);
    CHECK(std::filesystem::exists(writer.temporary_path()));
    writer.commit();
    CHECK(writer.committed());
    CHECK_FALSE(std::filesystem::exists(writer.temporary_path()));
  }
  CHECK(ResultsReader(path).read_text("/scenario") == "replacement");
  CHECK(dir.entries() == std::vector<std::string>{"out.h5"});
}

TEST_CASE("a writer destroyed without commit leaves neither a temporary nor a final file", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("never.h5");
  std::string temporary;
  std::optional<SeriesWriter> series; // outlives the writer on purpose
  {
    ResultsWriter writer(path, false);
    temporary = writer.temporary_path();
    writer.write_text("/scenario", "x", "scenario");
    series.emplace(writer.open_series("/runs/0/timeseries/wip", "lot", "wip", 4));
    for (int i = 0; i < 10; ++i)
      series->append(i);
    CHECK(std::filesystem::exists(temporary));
  }
  // The writer closed the series when it threw its file away; the orphan refuses appends.
  CHECK_FALSE(series->is_open());
  CHECK_THROWS_AS(series->append(1.0), ResultsError);
  series.reset();
  CHECK_FALSE(std::filesystem::exists(temporary));
  CHECK_FALSE(std::filesystem::exists(path));
  CHECK(dir.entries().empty());

  // Same when a run fails half way with an exception.
  try {
    ResultsWriter writer(path, false);
    writer.write_text("/scenario", "x", "scenario");
    writer.write_text("/scenario", "x", "scenario"); // throws: already exists
  } catch (const ResultsError&) {
  }
  CHECK(dir.entries().empty());
}

TEST_CASE("a writer refuses further writes after commit", "[results]") {
  ScratchDirectory dir;
  ResultsWriter writer(dir.file("done.h5"), false);
  writer.commit();
  CHECK_THROWS_WITH(writer.write_text("/late", "x", ""), Catch::Contains("after commit"));
  CHECK_THROWS_AS(writer.commit(), ResultsError);
}

TEST_CASE("copy_runs_from merges the runs of part files", "[results]") {
  ScratchDirectory dir;
  write_part(dir.file("part-0.h5"), {"0", "2"});
  write_part(dir.file("part-1.h5"), {"1"});
  write_part(dir.file("part-empty.h5"), {});
  const std::string merged = dir.file("merged.h5");
  {
    ResultsWriter writer(merged, false);
    writer.copy_runs_from(dir.file("part-0.h5"));
    writer.copy_runs_from(dir.file("part-1.h5"));
    writer.copy_runs_from(dir.file("part-empty.h5")); // no /runs: adds nothing
    writer.commit();
  }
  ResultsReader reader(merged);
  CHECK(reader.list("/runs") == std::vector<std::string>{"0", "1", "2"});
  for (const std::string id : {"0", "1", "2"}) {
    ResultsReader part(dir.file(id == "1" ? "part-1.h5" : "part-0.h5"));
    const std::string run = "/runs/" + id;
    // Everything of the run arrives unchanged: series, table, run attributes, units.
    CHECK(reader.read_series(run + "/timeseries/wip") == part.read_series(run + "/timeseries/wip"));
    CHECK(reader.read_table(run + "/stations") == part.read_table(run + "/stations"));
    CHECK(reader.attribute_int(run, "seed") == 1000 + std::stoi(id));
    CHECK(reader.attribute_string(run + "/timeseries/wip", "units") == "lot");
  }

  // Merging the same parts in the same order twice gives the same bytes (creation time pinned):
  // how runs were spread over processes does not show in the merged file.
  const auto merge_again = [&](const std::string& path) {
    ResultsWriter writer(path, false, "2024-01-01T00:00:00Z");
    writer.copy_runs_from(dir.file("part-0.h5"));
    writer.copy_runs_from(dir.file("part-1.h5"));
    writer.commit();
  };
  merge_again(dir.file("again-1.h5"));
  merge_again(dir.file("again-2.h5"));
  CHECK(read_bytes(dir.file("again-1.h5")) == read_bytes(dir.file("again-2.h5")));
}

TEST_CASE("copy_runs_from refuses a duplicate run id before copying anything", "[results]") {
  ScratchDirectory dir;
  write_part(dir.file("a.h5"), {"1"});
  write_part(dir.file("b.h5"), {"1", "3"}); // 3 is new, 1 is a duplicate
  const std::string merged = dir.file("merged.h5");
  {
    ResultsWriter writer(merged, false);
    writer.copy_runs_from(dir.file("a.h5"));
    CHECK_THROWS_WITH(writer.copy_runs_from(dir.file("b.h5")),
                      Catch::Contains("duplicate run id '1'") && Catch::Contains(dir.file("b.h5")));
    writer.commit();
  }
  CHECK(ResultsReader(merged).list("/runs") == std::vector<std::string>{"1"}); // run 3 not copied
}

TEST_CASE("copy_runs_from refuses a file that is not a results file", "[results]") {
  ScratchDirectory dir;
  write_bytes(dir.file("junk.h5"), "not hdf5");
  ResultsWriter writer(dir.file("merged.h5"), false);
  CHECK_THROWS_WITH(writer.copy_runs_from(dir.file("junk.h5")),
                    Catch::Contains("is not a GigaTwin results file"));
}

TEST_CASE("the reader rejects what is not a GigaTwin results file, saying why", "[results]") {
  ScratchDirectory dir;
  CHECK_THROWS_WITH(ResultsReader(dir.file("absent.h5")), Catch::Contains("does not exist"));

  const std::string text = dir.file("text.h5");
  write_bytes(text, "name: not an HDF5 file\n");
  CHECK_THROWS_WITH(ResultsReader(text), Catch::Contains(text + " is not a GigaTwin results file") &&
                                             Catch::Contains("not an HDF5 file"));

  const std::string foreign = dir.file("foreign.h5");
  write_bytes(foreign, foreign_hdf5_bytes());
  CHECK_THROWS_WITH(ResultsReader(foreign), Catch::Contains(foreign + " is not a GigaTwin results file") &&
                                                Catch::Contains("no 'format' attribute"));

  const std::string other = dir.file("other.h5");
  {
    ResultsWriter writer(other, false);
    writer.set_attribute("/", "format", "someone-elses-format");
    writer.commit();
  }
  CHECK_THROWS_WITH(ResultsReader(other), Catch::Contains("someone-elses-format"));

  CHECK_THROWS_WITH(ResultsReader(dir.path().string()), Catch::Contains("not a regular file"));
}

TEST_CASE("a truncated results file is a ResultsError, not a crash", "[results]") {
  ScratchDirectory dir;
  const std::string path = dir.file("full.h5");
  {
    ResultsWriter writer(path, false);
    writer.write_text("/scenario", std::string(5000, 'y'), "scenario");
    std::vector<double> values(20000);
    for (std::size_t i = 0; i < values.size(); ++i)
      values[i] = static_cast<double>(i * i % 7919);
    writer.write_series("/runs/0/timeseries/wip", values, "lot", "wip");
    writer.commit();
  }
  const std::string bytes = read_bytes(path);
  REQUIRE(bytes.size() > 1000);
  // The superblock records the end of file; any shorter file is refused on opening. Cuts inside the
  // superblock, inside the metadata and near the end are all tried.
  for (const std::size_t keep : {std::size_t{0}, std::size_t{7}, std::size_t{60}, std::size_t{500},
                                 bytes.size() / 2, bytes.size() - 1}) {
    CAPTURE(keep);
    const std::string cut = dir.file("cut.h5");
    write_bytes(cut, bytes.substr(0, keep));
    CHECK_THROWS_WITH(ResultsReader(cut), Catch::Contains("is not a GigaTwin results file"));
  }
}

TEST_CASE("any damaged byte of a results file is caught by its checksum before HDF5 reads it", "[results]") {
  // HDF5 1.10 can read out of bounds on some damaged files (seen with flipped bytes under ASan), so
  // the writer seals the file with a checksum of everything after its 512-byte header. FNV-1a
  // detects every single-byte change, so flipping any one byte of the HDF5 part must be refused.
  ScratchDirectory dir;
  const std::string path = dir.file("sealed.h5");
  {
    ResultsWriter writer(path, false);
    writer.write_text("/scenario", "name: sealed", "scenario");
    writer.write_series("/runs/0/timeseries/wip", std::vector<double>{1.0, 2.0, 3.0}, "lot", "wip");
    writer.commit();
  }
  const std::string bytes = read_bytes(path);
  REQUIRE(bytes.substr(0, 22) == "GigaTwin results file\n");
  REQUIRE(bytes.substr(512, 4) == "\x89HDF");
  const std::string damaged = dir.file("damaged.h5");
  write_bytes(damaged, bytes);
  int refused = 0;
  {
    // One byte damaged at a time, in place (rewriting the whole file each time is I/O-bound).
    std::fstream file(damaged, std::ios::in | std::ios::out | std::ios::binary);
    for (std::size_t i = 512; i < bytes.size(); ++i) {
      const auto put = [&](char c) {
        file.seekp(static_cast<std::streamoff>(i));
        file.put(c);
        file.flush();
      };
      put(static_cast<char>(bytes[i] ^ 0x10));
      try {
        ResultsReader reader(damaged);
      } catch (const ResultsError& e) {
        if (std::string(e.what()).find("checksum mismatch") != std::string::npos)
          ++refused;
      }
      put(bytes[i]);
    }
  }
  CHECK(refused == static_cast<int>(bytes.size() - 512));

  // A damaged header (its first line) is refused too.
  std::string copy = bytes;
  copy[3] = 'X';
  write_bytes(damaged, copy);
  CHECK_THROWS_WITH(ResultsReader(damaged), Catch::Contains("not a GigaTwin header"));

  // An edit after writing (here: one byte of the scenario text) is refused unless asked to skip the check.
  copy = bytes;
  const std::size_t at = copy.find("name: sealed");
  REQUIRE(at != std::string::npos);
  copy[at] = 'N';
  write_bytes(damaged, copy);
  CHECK_THROWS_WITH(ResultsReader(damaged), Catch::Contains("checksum mismatch"));
  CHECK(ResultsReader(damaged, ResultsReader::Checksum::skip).read_text("/scenario") == "Name: sealed");
}

TEST_CASE("copy_runs_from copies a run group with many text attributes", "[results]") {
  // HDF5 1.10 crashes copying a group whose text attributes went to dense storage (past 8 by
  // default); the writer keeps up to 32 in the group's header. 20 here, as a run may grow.
  ScratchDirectory dir;
  {
    ResultsWriter part(dir.file("part.h5"), false);
    part.create_group("/runs/r");
    for (int i = 0; i < 20; ++i)
      part.set_attribute("/runs/r", "a" + std::to_string(i), "value " + std::to_string(i));
    part.commit();
  }
  {
    ResultsWriter writer(dir.file("merged.h5"), false);
    writer.copy_runs_from(dir.file("part.h5"));
    writer.commit();
  }
  ResultsReader reader(dir.file("merged.h5"));
  for (int i = 0; i < 20; ++i)
    CHECK(reader.attribute_string("/runs/r", "a" + std::to_string(i)) == "value " + std::to_string(i));
}
