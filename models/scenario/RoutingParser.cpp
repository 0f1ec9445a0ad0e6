#include "scenario/RoutingParser.hpp"
#include "scenario/StationGroupParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/ScenarioLoader.hpp"
#include "scenario/SchemaKeys.hpp"
#include "scenario/Units.hpp"

#include <algorithm>
#include <limits>
#include <tuple>

namespace gigatwin::scenario {

void RoutingParser::read_source(const TreeNode& node, const std::string& path, SourceSpec& source) {
  if (!reader_.expect_map(node, path, "a map with one of 'saturated: true', 'rate' or 'interarrival'"))
    return;
  reader_.check_keys(node, path, schema::source_keys());
  std::vector<const TreeEntry*> ways; // the ways of arrival the file states, in written order
  std::optional<bool> saturated;
  for (const auto& e : node.entries) {
    if (e.key == "saturated") {
      saturated = reader_.boolean(e.value, path + ".saturated");
      if (saturated.value_or(false))
        ways.push_back(&e);
    } else if (e.key == "rate") {
      ways.push_back(&e);
      if (auto rate = reader_.rate(e.value, path + ".rate"))
        source.interarrival = core::DistributionSpec::exponential(1.0 / *rate);
    } else if (e.key == "interarrival") {
      ways.push_back(&e);
      const std::string at = path + ".interarrival";
      if (auto dist = distributions_.parse(e.value, at)) {
        if (has_positive_mean(*dist))
          source.interarrival = *dist;
        else
          reader_.error(e.value, at, "an interarrival time with a mean > 0");
      }
    }
  }
  source.saturated = saturated.value_or(false);
  if (ways.empty() && !(node.find("saturated") && !saturated)) {
    const bool said_false = saturated.has_value();
    reader_.error_at(node.pos, path,
                     said_false ? "'rate' or 'interarrival' when 'saturated' is false"
                                : "one of 'saturated: true', 'rate' or 'interarrival'",
                     "none of them");
  } else if (ways.size() > 1) {
    auto way_name = [](const TreeEntry* e) {
      return e->key == "saturated" ? std::string("'saturated: true'") : "'" + e->key + "'";
    };
    reader_.error_at(ways[1]->key_pos, path + "." + ways[1]->key,
                     "only one of 'saturated: true', 'rate' and 'interarrival'",
                     way_name(ways[0]) + " and " + way_name(ways[1]));
  }
  if (source.saturated)
    source.interarrival = {};
}
void RoutingParser::read_steps(const TreeNode& steps, const std::string& steps_path, ScenarioSpec& spec,
                               std::size_t product) {
  ProductSpec& p = spec.products[product];
  p.first_step = spec.steps.size();
  std::vector<std::string> group_names;
  for (const auto& g : spec.station_groups)
    if (!g.name.empty() && std::find(group_names.begin(), group_names.end(), g.name) == group_names.end())
      group_names.push_back(g.name);
  const bool assembled = !spec.products[product].parts.empty();
  for (std::size_t j = 0; j < steps.items.size() && !reader_.log().full(); ++j) {
    const TreeNode& step_node = steps.items[j];
    const std::string path = index_path(steps_path, j);
    StepSpec step;
    step.product = product;
    StepSite site{path, step_node.pos, step_node.pos, false};
    if (!reader_.expect_map(step_node, path,
                            "a step map {station_group, buffer, scrap, defects, reject, transport}"))
      continue;
    reader_.check_keys(step_node, path, schema::step_keys());
    if (const TreeNode* v =
            reader_.require(step_node, "station_group", path, "the name of a station group")) {
      if (auto name = reader_.text(*v, path + ".station_group", true)) {
        step.station_group = *name;
        bool found = false;
        for (std::size_t g = 0; g < spec.station_groups.size() && !found; ++g) {
          if (spec.station_groups[g].name != *name)
            continue;
          found = true;
          step.group_index = g;
          site.group_pos = v->pos;
        }
        if (!found)
          reader_.error(*v, path + ".station_group", "the name of a station group",
                        suggestion_hint(*name, group_names, "station groups"));
      }
    }
    if (const TreeNode* v = step_node.find("buffer")) {
      site.buffer_pos = v->pos;
      site.buffer_written = true;
      if (v->kind == TreeNode::Kind::scalar && v->scalar == "unlimited")
        step.buffer_capacity = std::nullopt;
      else if (v->kind == TreeNode::Kind::scalar && !v->scalar.empty() &&
               (v->scalar[0] == '-' || (v->scalar[0] >= '0' && v->scalar[0] <= '9')))
        step.buffer_capacity =
            reader_.integer(*v, path + ".buffer", 0, std::numeric_limits<std::int64_t>::max(),
                            "an integer >= 0 or 'unlimited'");
      else
        reader_.error(*v, path + ".buffer", "an integer >= 0 or 'unlimited'");
    }
    if (const TreeNode* v = step_node.find("scrap"))
      if (auto p = reader_.probability_below_one(*v, path + ".scrap"))
        step.scrap_probability = *p;
    if (const TreeNode* v = step_node.find("split"))
      if (auto n = reader_.integer(*v, path + ".split", 1, 1'000'000))
        step.split = *n;
    if (const TreeNode* v = step_node.find("defects"))
      if (auto p = reader_.probability_below_one(*v, path + ".defects"))
        step.defect_probability = *p;
    read_step_quality(step_node, path, spec, step);
    if (const TreeNode* v = step_node.find("transport")) {
      if (j == 0)
        reader_.error(*v, path + ".transport",
                      assembled ? "no transport into an assembly step (its parts come from several steps)"
                                : "no transport into the first step (lots come from the source); put it on "
                                  "the step the lots are carried to");
      else
        step.transport = transports_.read(*v, path + ".transport");
    }
    sites_.push_back(site);
    spec.steps.push_back(std::move(step));
  }
  spec.products[product].step_count = spec.steps.size() - spec.products[product].first_step;
}

/// A step's reject rule (only where the group inspects) and the buffer a batch group needs.
void RoutingParser::read_step_quality(const TreeNode& step_node, const std::string& path,
                                      const ScenarioSpec& spec, StepSpec& step) {
  if (step.station_group.empty() || step.group_index >= spec.station_groups.size() ||
      spec.station_groups[step.group_index].name != step.station_group)
    return; // the group is in error already
  const StationGroupSpec& group = spec.station_groups[step.group_index];
  if (const TreeNode* v = step_node.find("reject")) {
    const bool inspects = std::any_of(group.modes.begin(), group.modes.end(),
                                      [](const ModeSpec& m) { return m.inspection.has_value(); });
    if (!inspects) {
      reader_.error(*v, path + ".reject", "'reject' only on a step whose group inspects (has 'inspection')");
    } else {
      std::vector<std::string> earlier; // this product's steps so far: rework stays in the product
      for (std::size_t k = spec.products[step.product].first_step; k < spec.steps.size(); ++k)
        earlier.push_back(spec.steps[k].station_group);
      earlier.push_back(step.station_group);
      quality_.read_reject(*v, path + ".reject", earlier, step);
      if (step.rework_step) { // an index into this product's steps so far: make it global
        const ProductSpec& product = spec.products[step.product];
        *step.rework_step += product.first_step;
        const bool good_lots_all_rejected =
            std::any_of(group.modes.begin(), group.modes.end(),
                        [](const ModeSpec& m) { return m.inspection && m.inspection->false_reject >= 1.0; });
        if (*step.rework_step == product.first_step && !product.parts.empty()) {
          // An assembly takes kits of parts, not its own product back.
          reader_.error(*v, path + ".reject", "a rework step other than the product's assembly step");
          step.rework_step.reset();
        } else if (good_lots_all_rejected) {
          // Every lot would go round the loop for ever.
          reader_.error(*v, path + ".reject",
                        "rework only where an inspection lets good lots pass (false_reject < 1)");
          step.rework_step.reset();
        } else {
          // A split inside the loop would multiply the lots each time round.
          for (std::size_t k = *step.rework_step; k < spec.steps.size(); ++k)
            if (spec.steps[k].split > 1) {
              reader_.error(*v, path + ".reject",
                            "a rework step after the last step that splits lots (" +
                                index_path("steps", k - product.first_step) + " splits)");
              step.rework_step.reset();
              break;
            }
        }
      }
    }
  }
  const ProductSpec& product = spec.products[step.product];
  if (spec.steps.size() == product.first_step && !product.parts.empty()) { // this is the assembly step
    std::int64_t most = 0;
    for (const PartSpec& part : product.parts)
      most = std::max(most, part.quantity);
    const TreeNode* buffer = step_node.find("buffer");
    if (group.batch) {
      reader_.error(step_node, path + ".station_group",
                    "a station group without 'batch' for an assembly step (it makes one kit at a time)");
    } else if (step.buffer_capacity && *step.buffer_capacity < most) {
      // A kit of `most` lots of one part could never gather in a smaller input buffer.
      reader_.error(buffer ? *buffer : step_node, path + ".buffer",
                    "a buffer of at least the largest part quantity (" + std::to_string(most) +
                        " lots) in front of assembly group '" + group.name + "'");
    }
  }
  // A batch that can never gather `min` lots in front of its machines would wait forever.
  if (group.batch && step.buffer_capacity && *step.buffer_capacity < group.batch->min) {
    const TreeNode* buffer = step_node.find("buffer");
    reader_.error(buffer ? *buffer : step_node, path + ".buffer",
                  "a buffer of at least the batch's min (" + std::to_string(group.batch->min) +
                      " lots) in front of batch group '" + group.name + "'");
  }
}
void RoutingParser::read_unit(const TreeNode& node, const std::string& path, ProductSpec& product) {
  if (!reader_.expect_map(node, path, "a unit map {cells, energy}"))
    return;
  reader_.check_keys(node, path, schema::unit_keys());
  if (const TreeNode* v = node.find("cells"))
    if (auto n = reader_.number(*v, path + ".cells", Bound::non_negative))
      product.cells = *n;
  if (const TreeNode* v = node.find("energy")) {
    const std::string expected = "an energy (e.g. 4.352kWh, 17Wh)";
    const auto q = v->kind == TreeNode::Kind::scalar ? parse_energy_quantity(v->scalar) : ParsedQuantity{};
    if (v->kind != TreeNode::Kind::scalar || q.problem != QuantityProblem::none)
      reader_.error(*v, path + ".energy", expected, q.reason);
    else if (!(q.value >= 0.0))
      reader_.error(*v, path + ".energy", "an energy >= 0");
    else
      product.energy_kwh = q.value;
  }
}

void RoutingParser::read_products(const TreeNode& node, ScenarioSpec& spec) {
  if (!reader_.expect_sequence(node, "products", "a sequence of products {name, source or parts, steps}"))
    return;
  // Names first: parts may name a product written further down.
  std::vector<std::string> names = {spec.product};
  for (const TreeNode& item : node.items) {
    const TreeNode* v = item.kind == TreeNode::Kind::map ? item.find("name") : nullptr;
    names.push_back(v && v->kind == TreeNode::Kind::scalar ? v->scalar : "");
  }
  for (std::size_t i = 0; i < node.items.size() && !reader_.log().full(); ++i) {
    const TreeNode& item = node.items[i];
    const std::string path = index_path("products", i);
    spec.products.emplace_back();
    const std::size_t index = spec.products.size() - 1;
    if (!reader_.expect_map(item, path, "a product map {name, source or parts, steps}"))
      continue;
    reader_.check_keys(item, path, schema::product_keys());
    if (const TreeNode* v = reader_.require(item, "name", path, "a name of letters, digits, '_' and '-'")) {
      if (auto name = reader_.text(*v, path + ".name", true)) {
        const auto first = std::find(names.begin(), names.end(), *name);
        if (!is_identifier(*name))
          reader_.error(*v, path + ".name", "a name of letters, digits, '_' and '-'");
        else if (first != names.begin() + static_cast<std::ptrdiff_t>(index))
          reader_.error(*v, path + ".name", "a product name not used before",
                        first == names.begin() ? "the routing's product"
                                               : "already the name of " +
                                                     index_path("products", static_cast<std::size_t>(
                                                                                first - names.begin() - 1)));
        else
          spec.products[index].name = *name;
      }
    }
    if (const TreeNode* v = item.find("unit"))
      read_unit(*v, path + ".unit", spec.products[index]);
    const TreeNode* source = item.find("source");
    const TreeNode* parts = item.find("parts");
    if (source && parts) {
      reader_.error(*parts, path + ".parts",
                    "either 'source' or 'parts' (a product is released or assembled)");
    } else if (!source && !parts) {
      reader_.error_at(item.pos, path + ".source", "key 'source' or key 'parts'", "neither");
    } else if (source) {
      SourceSpec s;
      read_source(*source, path + ".source", s);
      spec.products[index].source = s;
    } else {
      read_parts(*parts, path + ".parts", names, spec.products[index]);
    }
    if (const TreeNode* steps = reader_.require(item, "steps", path, "a sequence of steps")) {
      if (reader_.expect_sequence(*steps, path + ".steps", "a sequence of steps")) {
        if (steps->items.empty())
          reader_.error_at(steps->pos, path + ".steps", "at least one step", "an empty sequence");
        else
          read_steps(*steps, path + ".steps", spec, index);
      }
    }
  }
  check_bill_of_materials(node, spec);
}

void RoutingParser::read_parts(const TreeNode& node, const std::string& path,
                               const std::vector<std::string>& names, ProductSpec& product) {
  if (!reader_.expect_map(node, path, "a map from part product to quantity, e.g. {cell_tray: 8, housing: 1}"))
    return;
  if (node.entries.empty()) {
    reader_.error_at(node.pos, path, "at least one part", "an empty map");
    return;
  }
  std::vector<std::string> known; // for suggestions, each name once
  for (const auto& n : names)
    if (!n.empty() && std::find(known.begin(), known.end(), n) == known.end())
      known.push_back(n);
  for (const auto& e : node.entries) {
    const std::string part_path = child_path(path, e.key);
    const auto it = std::find(names.begin(), names.end(), e.key);
    if (it == names.end() || e.key.empty()) {
      reader_.error_at(e.key_pos, part_path, "the name of a product", "'" + e.key + "'",
                       suggestion_hint(e.key, known, "products"));
      continue;
    }
    if (const auto q = reader_.integer(e.value, part_path, 1, 1'000'000))
      product.parts.push_back({e.key, static_cast<std::size_t>(it - names.begin()), *q});
  }
}

void RoutingParser::check_bill_of_materials(const TreeNode& node, ScenarioSpec& spec) {
  for (std::size_t p = 1; p < spec.products.size(); ++p) {
    const TreeNode& item = node.items[p - 1];
    const TreeNode* parts_node = item.find("parts");
    for (const PartSpec& part : spec.products[p].parts) {
      const std::string path = index_path("products", p - 1) + ".parts." + part.product;
      const SourcePos pos = parts_node ? parts_node->pos : item.pos;
      if (part.product_index == p) {
        reader_.error_at(pos, path, "a part other than the product itself", "'" + part.product + "'");
        continue;
      }
      auto& consumer = spec.products[part.product_index].consumer;
      if (consumer && *consumer != p) {
        reader_.error_at(pos, path, "a product that is a part of one product only",
                         "'" + part.product + "', already a part of '" + spec.products[*consumer].name + "'");
        continue;
      }
      consumer = p;
    }
  }
  // Following consumers from any product must end at a product nobody consumes.
  for (std::size_t p = 0; p < spec.products.size(); ++p) {
    std::size_t at = p;
    for (std::size_t hops = 0; spec.products[at].consumer; ++hops) {
      at = *spec.products[at].consumer;
      if (hops <= spec.products.size())
        continue;
      // `at` is on the cycle now (the routing's product, with a source, never is).
      const std::size_t item = at - 1;
      reader_.error_at(node.items[item].pos, index_path("products", item),
                       "parts that do not contain the product itself",
                       "a cycle through '" + spec.products[at].name + "'");
      for (auto& product : spec.products)
        product.consumer.reset(); // one message is enough; the factory is not built
      return;
    }
  }
}

void RoutingParser::resolve_product_names(ScenarioSpec& spec) {
  std::vector<std::string> names;
  for (const auto& p : spec.products)
    names.push_back(p.name);
  // Each mode's own process times per product name a product.
  for (std::size_t g = 0; g < spec.station_groups.size(); ++g) {
    auto& group = spec.station_groups[g];
    for (auto& mode : group.modes)
      for (auto& t : mode.process_time_by_product) {
        const auto it = std::find(names.begin(), names.end(), t.product);
        const std::string path =
            index_path("station_groups", g) +
            (group.modes.size() > 1 ? ".modes." + std::string(mode_name(mode.mode)) : "") +
            ".process_time_by_product." + t.product;
        if (it == names.end())
          reader_.error_at(t.pos, path, "the name of a product", "'" + t.product + "'",
                           suggestion_hint(t.product, names, "products"));
        else
          t.product_index = static_cast<std::size_t>(it - names.begin());
      }
  }
  for (std::size_t g = 0; g < spec.station_groups.size(); ++g) {
    auto& changeover = spec.station_groups[g].changeover;
    if (!changeover)
      continue;
    for (std::size_t k = 0; k < changeover->between.size(); ++k) {
      ChangeoverPair& pair = changeover->between[k];
      const std::string path = index_path(index_path("station_groups", g) + ".changeover.between", k);
      for (auto [name, index, pos, key] : {std::tuple{&pair.from, &pair.from_index, pair.from_pos, "from"},
                                           std::tuple{&pair.to, &pair.to_index, pair.to_pos, "to"}}) {
        const auto it = std::find(names.begin(), names.end(), *name);
        if (it == names.end())
          reader_.error_at(pos, path + "." + key, "the name of a product", "'" + *name + "'",
                           suggestion_hint(*name, names, "products"));
        else
          *index = static_cast<std::size_t>(it - names.begin());
      }
    }
  }
}

void RoutingParser::check_shared_groups(const ScenarioSpec& spec) {
  if (sites_.size() != spec.steps.size())
    return; // a step was in error: its diagnostic is enough
  std::vector<std::optional<std::size_t>> first_use(spec.station_groups.size());
  std::vector<bool> reported(spec.station_groups.size(), false); // one message per group
  for (std::size_t k = 0; k < spec.steps.size(); ++k) {
    const StepSpec& step = spec.steps[k];
    if (step.station_group.empty() || step.group_index >= spec.station_groups.size() ||
        spec.station_groups[step.group_index].name != step.station_group)
      continue;
    auto& first = first_use[step.group_index];
    if (!first) {
      first = k;
      continue;
    }
    // A group serving several steps has one queue: it cannot be an assembly's (one buffer per
    // part), a batch process's (batches of one step's lots) or a saturated first step's (it would
    // never take other lots).
    const std::size_t f = *first;
    auto own_group = [&](std::size_t s) -> std::string {
      const ProductSpec& p = spec.products[spec.steps[s].product];
      if (s == p.first_step && !p.parts.empty())
        return "an assembly step's group serves no other step";
      if (s == p.first_step && p.source && p.source->saturated)
        return "a saturated first step's group serves no other step";
      if (spec.station_groups[spec.steps[s].group_index].batch)
        return "a batch group serves one step";
      return "";
    };
    const std::string why = own_group(f).empty() ? own_group(k) : own_group(f);
    if (!why.empty()) {
      reader_.error_at(sites_[k].group_pos, sites_[k].path + ".station_group",
                       "a station group not used by " + sites_[f].path + " (" + why + ")",
                       "'" + step.station_group + "'");
    } else if (!reported[step.group_index]) {
      // One queue for several steps: a finite one could fill with lots whose next step is the
      // same group (or a group waiting on it), and the line would lock up.
      for (std::size_t s_index : {f, k})
        if (spec.steps[s_index].buffer_capacity) {
          reader_.error_at(sites_[s_index].buffer_written ? sites_[s_index].buffer_pos
                                                          : sites_[s_index].group_pos,
                           sites_[s_index].path + ".buffer",
                           "buffer: unlimited (station group '" + step.station_group +
                               "' serves several steps; a finite shared queue could lock the line)",
                           std::to_string(*spec.steps[s_index].buffer_capacity));
          reported[step.group_index] = true;
          break;
        }
    }
  }
}

} // namespace gigatwin::scenario
