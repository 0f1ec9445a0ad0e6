// libFuzzer target for the plant event log reader (a file from outside, docs/EVENTS.md). Any
// input bytes must end in a log (its bad rows dropped and reported) or a PlantLogError; the log
// then goes through what the fit command does with it: the observations and their fits. Any other exception,
// a crash, a sanitizer report, a hang or runaway memory is a finding.
#include "plantdata/DistributionFit.hpp"
#include "plantdata/PlantLog.hpp"
#include "plantdata/StationObservations.hpp"

#include <cstddef>
#include <cstdint>
#include <string_view>

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view text(reinterpret_cast<const char*>(data), size);
  gigatwin::plantdata::PlantLog log;
  try {
    log = gigatwin::plantdata::read_plant_log_text(text, "fuzz.csv");
  } catch (const gigatwin::plantdata::PlantLogError&) {
    return 0;
  }
  (void)log.problem_report();
  const auto observed = gigatwin::plantdata::observe(log);
  for (const auto& group : observed.groups) {
    (void)gigatwin::plantdata::fit_families(group.process);
    (void)gigatwin::plantdata::fit_families(group.repair);
  }
  return 0;
}
