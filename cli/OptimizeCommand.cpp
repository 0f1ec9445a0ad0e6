// `gigatwin optimize OPT.yaml -o opt.h5`: searches an optimisation file's decision variables
// (experiment/Optimiser) and writes every candidate, the front and the search's settings to an
// HDF5 file (docs/OPTIMISE.md), then prints the front.
#include "Commands.hpp"
#include "ExitCode.hpp"
#include "ExperimentRunner.hpp"
#include "PlantLogInput.hpp"

#include "experiment/Optimiser.hpp"
#include "experiment/Replication.hpp"
#include "results/ResultsWriter.hpp"
#include "results/Table.hpp"
#include "scenario/Diagnostic.hpp"
#include "scenario/OptimisationLoader.hpp"

#include <cmath>
#include <csignal>
#include <cstdio>
#include <iostream>
#include <sstream>
#include <unistd.h>

namespace gigatwin::cli {

namespace {

volatile std::sig_atomic_t stop_flag = 0;
void on_stop(int) {
  stop_flag = 1;
  experiment::request_interrupt();
}

std::string shown(double v) {
  if (!std::isfinite(v))
    return "-";
  std::ostringstream out;
  out.precision(std::abs(v) >= 1000 || v == std::round(v) ? 0 : 3);
  out << std::fixed << v;
  return out.str();
}

void write_results(const std::string& path, const scenario::OptimisationSpec& spec,
                   const experiment::OptimisationResult& result, const std::string& command_line) {
  using results::ColumnType;
  results::Table candidates;
  candidates.description = "every candidate the search evaluated: its variables, KPIs (means and 95 % "
                           "interval half-widths over its replications), feasibility and place on the front";
  candidates.columns = {
      {"candidate", ColumnType::int64, "", "in the order evaluated, from 0"},
      {"generation", ColumnType::int64, "", "the search's generation (0: the first population)"}};
  for (const auto& v : spec.variables)
    candidates.columns.push_back(
        {"var:" + v.name,
         v.kind == scenario::DecisionVariable::Kind::choice ? ColumnType::string : ColumnType::float64,
         v.unit, "decision variable " + v.key});
  std::vector<std::string> kpis;
  for (const auto& o : spec.objectives)
    kpis.push_back(std::string(o.maximise ? "max:" : "min:") + o.kpi.name);
  for (const auto& c : spec.constraints)
    kpis.push_back(std::string(c.at_least ? "at_least:" : "at_most:") + c.kpi.name);
  for (const auto& k : kpis) {
    candidates.columns.push_back({k, ColumnType::float64, "", "mean over the replications"});
    candidates.columns.push_back(
        {k + ":half_width", ColumnType::float64, "", "of the 95 % interval of the mean"});
  }
  for (std::size_t i = 0; i < spec.constraints.size(); ++i)
    candidates.columns.push_back({"limit:" + spec.constraints[i].kpi.name, ColumnType::float64, "",
                                  "the one-sided confidence limit compared with the bound"});
  candidates.columns.push_back(
      {"feasible", ColumnType::int64, "", "1: every constraint holds with its confidence"});
  candidates.columns.push_back(
      {"on_front", ColumnType::int64, "", "1: on the front (for one objective: the best)"});
  candidates.columns.push_back({"replications", ColumnType::int64, "", "runs of the candidate"});
  candidates.columns.push_back({"error", ColumnType::string, "", "why it was not ranked (empty: it was)"});
  for (const auto& c : result.candidates) {
    std::vector<results::Cell> row = {static_cast<std::int64_t>(c.index),
                                      static_cast<std::int64_t>(c.generation)};
    for (std::size_t v = 0; v < spec.variables.size(); ++v) {
      const auto& var = spec.variables[v];
      if (var.kind == scenario::DecisionVariable::Kind::choice)
        row.emplace_back(var.choices[static_cast<std::size_t>(c.x[v])]);
      else
        row.emplace_back(c.x[v]);
    }
    for (std::size_t k = 0; k < kpis.size(); ++k) {
      row.emplace_back(c.mean[k]);
      row.emplace_back(c.half_width[k]);
    }
    for (double limit : c.constraint_limit)
      row.emplace_back(limit);
    row.emplace_back(std::int64_t{c.feasible ? 1 : 0});
    row.emplace_back(std::int64_t{c.on_front ? 1 : 0});
    row.emplace_back(c.replications);
    row.emplace_back(c.error);
    candidates.rows.push_back(std::move(row));
  }
  results::Table front;
  front.description = "the front: feasible candidates no other feasible one beats on every objective's mean";
  front.columns = {{"candidate", ColumnType::int64, "", "row of /optimisation/candidates"}};
  for (std::size_t k : result.front)
    front.rows.push_back({static_cast<std::int64_t>(k)});
  const auto& sel = result.selection;
  results::Table selection;
  selection.description = "Kim and Nelson's selection among the best candidates after the search: each one "
                          "taken into it, its replications and mean at the end, when it was dropped";
  selection.columns = {
      {"candidate", ColumnType::int64, "", "row of /optimisation/candidates"},
      {"replications", ColumnType::int64, "", "runs it ended with"},
      {"mean", ColumnType::float64, "", "the objective's mean over them"},
      {"eliminated_at", ColumnType::int64, "", "the screening stage it was dropped at (0: never)"},
      {"chosen", ColumnType::int64, "", "1: the one picked"}};
  if (sel.done)
    for (std::size_t i = 0; i < sel.candidates.size(); ++i)
      selection.rows.push_back({static_cast<std::int64_t>(sel.candidates[i]),
                                static_cast<std::int64_t>(sel.observations[i]), sel.means[i],
                                static_cast<std::int64_t>(sel.eliminated_at[i]),
                                std::int64_t{i == sel.chosen ? 1 : 0}});
  results::ResultsWriter out(path, true);
  out.set_attribute("/", "format", std::string("gigatwin-optimisation"));
  out.set_attribute("/", "optimisation_file", spec.path);
  out.set_attribute("/", "scenario", spec.scenario_path);
  out.set_attribute("/", "algorithm", result.algorithm);
  out.set_attribute("/", "command_line", command_line);
  out.set_attribute("/", "seed", std::to_string(spec.seed));
  out.set_attribute("/", "replications_per_candidate", std::to_string(spec.replications));
  out.set_attribute("/", "budget_evaluations", std::to_string(spec.evaluations));
  out.set_attribute("/", "population", std::to_string(result.population));
  out.set_attribute("/", "generations", std::to_string(result.generations));
  out.set_attribute("/", "complete", std::string(result.interrupted ? "0" : "1"));
  out.write_table("/optimisation/candidates", candidates);
  out.write_table("/optimisation/front", front);
  if (spec.selection) {
    out.write_table("/optimisation/selection", selection);
    out.set_attribute("/", "selection_alpha", std::to_string(spec.selection->alpha));
    out.set_attribute("/", "selection_delta", std::to_string(spec.selection->delta));
    out.set_attribute("/", "selection_guaranteed", std::string(sel.done && sel.guaranteed ? "1" : "0"));
    out.set_attribute("/", "selection_error", sel.error);
  }
  out.commit();
}

} // namespace

int optimize_command(const OptimizeArgs& args) {
  scenario::OptimisationSpec spec;
  try {
    spec = scenario::load_optimisation_file(args.file);
  } catch (const scenario::ScenarioError& e) {
    for (const auto& d : e.diagnostics())
      std::cerr << d.to_string() << "\n";
    if (e.diagnostics().empty())
      std::cerr << "gigatwin optimize: " << e.what() << "\n";
    return exit_bad_input;
  }
  if (const auto problems = experiment::check_kpi_names(spec); !problems.empty()) {
    for (const auto& p : problems)
      std::cerr << p << "\n";
    return exit_bad_input;
  }
  if (args.seed)
    spec.seed = *args.seed;
  if (!output_folder_or_report("optimize", args.out, args.force))
    return exit_bad_input;
  std::signal(SIGINT, on_stop);
  std::signal(SIGTERM, on_stop);
  experiment::OptimiserOptions options;
  options.jobs = args.jobs;
  options.stop_requested = [] { return stop_flag != 0; };
  const bool tty = isatty(STDERR_FILENO) != 0;
  if (!args.quiet)
    options.progress = [&](std::size_t done, std::size_t budget, std::size_t generation) {
      std::cerr << (tty ? "\r" : "") << "gigatwin optimize: generation " << generation << ", " << done
                << " of " << budget << " candidates evaluated" << (tty ? "   " : "\n") << std::flush;
    };
  experiment::OptimisationResult result;
  try {
    result = experiment::optimise(spec, options);
  } catch (const std::exception& e) {
    std::cerr << "\ngigatwin optimize: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (!args.quiet && tty)
    std::cerr << "\n";
  try {
    write_results(args.out, spec, result, args.command_line);
  } catch (const std::exception& e) {
    std::cerr << "gigatwin optimize: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (!args.quiet) {
    std::cout << result.algorithm << ": " << result.candidates.size() << " candidates in "
              << result.generations << " generations, " << spec.replications << " replications each, "
              << shown(result.wall_s) << " s\n";
    if (spec.selection) {
      const auto& sel = result.selection;
      if (sel.done) {
        std::size_t runs = 0;
        for (auto n : sel.observations)
          runs += n;
        std::cout << "Kim–Nelson selection among the best " << sel.candidates.size() << ": "
                  << (sel.guaranteed
                          ? "within " + shown(spec.selection->delta) + " of the best with probability >= " +
                                shown((1 - spec.selection->alpha) * 100) + " %"
                          : std::string("the budget per candidate ran out: no guarantee"))
                  << " (" << runs << " replications in it)\n";
      } else if (!sel.error.empty()) {
        std::cout << "Kim–Nelson selection not finished: " << sel.error << "\n";
      }
    }
    std::cout << (spec.objectives.size() == 1 ? "best feasible candidate" : "front (feasible, not dominated)")
              << (result.front.empty() ? ": none (no candidate met the constraints)" : ":") << "\n";
    for (std::size_t k : result.front) {
      const auto& c = result.candidates[k];
      std::cout << "  #" << c.index << ":";
      for (const auto& o : c.overrides)
        std::cout << " " << o;
      std::cout << "\n     ";
      for (std::size_t i = 0; i < spec.objectives.size(); ++i)
        std::cout << (i ? ", " : "") << spec.objectives[i].kpi.name << " " << shown(c.mean[i]) << " ± "
                  << shown(c.half_width[i]);
      for (std::size_t i = 0; i < spec.constraints.size(); ++i) {
        const auto& con = spec.constraints[i];
        std::cout << "; " << con.kpi.name << " " << shown(c.mean[spec.objectives.size() + i])
                  << (con.at_least ? " >= " : " <= ") << shown(con.bound) << " ("
                  << shown(con.confidence * 100) << " % limit " << shown(c.constraint_limit[i]) << ")";
      }
      std::cout << "\n";
    }
  }
  std::cout << args.out << "\n";
  return result.interrupted ? exit_interrupted : exit_ok;
}

} // namespace gigatwin::cli
