// Every distribution form of the schema, with parameters converted to the engine's
// parameterisation (seconds; exponential by mean, lognormal by mean and sd, gamma by shape and
// scale). Expected values are the schema's conversion rules applied by hand.
#include "ScenarioText.hpp"

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::with_process_time;

namespace {
gigatwin::core::DistributionSpec process_time_of(const std::string& dist,
                                                   const std::string& base_dir = ".") {
  return load_scenario_text(with_process_time(dist), "t.yaml", {}, base_dir)
      .station_groups.at(0)
      .initial()
      .process_time;
}

/// A fresh folder under the system's temporary directory, removed at the end of the test.
struct TempFolder {
  std::filesystem::path path;
  TempFolder() {
    path = std::filesystem::temp_directory_path() / ("gigatwin-scenario-" + std::to_string(::getpid()));
    std::filesystem::create_directories(path);
  }
  ~TempFolder() {
    std::error_code ec;
    std::filesystem::remove_all(path, ec);
  }
  void write(const std::string& name, const std::string& text) const { std::ofstream(path / name) << text; }
};
} // namespace

TEST_CASE("a bare duration is a constant", "[distribution]") {
  const auto d = process_time_of("1.5min");
  CHECK(d.kind == DistributionKind::constant);
  CHECK(d.a == 90.0);
}

TEST_CASE("each distribution kind converts its parameters to seconds", "[distribution]") {
  SECTION("constant") {
    const auto d = process_time_of("{dist: constant, value: 45s}");
    CHECK(d.kind == DistributionKind::constant);
    CHECK(d.a == 45.0);
  }
  SECTION("exponential by mean") {
    const auto d = process_time_of("{dist: exponential, mean: 2min}");
    CHECK(d.kind == DistributionKind::exponential);
    CHECK(d.a == 120.0);
  }
  SECTION("exponential by rate: mean = 1/rate") {
    // 80/h is 80/3600 per second, so the mean is 3600/80 = 45 s.
    const auto d = process_time_of("{dist: exponential, rate: 80/h}");
    CHECK(d.kind == DistributionKind::exponential);
    CHECK(d.a == Approx(45.0).epsilon(1e-14));
  }
  SECTION("uniform") {
    const auto d = process_time_of("{dist: uniform, min: 40s, max: 1min}");
    CHECK(d.kind == DistributionKind::uniform);
    CHECK(d.a == 40.0);
    CHECK(d.b == 60.0);
  }
  SECTION("triangular") {
    const auto d = process_time_of("{dist: triangular, min: 40s, mode: 44s, max: 55s}");
    CHECK(d.kind == DistributionKind::triangular);
    CHECK(d.a == 40.0);
    CHECK(d.b == 44.0);
    CHECK(d.c == 55.0);
  }
  SECTION("normal with sd") {
    const auto d = process_time_of("{dist: normal, mean: 45s, sd: 5s}");
    CHECK(d.kind == DistributionKind::normal);
    CHECK(d.a == 45.0);
    CHECK(d.b == 5.0);
  }
  SECTION("normal with cv: sd = cv * mean") {
    const auto d = process_time_of("{dist: normal, mean: 1min, cv: 0.25}");
    CHECK(d.a == 60.0);
    CHECK(d.b == 15.0); // 0.25 x 60, exact in binary
  }
  SECTION("lognormal with sd") {
    const auto d = process_time_of("{dist: lognormal, mean: 45s, sd: 9s}");
    CHECK(d.kind == DistributionKind::lognormal);
    CHECK(d.a == 45.0);
    CHECK(d.b == 9.0);
  }
  SECTION("lognormal with cv: sd = cv * mean") {
    const auto d = process_time_of("{dist: lognormal, mean: 2h, cv: 0.5}");
    CHECK(d.a == 7200.0);
    CHECK(d.b == 3600.0);
  }
  SECTION("gamma with scale") {
    const auto d = process_time_of("{dist: gamma, shape: 2, scale: 20s}");
    CHECK(d.kind == DistributionKind::gamma);
    CHECK(d.a == 2.0);
    CHECK(d.b == 20.0);
  }
  SECTION("gamma with mean: scale = mean / shape") {
    const auto d = process_time_of("{dist: gamma, shape: 4, mean: 1min}");
    CHECK(d.a == 4.0);
    CHECK(d.b == 15.0); // 60 / 4
  }
  SECTION("weibull") {
    const auto d = process_time_of("{dist: weibull, shape: 1.5, scale: 8h}");
    CHECK(d.kind == DistributionKind::weibull);
    CHECK(d.a == 1.5);
    CHECK(d.b == 28800.0);
  }
  SECTION("empirical from values") {
    const auto d = process_time_of("{dist: empirical, values: [40s, 42s, 1min]}");
    CHECK(d.kind == DistributionKind::empirical);
    CHECK(d.values == std::vector<double>{40.0, 42.0, 60.0});
  }
}

TEST_CASE("an empirical distribution reads a CSV column next to the scenario", "[distribution][csv]") {
  TempFolder folder;
  folder.write("cycle_times.csv", "station,winding_s\r\nA,40\r\nB,\"42.5\"\r\n\r\nC,55\r\nD\r\n");
  SECTION("a named column, converted by its unit") {
    // Row D has no winding value: an empty field is skipped, not an error.
    const auto d = process_time_of("{dist: empirical, csv: cycle_times.csv, column: winding_s, unit: min}",
                                   folder.path.string());
    CHECK(d.kind == DistributionKind::empirical);
    CHECK(d.values == std::vector<double>{2400.0, 2550.0, 3300.0}); // minutes x 60
  }
  SECTION("a file with one column needs no column key") {
    folder.write("one.csv", "t\n1\n2\n");
    const auto d = process_time_of("{dist: empirical, csv: one.csv, unit: s}", folder.path.string());
    CHECK(d.values == std::vector<double>{1.0, 2.0});
  }
  SECTION("a misspelt column gets a suggestion") {
    const auto d =
        diagnostics_of(with_process_time("{dist: empirical, csv: cycle_times.csv, column: windng_s, "
                                         "unit: s}"),
                       {}, folder.path.string());
    REQUIRE(d.size() == 1);
    CHECK(d[0].key_path == "station_groups[0].process_time.column");
    CHECK(d[0].found == "'windng_s'");
    CHECK(d[0].hint == "did you mean 'winding_s'?");
  }
  SECTION("a bad value is reported at its line and column in the CSV") {
    folder.write("bad.csv", "id,t\n1,4\n2,-3\n3,x\n");
    const auto d = diagnostics_of(with_process_time("{dist: empirical, csv: bad.csv, column: t, unit: s}"),
                                  {}, folder.path.string());
    REQUIRE(d.size() == 2);
    CHECK(d[0].file == (folder.path / "bad.csv").string());
    CHECK(d[0].line == 3);
    CHECK(d[0].column == 3);
    CHECK(d[0].found == "'-3'");
    CHECK(d[1].line == 4);
    CHECK(d[1].found == "'x'");
  }
  SECTION("a missing file is reported at the csv key") {
    const auto d = diagnostics_of(with_process_time("{dist: empirical, csv: nope.csv, column: t, unit: s}"),
                                  {}, folder.path.string());
    REQUIRE(d.size() == 1);
    CHECK(d[0].key_path == "station_groups[0].process_time.csv");
    CHECK(d[0].line == 6); // the process_time line
    CHECK(d[0].expected == "a readable CSV file");
    CHECK_THAT(d[0].found, Catch::Contains("No such file or directory"));
  }
}

TEST_CASE("distribution parameters that break the schema's rules are refused", "[distribution]") {
  // with_process_time puts the distribution on line 6 from column 19 (after 4 spaces and
  // "process_time: "); columns below count from there.
  CHECK(only_error(with_process_time("{dist: uniform, min: 50s, max: 40s}")) ==
        "t.yaml:6:50: error: station_groups[0].process_time.max: expected a duration >= min ('50s'), found "
        "'40s'");
  CHECK(only_error(with_process_time("{dist: triangular, min: 40s, mode: 60s, max: 55s}")) ==
        "t.yaml:6:54: error: station_groups[0].process_time.mode: expected a duration from min to max ('40s' "
        "to "
        "'55s'), found '60s'");
  CHECK(only_error(with_process_time("{dist: exponential, mean: 45s, rate: 80/h}")) ==
        "t.yaml:6:50: error: station_groups[0].process_time.rate: expected only one of 'mean' and 'rate', "
        "found both");
  CHECK(only_error(with_process_time("{dist: gamma, shape: 0, mean: 1min}")) ==
        "t.yaml:6:40: error: station_groups[0].process_time.shape: expected a number > 0, found '0'");
  CHECK(only_error(with_process_time("{dist: gamma, shape: 2s, mean: 1min}")) ==
        "t.yaml:6:40: error: station_groups[0].process_time.shape: expected a number > 0, found '2s' (this "
        "is a "
        "plain number, without a unit)");
  CHECK(only_error(with_process_time("{dist: lognormal, mean: 45s}")) ==
        "t.yaml:6:19: error: station_groups[0].process_time: expected key 'sd' (a duration > 0) or 'cv' (a "
        "number > "
        "0), found neither");
  CHECK(only_error(with_process_time("{dist: weibul, shape: 1, scale: 1h}")) ==
        "t.yaml:6:26: error: station_groups[0].process_time.dist: expected a distribution kind, found "
        "'weibul' (did "
        "you mean 'weibull'?)");
  CHECK(
      only_error(with_process_time("{dist: exponential, mean: 45s, sd: 3s}")) ==
      "t.yaml:6:50: error: station_groups[0].process_time.sd: expected a key of an exponential distribution "
      "(mean, rate), found unknown key 'sd' (known keys: dist, mean, rate)");
  CHECK(only_error(with_process_time("{mean: 45s}")) ==
        "t.yaml:6:19: error: station_groups[0].process_time.dist: expected key 'dist' (one of constant, "
        "exponential, "
        "uniform, triangular, normal, lognormal, gamma, weibull, empirical), found nothing");
  CHECK(only_error(with_process_time("{dist: empirical, values: []}")) ==
        "t.yaml:6:45: error: station_groups[0].process_time.values: expected at least one duration, found an "
        "empty "
        "sequence");
  CHECK(
      only_error(with_process_time("{dist: empirical, values: [1s, -2s]}")) ==
      "t.yaml:6:50: error: station_groups[0].process_time.values[1]: expected a duration >= 0, found '-2s'");
  CHECK(only_error(with_process_time("[1s, 2s]")) ==
        "t.yaml:6:19: error: station_groups[0].process_time: expected a duration (e.g. 45s) or a "
        "distribution map "
        "(e.g. {dist: exponential, mean: 45s}), found a sequence");
  // A process time averaging zero would let a saturated line loop at one instant.
  CHECK(only_error(with_process_time("0s")) == "t.yaml:6:19: error: station_groups[0].process_time: expected "
                                               "a process time with a mean > 0, found '0s'");
}
