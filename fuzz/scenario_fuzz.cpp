// libFuzzer target for the scenario loader. Any input bytes must end in a ScenarioSpec or a
// ScenarioError; any other exception, a crash, a sanitizer report, a hang or runaway memory is
// a finding. An input may carry overrides after a line "#--set": each following line is one
// `--set` text, so the override code is fuzzed as well.
#include "scenario/ScenarioLoader.hpp"

#include <cstddef>
#include <cstdint>
#include <string>
#include <vector>

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
  return 0;
}
