// Hostile input: the loader refuses it with a diagnostic and never crashes, overflows its
// stack or accepts NaN.
#include "ScenarioText.hpp"

#include "scenario/InputGuard.hpp"

using namespace gigatwin::scenario;
using gigatwin::test::diagnostics_of;
using gigatwin::test::only_error;
using gigatwin::test::valid_scenario;

TEST_CASE("deep nesting is refused before the parser sees it", "[robustness]") {
  // 100000 '[' would overflow yaml-cpp's recursive descent. The pre-scan counts the line's
  // own block level as one, so the 64th '[' makes 65 levels and is refused.
  CHECK(only_error(std::string(100000, '[')) ==
        "t.yaml:1:64: error: expected YAML nested at most 64 levels deep, found deeper nesting");
  CHECK(only_error("a: " + std::string(100000, '{')).find("nested at most 64 levels") != std::string::npos);
  // "- - - ... x" nests one block sequence per dash on a single line.
  std::string dashes;
  for (int i = 0; i < 5000; ++i)
    dashes += "- ";
  CHECK(only_error(dashes + "x\n").find("nested at most 64 levels") != std::string::npos);
  // Indentation: each line one space deeper than the last opens a new level.
  std::string stairs;
  for (int i = 0; i < 200; ++i)
    stairs += std::string(static_cast<std::size_t>(i), ' ') + "k:\n";
  CHECK(only_error(stairs).find("nested at most 64 levels") != std::string::npos);
}

TEST_CASE("the nesting pre-scan accepts ordinary scenarios", "[robustness]") {
  CHECK_FALSE(find_excess_nesting(valid_scenario, 64));
  CHECK_FALSE(find_excess_nesting("a: [1, [2, [3]]]\nb: {c: {d: e}}  # [[[[[[[[ in a comment\n", 4));
  // Four open levels: the map, the flow sequence and two nested ones.
  CHECK(find_excess_nesting("a: [[[x]]]\n", 3).has_value());
  CHECK_FALSE(find_excess_nesting("a: [[[x]]]\n", 4).has_value());
}

TEST_CASE("aliases cannot multiply the work", "[robustness]") {
  // Each level refers to the previous one ten times: 10^9 nodes if expanded blindly.
  std::string text = "a0: &a0 [x, x, x, x, x, x, x, x, x, x]\n";
  for (int i = 1; i <= 9; ++i) {
    const std::string prev = "*a" + std::to_string(i - 1);
    text += "a" + std::to_string(i) + ": &a" + std::to_string(i) + " [" + prev;
    for (int j = 0; j < 9; ++j)
      text += ", " + prev;
    text += "]\n";
  }
  const auto d = diagnostics_of(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0].expected == "at most 1000000 YAML nodes (aliases expanded)");
}

TEST_CASE("inputs that trip yaml-cpp's own loaders are refused cleanly", "[robustness]") {
  // YAML::LoadAll never returns on a leading ',' (found by the fuzzer): the parser reports an
  // empty document without consuming the ','. The loader reads at most two documents.
  CHECK(only_error(",a") == "t.yaml:1:1: error: expected well-formed YAML, found a stray ','");
  CHECK(only_error("a: 1\n---\nb: 2\n") ==
        "t.yaml:2:1: error: expected one YAML document, found a second one");
  // An alias inside its own anchor would make a cycle.
  CHECK(only_error("&a [*a]") == "t.yaml:1:5: error: [0]: expected an alias to an anchored node defined "
                                 "before it, found an alias inside its "
                                 "own anchor");
  // A complex key is no key name.
  CHECK(only_error("? [a, b]\n: c\n") == "t.yaml:1:3: error: expected a key name, found a sequence as a key");
}

TEST_CASE("aliases are copies", "[robustness]") {
  // One anchored process time used by two groups; overriding one must not change the other.
  const std::string text = "name: a\nhorizon: 1d\nsource: {saturated: true}\nstation_groups:\n"
                           "  - {name: g1, process_time: &pt {dist: exponential, mean: 1min}}\n"
                           "  - {name: g2, process_time: *pt}\n"
                           "routing: {steps: [{station_group: g1}, {station_group: g2}]}\n";
  const ScenarioSpec s = load_scenario_text(text, "t.yaml", {"station_groups[0].process_time.mean=2min"});
  CHECK(s.station_groups[0].initial().process_time.a == 120.0);
  CHECK(s.station_groups[1].initial().process_time.a == 60.0);
}

TEST_CASE("text that is too large is refused", "[robustness]") {
  const std::string text = "# " + std::string((16u << 20), 'x') + "\n";
  const auto d = diagnostics_of(text);
  REQUIRE(d.size() == 1);
  CHECK(d[0].expected == "at most 16777216 bytes of YAML");
}

TEST_CASE("non-finite and absurd numbers are refused", "[robustness]") {
  auto horizon = [](const std::string& value) {
    std::string t = valid_scenario;
    t.replace(t.find("10d"), 3, value);
    return t;
  };
  CHECK(only_error(horizon("nan d")).find("horizon: expected a duration") != std::string::npos);
  CHECK(only_error(horizon(".inf")).find("horizon: expected a duration") != std::string::npos);
  CHECK(only_error(horizon("1e999d")).find("out of range") != std::string::npos);
  // A horizon of 10^15 s sampled hourly would need 2.8e11 samples.
  CHECK(only_error(horizon("1e15s")).find("horizon: expected at most 10000000 samples") != std::string::npos);
  CHECK(only_error(horizon("1e15s\nsample_interval: 1s"))
            .find("sample_interval: expected at most 10000000 samples") != std::string::npos);
}

TEST_CASE("odd bytes and odd YAML never escape as anything but ScenarioError", "[robustness]") {
  const std::vector<std::string> inputs = {
      std::string("\0\0\0", 3),
      "\xff\xfe\x00",
      "\xef\xbb\xbf",
      "---\n...\n---\n",
      "a: 1\n---\nb: 2\n",
      "? [a, b]\n: c\n",
      "&a [*a]",
      "*unknown",
      "!!binary x: y",
      "name: \xc3\x28\n",
      ": :",
      "- [",
      "{a: 1, a: 1}",
      "station_groups: [[], {}, ~, 1]\nrouting: {steps: [~, [], {station_group: {}}]}",
  };
  for (const auto& in : inputs) {
    INFO(in);
    CHECK_THROWS_AS(load_scenario_text(in, "t.yaml"), ScenarioError);
  }
}
