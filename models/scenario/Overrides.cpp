#include "scenario/Overrides.hpp"

#include "scenario/DidYouMean.hpp"
#include "scenario/FieldReader.hpp"
#include "scenario/SchemaKeys.hpp"

#include <charconv>
#include <system_error>

namespace gigatwin::scenario {

namespace {
constexpr std::string_view path_expected = "a key path like station_groups[0].machines";

bool is_key_char(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_' || c == '-';
}

SourcePos at(int ordinal, int column) {
  return SourcePos{ordinal, ordinal, column};
}
} // namespace

std::optional<std::vector<OverrideSegment>> parse_override_path(std::string_view path, int ordinal,
                                                                DiagnosticLog& log) {
  std::vector<OverrideSegment> segments;
  std::size_t i = 0;
  auto fail = [&](std::size_t where, std::string found) {
    log.add(at(ordinal, static_cast<int>(where) + 1), std::string(path), std::string(path_expected),
            std::move(found));
    return std::nullopt;
  };
  while (true) {
    OverrideSegment seg;
    seg.column = static_cast<int>(i) + 1;
    const std::size_t start = i;
    while (i < path.size() && is_key_char(path[i]))
      ++i;
    if (i == start)
      return i < path.size() ? fail(i, "unexpected " + quote(path.substr(i, 1)))
                             : fail(i, "a missing key name");
    seg.key = std::string(path.substr(start, i - start));
    while (i < path.size() && path[i] == '[') {
      const std::size_t open = i++;
      const std::size_t digits = i;
      while (i < path.size() && path[i] >= '0' && path[i] <= '9')
        ++i;
      if (i == digits || i >= path.size() || path[i] != ']')
        return fail(open, "a malformed index " + quote(path.substr(open, i + 1 - open)));
      std::size_t index = 0;
      const auto [ptr, ec] = std::from_chars(path.data() + digits, path.data() + i, index);
      if (ec != std::errc() || ptr != path.data() + i)
        return fail(open, "an index out of range " + quote(path.substr(open, i + 1 - open)));
      seg.indices.push_back(index);
      ++i; // ']'
    }
    segments.push_back(std::move(seg));
    if (i == path.size())
      return segments;
    if (path[i] != '.')
      return fail(i, "unexpected " + quote(path.substr(i, 1)));
    ++i;
  }
}

void apply_override(TreeNode& root, std::string_view text, int ordinal, DiagnosticLog& log) {
  const std::size_t eq = text.find('=');
  if (eq == std::string_view::npos) {
    log.add(at(ordinal, 1), "", "an override key.path=value", quote(text) + " without '='");
    return;
  }
  // Spaces around the path ("horizon = 10d") are forgiven; the value keeps its own.
  std::size_t first = 0;
  while (first < eq && text[first] == ' ')
    ++first;
  std::size_t last = eq;
  while (last > first && text[last - 1] == ' ')
    --last;
  const std::size_t before = log.size();
  auto segments = parse_override_path(text.substr(first, last - first), ordinal, log);
  if (!segments)
    return;
  for (auto& s : *segments)
    s.column += static_cast<int>(first);

  // Walk the schema first: a path the schema does not know changes nothing.
  const schema::Shape* shape = &schema::scenario_shape();
  std::string path;
  for (const auto& seg : *segments) {
    if (shape->kind != schema::Shape::Kind::map) {
      log.add(at(ordinal, seg.column), child_path(path, seg.key),
              "no key below '" + path + "' (it is " + shape->what + ")", quote(seg.key));
      return;
    }
    const schema::Shape* child = shape->key(seg.key);
    if (!child && path.empty() && seg.key == "extends") {
      log.add(at(ordinal, seg.column), seg.key, "a key --set can change", "'extends'",
              "bases are merged before overrides; change the file instead");
      return;
    }
    if (!child) {
      log.add(at(ordinal, seg.column), child_path(path, seg.key), "a known key",
              "unknown key " + quote(seg.key), suggestion_hint(seg.key, shape->key_names(), "known keys"));
      return;
    }
    path = child_path(path, seg.key);
    shape = child;
    for (std::size_t index : seg.indices) {
      if (shape->kind != schema::Shape::Kind::sequence) {
        log.add(at(ordinal, seg.column), path, "no index after '" + path + "' (it is " + shape->what + ")",
                "[" + std::to_string(index) + "]");
        return;
      }
      path = index_path(path, index);
      shape = shape->element;
    }
  }

  const std::string value_text(text.substr(eq + 1));
  auto value = parse_yaml_tree(value_text, log, ordinal, static_cast<int>(eq) + 1, path);
  if (!value || log.size() != before)
    return;

  // Walk the tree. Missing maps on the way are created, and taken away again on failure.
  TreeNode* created_in = nullptr;      // the map that got the first created entry
  std::vector<TreeNode*> filled_nulls; // empty values turned into maps on the way
  auto roll_back = [&] {
    // Nulls first: some may lie inside the created entry that pop_back frees.
    for (TreeNode* n : filled_nulls)
      n->kind = TreeNode::Kind::null;
    if (created_in)
      created_in->entries.pop_back();
  };
  TreeNode* cur = &root;
  path.clear();
  for (const OverrideSegment& seg : *segments) {
    if (cur->kind == TreeNode::Kind::null) {
      cur->kind = TreeNode::Kind::map; // `setup:` written empty is a map waiting for keys
      filled_nulls.push_back(cur);
    } else if (cur->kind != TreeNode::Kind::map) {
      log.add(at(ordinal, seg.column), path,
              "a map holding '" + seg.key + "' (replace the whole value with " + path + "=...)",
              describe(*cur));
      roll_back();
      return;
    }
    path = child_path(path, seg.key);
    TreeNode* next = cur->find(seg.key);
    if (!next) {
      TreeEntry entry;
      entry.key = seg.key;
      entry.key_pos = at(ordinal, seg.column);
      entry.value.pos = entry.key_pos;
      cur->entries.push_back(std::move(entry));
      if (!created_in)
        created_in = cur;
      next = &cur->entries.back().value;
    }
    cur = next;
    for (std::size_t index : seg.indices) {
      const std::size_t size = cur->kind == TreeNode::Kind::sequence ? cur->items.size() : 0;
      if (cur->kind != TreeNode::Kind::sequence && cur->kind != TreeNode::Kind::null) {
        log.add(at(ordinal, seg.column), path, "a sequence", describe(*cur));
        roll_back();
        return;
      }
      if (index >= size) {
        log.add(at(ordinal, seg.column), index_path(path, index),
                size == 0 ? std::string("an index of an existing element (the sequence is empty)")
                          : "an index below " + std::to_string(size),
                std::to_string(index));
        roll_back();
        return;
      }
      path = index_path(path, index);
      cur = &cur->items[index];
    }
  }
  *cur = std::move(*value);
}

} // namespace gigatwin::scenario
