#include "scenario/QualityParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/SchemaKeys.hpp"

#include <algorithm>

namespace gigatwin::scenario {

namespace {
/// Lots one batch may hold: every lot of a batch is simulation state.
constexpr std::int64_t max_batch = 1'000'000;
} // namespace

std::optional<BatchSpec> QualityParser::read_batch(const TreeNode& node, const std::string& path) {
  if (!reader_.expect_map(node, path, "a batch map {size, min, max_wait}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::batch_keys());
  BatchSpec batch;
  const TreeNode* size = reader_.require(node, "size", path, "the most lots a machine takes at once");
  if (size == nullptr)
    return std::nullopt;
  const auto k = reader_.integer(*size, path + ".size", 1, max_batch);
  if (!k)
    return std::nullopt;
  batch.size = *k;
  bool ok = true;
  if (const TreeNode* v = node.find("max_wait")) {
    if (auto w = reader_.duration(*v, path + ".max_wait", Bound::positive))
      batch.max_wait_s = *w;
    else
      ok = false;
  }
  // Without max_wait only full batches start; with it, whatever waits (at least min) may.
  batch.min = batch.max_wait_s > 0 ? 1 : batch.size;
  if (const TreeNode* v = node.find("min")) {
    if (auto m = reader_.integer(*v, path + ".min", 1, batch.size,
                                 "an integer from 1 to size (" + std::to_string(batch.size) + ")")) {
      batch.min = *m;
      if (*m < batch.size && batch.max_wait_s <= 0 && ok) {
        // A partial batch needs a moment at which it may start.
        reader_.error_at(node.pos, path + ".max_wait",
                         "key 'max_wait' (a duration > 0) since min is below size", "nothing");
        ok = false;
      }
    } else {
      ok = false;
    }
  }
  return ok ? std::optional<BatchSpec>(batch) : std::nullopt;
}

std::optional<double> QualityParser::probability(const TreeNode& map, const std::string& path,
                                                 const char* key) {
  const TreeNode* v = map.find(key);
  if (v == nullptr)
    return std::nullopt;
  const auto p = reader_.number(*v, child_path(path, key), Bound::non_negative);
  if (p && *p > 1.0) {
    reader_.error(*v, child_path(path, key), "a probability in [0, 1]");
    return std::nullopt;
  }
  return p;
}

std::optional<InspectionSpec> QualityParser::read_inspection(const TreeNode& node, const std::string& path,
                                                             const std::string& currency) {
  if (!reader_.expect_map(node, path, "an inspection map {method, detection, false_reject, cost_per_lot}"))
    return std::nullopt;
  reader_.check_keys(node, path, schema::inspection_keys());
  InspectionSpec inspection;
  bool ok = true;
  if (const TreeNode* v = reader_.require(node, "method", path, "human or ai_vision")) {
    static const std::vector<std::string> methods = {"human", "ai_vision"};
    if (v->kind == TreeNode::Kind::scalar && v->scalar == "human") {
      inspection.method = InspectionMethod::human;
    } else if (v->kind == TreeNode::Kind::scalar && v->scalar == "ai_vision") {
      inspection.method = InspectionMethod::ai_vision;
    } else {
      reader_.error(*v, path + ".method", "human or ai_vision",
                    v->kind == TreeNode::Kind::scalar ? suggestion_hint(v->scalar, methods, "methods") : "");
      ok = false;
    }
  } else {
    ok = false;
  }
  if (!reader_.require(node, "detection", path, "a probability in [0, 1]"))
    ok = false;
  else if (auto p = probability(node, path, "detection"))
    inspection.detection = *p;
  else
    ok = false;
  if (node.find("false_reject") != nullptr) {
    if (auto p = probability(node, path, "false_reject"))
      inspection.false_reject = *p;
    else
      ok = false;
  }
  if (const TreeNode* v = node.find("cost_per_lot")) {
    if (auto c = reader_.money(*v, path + ".cost_per_lot", currency))
      inspection.cost_per_lot = *c;
    else
      ok = false;
  }
  return ok ? std::optional<InspectionSpec>(inspection) : std::nullopt;
}

void QualityParser::read_reject(const TreeNode& node, const std::string& path,
                                const std::vector<std::string>& earlier, StepSpec& step) {
  if (node.kind == TreeNode::Kind::scalar && node.scalar == "scrap")
    return;
  if (node.kind != TreeNode::Kind::map) {
    reader_.error(node, path, "scrap or {rework: <station group of this or an earlier step>}");
    return;
  }
  reader_.check_keys(node, path, {"rework"}, "rework");
  const TreeNode* v = reader_.require(node, "rework", path, "the station group of this or an earlier step");
  if (v == nullptr)
    return;
  const auto name = reader_.text(*v, path + ".rework", true);
  if (!name)
    return;
  const auto it = std::find(earlier.begin(), earlier.end(), *name);
  if (it == earlier.end()) {
    reader_.error(*v, path + ".rework", "the station group of this or an earlier step",
                  suggestion_hint(*name, earlier, "earlier steps"));
    return;
  }
  step.rework_step = static_cast<std::size_t>(it - earlier.begin());
  step.rework_group = *name;
}

} // namespace gigatwin::scenario
