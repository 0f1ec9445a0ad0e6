#pragma once
// QualityParser: the process and quality keys of the battery plant — a station group's `batch`
// (ovens, formation racks, aging rooms taking up to `size` lots at once), a mode's
// `inspection` (human or AI vision, with its detection and false-reject rates and cost per
// lot), and a routing step's `defects` probability and `reject` rule (scrap, or rework at this
// or an earlier step) — with the loader's clear-error contract.

#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

class QualityParser {
public:
  explicit QualityParser(FieldReader& reader) : reader_(reader) {}

  std::optional<BatchSpec> read_batch(const TreeNode& node, const std::string& path);
  std::optional<InspectionSpec> read_inspection(const TreeNode& node, const std::string& path,
                                                const std::string& currency);
  /// A step's `reject`: `scrap`, or `{rework: <group>}` naming this step's group or an earlier
  /// step's (`earlier` lists the groups of steps 0..j, this one last).
  void read_reject(const TreeNode& node, const std::string& path, const std::vector<std::string>& earlier,
                   StepSpec& step);

private:
  std::optional<double> probability(const TreeNode& map, const std::string& path, const char* key);

  FieldReader& reader_;
};

} // namespace gigatwin::scenario
