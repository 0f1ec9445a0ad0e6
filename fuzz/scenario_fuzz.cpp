// libFuzzer target for the scenario loader. Any input bytes must end in a ScenarioSpec or a
// ScenarioError; any other exception, a crash, a sanitizer report, a hang or runaway memory is
// a finding. An input may carry overrides after a line "#--set": each following line is one
// `--set` text, so the override code is fuzzed as well. An input that names `optimise` is also
// read as an optimisation file (docs/OPTIMISE.md) over a small base scenario of the fuzzer's own.
#include "scenario/OptimisationLoader.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <filesystem>
#include <fstream>

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

namespace {

/// A folder holding line.yaml, the base an optimisation input may name.
const std::string& base_folder() {
  static const std::string folder = [] {
    const auto dir = std::filesystem::temp_directory_path() / "gigatwin-fuzz-optimise";
    std::filesystem::create_directories(dir);
    std::ofstream(dir / "line.yaml") << "schema: 1\nname: Fuzz line\nhorizon: 1d\nsource: {rate: 36/h}\n"
                                        "station_groups:\n  - {name: a, process_time: 60s}\n"
                                        "  - {name: b, machines: 2, process_time: 90s}\n"
                                        "routing:\n  product: job\n  steps:\n    - station_group: a\n"
                                        "    - {station_group: b, buffer: 5}\n";
    return dir.string();
  }();
  return folder;
}

} // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string input(reinterpret_cast<const char*>(data), size);
  std::string text = input;
  std::vector<std::string> overrides;
  const std::string marker = "\n#--set\n";
  if (const std::size_t at = input.find(marker); at != std::string::npos) {
    text = input.substr(0, at + 1);
    std::size_t start = at + marker.size();
    while (start <= input.size()) {
      std::size_t end = input.find('\n', start);
      if (end == std::string::npos)
        end = input.size();
      overrides.push_back(input.substr(start, end - start));
      start = end + 1;
    }
  }
  try {
    // A base folder that does not exist keeps relative CSV paths from reading the disk.
    gigatwin::scenario::load_scenario_text(text, "fuzz.yaml", overrides, "/nonexistent/gigatwin-fuzz");
  } catch (const gigatwin::scenario::ScenarioError&) {
  }
  if (input.find("optimise") != std::string::npos) {
    try {
      gigatwin::scenario::load_optimisation_text(input, "fuzz-optimise.yaml", base_folder());
    } catch (const gigatwin::scenario::ScenarioError&) {
    }
  }
  return 0;
}
