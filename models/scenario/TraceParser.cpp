#include "scenario/TraceParser.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/SchemaKeys.hpp"

#include <algorithm>

namespace gigatwin::scenario {

namespace {

std::string item_path(const std::string& path, std::size_t i) {
  return path + "[" + std::to_string(i) + "]";
}

/// A sequence of names, each one of `known` (`what` names one of them in messages).
std::vector<std::string> read_names(FieldReader& reader, const TreeNode& node, const std::string& path,
                                    const std::vector<std::string>& known, const std::string& what) {
  std::vector<std::string> names;
  if (!reader.expect_sequence(node, path, "a sequence of names, each " + what))
    return names;
  if (node.items.empty()) { // [] would keep nothing: leave the key out to keep everything
    reader.error_at(node.pos, path, "at least one name (leave the key out to keep every event)",
                    "an empty sequence");
    return names;
  }
  for (std::size_t i = 0; i < node.items.size(); ++i) {
    const auto name = reader.text(node.items[i], item_path(path, i), true);
    if (!name)
      continue;
    if (std::find(known.begin(), known.end(), *name) == known.end()) {
      reader.error(node.items[i], item_path(path, i), what, suggestion_hint(*name, known));
      continue;
    }
    if (std::find(names.begin(), names.end(), *name) == names.end())
      names.push_back(*name);
  }
  return names;
}

} // namespace

void read_trace(FieldReader& reader, const TreeNode& node, ScenarioSpec& spec) {
  TraceSpec& trace = spec.trace;
  if (node.kind == TreeNode::Kind::scalar) {
    if (const auto on = reader.boolean(node, "trace"))
      trace.enabled = *on;
    return;
  }
  if (!reader.expect_map(node, "trace", "true, false or a map {enabled, kinds, station_groups, from, to}"))
    return;
  reader.check_keys(node, "trace", schema::trace_keys());
  trace.enabled = true;
  trace.written_as_map = true;
  if (const TreeNode* v = node.find("enabled"))
    if (const auto on = reader.boolean(*v, "trace.enabled"))
      trace.enabled = *on;
  if (const TreeNode* v = node.find("kinds")) {
    const std::vector<std::string> kinds(trace_kind_names.begin(), trace_kind_names.end());
    trace.kinds = read_names(reader, *v, "trace.kinds", kinds, "an event kind");
  }
  if (const TreeNode* v = node.find("station_groups")) {
    std::vector<std::string> groups;
    for (const auto& g : spec.station_groups)
      groups.push_back(g.name);
    trace.station_groups = read_names(reader, *v, "trace.station_groups", groups, "a station group");
  }
  const TreeNode* from = node.find("from");
  if (from)
    if (const auto s = reader.duration(*from, "trace.from", Bound::non_negative))
      trace.from_s = *s;
  if (const TreeNode* v = node.find("to"))
    if (const auto s = reader.duration(*v, "trace.to", Bound::non_negative)) {
      if (*s < trace.from_s)
        reader.error(*v, "trace.to", "a time at or after trace.from (" + (from ? from->scalar : "0") + ")");
      else
        trace.to_s = *s;
    }
}

} // namespace gigatwin::scenario
