#include "scenario/YamlTree.hpp"

#include "scenario/InputGuard.hpp"

#include <yaml-cpp/eventhandler.h>
#include <yaml-cpp/yaml.h>

#include <algorithm>
#include <map>
#include <sstream>

#include <cstdio>

namespace gigatwin::scenario {

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

/// Thrown by the event handler to stop yaml-cpp once the input is refused.
struct StopParsing {};

/// Places yaml-cpp marks: as parsed for a scenario file (origin <= 0), on the override's "line"
/// for an override value.
class Placer {
public:
  Placer(int origin, int column_offset) : origin_(origin), column_offset_(column_offset) {}

  SourcePos operator()(const YAML::Mark& mark) const {
    SourcePos pos;
    pos.origin = origin_;
    if (mark.is_null()) {
      if (origin_ > 0) {
        pos.line = origin_;
        pos.column = column_offset_ + 1;
      }
      return pos;
    }
    if (origin_ <= 0) { // a scenario file: the scenario's own or a base it extends
      pos.line = mark.line + 1;
      pos.column = mark.column + 1;
    } else {
      // An override is one line of text: its number is the "line", the column counts within it.
      pos.line = origin_;
      pos.column = (mark.line == 0 ? column_offset_ : 0) + mark.column + 1;
    }
    return pos;
  }

private:
  int origin_;
  int column_offset_;
};

/// Builds a TreeNode straight from yaml-cpp's parser events. Going through YAML::Node would
/// be simpler, but YAML::LoadAll loops forever on some inputs (a stray ',' at the start), and
/// aliases there share nodes, which an override must not edit twice. Here an alias is a copy,
/// under a budget of nodes and depth.
class TreeEvents : public YAML::EventHandler {
public:
  TreeEvents(DiagnosticLog& log, const Placer& place, std::string base_path)
      : log_(log), place_(place), base_path_(std::move(base_path)) {}

  std::optional<TreeNode>& root() { return root_; }

  void OnDocumentStart(const YAML::Mark&) override {}
  void OnDocumentEnd() override {}

  void OnNull(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    TreeNode node;
    node.pos = place_(mark);
    complete(std::move(node), anchor, 0, 1);
  }

  void OnScalar(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                const std::string& value) override {
    TreeNode node;
    node.kind = TreeNode::Kind::scalar;
    node.scalar = value;
    node.pos = place_(mark);
    complete(std::move(node), anchor, 0, 1);
  }

  void OnAlias(const YAML::Mark& mark, YAML::anchor_t anchor) override {
    const auto it = anchors_.find(anchor);
    if (it == anchors_.end())
      fail(place_(mark), current_path(), "an alias to an anchored node defined before it",
           "an alias inside its own anchor");
    const Anchored& stored = it->second;
    if (stack_.size() + stored.height > TreeLimits::max_depth)
      fail(place_(mark), current_path(), depth_expected(), "deeper nesting (aliases expanded)");
    TreeNode copy = stored.node;
    copy.pos = place_(mark);
    complete(std::move(copy), YAML::NullAnchor, stored.height, stored.nodes);
  }

  void OnSequenceStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                       YAML::EmitterStyle::value) override {
    open(mark, anchor, TreeNode::Kind::sequence);
  }
  void OnSequenceEnd() override { close(); }

  void OnMapStart(const YAML::Mark& mark, const std::string&, YAML::anchor_t anchor,
                  YAML::EmitterStyle::value) override {
    open(mark, anchor, TreeNode::Kind::map);
  }
  void OnMapEnd() override { close(); }

private:
  struct Frame {
    TreeNode node;
    YAML::anchor_t anchor = YAML::NullAnchor;
    std::string path;
    std::size_t height = 1; // a collection is one level above its deepest element
    std::size_t nodes = 1;
    bool have_key = false;
    TreeEntry pending; // a map's key waiting for its value
  };
  struct Anchored {
    TreeNode node;
    std::size_t height;
    std::size_t nodes;
  };

  static std::string depth_expected() {
    return "YAML nested at most " + std::to_string(TreeLimits::max_depth) + " levels deep";
  }

  [[noreturn]] void fail(const SourcePos& pos, const std::string& path, std::string expected,
                         std::string found) {
    log_.add(pos, path, std::move(expected), std::move(found));
    throw StopParsing{};
  }

  /// The key path of the value that comes next.
  std::string current_path() const {
    if (stack_.empty())
      return base_path_;
    const Frame& top = stack_.back();
    if (top.node.kind == TreeNode::Kind::sequence)
      return top.path + "[" + std::to_string(top.node.items.size()) + "]";
    if (top.have_key)
      return top.path.empty() ? top.pending.key : top.path + "." + top.pending.key;
    return top.path;
  }

  void open(const YAML::Mark& mark, YAML::anchor_t anchor, TreeNode::Kind kind) {
    if (stack_.size() + 1 > TreeLimits::max_depth)
      fail(place_(mark), current_path(), depth_expected(), "deeper nesting");
    Frame frame;
    frame.path = current_path();
    frame.node.kind = kind;
    frame.node.pos = place_(mark);
    frame.anchor = anchor;
    stack_.push_back(std::move(frame));
  }

  void close() {
    Frame frame = std::move(stack_.back());
    stack_.pop_back();
    complete(std::move(frame.node), frame.anchor, frame.height, frame.nodes);
  }

  void complete(TreeNode node, YAML::anchor_t anchor, std::size_t height, std::size_t nodes) {
    nodes_ += nodes;
    if (nodes_ > TreeLimits::max_nodes)
      fail(node.pos, current_path(),
           "at most " + std::to_string(TreeLimits::max_nodes) + " YAML nodes (aliases expanded)", "more");
    if (anchor != YAML::NullAnchor)
      anchors_[anchor] = Anchored{node, height, nodes};
    if (stack_.empty()) {
      root_ = std::move(node);
      return;
    }
    Frame& top = stack_.back();
    top.height = std::max(top.height, height + 1);
    top.nodes += nodes;
    if (top.node.kind == TreeNode::Kind::sequence) {
      top.node.items.push_back(std::move(node));
    } else if (!top.have_key) {
      // Complex keys (`? [a, b]`) and empty keys have no place in a scenario.
      if (node.kind != TreeNode::Kind::scalar)
        fail(node.pos, top.path, "a key name", describe(node) + " as a key");
      top.pending = TreeEntry{};
      top.pending.key = std::move(node.scalar);
      top.pending.key_pos = node.pos;
      top.have_key = true;
    } else {
      top.pending.value = std::move(node);
      top.node.entries.push_back(std::move(top.pending));
      top.have_key = false;
    }
  }

  DiagnosticLog& log_;
  const Placer& place_;
  std::string base_path_;
  std::vector<Frame> stack_;
  std::map<YAML::anchor_t, Anchored> anchors_;
  std::optional<TreeNode> root_;
  std::size_t nodes_ = 0;
};

/// Stops at the start of a second document; only its position matters.
class SecondDocument : public YAML::EventHandler {
public:
  std::optional<YAML::Mark> start;

  void OnDocumentStart(const YAML::Mark& mark) override {
    start = mark;
    throw StopParsing{};
  }
  void OnDocumentEnd() override {}
  void OnNull(const YAML::Mark&, YAML::anchor_t) override {}
  void OnAlias(const YAML::Mark&, YAML::anchor_t) override {}
  void OnScalar(const YAML::Mark&, const std::string&, YAML::anchor_t, const std::string&) override {}
  void OnSequenceStart(const YAML::Mark&, const std::string&, YAML::anchor_t,
                       YAML::EmitterStyle::value) override {}
  void OnSequenceEnd() override {}
  void OnMapStart(const YAML::Mark&, const std::string&, YAML::anchor_t, YAML::EmitterStyle::value) override {
  }
  void OnMapEnd() override {}
};

} // namespace

std::optional<TreeNode> parse_yaml_tree(std::string_view text, DiagnosticLog& log, int origin,
                                        int column_offset, const std::string& key_path) {
  const Placer place(origin, column_offset);
  if (text.size() > TreeLimits::max_text_bytes) {
    log.add(place(YAML::Mark::null_mark()), key_path,
            "at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes of YAML",
            std::to_string(text.size()) + " bytes");
    return std::nullopt;
  }
  // yaml-cpp parses nested collections recursively: refuse deep nesting before it sees it.
  if (auto deep = find_excess_nesting(text, TreeLimits::max_depth)) {
    YAML::Mark mark;
    mark.line = deep->line - 1;
    mark.column = deep->column - 1;
    log.add(place(mark), key_path,
            "YAML nested at most " + std::to_string(TreeLimits::max_depth) + " levels deep",
            "deeper nesting");
    return std::nullopt;
  }
  std::istringstream in{std::string(text)};
  try {
    YAML::Parser parser(in);
    TreeEvents events(log, place, key_path);
    if (!parser.HandleNextDocument(events) || !events.root()) {
      TreeNode empty;
      empty.pos = place(YAML::Mark());
      return empty;
    }
    SecondDocument second;
    try {
      parser.HandleNextDocument(second);
    } catch (const StopParsing&) {
    }
    if (second.start) {
      // A '---' or '...' starts another document; anything else is text the parser skipped
      // over without reading it (a stray ',' for instance).
      const std::size_t at = static_cast<std::size_t>(std::max(second.start->pos, 0));
      const std::string_view rest = at < text.size() ? text.substr(at) : std::string_view();
      if (rest.substr(0, 3) == "---" || rest.substr(0, 3) == "...")
        log.add(place(*second.start), key_path, "one YAML document", "a second one");
      else
        log.add(place(*second.start), key_path, "well-formed YAML",
                rest.empty() ? std::string("text the parser cannot read")
                             : "a stray " + quote(rest.substr(0, 1)));
      return std::nullopt;
    }
    return std::move(events.root());
  } catch (const StopParsing&) {
    return std::nullopt;
  } catch (const YAML::Exception& e) {
    log.add(place(e.mark), key_path, "well-formed YAML", "a syntax error: " + e.msg);
    return std::nullopt;
  } catch (const std::exception& e) {
    log.add(place(YAML::Mark::null_mark()), key_path, "well-formed YAML",
            std::string("a problem: ") + e.what());
    return std::nullopt;
  }
}

namespace {
void emit_node(YAML::Emitter& out, const TreeNode& node, bool flow = false) {
  switch (node.kind) {
  case TreeNode::Kind::null:
    out << YAML::Null;
    break;
  case TreeNode::Kind::scalar:
    out << node.scalar;
    break;
  case TreeNode::Kind::sequence:
    if (flow)
      out << YAML::Flow;
    out << YAML::BeginSeq;
    for (const auto& item : node.items)
      emit_node(out, item, flow);
    out << YAML::EndSeq;
    break;
  case TreeNode::Kind::map:
    if (flow)
      out << YAML::Flow;
    out << YAML::BeginMap;
    for (const auto& e : node.entries) {
      out << YAML::Key << e.key << YAML::Value;
      emit_node(out, e.value, flow);
    }
    out << YAML::EndMap;
    break;
  }
}

std::string emit_with(const TreeNode& root, bool escape_non_ascii, bool flow) {
  YAML::Emitter out;
  if (escape_non_ascii)
    out.SetOutputCharset(YAML::EscapeNonAscii);
  emit_node(out, root, flow);
  if (!out.good())
    return {};
  return flow ? std::string(out.c_str()) : std::string(out.c_str()) + "\n";
}
} // namespace

std::string emit_yaml(const TreeNode& root) {
  try {
    std::string text = emit_with(root, false, false);
    // Text that is not valid UTF-8 makes the emitter give up; escaping keeps the content.
    if (text.empty())
      text = emit_with(root, true, false);
    return text;
  } catch (const std::exception&) {
    return {};
  }
}

std::string emit_flow_yaml(const TreeNode& node) {
  try {
    std::string text = emit_with(node, false, true);
    if (text.empty())
      text = emit_with(node, true, true);
    // A long value may be folded over lines; one line is what an override holds.
    for (char& c : text)
      if (c == '\n')
        c = ' ';
    return text;
  } catch (const std::exception&) {
    return {};
  }
}

std::string read_yaml_file(const std::string& path, const std::string& what) {
  DiagnosticLog log(path);
  BoundedText file = read_bounded(path, TreeLimits::max_text_bytes, false);
  if (!file.error.empty())
    log.add(SourcePos{}, "", "a readable " + what, "nothing readable (" + file.error + ")");
  else if (file.too_large)
    log.add(SourcePos{}, "",
            "a " + what + " of at most " + std::to_string(TreeLimits::max_text_bytes) + " bytes", "more");
  if (!log.empty())
    log.throw_error();
  return std::move(file.text);
}

bool yaml_map_has_key(const std::string& path, std::string_view key) {
  const BoundedText file = read_bounded(path, TreeLimits::max_text_bytes, false);
  if (!file.error.empty() || file.too_large)
    return false;
  DiagnosticLog log(path);
  const auto root = parse_yaml_tree(file.text, log);
  return root && root->kind == TreeNode::Kind::map && root->find(key) != nullptr;
}

} // namespace gigatwin::scenario
