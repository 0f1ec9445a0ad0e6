// `gigatwin discover LOG -o draft.yaml`: a draft scenario from a plant's lot-level log
// (plantdata::LineObserver), ready for `gigatwin fit`. Every number it writes says where it came
// from in a comment; what a log cannot show is left at the simulator's defaults and listed in
// docs/FITTING.md, "Discovery".
#include "Commands.hpp"
#include "ExitCode.hpp"
#include "FitQuantity.hpp"
#include "PendingFile.hpp"
#include "PlantLogInput.hpp"

#include "plantdata/DistributionFit.hpp"
#include "plantdata/LineDiscovery.hpp"
#include "plantdata/StationObservations.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iostream>
#include <numeric>
#include <set>
#include <sstream>

namespace gigatwin::cli {

namespace fs = std::filesystem;

namespace {

std::string seconds(double s) {
  return plantdata::decimal(s, 6) + "s";
}

double mean(const std::vector<double>& x) {
  return x.empty() ? std::nan("") : std::accumulate(x.begin(), x.end(), 0.0) / static_cast<double>(x.size());
}

/// A routing step as a flow map.
std::string step_yaml(const plantdata::DiscoveredStep& s, const plantdata::DiscoveredProduct& p,
                      std::size_t k, bool shared_group, std::vector<std::string>& comments) {
  std::ostringstream y;
  y << "{station_group: " << yaml_scalar(s.group);
  const std::size_t judged = s.finished + s.scrapped + s.reworked;
  // A buffer that stopped the step before it (a lot finished upstream could not come in) held
  // at most what was seen in it; one never reached says nothing: unlimited, the default.
  if (s.blocked > 0 && k > 0 && !shared_group) {
    std::int64_t capacity = static_cast<std::int64_t>(s.max_waiting);
    for (const auto& [part, q] : p.parts)
      capacity = std::max(capacity, q); // an assembly's buffer holds a kit of each part
    y << ", buffer: " << capacity;
    comments.push_back(s.group + ": buffer " + std::to_string(capacity) + " (the most lots seen waiting; " +
                       std::to_string(s.blocked) + " lots upstream blocked by it)");
  }
  if (judged > 0 && s.scrapped > 0 && s.scrapped < judged) {
    y << ", scrap: " << plantdata::decimal(static_cast<double>(s.scrapped) / static_cast<double>(judged), 6);
    comments.push_back(s.group + ": scrap " + std::to_string(s.scrapped) + " of " + std::to_string(judged) +
                       " lots judged");
  }
  if (s.split > 1)
    y << ", split: " << s.split;
  if (s.reworked > 0 && !s.rework_to.empty() && !shared_group) {
    const auto to = std::max_element(s.rework_to.begin(), s.rework_to.end(),
                                     [](const auto& a, const auto& b) { return a.second < b.second; });
    // Sent back to this step or an earlier one, as a scenario's rework must be.
    const bool earlier =
        std::any_of(p.steps.begin(), p.steps.begin() + static_cast<std::ptrdiff_t>(k) + 1,
                    [&](const plantdata::DiscoveredStep& e) { return e.group == to->first; });
    if (earlier)
      y << ", reject: {rework: " << yaml_scalar(to->first) << "}";
    else
      comments.push_back(s.group + ": lots sent back to " + to->first + ", not an earlier step: not drafted");
  }
  return y.str() + "}";
}

} // namespace

int discover_command(const DiscoverArgs& args) {
  const auto format = log_format_or_report("discover", args.columns);
  if (!format)
    return exit_bad_input;
  const auto checked = output_folder_or_report("discover", args.out, args.force);
  if (!checked)
    return exit_bad_input;
  const fs::path folder = *checked;

  plantdata::PlantLog log;
  plantdata::LineObserver line(log);
  plantdata::StationObserver stations(log);
  const auto read = read_log_or_report("discover", args.log, *format, log, [&](const plantdata::LogEvent& e) {
    line.add(e);
    stations.add(e);
  });
  if (!read)
    return exit_bad_input;
  const plantdata::DiscoveredLine found = line.finish();
  const plantdata::LogObservations seen = stations.finish();
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin discover: " << message << "\n";
    return exit_bad_input;
  };

  // The products whose route was seen; an assembled one only with every part among them.
  std::vector<const plantdata::DiscoveredProduct*> products;
  std::vector<std::string> left_out;
  for (const auto& p : found.products)
    if (p.steps.empty())
      left_out.push_back(p.name + " (no lot seen from its release to its end)");
    else if (p.released == 0 && p.parts.empty())
      left_out.push_back(p.name + " (neither released nor assembled in the log)");
    else
      products.push_back(&p);
  for (bool changed = true; changed;) {
    changed = false;
    for (std::size_t i = 0; i < products.size() && !changed; ++i)
      for (const auto& [part, q] : products[i]->parts)
        if (std::none_of(products.begin(), products.end(), [&](const auto* p) { return p->name == part; })) {
          left_out.push_back(products[i]->name + " (its part " + part + " is left out)");
          products.erase(products.begin() + static_cast<std::ptrdiff_t>(i));
          changed = true;
          break;
        }
  }
  // The routing's product: released by a source, not saturated, the most lots (else any released).
  const auto routing = std::max_element(products.begin(), products.end(), [](const auto* a, const auto* b) {
    const auto rank = [](const plantdata::DiscoveredProduct* p) {
      return std::make_pair(p->released > 0 && !p->saturated() ? 2 : p->released > 0 ? 1 : 0, p->released);
    };
    return rank(a) < rank(b);
  });
  if (routing == products.end() || (*routing)->released == 0)
    return refuse(args.log + ": expected lots released (`lot_released`) and seen to the end of their route, "
                             "found none: nothing to draft a routing from");
  std::rotate(products.begin(), routing, routing + 1);

  // How many steps use each group (a shared group keeps an unlimited buffer).
  std::map<std::string, int> uses;
  for (const auto* p : products)
    for (const auto& s : p->steps)
      ++uses[s.group];
  const double span_s = std::max(found.end_s - found.start_s, 1.0);
  const auto source_yaml = [&](const plantdata::DiscoveredProduct& p) {
    if (p.saturated())
      return std::string("{saturated: true}");
    return "{rate: " + plantdata::decimal(static_cast<double>(p.released) / span_s * 3600, 6) + "/h}";
  };

  std::ostringstream y;
  y << "# Drafted by gigatwin discover from " << comment_text(args.log) << " (" << *read << " events over "
    << plantdata::decimal(span_s / 86400, 4) << " d).\n"
    << "# What the log shows of the line; the process times are exponential with the seen means: run\n"
    << "#   gigatwin fit " << comment_text(args.log) << " --scenario "
    << comment_text(fs::path(args.out).filename().string()) << " -o fitted.yaml\n"
    << "# for their families, setups, failures and repairs. What a log cannot show (docs/FITTING.md,\n"
    << "# \"Discovery\"): transport, workers, shifts, buffers never full, defects and detection.\n"
    << "schema: 1\nname: " << yaml_scalar("Discovered from " + fs::path(args.log).filename().string()) << "\n"
    << "horizon: " << std::max<long long>(1, std::llround(std::ceil(span_s / 3600))) << "h\nwarmup: 0h\n";
  y << "source: " << source_yaml(*products.front()) << "   # " << products.front()->released
    << " lots released\n";

  // Station groups: those the drafted routes use, in the log's order.
  y << "station_groups:\n";
  for (const auto& g : found.groups) {
    if (!uses.count(g.name))
      continue;
    const auto obs = std::find_if(seen.groups.begin(), seen.groups.end(),
                                  [&](const plantdata::GroupObservations& o) { return o.group == g.name; });
    const double process = obs == seen.groups.end() ? std::nan("") : mean(obs->process.observed);
    y << "  # " << comment_text(g.name) << ": " << g.machines.size() << " machine(s) seen, " << g.started
      << " lots started";
    if (!std::isnan(process))
      y << ", mean process time " << plantdata::decimal(process, 4) << " s over "
        << obs->process.observed.size();
    y << "\n  - name: " << yaml_scalar(g.name)
      << "\n    machines: " << std::max<std::size_t>(1, g.machines.size())
      << "\n    process_time: {dist: exponential, mean: "
      << seconds(std::isnan(process) || process <= 0 ? 1 : process) << "}\n";
    if (g.setups > 0 && obs != seen.groups.end() && !obs->setup.observed.empty()) {
      const auto every = std::max<long long>(
          1, std::llround(static_cast<double>(g.batches) / static_cast<double>(g.setups)));
      y << "    setup: {time: {dist: exponential, mean: " << seconds(mean(obs->setup.observed))
        << "}, every: " << every << "}   # " << g.setups << " setups for " << g.batches << " starts\n";
    }
    if (g.largest_batch > 1) {
      y << "    batch: {size: " << g.largest_batch;
      if (g.smallest_batch < g.largest_batch)
        y << ", min: " << g.smallest_batch << ", max_wait: " << seconds(std::max(g.longest_wait_s, 1.0));
      y << "}   # " << g.batches << " batches of " << g.smallest_batch << " to " << g.largest_batch << " lots"
        << (g.smallest_batch < g.largest_batch ? "; max_wait: the longest wait seen (an upper bound)" : "")
        << "\n";
    }
    // Rejects sent back: an inspection rejecting that share (no log tells defects from false rejects).
    std::size_t reworked = 0, judged_good = 0;
    for (const auto* p : products)
      for (const auto& s : p->steps)
        if (s.group == g.name && s.reworked > 0) {
          reworked += s.reworked;
          judged_good += s.finished + s.reworked;
        }
    // Only where one step uses the group: another product's lots there would be judged too.
    if (reworked > 0 && uses[g.name] == 1)
      y << "    inspection: {method: human, detection: 1, false_reject: "
        << plantdata::decimal(static_cast<double>(reworked) / static_cast<double>(judged_good), 6) << "}   # "
        << reworked << " of " << judged_good << " lots sent back\n";
    else if (reworked > 0)
      y << "    # " << reworked
        << " lots sent back from here (an inspection is not drafted: several steps use the group)\n";
  }

  std::vector<std::string> comments;
  const auto steps_yaml = [&](const plantdata::DiscoveredProduct& p, const std::string& indent) {
    std::ostringstream s;
    for (std::size_t k = 0; k < p.steps.size(); ++k)
      s << indent << "- " << step_yaml(p.steps[k], p, k, uses[p.steps[k].group] > 1, comments) << "\n";
    return s.str();
  };
  const auto route_comment = [](const plantdata::DiscoveredProduct& p) {
    return std::to_string(p.usual_route) + " of " + std::to_string(p.routes_seen) +
           " lots seen whole went this way";
  };
  y << "routing:   # " << route_comment(*products.front())
    << "\n  product: " << yaml_scalar(products.front()->name) << "\n  steps:\n"
    << steps_yaml(*products.front(), "    ");
  if (products.size() > 1) {
    y << "products:\n";
    for (std::size_t i = 1; i < products.size(); ++i) {
      const auto& p = *products[i];
      y << "  - name: " << yaml_scalar(p.name) << "   # " << route_comment(p) << "\n";
      if (!p.parts.empty()) {
        y << "    parts: {";
        bool first = true;
        for (const auto& [part, q] : p.parts) {
          y << (first ? "" : ", ") << yaml_scalar(part) << ": " << q;
          first = false;
        }
        y << "}   # " << p.created << " assembled\n";
      } else {
        y << "    source: " << source_yaml(p) << "   # " << p.released << " lots released\n";
      }
      y << "    steps:\n" << steps_yaml(p, "      ");
    }
  }
  if (!comments.empty()) {
    y << "# From the lots:\n";
    for (const auto& c : comments)
      y << "#   " << comment_text(c) << "\n";
  }

  // The draft must load, from where it goes, before it is written.
  try {
    scenario::load_scenario_text(y.str(), args.out, {}, folder.string());
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "gigatwin discover: the draft does not load (a bug, or a line the draft cannot say: please "
                 "report it):\n"
              << e.what() << "\n";
    return exit_runtime_failure;
  }
  try {
    write_whole(args.out, y.str());
  } catch (const std::exception& e) {
    std::cerr << "gigatwin discover: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  for (const auto& l : left_out)
    std::cerr << "gigatwin discover: warning: product " << l << ": left out\n";
  if (args.quiet) {
    std::cout << args.out << "\n";
    return exit_ok;
  }
  std::cout << "drafted " << uses.size() << " station groups and " << products.size() << " product(s) from "
            << *read << " events (" << log.dropped() << " rows dropped), "
            << plantdata::decimal(span_s / 86400, 4) << " d of log\n";
  for (const auto* p : products) {
    std::cout << "  " << p->name << ": ";
    for (std::size_t k = 0; k < p->steps.size(); ++k)
      std::cout << (k ? " > " : "") << p->steps[k].group;
    std::cout << " (" << route_comment(*p) << ")\n";
  }
  std::cout << "draft: " << args.out << "\n";
  return exit_ok;
}

} // namespace gigatwin::cli
