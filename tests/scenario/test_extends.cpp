// `extends:`: a scenario merged over a base file. Maps merge key by key, the named lists
// (station_groups, worker_pools, calendars) item by item by name (new names appended,
// `remove: true` drops), every other sequence replaces the base's. Diagnostics name the file a
// key came from. The files are written to a fresh temporary folder per test.
#include "ScenarioText.hpp"

#include <atomic>
#include <filesystem>
#include <fstream>
#include <unistd.h>

using namespace gigatwin::scenario;
using gigatwin::core::DistributionKind;
using gigatwin::test::replace_line;
namespace fs = std::filesystem;

namespace {

/// A folder of its own under the system's temporary folder, removed with everything in it.
class TempDir {
public:
  TempDir() {
    static std::atomic<int> counter{0};
    path_ = fs::temp_directory_path() /
            ("gigatwin-extends-" + std::to_string(::getpid()) + "-" + std::to_string(counter++));
    fs::remove_all(path_);
    fs::create_directories(path_);
  }
  ~TempDir() {
    std::error_code ec;
    fs::remove_all(path_, ec);
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  /// Writes `text` to `relative` (folders created) and returns its full path.
  std::string write(const std::string& relative, const std::string& text) const {
    const fs::path file = path_ / relative;
    fs::create_directories(file.parent_path());
    std::ofstream(file) << text;
    return file.string();
  }
  std::string str() const { return path_.string(); }
  std::string at(const std::string& relative) const { return (path_ / relative).lexically_normal().string(); }

private:
  fs::path path_;
};

/// The base line. Line numbers matter to the tests below: keep it as it is.
const std::string base = R"(schema: 1
name: base line
horizon: 10d
currency: KRW
source: {saturated: true}
worker_pools:
  - {name: crew, skills: [operate], headcount: 4, wage: 15000 KRW/h}
  - {name: techs, skills: [repair], headcount: 2}
station_groups:
  - name: press
    machines: 2
    process_time: 45s
    setup: {time: 10min, every: 100}
  - name: weld
    process_time: {dist: exponential, mean: 50s}
  - name: pack
    process_time: 30s
routing:
  steps:
    - station_group: press
    - station_group: weld
    - station_group: pack
)";

/// Extends the base: renames, merges two items by name, drops one, appends one, replaces the
/// routing steps and a pool's skills.
const std::string child = R"(extends: base.yaml
name: child line
worker_pools:
  - {name: crew, headcount: 6, skills: [lift]}
station_groups:
  - name: weld
    machines: 3
  - name: pack
    remove: true
  - name: inspect
    process_time: 20s
routing:
  steps:
    - station_group: press
    - station_group: weld
    - station_group: inspect
)";

/// The diagnostics of loading file `path`, which must fail.
std::vector<Diagnostic> file_diagnostics(const std::string& path,
                                         const std::vector<std::string>& overrides = {}) {
  try {
    load_scenario_file(path, overrides);
  } catch (const ScenarioError& e) {
    return e.diagnostics();
  }
  FAIL("the scenario loaded, but it should have been refused");
  return {};
}

std::string only_file_error(const std::string& path, const std::vector<std::string>& overrides = {}) {
  const auto d = file_diagnostics(path, overrides);
  for (const auto& x : d)
    UNSCOPED_INFO(x.to_string());
  REQUIRE(d.size() == 1);
  return d.front().to_string();
}

} // namespace

TEST_CASE("the base's text is where the tests think it is", "[extends]") {
  CHECK(replace_line(base, 11, "    machines: 2") == base);
  CHECK(replace_line(child, 9, "    remove: true") == child);
}

TEST_CASE("an extending file merges maps by key and named lists by name", "[extends]") {
  TempDir dir;
  dir.write("base.yaml", base);
  const std::string path = dir.write("child.yaml", child);
  const ScenarioSpec s = load_scenario_file(path);
  CHECK(s.name == "child line");      // the child's value wins
  CHECK(s.horizon_s == 10 * 86400.0); // from the base
  CHECK(s.currency == "KRW");         // from the base
  CHECK(s.source.saturated);          // from the base
  CHECK(s.source_path == path);

  // crew merged by name: headcount and skills from the child (skills replaced, not appended),
  // wage from the base; techs untouched.
  REQUIRE(s.worker_pools.size() == 2);
  CHECK(s.worker_pools[0].name == "crew");
  CHECK(s.worker_pools[0].headcount == 6);
  CHECK(s.worker_pools[0].skills == std::vector<std::string>{"lift"});
  CHECK(s.worker_pools[0].wage_per_h == 15000.0);
  CHECK(s.worker_pools[1].name == "techs");

  // press untouched, weld merged (machines from the child, process_time from the base), pack
  // removed, inspect appended.
  REQUIRE(s.station_groups.size() == 3);
  CHECK(s.station_groups[0].name == "press");
  CHECK(s.station_groups[0].machines == 2);
  REQUIRE(s.station_groups[0].initial().setup);
  CHECK(s.station_groups[0].initial().setup->every_lots == 100);
  CHECK(s.station_groups[1].name == "weld");
  CHECK(s.station_groups[1].machines == 3);
  CHECK(s.station_groups[1].initial().process_time.kind == DistributionKind::exponential);
  CHECK(s.station_groups[1].initial().process_time.a == 50.0);
  CHECK(s.station_groups[2].name == "inspect");
  CHECK(s.station_groups[2].initial().process_time.a == 20.0);

  // routing.steps replaced wholesale: three steps, the last one inspect.
  REQUIRE(s.steps.size() == 3);
  CHECK(s.steps[2].station_group == "inspect");
  CHECK(s.steps[2].group_index == 2);

  // resolved_yaml is the merged scenario: it stands alone, without `extends` or `remove`.
  CHECK(s.resolved_yaml.find("extends") == std::string::npos);
  CHECK(s.resolved_yaml.find("remove") == std::string::npos);
  CHECK(s.resolved_yaml.find("pack") == std::string::npos);
  CHECK(s.resolved_yaml.find("base line") == std::string::npos);
  const ScenarioSpec again = load_scenario_text(s.resolved_yaml, "resolved.yaml");
  CHECK(again.station_groups.size() == 3);
  CHECK(again.worker_pools[0].headcount == 6);
}

TEST_CASE("a distribution with its dist replaces the base's; without it merges into it", "[extends]") {
  TempDir dir;
  dir.write("base.yaml", base);
  // weld's {dist: exponential, mean: 50s} becomes a gamma: no `mean` is left over from the base.
  const ScenarioSpec gamma = load_scenario_file(
      dir.write("gamma.yaml", "extends: base.yaml\nstation_groups:\n  - name: weld\n"
                              "    process_time: {dist: gamma, shape: 4, scale: 12.5s}\n"));
  CHECK(gamma.station_groups[1].initial().process_time.kind == DistributionKind::gamma);
  CHECK(gamma.station_groups[1].initial().process_time.a == 4.0);
  CHECK(gamma.station_groups[1].initial().process_time.b == 12.5);
  // Only the mean: merged, the base's exponential kept.
  const ScenarioSpec mean = load_scenario_file(dir.write(
      "mean.yaml", "extends: base.yaml\nstation_groups:\n  - name: weld\n    process_time: {mean: 70s}\n"));
  CHECK(mean.station_groups[1].initial().process_time.kind == DistributionKind::exponential);
  CHECK(mean.station_groups[1].initial().process_time.a == 70.0);
}

TEST_CASE("chains of bases merge in order, each relative to its own folder", "[extends]") {
  TempDir dir;
  // The base lives in common/ with a CSV of cycle times next to it: its csv path is relative
  // to common/, not to the extending files' folders.
  dir.write("common/cycle.csv", "s\n40\n50\n");
  dir.write("common/base.yaml",
            replace_line(base, 12, "    process_time: {dist: empirical, csv: cycle.csv, unit: s}"));
  dir.write("child.yaml", replace_line(child, 1, "extends: common/base.yaml"));
  const std::string path = dir.write("variants/longer.yaml", R"(extends: ../child.yaml
horizon: 20d
station_groups:
  - {name: press, machines: 5}
)");
  const ScenarioSpec s = load_scenario_file(path);
  CHECK(s.name == "child line");      // from the middle file
  CHECK(s.horizon_s == 20 * 86400.0); // from the last
  REQUIRE(s.station_groups.size() == 3);
  CHECK(s.station_groups[0].machines == 5);
  CHECK(s.station_groups[0].initial().process_time.kind == DistributionKind::empirical);
  CHECK(s.station_groups[0].initial().process_time.values == std::vector<double>{40.0, 50.0});
  CHECK(s.station_groups[1].machines == 3);
}

TEST_CASE("chains are at most 8 bases long", "[extends]") {
  TempDir dir;
  // f0 extends f1, ..., f(n-1) extends fn, which stands alone: n bases.
  auto chain = [&](int n) {
    dir.write("f" + std::to_string(n) + ".yaml", base);
    for (int k = 0; k < n; ++k)
      dir.write("f" + std::to_string(k) + ".yaml", "extends: f" + std::to_string(k + 1) + ".yaml\n");
    return dir.at("f0.yaml");
  };
  CHECK(load_scenario_file(chain(8)).name == "base line");
  // With 9, f8's `extends` is the 9th base: "extends: " is 9 characters.
  CHECK(only_file_error(chain(9)) ==
        dir.at("f8.yaml") +
            ":1:10: error: extends: expected at most 8 base files in a chain, found 'f9.yaml'");
}

TEST_CASE("a cycle of extends is refused, naming the files", "[extends]") {
  TempDir dir;
  dir.write("a.yaml", "extends: b.yaml\nname: a\n");
  dir.write("b.yaml", "extends: a.yaml\nname: b\n");
  // Reported at b.yaml's `extends` ("extends: " is 9 characters), which leads back to a.yaml.
  CHECK(only_file_error(dir.at("a.yaml")) ==
        dir.at("b.yaml") +
            ":1:10: error: extends: expected a base file that does not lead back to this one, " +
            "found 'a.yaml' (extends cycle: " + dir.at("a.yaml") + " -> " + dir.at("b.yaml") + " -> " +
            dir.at("a.yaml") + ")");
  dir.write("self.yaml", "extends: ./self.yaml\n");
  CHECK(only_file_error(dir.at("self.yaml")) ==
        dir.at("self.yaml") + ":1:10: error: extends: expected a base file that does not lead back to this " +
            "one, found './self.yaml' (extends cycle: " + dir.at("self.yaml") + " -> " + dir.at("self.yaml") +
            ")");
}

TEST_CASE("a missing base file is reported at the extends key", "[extends]") {
  TempDir dir;
  CHECK(gigatwin::test::only_error("extends: nothere.yaml\nname: x\n", {}) ==
        "t.yaml:1:10: error: extends: expected a readable scenario file, found nothing readable at "
        "'nothere.yaml' (No such file or directory)");
  // Relative to the text's base folder.
  try {
    load_scenario_text("extends: nothere.yaml\n", "t.yaml", {}, dir.str());
    FAIL("loaded");
  } catch (const ScenarioError& e) {
    REQUIRE(e.diagnostics().size() == 1);
    CHECK(e.diagnostics()[0].found ==
          "nothing readable at '" + dir.at("nothere.yaml") + "' (No such file or directory)");
  }
  CHECK(gigatwin::test::only_error("extends: [a.yaml]\n", {}) ==
        "t.yaml:1:10: error: extends: expected a non-empty string, found a sequence");
}

TEST_CASE("a problem in a key from the base is reported in the base file", "[extends]") {
  TempDir dir;
  // "    machines: " is 14 characters.
  dir.write("base.yaml", replace_line(base, 11, "    machines: two"));
  const std::string path = dir.write("child.yaml", child);
  CHECK(only_file_error(path) ==
        dir.at("base.yaml") + ":11:15: error: station_groups[0].machines: expected an integer from 1 to "
                              "1000000, found 'two'");
  // One from the child is reported in the child: "    machines: " again, line 7.
  dir.write("base.yaml", base);
  dir.write("child.yaml", replace_line(child, 7, "    machines: 0"));
  CHECK(only_file_error(path) ==
        path + ":7:15: error: station_groups[1].machines: expected an integer from 1 to 1000000, found '0'");
}

TEST_CASE("remove: true only drops a base item that exists", "[extends]") {
  TempDir dir;
  dir.write("base.yaml", base);
  // "    remove: true" names 'pakc'; "  - name: " is 10 characters.
  const std::string path = dir.write("child.yaml", replace_line(child, 8, "  - name: pakc"));
  CHECK(only_file_error(path) ==
        path +
            ":8:11: error: station_groups[1].name: expected the name of an item of the base's station_groups "
            "(remove: true drops it), found 'pakc' (did you mean 'pack'?)");
  dir.write("child.yaml", replace_line(child, 9, "    remove: yes please"));
  CHECK(only_file_error(path) ==
        path + ":9:13: error: station_groups[1].remove: expected true or false, found 'yes please'");
  // In a file that extends nothing there is nothing to remove: "    " is 4 characters.
  CHECK(gigatwin::test::only_error(replace_line(base, 17, "    process_time: 30s\n    remove: true")) ==
        "t.yaml:18:5: error: station_groups[2].remove: expected 'remove' only in a file that extends another "
        "(it drops the base's item), found it in a file without 'extends'");
  // `remove: false` keeps (and merges) the item.
  dir.write("child.yaml", replace_line(child, 9, "    remove: false"));
  const ScenarioSpec s = load_scenario_file(path);
  REQUIRE(s.station_groups.size() == 4);
  CHECK(s.station_groups[2].name == "pack");
}

TEST_CASE("overrides (--set) apply after merging", "[extends][overrides]") {
  TempDir dir;
  dir.write("base.yaml", base);
  const std::string path = dir.write("child.yaml", child);
  // Indices are those of the merged lists: weld is station_groups[1], inspect [2].
  const ScenarioSpec s =
      load_scenario_file(path, {"station_groups[1].machines=4", "station_groups[2].process_time=25s",
                                "station_groups[0].setup.every=7"});
  CHECK(s.station_groups[1].machines == 4);
  CHECK(s.station_groups[2].initial().process_time.a == 25.0);
  CHECK(s.station_groups[0].initial().setup->every_lots == 7); // a key written only in the base
  CHECK(s.resolved_yaml.find("every: 7") != std::string::npos);
  // An index past the merged list (3 groups) is refused.
  CHECK(only_file_error(path, {"station_groups[3].machines=2"}) ==
        "--set:1:1: error: station_groups[3]: expected an index below 3, found 3");
  CHECK(
      only_file_error(path, {"extends=other.yaml"}) ==
      "--set:1:1: error: extends: expected a key --set can change, found 'extends' (bases are merged before "
      "overrides; change the file instead)");
}
