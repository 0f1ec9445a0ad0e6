#pragma once
// TransportParser: reads a routing step's `transport` map — AGVs (`type: agv`, `count`
// vehicles, `capacity` lots per trip, `travel_time`, `return_time`) or a conveyor (`type:
// conveyor`, `capacity` lots on the belt, `travel_time`) carrying lots from the step before —
// into a TransportSpec, with the loader's clear-error contract.

#include "scenario/DistributionParser.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/ScenarioSpec.hpp"

#include <optional>
#include <string>

namespace gigatwin::scenario {

class TransportParser {
public:
  TransportParser(FieldReader& reader, DistributionParser& distributions)
      : reader_(reader), distributions_(distributions) {}

  /// The `transport` map at `path` (e.g. routing.steps[1].transport).
  std::optional<TransportSpec> read(const TreeNode& node, const std::string& path);

private:
  std::optional<core::DistributionSpec> time(const TreeNode& node, const std::string& path, bool positive_mean);

  FieldReader& reader_;
  DistributionParser& distributions_;
};

} // namespace gigatwin::scenario
