#pragma once
// DistributionParser: turns a distribution as a scenario writes it (`45s`, or a map such as
// `{dist: lognormal, mean: 45s, cv: 0.2}`) into a DistributionSpec in seconds, converting the
// alternative parameterisations (rate, cv, mean of a gamma) to the one the engine samples.
// Parameter rules (mean > 0, min <= mode <= max, ...) are checked here, with the key path of
// the offending parameter. Empirical observations may come from a CSV file next to the
// scenario.

#include "core/DistributionSpec.hpp"
#include "scenario/FieldReader.hpp"

#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace gigatwin::scenario {

using core::DistributionKind;

/// The kind's name as written after `dist:`.
std::string_view distribution_kind_name(core::DistributionKind kind);
const std::vector<std::string>& distribution_kind_names();

/// True if samples of `spec` average more than zero. A source or a failure process whose
/// times average zero would schedule endless events at one instant.
bool has_positive_mean(const core::DistributionSpec& spec);

class DistributionParser {
public:
  /// `base_dir`: the folder CSV paths are relative to (the scenario file's folder).
  DistributionParser(FieldReader& reader, std::string base_dir)
      : reader_(reader), base_dir_(std::move(base_dir)) {}

  /// The folders of the base files the scenario extends (origin -1 first): a CSV path written in
  /// a base file is relative to that file's folder.
  void set_base_file_dirs(std::vector<std::string> dirs) { base_file_dirs_ = std::move(dirs); }

  std::optional<core::DistributionSpec> parse(const TreeNode& node, const std::string& path);

private:
  std::optional<core::DistributionSpec> parse_map(const TreeNode& map, const std::string& path,
                                                    core::DistributionKind kind);
  std::optional<core::DistributionSpec> parse_empirical(const TreeNode& map, const std::string& path);
  /// Which of two alternative keys is present: 0 = first, 1 = second, -1 = neither or both
  /// (recorded as a diagnostic).
  int one_of(const TreeNode& map, const std::string& path, const std::string& first,
             std::string_view first_what, const std::string& second, std::string_view second_what);
  std::optional<double> duration(const TreeNode& map, const std::string& path, const std::string& key,
                                 Bound bound);
  std::optional<double> number(const TreeNode& map, const std::string& path, const std::string& key,
                               Bound bound);

  FieldReader& reader_;
  std::string base_dir_;
  std::vector<std::string> base_file_dirs_;
};

} // namespace gigatwin::scenario
