#include "Commands.hpp"
#include "ExitCode.hpp"

#include "experiment/Replication.hpp"
#include "experiment/ResultsAssembler.hpp"

#include "results/OutputPath.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "results/WriterLock.hpp"

#include <filesystem>
#include <iostream>
#include <optional>
#include <set>

namespace gigatwin::cli {

int merge_command(const MergeArgs& args) {
  // Nothing is created or locked until every input has been checked: a refused merge leaves
  // nothing behind.
  try {
    results::check_output_path(args.out);
  } catch (const results::BadOutputPath& e) {
    std::cerr << "gigatwin merge: " << e.what() << "; nothing was merged\n";
    return exit_bad_input;
  }
  std::error_code ec;
  for (const auto& in : args.inputs)
    if (std::filesystem::equivalent(in, args.out, ec)) {
      std::cerr << "gigatwin merge: --out '" << args.out << "' is the input '" << in
                << "': merging into one of the inputs would replace it; nothing was merged (write "
                   "elsewhere with --out)\n";
      return exit_bad_input;
    }
  experiment::ExperimentHeader header;
  std::vector<std::string> planned;
  try {
    if (!args.force && std::filesystem::exists(args.out)) {
      std::cerr << "gigatwin merge: results file '" << args.out
                << "' already exists; nothing was merged (use --force to replace it)\n";
      return exit_bad_input;
    }
    std::vector<experiment::ExperimentHeader> headers;
    for (const auto& in : args.inputs)
      headers.push_back(experiment::read_header(results::ResultsReader(in)));
    header = headers.front();
    std::set<std::int64_t> shards;
    for (std::size_t i = 0; i < headers.size(); ++i) {
      const auto& h = headers[i];
      if (h.key != header.key) {
        std::cerr << "gigatwin merge: " << args.inputs[i] << " is from a different experiment than "
                  << args.inputs.front() << " (other scenario, sweep points or seed); nothing was merged\n";
        return exit_bad_input;
      }
      if (h.shard.count != header.shard.count) {
        std::cerr << "gigatwin merge: " << args.inputs[i] << " is shard " << h.shard.text() << " but "
                  << args.inputs.front() << " is shard " << header.shard.text()
                  << ": shards of one split have the same count; nothing was merged\n";
        return exit_bad_input;
      }
      if (!shards.insert(h.shard.index).second) {
        std::cerr << "gigatwin merge: shard " << h.shard.text() << " is given twice (" << args.inputs[i]
                  << "); nothing was merged\n";
        return exit_bad_input;
      }
    }
    for (std::int64_t p = 0; p < header.points; ++p)
      for (std::int64_t r = 0; r < header.replications; ++r)
        planned.push_back(experiment::run_id(p, r));
    if (shards.size() < static_cast<std::size_t>(header.shard.count) && !args.partial) {
      std::cerr << "gigatwin merge: shard(s)";
      for (std::int64_t s = 0; s < header.shard.count; ++s)
        if (!shards.contains(s))
          std::cerr << " " << s << "/" << header.shard.count;
      std::cerr
          << " missing; nothing was merged (give every shard's file, or --partial to merge what is here)\n";
      return exit_bad_input;
    }
  } catch (const results::ResultsError& e) {
    std::cerr << "gigatwin merge: " << e.what() << "; nothing was merged\n";
    return exit_bad_input;
  }
  std::optional<results::WriterLock> lock;
  try {
    results::prepare_output_path(args.out);
    lock.emplace(args.out);
  } catch (const results::BadOutputPath& e) {
    std::cerr << "gigatwin merge: " << e.what() << "; nothing was merged\n";
    return exit_bad_input;
  } catch (const results::WriterLockBusy& e) {
    std::cerr << "gigatwin merge: " << e.what() << "\n";
    return exit_bad_input;
  }
  // The inputs are sound: what fails from here on is writing (a full disk, say), not bad input.
  try {
    header.shard = experiment::Shard{};
    header.command_line = "";
    for (const auto& in : args.inputs)
      header.command_line += (header.command_line.empty() ? "gigatwin merge " : " ") + in;
    const auto file = experiment::assemble_results(args.out, args.force, header, args.inputs, {}, planned);
    std::cout << "merged " << args.inputs.size() << " file(s): " << file.runs_ok << " run(s)";
    if (file.runs_failed > 0)
      std::cout << ", " << file.runs_failed << " failed";
    if (!file.missing.empty())
      std::cout << ", " << file.missing.size() << " missing";
    std::cout << "\nresults: " << args.out << "\n";
    return file.runs_failed > 0 ? exit_runtime_failure : exit_ok;
  } catch (const results::ResultsError& e) {
    std::cerr << "gigatwin merge: " << e.what() << "; nothing was merged\n";
    return exit_runtime_failure;
  }
}

} // namespace gigatwin::cli
