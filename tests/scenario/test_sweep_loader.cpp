// Sweep files: how parameters expand into points (grid, zip, linked keys with labels), and the
// clear-error contract for what is wrong in them.

#include "scenario/ScenarioLoader.hpp"
#include "scenario/SweepLoader.hpp"

#include <catch2/catch.hpp>

#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace gigatwin::scenario;

namespace {
/// A sweep file next to a copy of nothing: `scenario:` points at a shipped scenario.
struct SweepFile {
  std::filesystem::path dir;
  std::string path;
  explicit SweepFile(const std::string& body) {
    dir = std::filesystem::temp_directory_path() / ("gigatwin-sweep-" + std::to_string(::getpid()) + "-" +
                                                    std::to_string(reinterpret_cast<std::uintptr_t>(this)));
    std::filesystem::create_directories(dir);
    std::filesystem::copy_file(std::string(GIGATWIN_SOURCE_DIR) + "/scenarios/tandem-line.yaml",
                               dir / "line.yaml");
    path = (dir / "sweep.yaml").string();
    std::ofstream(path) << "sweep: 1\nscenario: line.yaml\n" << body;
  }
  ~SweepFile() {
    std::error_code ec;
    std::filesystem::remove_all(dir, ec);
  }
};

std::string error_of(const std::string& body) {
  SweepFile f(body);
  try {
    load_sweep_file(f.path);
  } catch (const ScenarioError& e) {
    return e.what();
  }
  return "no error";
}
} // namespace

TEST_CASE("a grid varies the last parameter fastest", "[sweep]") {
  SweepFile f("parameters:\n  - {key: seed, values: [1, 2]}\n  - {key: replications, values: [3, 4, 5]}\n");
  const auto s = load_sweep_file(f.path);
  REQUIRE(s.points.size() == 6);
  CHECK(s.points[0] == std::vector<std::string>{"seed=1", "replications=3"});
  CHECK(s.points[1] == std::vector<std::string>{"seed=1", "replications=4"});
  CHECK(s.points[5] == std::vector<std::string>{"seed=2", "replications=5"});
  CHECK(s.point_values[4] == std::vector<std::string>{"2", "4"});
  CHECK(is_sweep_file(f.path));
  CHECK_FALSE(is_sweep_file((f.dir / "line.yaml").string()));
}

TEST_CASE("linked keys move together, one dimension of the grid, with their labels", "[sweep]") {
  SweepFile f("parameters:\n"
              "  - name: level\n"
              "    labels: [low, high]\n"
              "    keys:\n"
              "      'station_groups[0].machines': [1, 2]\n"
              "      'station_groups[1].machines': [1, 3]\n"
              "  - {key: seed, values: [7, 8]}\n");
  const auto s = load_sweep_file(f.path);
  REQUIRE(s.points.size() == 4);
  CHECK(s.points[2] ==
        std::vector<std::string>{"station_groups[0].machines=2", "station_groups[1].machines=3", "seed=7"});
  CHECK(s.point_values[2] == std::vector<std::string>{"high", "7"});
  CHECK(s.parameters[0].name == "level");
  // Every point makes a scenario with exactly its values.
  const auto spec = load_scenario_file(s.scenario_path, s.points[2]);
  CHECK(spec.station_groups[0].machines == 2);
  CHECK(spec.station_groups[1].machines == 3);
  CHECK(spec.seed == 7);
}

TEST_CASE("wrong linked keys are reported where they are written", "[sweep]") {
  CHECK_THAT(
      error_of("parameters:\n  - name: level\n    keys:\n      seed: [1, 2]\n      replications: [1]\n"),
      Catch::Contains("sweep.yaml:7:21: error: parameters[0].keys.replications: expected as many values as "
                      "seed (2), found 1"));
  CHECK_THAT(error_of("parameters:\n  - name: level\n    labels: [a]\n    keys:\n      seed: [1, 2]\n"),
             Catch::Contains(
                 "sweep.yaml:5:13: error: parameters[0].labels: expected one label per value (2), found 1"));
  CHECK_THAT(
      error_of("parameters:\n  - keys:\n      seed: [1, 2]\n"),
      Catch::Contains(
          "sweep.yaml:4:5: error: parameters[0].name: expected key 'name' (a name for the linked keys"));
  CHECK_THAT(
      error_of("mode: zip\nparameters:\n  - {key: seed, values: [1, 2]}\n  - {key: replications, values: "
               "[1]}\n"),
      Catch::Contains("parameters[1]: expected as many values as parameters[0] (2, mode zip)"));
}
