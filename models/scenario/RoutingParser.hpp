#pragma once
// RoutingParser: reads where lots go — a source (`saturated`, `rate` or `interarrival`), a
// sequence of routing steps (station group, buffer, scrap, defects, reject rule, transport),
// and the `products` list: further products, each released by a source of its own or
// assembled from parts (a bill of materials) by the first step of its routing. A product may
// be a part of one other product; the parts form a tree (no product contains itself). A station
// group may serve several steps (re-entrant flow, a product mix), with the rules of
// check_shared_groups.

#include "scenario/DistributionParser.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/QualityParser.hpp"
#include "scenario/ScenarioSpec.hpp"
#include "scenario/TransportParser.hpp"

#include <optional>
#include <string>
#include <vector>

namespace gigatwin::scenario {

class RoutingParser {
public:
  RoutingParser(FieldReader& reader, DistributionParser& distributions)
      : reader_(reader), distributions_(distributions), transports_(reader, distributions), quality_(reader) {
  }

  void read_source(const TreeNode& node, const std::string& path, SourceSpec& source);
  /// Appends the steps at `path` to spec.steps as product `product`'s routing.
  void read_steps(const TreeNode& steps, const std::string& path, ScenarioSpec& spec, std::size_t product);
  /// A product's `unit`: cells (a number >= 0) and energy (`4.352kWh`) one lot holds.
  void read_unit(const TreeNode& node, const std::string& path, ProductSpec& product);
  /// A station group may serve several steps (of one product or several: a product mix) unless
  /// it is an assembly, a batch group or a saturated first step; its steps share one buffer.
  void check_shared_groups(const ScenarioSpec& spec);
  /// Station groups name products (changeover pairs, process_time_by_product): found once every
  /// product is read.
  void resolve_product_names(ScenarioSpec& spec);
  /// The top-level `products` sequence; read after the routing.
  void read_products(const TreeNode& node, ScenarioSpec& spec);

private:
  void read_step_quality(const TreeNode& step_node, const std::string& path, const ScenarioSpec& spec,
                         StepSpec& step);
  void read_parts(const TreeNode& node, const std::string& path, const std::vector<std::string>& names,
                  ProductSpec& product);
  /// Consumers, and no product made of itself.
  void check_bill_of_materials(const TreeNode& node, ScenarioSpec& spec);

  FieldReader& reader_;
  DistributionParser& distributions_;
  TransportParser transports_;
  QualityParser quality_;
  /// Where each step of spec.steps was written, for the checks across steps.
  struct StepSite {
    std::string path;
    SourcePos group_pos;
    SourcePos buffer_pos;
    bool buffer_written;
  };
  std::vector<StepSite> sites_;
};

} // namespace gigatwin::scenario
