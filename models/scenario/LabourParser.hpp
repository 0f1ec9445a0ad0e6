#pragma once
// LabourParser: reads the rules people work under — the `labour` law (regular and capped weekly
// hours, overtime and night premiums, the night window, a minimum wage written as a money rate
// or looked up by year in a CSV table) and the `workforce_policy` (reassignment, retraining,
// severance, hiring) — into ScenarioSpec. Hours are kept in hours, times of day in seconds
// after midnight, money in the scenario's currency. Besides each key's own rules it checks
// every calendar a worker pool uses against the weekly cap, crew by crew and week by week.

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

class LabourParser {
public:
  /// `base_dir`: the folder a minimum-wage table's path is relative to (the scenario file's).
  LabourParser(FieldReader& reader, std::string base_dir, std::vector<std::string> base_file_dirs)
      : reader_(reader), base_dir_(std::move(base_dir)), base_file_dirs_(std::move(base_file_dirs)) {}

  /// The top-level `labour` map; read after the currency, calendars and pools. `currency` is
  /// the one money must be in ("" when the scenario's own is invalid: not checked);
  /// `calendars` is the top-level calendars node (nullptr: none), for the positions of errors.
  void read_labour(const TreeNode& node, ScenarioSpec& spec, const std::string& currency,
                   const TreeNode* calendars);
  /// The top-level `workforce_policy` map.
  void read_policy(const TreeNode& node, ScenarioSpec& spec, const std::string& currency);

private:
  std::optional<double> read_minimum_wage(const TreeNode& node, const std::string& currency);
  std::optional<double> read_wage_table(const TreeNode& node, const std::string& path,
                                        const std::string& currency);
  void read_night(const TreeNode& node, LabourLawSpec& law);
  void read_demand_overtime(const TreeNode& node, LabourLawSpec& law);
  void check_weekly_cap(const TreeNode& cap_node, const ScenarioSpec& spec, const TreeNode* calendars);
  std::optional<RetrainingSpec> read_retraining(const TreeNode& node, const std::string& currency);
  void read_hiring(const TreeNode& node, WorkforcePolicySpec& policy);
  /// A number >= 1 (a pay multiplier).
  std::optional<double> premium(const TreeNode& node, const std::string& path);

  FieldReader& reader_;
  std::string base_dir_;
  std::vector<std::string> base_file_dirs_; ///< folders of the `extends` bases, by origin
};

} // namespace gigatwin::scenario
