#include "Commands.hpp"
#include "ExitCode.hpp"
#include "FitPlots.hpp"
#include "FitQuantity.hpp"
#include "FitRates.hpp"
#include "PendingFile.hpp"
#include "PlantLogInput.hpp"
#include "ScenarioInput.hpp"

#include "plantdata/DistributionFit.hpp"
#include "plantdata/PlantLog.hpp"
#include "plantdata/StationObservations.hpp"
#include "scenario/ScenarioEdits.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/StationGroupParser.hpp"

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <iomanip>
#include <iostream>
#include <map>
#include <optional>
#include <set>
#include <sstream>

namespace gigatwin::cli {

namespace fs = std::filesystem;

int fit_command(const FitArgs& args) {
  const auto refuse = [](const std::string& message) {
    std::cerr << "gigatwin fit: " << message << "\n";
    return exit_bad_input;
  };
  const auto format = log_format_or_report("fit", args.columns);
  if (!format)
    return exit_bad_input;
  const fs::path out(args.out);
  const auto checked = output_folder_or_report("fit", args.out, args.force);
  if (!checked)
    return exit_bad_input;
  const fs::path folder = *checked;
  FitChoice choice;
  choice.min_observations = args.min_observations;
  choice.bic = args.criterion == "bic";
  choice.bootstrap = args.bootstrap;
  choice.empirical = args.empirical;
  choice.alpha = args.alpha;
  const fs::path report_dir = folder / (out.stem().string() + ".report");
  if (fs::exists(report_dir / "fits.csv") && !args.force)
    return refuse((report_dir / "fits.csv").string() + " exists (use --force to replace it)");
  const auto base = load_scenario_or_report(args.scenario, {});
  if (!base)
    return exit_bad_input;

  // Read a line at a time and observed as it goes: a year's log never sits whole in memory.
  plantdata::PlantLog log;
  plantdata::StationObserver observer(log);
  std::vector<std::pair<std::uint32_t, std::size_t>> group_seen; // by group id: first line, events
  const auto read = read_log_or_report("fit", args.log, *format, log, [&](const plantdata::LogEvent& e) {
    observer.add(e);
    if (e.group >= 0) {
      if (group_seen.size() <= static_cast<std::size_t>(e.group))
        group_seen.resize(static_cast<std::size_t>(e.group) + 1, {0, 0});
      auto& [line, events] = group_seen[static_cast<std::size_t>(e.group)];
      line = events++ == 0 ? e.line : line;
    }
  });
  if (!read)
    return exit_bad_input;
  const std::size_t events = *read;

  // The base as written (bases merged): where each group keeps what is fitted.
  scenario::DiagnosticLog parse_log(args.scenario);
  const auto tree = scenario::parse_yaml_tree(base->resolved_yaml, parse_log);
  const plantdata::LogObservations seen = observer.finish();
  std::ostringstream yaml, csv;
  csv << fits_csv_header;
  yaml << "# Fitted by gigatwin fit from " << comment_text(args.log) << " (" << events << " events";
  if (log.dropped() > 0)
    yaml << ", " << log.dropped() << " rows dropped";
  yaml << ")\n# over " << comment_text(args.scenario)
       << ".\n# Each quantity: maximum likelihood over exponential, gamma, Weibull, lognormal and normal\n"
          "# (censored intervals included), the lowest AIC kept (docs/FITTING.md).\n";
  yaml << "extends: " << fs::relative(fs::absolute(args.scenario), fs::absolute(folder)).generic_string()
       << "\n";
  int written = 0;
  std::vector<std::string> lines;                         // the table's
  std::vector<std::pair<std::string, std::string>> plots; // file name, SVG
  const auto report = [&](const Quantity& q) {
    report_rows(csv, q);
    if (!q.fits.empty())
      plots.emplace_back(fit_plot_name(q), fit_plot_svg(q));
  };
  const auto value_of = [](const Quantity& q) {
    return scenario::emit_flow_yaml(plantdata::scenario_value(q.fits.front()));
  };

  // Each product's source, where the base releases its lots at a rate (an exponential fit is a
  // rate; another family is reported, not written) or by an interarrival distribution. The
  // routing's product's goes to the top-level `source`; the others' into `products`, which the
  // overlay repeats whole (with the scrap rates: fit_step_rates).
  std::map<std::size_t, scenario::TreeNode> product_sources;
  for (std::size_t p = 0; p < base->products.size(); ++p) {
    const auto& product = base->products[p];
    const auto a =
        std::find_if(seen.arrivals.begin(), seen.arrivals.end(),
                     [&](const plantdata::ArrivalObservations& o) { return o.product == product.name; });
    if (a == seen.arrivals.end() || a->between_s.empty() || !product.source || product.source->saturated)
      continue;
    const scenario::TreeNode* source =
        !tree    ? nullptr
        : p == 0 ? tree->find("source")
                 : scenario::node_at(*tree, "products[" + std::to_string(p - 1) + "].source");
    const std::string where = p == 0 ? "source" : product.name + " source";
    Quantity q = fit_quantity(where, "time between releases", {a->between_s, {}}, choice);
    std::optional<scenario::TreeNode> value; // the fitted source map
    if (!q.fits.empty() && source && source->find("rate")) {
      if (q.fits.front().family == plantdata::Family::exponential) {
        value.emplace();
        scenario::set_entry(
            *value, "rate",
            scenario::scalar_node(plantdata::decimal(3600 / q.fits.front().parameter("mean"), 6) + "/h"));
      } else {
        q.kept = "not Poisson (the base writes a rate): the base's kept";
      }
    } else if (!q.fits.empty() && source && source->find("interarrival")) {
      value.emplace();
      scenario::set_entry(*value, "interarrival", plantdata::scenario_value(q.fits.front()));
    }
    if (value && p == 0) {
      yaml << "# source: " << comment_text(q.summary()) << "\nsource: " << scenario::emit_flow_yaml(*value)
           << "\n";
      ++written;
    } else if (value) {
      product_sources[p] = *value;
      yaml << "# " << comment_text(where + ": " + q.summary()) << " (in products below)\n";
      ++written;
    } else if (!q.kept.empty()) {
      yaml << "# " << comment_text(where + ": " + q.summary()) << "; " << q.kept << "\n";
    }
    lines.push_back((p == 0 ? "" : product.name + " ") + q.summary());
    report(q);
  }

  bool any_group = false;
  for (std::size_t g = 0; g < base->station_groups.size(); ++g) {
    const auto& group = base->station_groups[g];
    const auto it =
        std::find_if(seen.groups.begin(), seen.groups.end(),
                     [&](const plantdata::GroupObservations& o) { return o.group == group.name; });
    if (it == seen.groups.end()) {
      lines.push_back(group.name + ": not in the log: the base's kept");
      continue;
    }
    const scenario::TreeNode* item =
        tree ? scenario::node_at(*tree, "station_groups[" + std::to_string(g) + "]") : nullptr;
    const std::string mode =
        item && item->find("modes") ? std::string(scenario::mode_name(group.initial().mode)) : "";
    const scenario::TreeNode* home = mode.empty() || !item ? item : scenario::node_at(*item, "modes." + mode);
    std::vector<std::string> comments, keys;
    const auto note = [&](const Quantity& q) {
      comments.push_back(q.summary());
      lines.push_back(group.name + " " + q.summary());
      report(q);
    };
    const Quantity process = fit_quantity(group.name, "process time", it->process, choice);
    note(process);
    if (!process.fits.empty())
      keys.push_back("process_time: " + value_of(process));
    // A group serving several products: each its own process time where the log says they
    // differ — the separate fits' criterion (AIC or BIC), summed, below one fit of the same lots
    // pooled. Where the base already gives products their own times (a map `extends` merges key
    // by key), every product it names is written again — its own fit, or the pooled one — or the
    // base's would stay in force.
    std::vector<std::string> served;
    for (const auto& step : base->steps)
      if (step.group_index == g &&
          std::find(served.begin(), served.end(), base->products[step.product].name) == served.end())
        served.push_back(base->products[step.product].name);
    std::vector<std::string> in_base;
    if (const scenario::TreeNode* m = home ? home->find("process_time_by_product") : nullptr)
      for (const auto& e : m->entries)
        in_base.push_back(e.key);
    const auto criterion = [&](const plantdata::Fit& f) { return choice.bic ? f.bic : f.aic; };
    std::vector<std::pair<std::string, std::string>> own_times; // product, distribution
    if (served.size() > 1 && !process.fits.empty()) {
      // Compared untested; only the products' own fits that are written get their tests.
      std::vector<Quantity> own;
      double separate = 0;
      plantdata::Sample together;
      for (const auto& product : served) {
        const auto sample = it->process_by_product.find(product);
        if (sample == it->process_by_product.end())
          break;
        Quantity q = fit_untested(group.name, "process time of " + product, sample->second, choice);
        if (q.fits.empty() || !std::isfinite(criterion(q.fits.front())))
          break;
        separate += criterion(q.fits.front());
        const plantdata::Sample& mine = sample->second;
        together.observed.insert(together.observed.end(), mine.observed.begin(), mine.observed.end());
        together.censored.insert(together.censored.end(), mine.censored.begin(), mine.censored.end());
        own.push_back(std::move(q));
      }
      const Quantity pooled = own.size() == served.size()
                                  ? fit_untested(group.name, "process time", together, choice)
                                  : Quantity{};
      if (!pooled.fits.empty() && std::isfinite(criterion(pooled.fits.front()))) {
        const bool differ = separate < criterion(pooled.fits.front());
        comments.push_back(
            std::string(differ ? "process times differ by product" : "one process time for every product") +
            " (" + (choice.bic ? "BIC" : "AIC") + " of one fit a product " + plantdata::decimal(separate, 8) +
            ", of one for their lots pooled " + plantdata::decimal(criterion(pooled.fits.front()), 8) + ")");
        if (differ)
          for (std::size_t k = 0; k < own.size(); ++k) {
            test_fits(own[k], choice);
            note(own[k]);
            own_times.emplace_back(served[k], value_of(own[k]));
          }
      } else {
        comments.push_back("serves " + std::to_string(served.size()) +
                           " products, too few lots of some to fit each");
      }
    }
    if (!process.fits.empty())
      for (const auto& product : in_base)
        if (std::none_of(own_times.begin(), own_times.end(),
                         [&](const auto& t) { return t.first == product; }))
          own_times.emplace_back(product, value_of(process));
    if (!own_times.empty()) {
      std::string map;
      for (const auto& [product, time] : own_times)
        map += (map.empty() ? "" : ", ") + yaml_scalar(product) + ": " + time;
      keys.push_back("process_time_by_product: {" + map + "}");
    }
    Quantity setup = fit_quantity(group.name, "setup time", it->setup, choice);
    if (!setup.fits.empty() && !(home && home->find("setup"))) {
      setup.fits.clear();
      setup.kept = "the base has no setup (how often is not in the log): not written";
    }
    if (setup.observed > 0)
      note(setup);
    if (!setup.fits.empty())
      keys.push_back("setup: {time: " + value_of(setup) + "}");
    // Failures on operating or calendar time: as --failure-basis says, or (auto) as the data
    // support. Both bases are laws of the same failure moments — a machine failing on operating
    // time fails while it works, when its operating clock runs as the calendar does — so their
    // best fits' likelihoods compare (by AIC); a failure that came while the machine was stopped
    // rules operating time out. The base's basis when the log shows no failure.
    const scenario::TreeNode* failures = home ? home->find("failures") : nullptr;
    const scenario::TreeNode* basis = failures ? failures->find("basis") : nullptr;
    bool calendar = basis && basis->kind == scenario::TreeNode::Kind::scalar && basis->scalar == "calendar";
    bool basis_chosen = false;
    if (args.failure_basis != "auto") {
      calendar = args.failure_basis == "calendar";
      basis_chosen = true;
    }
    // Both bases fitted untested (they are compared); the one written is tested below.
    Quantity ttf_operating =
        fit_untested(group.name, "time to failure (operating)", it->to_failure_operating, choice);
    Quantity ttf_calendar =
        fit_untested(group.name, "time to failure (calendar)", it->to_failure_calendar, choice);
    if (args.failure_basis == "auto" && it->failures > 0) {
      // On calendar time about the share of up time a machine spends idle or stopped (p) of its
      // failures come then; on operating time none does, but a lost `busy` record makes some
      // seem to — about the share of records lost (e, from the lots that lost a start or a
      // finish). The count k of n decides when its likelihood ratio is decisive (over 100 to 1);
      // otherwise the fits' likelihoods do.
      const double n = static_cast<double>(it->failures), k = static_cast<double>(it->failures_while_stopped);
      const double p = std::clamp(it->stopped_share(), 1e-6, 1 - 1e-6);
      const double lots = static_cast<double>(it->process.observed.size() + it->unpaired);
      const double e = std::clamp(lots > 0 ? static_cast<double>(it->unpaired) / (2 * lots) : 0.0, 0.01, 0.2);
      const double log_ratio = p > e ? k * std::log(p / e) + (n - k) * std::log((1 - p) / (1 - e)) : 0.0;
      if (log_ratio > std::log(100.0)) {
        calendar = basis_chosen = true;
        comments.push_back("time to failure on calendar time: " + std::to_string(it->failures_while_stopped) +
                           " of " + std::to_string(it->failures) +
                           " failures came while the machine was stopped (" + plantdata::decimal(100 * p, 3) +
                           " % of its up time)");
      } else if (!ttf_operating.fits.empty() && !ttf_calendar.fits.empty()) {
        const double op = ttf_operating.fits.front().aic, cal = ttf_calendar.fits.front().aic;
        if (std::isfinite(op) && std::isfinite(cal)) {
          calendar = cal < op;
          basis_chosen = true;
          comments.push_back(std::string("time to failure on ") + (calendar ? "calendar" : "operating") +
                             " time, the better fit (AIC operating " + plantdata::decimal(op, 8) +
                             ", calendar " + plantdata::decimal(cal, 8) + ")");
        }
      }
    }
    Quantity ttf = std::move(calendar ? ttf_calendar : ttf_operating);
    test_fits(ttf, choice);
    Quantity ttr = fit_quantity(group.name, "time to repair", it->repair, choice);
    if (it->failures > 0) {
      note(ttf);
      note(ttr);
      comments.push_back("availability " + plantdata::decimal(it->availability(), 4) + " (" +
                         std::to_string(it->failures) + " failures)");
      lines.push_back(group.name + " " + comments.back());
    }
    std::string failure_keys;
    if (!ttf.fits.empty())
      failure_keys += "time_to_failure: " + value_of(ttf);
    if (!ttr.fits.empty())
      failure_keys += std::string(failure_keys.empty() ? "" : ", ") + "time_to_repair: " + value_of(ttr);
    if (!failures && (ttf.fits.empty() || ttr.fits.empty()))
      failure_keys.clear(); // the base has none: both are needed to add them
    if (!failure_keys.empty()) {
      if (!failures || basis_chosen)
        failure_keys += calendar ? ", basis: calendar" : ", basis: operating";
      keys.push_back("failures: {" + failure_keys + "}");
    }
    if (it->unpaired)
      comments.push_back(std::to_string(it->unpaired) +
                         " lots with only their start or their finish in the log");
    if (keys.empty())
      continue;
    yaml << (any_group ? "" : "station_groups:\n");
    any_group = true;
    for (const auto& c : comments)
      yaml << "  # " << comment_text(group.name + " " + c) << "\n";
    yaml << "  - name: " << yaml_scalar(group.name) << "\n";
    if (mode.empty()) {
      for (const auto& k : keys)
        yaml << "    " << k << "\n";
    } else {
      yaml << "    modes:\n      " << mode << ":\n";
      for (const auto& k : keys)
        yaml << "        " << k << "\n";
    }
    written += static_cast<int>(keys.size());
  }
  FittedRates rates;
  if (tree) {
    rates = fit_step_rates(*base, *tree, seen, args.min_observations, product_sources,
                           fs::absolute(args.scenario).parent_path());
    yaml << rates.yaml;
    lines.insert(lines.end(), rates.lines.begin(), rates.lines.end());
    written += rates.written;
  }
  // A group the base does not have: said where the log first names it, with its events' count.
  for (std::size_t id = 0; id < seen.groups.size(); ++id) {
    const auto& o = seen.groups[id];
    if (std::any_of(base->station_groups.begin(), base->station_groups.end(),
                    [&](const scenario::StationGroupSpec& g) { return g.name == o.group; }))
      continue;
    const auto [line, events] =
        id < group_seen.size() ? group_seen[id] : std::pair<std::uint32_t, std::size_t>{0, 0};
    std::cerr << args.log;
    if (line > 0)
      std::cerr << ":" << line;
    std::cerr << ": warning: station group '" << o.group << "' is not in " << args.scenario << ": its "
              << events << " event(s) left out\n";
  }

  // The fitted scenario must load, from where it goes, before anything is written.
  try {
    scenario::load_scenario_text(yaml.str(), args.out, {}, folder.string());
  } catch (const scenario::ScenarioError& e) {
    std::cerr << "gigatwin fit: the fitted scenario does not load (a bug: please report it):\n"
              << e.what() << "\n";
    return exit_runtime_failure;
  }
  // The report is written into a folder of its own and put in place whole, after the fitted
  // scenario: a failure on the way leaves the last fit's report and scenario as they were.
  const fs::path staging = folder / (out.stem().string() + ".report.writing");
  const fs::path previous = folder / (out.stem().string() + ".report.old");
  try {
    fs::remove_all(staging);
    fs::create_directories(staging);
    std::set<std::string> names; // two quantities whose names read alike get two files
    for (const auto& [name, svg] : plots) {
      std::string unique = name;
      for (int k = 2; !names.insert(unique).second; ++k)
        unique = fs::path(name).stem().string() + "-" + std::to_string(k) + ".svg";
      write_whole((staging / unique).string(), svg);
    }
    write_whole((staging / "fits.csv").string(), csv.str());
    write_whole((staging / "rates.csv").string(), rates_csv_header + rates.csv);
    write_whole(out.string(), yaml.str());
    fs::remove_all(previous);
    if (fs::exists(report_dir))
      fs::rename(report_dir, previous);
    fs::rename(staging, report_dir);
    fs::remove_all(previous);
  } catch (const std::exception& e) {
    std::error_code ignored;
    fs::remove_all(staging, ignored);
    std::cerr << "gigatwin fit: " << e.what() << "\n";
    return exit_runtime_failure;
  }
  if (args.quiet) {
    std::cout << args.out << "\n";
    return exit_ok;
  }
  std::cout << "fitted " << written << " value(s) from " << events << " events (" << log.dropped()
            << " rows dropped), " << plantdata::decimal((seen.end_s - seen.start_s) / 86400, 4)
            << " d of log\n";
  for (const auto& l : lines)
    std::cout << "  " << l << "\n";
  std::cout << "scenario: " << args.out << "\nreport:   " << (report_dir / "fits.csv").string()
            << ", rates.csv and " << plots.size() << " P-P/Q-Q plots (.svg)\n";
  return exit_ok;
}

} // namespace gigatwin::cli
