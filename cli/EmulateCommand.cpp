#include "Commands.hpp"
#include "ExitCode.hpp"
#include "LivePublisher.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"
#include "TraceExport.hpp"

#include "plantdata/DistributionFit.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <memory>

namespace gigatwin::cli {

namespace fs = std::filesystem;

int emulate_command(const EmulateArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin emulate: " << message << "\n";
    return exit_bad_input;
  };
  if (!(args.missing >= 0 && args.missing < 1))
    return refuse("--missing: expected a share from 0 to below 1, found " + std::to_string(args.missing));
  if (!(args.duplicates >= 0 && args.duplicates < 1))
    return refuse("--duplicates: expected a share from 0 to below 1, found " +
                  std::to_string(args.duplicates));
  if (!(args.clock_skew_s >= 0 && args.clock_skew_s < 86400))
    return refuse("--clock-skew: expected seconds from 0 to below a day, found " +
                  std::to_string(args.clock_skew_s));
  // The live stream's broker and topics, checked before the plant is simulated.
  if (!args.mqtt.empty()) {
    std::string why;
    if (broker_uri(args.mqtt, why).empty())
      return refuse("--mqtt: " + why);
    if (args.topic.empty() || args.topic.find_first_of("#+") != std::string::npos || args.topic.back() == '/')
      return refuse("--topic: expected a topic prefix without wildcards (# +) or a trailing '/', found '" +
                    args.topic + "'");
  }
  TraceEpoch epoch;
  if (std::string error; !parse_trace_epoch(args.start_date, epoch, error))
    return refuse("--start-date: " + error);
  const fs::path out(args.out);
  const auto checked = output_folder_or_report("emulate", args.out, args.force);
  if (!checked)
    return exit_bad_input;
  const fs::path folder = *checked;

  // Everything the plant does is recorded, whatever the scenario's own trace filter says.
  std::vector<std::string> overrides = args.overrides;
  overrides.push_back("trace={enabled: true}");
  auto loaded = load_scenario_or_report(args.scenario, overrides);
  if (!loaded)
    return exit_bad_input;
  const std::uint64_t seed = args.seed.value_or(loaded->seed);
  // Connected before the plant runs: a broker that is not there is said at once.
  std::unique_ptr<LivePublisher> live;
  if (!args.mqtt.empty()) {
    try {
      // The password from the environment, never the command line (which others can read).
      const char* password = std::getenv("GIGATWIN_MQTT_PASSWORD");
      live = std::make_unique<LivePublisher>(args.mqtt, args.topic, args.speed, args.mqtt_user,
                                             password ? password : "", args.mqtt_ca);
    } catch (const std::exception& e) {
      std::cerr << "gigatwin emulate: " << e.what() << "\n";
      return exit_runtime_failure;
    }
    if (!args.quiet)
      std::cout << "sending live to " << args.mqtt << " on " << args.topic << "/events"
                << (args.speed > 0 ? " at " + plantdata::decimal(args.speed, 6) + "x real time" : "") << "\n"
                << std::flush;
  }
  const SimulatedRuns plant(*loaded, 1, seed, 1, folder / ("." + out.filename().string() + ".emulating.h5"),
                            args.command_line);
  if (!plant.ok())
    return plant.exit_code();
  try {
    const results::ResultsReader file(plant.path().string());
    MesNoise noise{args.missing, args.duplicates, args.clock_skew_s, seed};
    const PlantLogCounts counts = write_plant_log(
        file, "p0000-r0000", args.out, epoch, noise,
        live ? LiveRecord([&](double t, const std::string& json) { live->event(t, json); }) : LiveRecord());
    if (live)
      live->finish();
    if (!args.quiet)
      std::cout << "plant log: " << args.out << " (" << counts.written << " events from "
                << loaded->horizon_s / 86400.0 << " d of " << loaded->name << ", seed " << seed << "; "
                << counts.missing << " lost, " << counts.duplicated << " written twice"
                << (args.clock_skew_s > 0 ? ", machine clocks off by a normal offset of sd " +
                                                plantdata::decimal(args.clock_skew_s, 4) + " s"
                                          : std::string())
                << ")\n";
    else
      std::cout << args.out << "\n";
    return exit_ok;
  } catch (const std::exception& e) {
    std::cerr << "gigatwin emulate: " << e.what() << "\n";
    return exit_runtime_failure;
  }
}

} // namespace gigatwin::cli
