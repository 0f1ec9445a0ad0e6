#pragma once
// FitRates: the scrap and reject rates a plant's log shows at each routing step, for `gigatwin
// fit` — binomial rates with Wilson intervals (plantdata::wilson), and the routing steps with the
// fitted scrap rates written in, as the overlay must write them: under `extends`, `routing.steps`
// and `products` replace the base's whole, so the base's are copied with the new rates.
//
// What a log cannot tell apart is reported, not written: at a step whose group inspects and
// scraps what it rejects, `lot_scrapped` mixes the step's scrap and the inspection's rejects;
// and no log shows which lots were defective, so an inspection's detection and false-reject
// rates stay the base's (their product, the reject rate, is reported).

#include "plantdata/StationObservations.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "scenario/YamlTree.hpp"

#include <filesystem>
#include <map>
#include <string>
#include <vector>

namespace gigatwin::cli {

struct FittedRates {
  std::string yaml;               ///< `routing:` / `products:` blocks to append to the overlay ("" if none)
  std::vector<std::string> lines; ///< one a rate, for the terminal
  std::string csv;                ///< rows of the report's rates.csv (header: rates_csv_header)
  int written = 0;                ///< scrap rates written
};

inline constexpr const char* rates_csv_header =
    "where,product,quantity,events,trials,estimate,low,high,base,written\n";

/// `base`: the scenario fitted over; `tree`: its merged tree (bases resolved); a rate needs at
/// least `min_trials` lots judged at the step. `product_sources`: fitted sources of products
/// after the routing's (by index into base.products), written into the same `products` copy.
/// `base_dir`: the base file's folder, which relative empirical `csv:` paths in the copies are
/// taken from.
FittedRates fit_step_rates(const scenario::ScenarioSpec& base, const scenario::TreeNode& tree,
                           const plantdata::LogObservations& seen, std::size_t min_trials,
                           const std::map<std::size_t, scenario::TreeNode>& product_sources = {},
                           const std::filesystem::path& base_dir = ".");

} // namespace gigatwin::cli
