#include "FitRates.hpp"

#include "CsvField.hpp"
#include "FitQuantity.hpp"

#include "plantdata/DistributionFit.hpp"
#include "plantdata/Proportion.hpp"
#include "scenario/ScenarioEdits.hpp"

#include <algorithm>
#include <filesystem>
#include <optional>
#include <sstream>

namespace gigatwin::cli {

namespace {

std::string share(double p) {
  return plantdata::decimal(p, 4);
}

std::string rate_text(const plantdata::Proportion& p) {
  return std::to_string(p.events) + " of " + std::to_string(p.trials) + " = " + share(p.estimate) +
         " (95 % Wilson " + share(p.low) + "-" + share(p.high) + ")";
}

/// The log's counts for product `product` at group `group`: its own, or the product-less ones
/// when the base has one step at that group (a log without a product column).
const plantdata::StepOutcomes* outcomes_for(const plantdata::LogObservations& seen,
                                            const std::string& product, const std::string& group,
                                            std::size_t steps_at_group) {
  for (const auto& o : seen.steps)
    if (o.group == group && o.product == product)
      return &o;
  if (steps_at_group == 1)
    for (const auto& o : seen.steps)
      if (o.group == group && o.product.empty())
        return &o;
  return nullptr;
}

/// Relative empirical `csv:` paths in a copied node made absolute from the base's folder: the
/// overlay may be written elsewhere. (A path written in a base of the base is taken from the
/// base's folder too; if that is the wrong file, the fitted scenario does not load and says so.)
void absolute_csv_paths(scenario::TreeNode& node, const std::filesystem::path& base_dir) {
  for (auto& e : node.entries) {
    if (e.key == "csv" && e.value.kind == scenario::TreeNode::Kind::scalar &&
        std::filesystem::path(e.value.scalar).is_relative())
      e.value.scalar = (base_dir / e.value.scalar).lexically_normal().string();
    absolute_csv_paths(e.value, base_dir);
  }
  for (auto& item : node.items)
    absolute_csv_paths(item, base_dir);
}

} // namespace

FittedRates fit_step_rates(const scenario::ScenarioSpec& base, const scenario::TreeNode& tree,
                           const plantdata::LogObservations& seen, std::size_t min_trials,
                           const std::map<std::size_t, scenario::TreeNode>& product_sources,
                           const std::filesystem::path& base_dir) {
  FittedRates out;
  std::ostringstream csv, comments;
  // The tree's routing steps and products, copied to take the fitted rates.
  std::optional<scenario::TreeNode> routing_steps, products;
  if (const auto* n = scenario::node_at(tree, "routing.steps"))
    routing_steps = *n;
  if (const auto* n = tree.find("products"))
    products = *n;
  bool routing_changed = false, products_changed = false;
  for (const auto& [p, source] : product_sources)
    if (products && p >= 1 && p - 1 < products->items.size() &&
        products->items[p - 1].kind == scenario::TreeNode::Kind::map) {
      scenario::set_entry(products->items[p - 1], "source", source);
      products_changed = true;
    }

  for (std::size_t p = 0; p < base.products.size(); ++p) {
    const auto& product = base.products[p];
    for (std::size_t k = product.first_step; k < product.first_step + product.step_count; ++k) {
      const scenario::StepSpec& step = base.steps[k];
      const auto steps_at_group = static_cast<std::size_t>(
          std::count_if(base.steps.begin(), base.steps.end(),
                        [&](const scenario::StepSpec& s) { return s.station_group == step.station_group; }));
      const plantdata::StepOutcomes* o = outcomes_for(seen, product.name, step.station_group, steps_at_group);
      const std::string where = step.station_group + " (" + product.name + ")";
      if (!o || o->judged() == 0)
        continue; // not in the log: nothing to say (the groups' lines say what the log lacks)
      if (o->judged() < min_trials) {
        out.lines.push_back(where + " scrap: " + std::to_string(o->judged()) + " lots judged, fewer than " +
                            std::to_string(min_trials) + ": the base's kept");
        continue;
      }
      const auto& group = base.station_groups[step.group_index];
      const bool inspects = std::any_of(group.modes.begin(), group.modes.end(),
                                        [](const scenario::ModeSpec& m) { return m.inspection.has_value(); });
      const auto row = [&](const std::string& quantity, const plantdata::Proportion& r, bool written) {
        csv << csv_field(step.station_group) << ',' << csv_field(product.name) << ',' << quantity << ','
            << r.events << ',' << r.trials << ',' << plantdata::decimal(r.estimate, 17) << ','
            << plantdata::decimal(r.low, 17) << ',' << plantdata::decimal(r.high, 17) << ','
            << (quantity == "scrap" ? plantdata::decimal(step.scrap_probability, 17) : "") << ','
            << (written ? 1 : 0) << '\n';
      };
      if (inspects && !step.rework_step) {
        // Rejects are scrapped: the log's scrap is the step's and the inspection's together.
        const auto mixed = plantdata::wilson(o->scrapped, o->judged());
        out.lines.push_back(where + " scrap and rejects: " + rate_text(mixed) +
                            " (the log does not tell them apart): the base's kept");
        row("scrap and rejects", mixed, false);
        continue;
      }
      const auto scrap = plantdata::wilson(o->scrapped, o->judged());
      if (inspects) {
        const auto rejects = plantdata::wilson(o->reworked, o->judged() - o->scrapped);
        out.lines.push_back(where + " rejects sent back: " + rate_text(rejects) +
                            " (detection and false rejects are not in a log): reported");
        row("rejects", rejects, false);
      }
      std::string line = where + " scrap: " + rate_text(scrap) + ", base " + share(step.scrap_probability);
      if (o->scrapped == o->judged()) {
        out.lines.push_back(line + "; every lot scrapped (a scrap rate is below 1): the base's kept");
        row("scrap", scrap, false);
        continue;
      }
      if (scrap.estimate == step.scrap_probability) {
        out.lines.push_back(line + " (as the base)");
        row("scrap", scrap, false);
        continue;
      }
      // The step's node: `routing.steps[j]` for the routing's product, `products[p-1].steps[j]`.
      const std::size_t j = k - product.first_step;
      scenario::TreeNode* node = nullptr;
      if (p == 0 && routing_steps && j < routing_steps->items.size())
        node = &routing_steps->items[j];
      else if (p > 0 && products && p - 1 < products->items.size())
        if (auto* steps = products->items[p - 1].find("steps"); steps && j < steps->items.size())
          node = &steps->items[j];
      if (!node || node->kind != scenario::TreeNode::Kind::map) {
        out.lines.push_back(line + " (the step is not where the base writes it): the base's kept");
        row("scrap", scrap, false);
        continue;
      }
      scenario::set_entry(*node, "scrap", scenario::scalar_node(plantdata::decimal(scrap.estimate, 6)));
      (p == 0 ? routing_changed : products_changed) = true;
      comments << "# " << comment_text(where + " scrap: " + rate_text(scrap)) << "\n";
      out.lines.push_back(line);
      row("scrap", scrap, true);
      ++out.written;
    }
  }
  if (routing_steps)
    absolute_csv_paths(*routing_steps, base_dir);
  if (products)
    absolute_csv_paths(*products, base_dir);
  std::ostringstream yaml;
  if (routing_changed || out.written > 0)
    yaml << "# Scrap at the routing steps, lots scrapped of those judged there (the steps are written\n"
            "# whole: under `extends` they replace the base's):\n"
         << comments.str();
  if (routing_changed) {
    yaml << "routing:\n  steps:\n";
    for (const auto& item : routing_steps->items)
      yaml << "    - " << scenario::emit_flow_yaml(item) << "\n";
  }
  if (products_changed) {
    yaml << "products:   # repeated whole (extends replaces the base's), with the fitted values in\n";
    for (const auto& item : products->items)
      yaml << "  - " << scenario::emit_flow_yaml(item) << "\n";
  }
  out.yaml = yaml.str();
  out.csv = csv.str();
  return out;
}

} // namespace gigatwin::cli
