#include "YamlTree.hpp"

#include "InputGuard.hpp"

#include <yaml-cpp/yaml.h>

#include <cstdio>

namespace gigatwin::models {

const TreeNode* TreeNode::find(std::string_view key) const {
  for (const auto& e : entries)
    if (e.key == key)
      return &e.value;
  return nullptr;
}

TreeNode* TreeNode::find(std::string_view key) {
  for (auto& e : entries)
    if (e.key == key)
      return &e.value;
  return nullptr;
}

std::string quote(std::string_view text) {
  constexpr std::size_t max_shown = 60;
  std::string out = "'";
  std::size_t shown = 0;
  for (char c : text) {
    if (shown == max_shown) {
      out += "...";
      break;
    }
    const auto u = static_cast<unsigned char>(c);
    if (u < 0x20 || u == 0x7f) {
      char buf[8];
      std::snprintf(buf, sizeof buf, "\\x%02x", u);
      out += buf;
    } else {
      out += c;
    }
    ++shown;
  }
  return out + "'";
}

std::string describe(const TreeNode& node) {
  switch (node.kind) {
  case TreeNode::Kind::null:
    return "nothing";
  case TreeNode::Kind::scalar:
    return quote(node.scalar);
  case TreeNode::Kind::sequence:
    return "a sequence";
  case TreeNode::Kind::map:
    return "a map";
  }
  return "something else";
}

namespace {

/// Copies a yaml-cpp document into a TreeNode, expanding aliases under a node budget.
class TreeBuilder {
public:
  TreeBuilder(DiagnosticLog& log, int origin, int column_offset)
      : log_(log), origin_(origin), column_offset_(column_offset) {}

  bool ok() const { return ok_; }

  SourcePos place(const YAML::Mark& mark) const {
    SourcePos pos;
    pos.origin = origin_;
    if (mark.is_null()) {
      if (origin_ != 0) {
        pos.line = origin_;
        pos.column = column_offset_ + 1;
      }
      return pos;
    }
    if (origin_ == 0) {
      pos.line = mark.line + 1;
      pos.column = mark.column + 1;
    } else {
      // An override is one line of text: its number is the "line", the column counts within it.
      pos.line = origin_;
      pos.column = (mark.line == 0 ? column_offset_ : 0) + mark.column + 1;
    }
    return pos;
  }

  TreeNode build(const YAML::Node& node, const std::string& path, int depth) {
    TreeNode out;
    out.pos = place(node.Mark());
    if (!ok_)
      return out;
    if (++nodes_ > TreeLimits::max_nodes) {
      fail(out.pos, path, "at most " + std::to_string(TreeLimits::max_nodes) + " YAML nodes (aliases expanded)",
           "more");
      return out;
    }
    if (depth > TreeLimits::max_depth) {
      fail(out.pos, path, "YAML nested at most " + std::to_string(TreeLimits::max_depth) + " levels deep",
           "deeper nesting (aliases expanded)");
      return out;
    }
    switch (node.Type()) {
    case YAML::NodeType::Undefined:
    case YAML::NodeType::Null:
      out.kind = TreeNode::Kind::null;
      break;
    case YAML::NodeType::Scalar:
      out.kind = TreeNode::Kind::scalar;
      out.scalar = node.Scalar();
      break;
    case YAML::NodeType::Sequence: {
      out.kind = TreeNode::Kind::sequence;
      std::size_t i = 0;
      for (const auto& item : node) {
        out.items.push_back(build(item, path + "[" + std::to_string(i) + "]", depth + 1));
        ++i;
        if (!ok_)
          break;
      }
      break;
    }
    case YAML::NodeType::Map:
      out.kind = TreeNode::Kind::map;
      for (const auto& kv : node) {
        TreeEntry entry;
        entry.key_pos = place(kv.first.Mark());
        if (kv.first.Type() == YAML::NodeType::Scalar) {
          entry.key = kv.first.Scalar();
        } else {
          // Complex keys (`? [a, b]`) and empty keys have no place in a scenario.
          TreeNode key_node;
          key_node.kind = kv.first.Type() == YAML::NodeType::Map        ? TreeNode::Kind::map
                          : kv.first.Type() == YAML::NodeType::Sequence ? TreeNode::Kind::sequence
                                                                        : TreeNode::Kind::null;
          log_.add(entry.key_pos, path, "a key name", describe(key_node) + " as a key");
          ok_ = false;
          break;
        }
        const std::string child_path = path.empty() ? entry.key : path + "." + entry.key;
        entry.value = build(kv.second, child_path, depth + 1);
        out.entries.push_back(std::move(entry));
        if (!ok_)
          break;
      }
      break;
    }
    return out;
  }

private:
  void fail(const SourcePos& pos, const std::string& path, std::string expected, std::string found) {
    log_.add(pos, path, std::move(expected), std::move(found));
    ok_ = false;
  }

  DiagnosticLog& log_;
  int origin_;
  int column_offset_;
  std::size_t nodes_ = 0;
  bool ok_ = true;
};

} // namespace

std::optional<TreeNode> parse_yaml_tree(std::string_view text, DiagnosticLog& log, int origin, int column_offset,
                                        const std::string& key_path) {
  TreeBuilder builder(log, origin, column_offset);
  if (text.size() > TreeLimits::max_text_bytes) {
    log.add(builder.place(YAML::Mark::null_mark()), key_path,
            "at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes of YAML",
            std::to_string(text.size()) + " bytes");
    return std::nullopt;
  }
  // yaml-cpp parses nested collections recursively: refuse deep nesting before it sees it.
  if (auto deep = find_excess_nesting(text, TreeLimits::max_depth)) {
    YAML::Mark mark;
    mark.line = deep->line - 1;
    mark.column = deep->column - 1;
    log.add(builder.place(mark), key_path,
            "YAML nested at most " + std::to_string(TreeLimits::max_depth) + " levels deep", "deeper nesting");
    return std::nullopt;
  }
  std::vector<YAML::Node> documents;
  try {
    documents = YAML::LoadAll(std::string(text));
  } catch (const YAML::Exception& e) {
    log.add(builder.place(e.mark), key_path, "well-formed YAML", "a syntax error: " + e.msg);
    return std::nullopt;
  } catch (const std::exception& e) {
    log.add(builder.place(YAML::Mark::null_mark()), key_path, "well-formed YAML",
            std::string("a problem: ") + e.what());
    return std::nullopt;
  }
  if (documents.size() > 1) {
    log.add(builder.place(documents[1].Mark()), key_path, "one YAML document",
            std::to_string(documents.size()) + " documents");
    return std::nullopt;
  }
  if (documents.empty()) {
    TreeNode empty;
    empty.pos = builder.place(YAML::Mark());
    return empty;
  }
  try {
    TreeNode root = builder.build(documents.front(), key_path, 0);
    if (!builder.ok())
      return std::nullopt;
    return root;
  } catch (const std::exception& e) {
    log.add(builder.place(YAML::Mark::null_mark()), key_path, "well-formed YAML",
            std::string("a problem: ") + e.what());
    return std::nullopt;
  }
}

namespace {
void emit_node(YAML::Emitter& out, const TreeNode& node) {
  switch (node.kind) {
  case TreeNode::Kind::null:
    out << YAML::Null;
    break;
  case TreeNode::Kind::scalar:
    out << node.scalar;
    break;
  case TreeNode::Kind::sequence:
    out << YAML::BeginSeq;
    for (const auto& item : node.items)
      emit_node(out, item);
    out << YAML::EndSeq;
    break;
  case TreeNode::Kind::map:
    out << YAML::BeginMap;
    for (const auto& e : node.entries) {
      out << YAML::Key << e.key << YAML::Value;
      emit_node(out, e.value);
    }
    out << YAML::EndMap;
    break;
  }
}

std::string emit_with(const TreeNode& root, bool escape_non_ascii) {
  YAML::Emitter out;
  if (escape_non_ascii)
    out.SetOutputCharset(YAML::EscapeNonAscii);
  emit_node(out, root);
  if (!out.good())
    return {};
  return std::string(out.c_str()) + "\n";
}
} // namespace

std::string emit_yaml(const TreeNode& root) {
  try {
    std::string text = emit_with(root, false);
    // Text that is not valid UTF-8 makes the emitter give up; escaping keeps the content.
    if (text.empty())
      text = emit_with(root, true);
    return text;
  } catch (const std::exception&) {
    return {};
  }
}

} // namespace gigatwin::models
