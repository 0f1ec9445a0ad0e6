#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"

#include "ScenarioLoader.hpp"
#include "SweepLoader.hpp"

#include <filesystem>
#include <iostream>
#include <limits>
#include <sstream>

namespace gigatwin::cli {

int batch_command(const BatchArgs& args) {
  models::SweepSpec sweep;
  try {
    sweep = models::load_sweep_file(args.sweep);
  } catch (const models::ScenarioError& e) {
    std::cerr << e.what() << "\n";
    return exit_bad_input;
  }
  // Every point is loaded before anything runs: a bad value is reported where the sweep writes it.
  std::vector<models::ScenarioSpec> points;
  models::ExperimentOptions options;
  for (std::size_t p = 0; p < sweep.points.size(); ++p) {
    std::string label;
    for (const auto& o : sweep.points[p])
      label += (label.empty() ? "" : "; ") + o;
    options.point_labels.push_back(label.empty() ? "(base scenario)" : label);
    try {
      points.push_back(models::load_scenario_file(sweep.scenario_path, sweep.points[p]));
    } catch (const models::ScenarioError& e) {
      const auto& where = sweep.point_positions[p];
      std::cerr << args.sweep;
      if (!where.empty())
        std::cerr << ":" << where.front().line << ":" << where.front().column;
      std::cerr << ": error: point " << p << " (" << label << ") does not make a valid scenario:\n"
                << e.what() << "\n";
      return exit_bad_input;
    }
  }
  options.out_path = args.out.empty() ? std::filesystem::path(args.sweep).stem().string() + ".h5" : args.out;
  options.overwrite = args.force;
  options.replications = sweep.replications;
  options.seed = args.seed ? static_cast<std::uint64_t>(*args.seed) : points.front().seed;
  options.command_line = args.command_line;
  std::ostringstream banner;
  banner << "GigaTwin " << GIGATWIN_VERSION << ": sweep " << args.sweep << " over " << sweep.scenario_path
         << " (" << points.size() << " point(s) x " << options.replications << " replication(s), seed "
         << options.seed << ")\n";
  return run_experiment_and_report(points, options, args.quiet, banner.str());
}

} // namespace gigatwin::cli
