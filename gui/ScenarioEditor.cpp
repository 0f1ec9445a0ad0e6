#include "ScenarioEditor.hpp"

#include "scenario/ScenarioEdits.hpp"
#include "scenario/SchemaKeys.hpp"

#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QListWidget>
#include <QMenu>
#include <QPushButton>
#include <QRegularExpression>
#include <QScrollBar>
#include <QToolButton>
#include <QTreeWidget>
#include <QVBoxLayout>

#include <functional>

namespace gigatwin::gui {

using scenario::TreeNode;
namespace schema = scenario::schema;

namespace {

constexpr int path_role = Qt::UserRole;

std::string str(const QString& s) {
  return s.toStdString();
}

QString qstr(const std::string& s) {
  return QString::fromStdString(s);
}

/// "routing.steps[3]" -> ("routing.steps", 3); false for a path that is not a sequence's item.
bool split_item(const QString& path, QString& sequence, int& index) {
  static const QRegularExpression item(QStringLiteral("^(.+)\\[(\\d+)\\]$"));
  const auto m = item.match(path);
  if (!m.hasMatch())
    return false;
  sequence = m.captured(1);
  index = m.captured(2).toInt();
  return true;
}

/// "a.b[1].c" -> ("a.b[1]", "c"); false for a path that does not end in a key.
bool split_key(const QString& path, QString& map, QString& key) {
  static const QRegularExpression entry(QStringLiteral("^(?:(.*)\\.)?([^.\\[\\]]+)$"));
  const auto m = entry.match(path);
  if (!m.hasMatch())
    return false;
  map = m.captured(1);
  key = m.captured(2);
  return true;
}

QString join(const QString& path, const QString& key) {
  return path.isEmpty() ? key : path + "." + key;
}

/// The schema's shape at a key path (nullptr where the schema does not say).
const schema::Shape* shape_at(const QString& path) {
  const schema::Shape* shape = &schema::scenario_shape();
  static const QRegularExpression token(QStringLiteral("([^.\\[\\]]+)|\\[(\\d+)\\]"));
  auto it = token.globalMatch(path);
  while (it.hasNext() && shape) {
    const auto m = it.next();
    if (!m.captured(1).isEmpty())
      shape = shape->kind == schema::Shape::Kind::map ? shape->key(str(m.captured(1))) : nullptr;
    else
      shape = shape->kind == schema::Shape::Kind::sequence ? shape->element : nullptr;
  }
  return shape;
}

/// A value to start from for a new key or item of this shape: valid where the schema allows,
/// a hint of the form where it cannot be (a name, a group to name).
TreeNode starting_value(const schema::Shape* shape) {
  TreeNode n;
  if (!shape)
    return scenario::scalar_node("");
  if (shape->kind == schema::Shape::Kind::sequence) {
    n.kind = TreeNode::Kind::sequence;
    return n;
  }
  const std::string& what = shape->what;
  if (what == "a distribution")
    return scenario::scalar_node("1min");
  if (shape->kind == schema::Shape::Kind::map && what != "a power" && what != "a minimum wage" &&
      what != "a reject rule") {
    n.kind = TreeNode::Kind::map;
    return n;
  }
  static const std::vector<std::pair<std::string, std::string>> starts = {
      {"a duration", "1h"}, {"a rate", "1/h"},           {"an integer", "1"},
      {"a number", "0"},    {"true or false", "true"},   {"an integer or 'unlimited'", "unlimited"},
      {"a wage", "10/h"},   {"an amount of money", "0"}, {"money per time", "0/y"},
      {"a power", "1kW"},   {"a minimum wage", "10/h"},  {"a reject rule", "scrap"}};
  for (const auto& [w, text] : starts)
    if (w == what)
      return scenario::scalar_node(text);
  return scenario::scalar_node("");
}

/// The name of a named item, or "".
QString name_of(const TreeNode& node) {
  const TreeNode* name = node.kind == TreeNode::Kind::map ? node.find("name") : nullptr;
  return name && name->kind == TreeNode::Kind::scalar ? qstr(name->scalar) : QString();
}

QString flow(const TreeNode& node) {
  return node.kind == TreeNode::Kind::null ? QString() : qstr(scenario::emit_flow_yaml(node));
}

} // namespace

ScenarioEditor::ScenarioEditor(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  message_ = new QLabel("Open a scenario to edit it.");
  message_->setWordWrap(true);
  layout->addWidget(message_);
  problems_ = new QListWidget;
  problems_->setWordWrap(true);
  problems_->setToolTip("The loader's problems with the scenario as edited: click one to go to its key");
  problems_->hide();
  layout->addWidget(problems_);

  // Two rows of buttons: they stay readable in a narrow panel.
  auto* row1 = new QHBoxLayout;
  auto* row2 = new QHBoxLayout;
  add_group_ = new QPushButton("+ Station group");
  add_group_->setToolTip(
      "A new station group (1 machine, 1 min a lot) and a routing step at it, at the end of the line");
  add_step_ = new QPushButton("+ Step");
  add_step_->setToolTip("A routing step at the end of the line, at the selected station group");
  add_ = new QToolButton;
  add_->setText("+ Key");
  add_->setPopupMode(QToolButton::InstantPopup);
  add_->setMenu(new QMenu(add_));
  add_->setToolTip("Add a key the schema allows here (or an item to the selected list)");
  duplicate_ = new QPushButton("Duplicate");
  remove_ = new QPushButton("Remove");
  up_ = new QPushButton("↑");
  up_->setToolTip("Move the selected item up");
  down_ = new QPushButton("↓");
  down_->setToolTip("Move the selected item down");
  for (QWidget* w :
       {static_cast<QWidget*>(add_group_), static_cast<QWidget*>(add_step_), static_cast<QWidget*>(add_)})
    row1->addWidget(w);
  row1->addStretch();
  for (QWidget* w : {duplicate_, remove_, up_, down_})
    row2->addWidget(w);
  row2->addStretch();
  layout->addLayout(row1);
  layout->addLayout(row2);

  tree_ = new QTreeWidget;
  tree_->setColumnCount(2);
  tree_->setHeaderLabels({"key", "value"});
  tree_->headerItem()->setToolTip(1, "YAML, as after --set key=: 16, 45s, {dist: gamma, mean: 50s, cv: 0.5}");
  tree_->header()->setSectionResizeMode(0, QHeaderView::Interactive);
  tree_->header()->resizeSection(0, 190);
  tree_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  tree_->setUniformRowHeights(true);
  layout->addWidget(tree_, 1);

  connect(add_group_, &QPushButton::clicked, this, &ScenarioEditor::add_station_group);
  connect(add_step_, &QPushButton::clicked, this, &ScenarioEditor::add_routing_step);
  connect(duplicate_, &QPushButton::clicked, this, [this] { duplicate(selected_path()); });
  connect(remove_, &QPushButton::clicked, this, [this] { remove(selected_path()); });
  connect(up_, &QPushButton::clicked, this, [this] { move(selected_path(), -1); });
  connect(down_, &QPushButton::clicked, this, [this] { move(selected_path(), +1); });
  connect(add_->menu(), &QMenu::aboutToShow, this, &ScenarioEditor::fill_add_menu);
  connect(tree_, &QTreeWidget::currentItemChanged, this, [this] { update_buttons(); });
  // Only the value column is edited (double click, or Enter on a row).
  connect(tree_, &QTreeWidget::itemActivated, this,
          [this](QTreeWidgetItem* item) { tree_->editItem(item, 1); });
  connect(tree_, &QTreeWidget::itemChanged, this, [this](QTreeWidgetItem* item, int column) {
    if (!filling_ && column == 1)
      set_value(item->data(0, path_role).toString(), item->text(1));
  });
  connect(tree_, &QTreeWidget::itemExpanded, this,
          [this](QTreeWidgetItem* item) { expanded_.insert(item->data(0, path_role).toString()); });
  connect(tree_, &QTreeWidget::itemCollapsed, this,
          [this](QTreeWidgetItem* item) { expanded_.remove(item->data(0, path_role).toString()); });
  connect(problems_, &QListWidget::itemClicked, this,
          [this](QListWidgetItem* item) { select(item->data(path_role).toString()); });
  update_buttons();
}

void ScenarioEditor::show_document(const TreeNode& document,
                                   const std::vector<scenario::Diagnostic>& problems) {
  const QString selected = selected_path();
  const int scrolled = tree_->verticalScrollBar()->value();
  document_ = document;
  problems_shown_ = problems;
  filling_ = true;
  tree_->clear();
  if (document_.kind == TreeNode::Kind::map)
    for (const auto& e : document_.entries)
      add_node(nullptr, qstr(e.key), e.value, qstr(e.key));
  // Each problem at the deepest key that exists, with its message; the rows above it marked,
  // so that a collapsed section shows there is something wrong inside.
  problems_->clear();
  for (const auto& d : problems) {
    QString path = qstr(d.key_path);
    QString text = (path.isEmpty() ? QString() : readable(path) + ": ") + "expected " + qstr(d.expected) +
                   (d.found.empty() ? QString() : ", found " + qstr(d.found)) +
                   (d.hint.empty() ? QString() : " (" + qstr(d.hint) + ")");
    if (d.file != "--set" && d.line > 0) // a position in the file itself is worth saying
      text = QString("%1:%2: ").arg(qstr(d.file)).arg(d.line) + text;
    auto* row = new QListWidgetItem(text);
    row->setData(path_role, path);
    problems_->addItem(row);
    QTreeWidgetItem* item = nearest_item(path);
    if (!item)
      continue;
    for (int c = 0; c < 2; ++c) {
      item->setForeground(c, QColor(0xb0, 0x00, 0x20));
      item->setToolTip(c, text);
    }
    for (QTreeWidgetItem* p = item->parent(); p; p = p->parent())
      p->setForeground(0, QColor(0xb0, 0x00, 0x20));
  }
  problems_->setVisible(!problems.empty());
  // As high as its rows, up to four: the tree keeps the room.
  if (!problems.empty()) {
    int rows = 0;
    for (int i = 0; i < std::min(problems_->count(), 4); ++i)
      rows += std::max(problems_->sizeHintForRow(i), fontMetrics().height());
    problems_->setFixedHeight(rows + 2 * problems_->frameWidth() + 4);
  }
  filling_ = false;
  const TreeNode* groups = document_.find("station_groups");
  const TreeNode* steps = scenario::node_at(document_, "routing.steps");
  message_->setText(
      problems.empty()
          ? QString("Valid: %1 station group(s), %2 routing step(s). Double-click a value to edit it.")
                .arg(groups ? groups->items.size() : 0)
                .arg(steps ? steps->items.size() : 0)
          : QString("%1 problem(s): the scenario runs once they are fixed (or the change is undone).")
                .arg(problems.size()));
  message_->setStyleSheet(problems.empty() ? "" : "QLabel { color: #b00020; }");
  if (QTreeWidgetItem* item = item_at(selected))
    tree_->setCurrentItem(item);
  tree_->verticalScrollBar()->setValue(scrolled);
  update_buttons();
}

void ScenarioEditor::add_node(QTreeWidgetItem* parent, const QString& label, const TreeNode& node,
                              const QString& path) {
  auto* item = parent ? new QTreeWidgetItem(parent) : new QTreeWidgetItem(tree_);
  item->setText(0, label);
  item->setData(0, path_role, path);
  item->setText(1, flow(node));
  item->setFlags(item->flags() | Qt::ItemIsEditable);
  const schema::Shape* shape = shape_at(path);
  item->setToolTip(0, path + (shape ? " — " + qstr(shape->what) : QString(" — not a key the schema knows")));
  if (node.kind != TreeNode::Kind::scalar && node.kind != TreeNode::Kind::null)
    item->setForeground(1, palette().color(QPalette::Disabled, QPalette::Text));
  if (node.kind == TreeNode::Kind::map) {
    for (const auto& e : node.entries)
      add_node(item, qstr(e.key), e.value, join(path, qstr(e.key)));
  } else if (node.kind == TreeNode::Kind::sequence) {
    for (std::size_t i = 0; i < node.items.size(); ++i) {
      const TreeNode& child = node.items[i];
      QString child_label = name_of(child);
      if (const TreeNode* g = child.kind == TreeNode::Kind::map ? child.find("station_group") : nullptr)
        child_label = QString("step %1: %2").arg(i + 1).arg(qstr(g->scalar));
      if (child_label.isEmpty())
        child_label = QString("[%1]").arg(i);
      add_node(item, child_label, child, QString("%1[%2]").arg(path).arg(i));
    }
  }
  item->setExpanded(expanded_.contains(path));
}

QTreeWidgetItem* ScenarioEditor::item_at(const QString& path) const {
  if (path.isEmpty())
    return nullptr;
  std::function<QTreeWidgetItem*(QTreeWidgetItem*)> find = [&](QTreeWidgetItem* item) -> QTreeWidgetItem* {
    const QString p = item->data(0, path_role).toString();
    if (p == path)
      return item;
    if (!path.startsWith(p))
      return nullptr;
    for (int i = 0; i < item->childCount(); ++i)
      if (QTreeWidgetItem* found = find(item->child(i)))
        return found;
    return nullptr;
  };
  for (int i = 0; i < tree_->topLevelItemCount(); ++i)
    if (QTreeWidgetItem* found = find(tree_->topLevelItem(i)))
      return found;
  return nullptr;
}

QTreeWidgetItem* ScenarioEditor::nearest_item(QString path) const {
  QTreeWidgetItem* item = nullptr;
  while (!(item = item_at(path)) && !path.isEmpty()) {
    QString up, key;
    int index = 0;
    if (split_item(path, up, index) || split_key(path, up, key))
      path = up;
    else
      path.clear();
  }
  return item;
}

void ScenarioEditor::select(const QString& path) {
  QTreeWidgetItem* item = nearest_item(path);
  if (!item)
    return;
  for (QTreeWidgetItem* p = item->parent(); p; p = p->parent())
    p->setExpanded(true);
  tree_->setCurrentItem(item);
  tree_->scrollToItem(item);
}

QString ScenarioEditor::selected_path() const {
  const QTreeWidgetItem* item = tree_->currentItem();
  return item ? item->data(0, path_role).toString() : QString();
}

QStringList ScenarioEditor::problems() const {
  QStringList out;
  for (int i = 0; i < problems_->count(); ++i)
    out << problems_->item(i)->text();
  return out;
}

QString ScenarioEditor::message() const {
  return message_->text();
}

QStringList ScenarioEditor::missing_keys(const QString& map_path) const {
  const TreeNode* node = map_path.isEmpty() ? &document_ : scenario::node_at(document_, str(map_path));
  const schema::Shape* shape = shape_at(map_path);
  QStringList out;
  if (!node || !shape || shape->kind != schema::Shape::Kind::map ||
      (node->kind != TreeNode::Kind::map && node->kind != TreeNode::Kind::null))
    return out;
  for (const auto& key : shape->key_names())
    if (node->kind == TreeNode::Kind::null || !node->find(key))
      out << qstr(key);
  return out;
}

QString ScenarioEditor::readable(const QString& path) const {
  // The first named item on the path gives its name: "winding.process_time".
  static const QRegularExpression named(
      QStringLiteral("^(station_groups|worker_pools|calendars|products)\\[(\\d+)\\]"));
  static const QRegularExpression step(QStringLiteral("^routing\\.steps\\[(\\d+)\\]"));
  QString out = path;
  if (const auto m = named.match(path); m.hasMatch()) {
    const TreeNode* item = scenario::node_at(document_, str(m.captured(0)));
    if (const QString name = item ? name_of(*item) : QString(); !name.isEmpty())
      out = name + path.mid(m.capturedLength());
  } else if (const auto s = step.match(path); s.hasMatch()) {
    out = QString("routing step %1").arg(s.captured(1).toInt() + 1) + path.mid(s.capturedLength());
  }
  return out;
}

void ScenarioEditor::propose(TreeNode document, const QString& description) {
  message_->setStyleSheet("");
  emit edited(document, description);
}

void ScenarioEditor::refuse(const QString& why) {
  message_->setText(why);
  message_->setStyleSheet("QLabel { color: #b00020; }");
  // The tree may show the refused text: put the document back.
  const QString keep = message_->text();
  show_document(document_, problems_shown_);
  message_->setText(keep);
  message_->setStyleSheet("QLabel { color: #b00020; }");
}

void ScenarioEditor::set_value(const QString& path, const QString& yaml) {
  TreeNode doc = document_;
  TreeNode* node = scenario::node_at(doc, str(path));
  QString map_path, key;
  const bool defaulted = !node;
  if (!node && split_key(path, map_path, key) && missing_keys(map_path).contains(key)) {
    // A key the file leaves to its default (weld's `machines`): written from now on.
    TreeNode* map = map_path.isEmpty() ? &doc : scenario::node_at(doc, str(map_path));
    scenario::set_entry(*map, str(key), TreeNode{});
    node = scenario::node_at(doc, str(path));
  }
  if (!node || path.isEmpty())
    return refuse("There is no " + path + " in the scenario.");
  scenario::DiagnosticLog log(str(readable(path)));
  auto value = scenario::parse_yaml_tree(str(yaml.trimmed()), log);
  if (!value) {
    const auto d = log.sorted();
    return refuse(readable(path) + ": not a YAML value" +
                  (d.empty() ? QString() : " (" + qstr(d.front().found) + ")") + ". The value is unchanged.");
  }
  if (scenario::same_tree(*node, *value)) {
    show_document(document_, problems_shown_);
    return;
  }
  const QString before = flow(*node), after = flow(*value);
  // A station group's or calendar's new name: what refers to it follows.
  static const QRegularExpression renamed(QStringLiteral("^(station_groups|calendars)\\[\\d+\\]\\.name$"));
  if (const auto m = renamed.match(path);
      m.hasMatch() && node->kind == TreeNode::Kind::scalar && value->kind == TreeNode::Kind::scalar) {
    const bool group = m.captured(1) == "station_groups";
    const std::string from = node->scalar;
    const int changed = group ? scenario::rename_station_group(doc, from, value->scalar)
                              : scenario::rename_calendar(doc, from, value->scalar);
    if (changed > 0)
      return propose(std::move(doc), QString("Rename %1 %2 → %3 (%4 reference(s) follow)")
                                         .arg(group ? "station group" : "calendar", before, after)
                                         .arg(changed - 1));
  }
  *node = std::move(*value);
  propose(std::move(doc), readable(path) + ": " +
                              (defaulted          ? QString("(default)")
                               : before.isEmpty() ? QString("(none)")
                                                  : before) +
                              " → " + (after.isEmpty() ? QString("(none)") : after));
}

void ScenarioEditor::add_station_group() {
  if (document_.kind != TreeNode::Kind::map)
    return refuse("Open a scenario first.");
  TreeNode doc = document_;
  const std::string name = scenario::unused_name(doc, "station_groups", "new_group");
  TreeNode group;
  scenario::set_entry(group, "name", scenario::scalar_node(name));
  scenario::set_entry(group, "machines", scenario::scalar_node("1"));
  scenario::set_entry(group, "process_time", scenario::scalar_node("1min"));
  TreeNode* groups = doc.find("station_groups");
  if (!groups) {
    scenario::set_entry(doc, "station_groups", TreeNode{});
    groups = doc.find("station_groups");
  }
  groups->kind = TreeNode::Kind::sequence;
  groups->items.push_back(group);
  QString also;
  if (TreeNode* steps = scenario::node_at(doc, "routing.steps");
      steps && steps->kind == TreeNode::Kind::sequence) {
    TreeNode step;
    scenario::set_entry(step, "station_group", scenario::scalar_node(name));
    steps->items.push_back(step);
    also = " and its routing step at the end of the line";
  }
  expanded_.insert("station_groups");
  const QString path = QString("station_groups[%1]").arg(groups->items.size() - 1);
  propose(std::move(doc), "Add station group " + qstr(name) + also);
  select(path);
}

void ScenarioEditor::add_routing_step() {
  TreeNode doc = document_;
  TreeNode* steps = scenario::node_at(doc, "routing.steps");
  const TreeNode* groups = doc.find("station_groups");
  if (!steps || steps->kind != TreeNode::Kind::sequence || !groups || groups->items.empty())
    return refuse("A step needs a routing with steps and a station group to go to.");
  QString group = name_of(groups->items.back());
  static const QRegularExpression selected_group(QStringLiteral("^station_groups\\[(\\d+)\\]"));
  if (const auto m = selected_group.match(selected_path()); m.hasMatch()) {
    const auto i = static_cast<std::size_t>(m.captured(1).toInt());
    if (i < groups->items.size())
      group = name_of(groups->items[i]);
  }
  TreeNode step;
  scenario::set_entry(step, "station_group", scenario::scalar_node(str(group)));
  steps->items.push_back(step);
  expanded_.insert("routing");
  expanded_.insert("routing.steps");
  const QString path = QString("routing.steps[%1]").arg(steps->items.size() - 1);
  propose(std::move(doc), QString("Add routing step %1 at %2").arg(steps->items.size()).arg(group));
  select(path);
}

void ScenarioEditor::add_key(const QString& map_path, const QString& key) {
  if (!missing_keys(map_path).contains(key))
    return refuse("'" + key + "' cannot be added to " +
                  (map_path.isEmpty() ? "the scenario" : readable(map_path)) + ".");
  TreeNode doc = document_;
  TreeNode* map = map_path.isEmpty() ? &doc : scenario::node_at(doc, str(map_path));
  const QString path = join(map_path, key);
  scenario::set_entry(*map, str(key), starting_value(shape_at(path)));
  if (!map_path.isEmpty())
    expanded_.insert(map_path);
  propose(std::move(doc), "Add " + readable(path));
  select(path);
}

void ScenarioEditor::add_item(const QString& sequence_path) {
  TreeNode doc = document_;
  TreeNode* seq = scenario::node_at(doc, str(sequence_path));
  if (!seq || (seq->kind != TreeNode::Kind::sequence && seq->kind != TreeNode::Kind::null))
    return refuse(readable(sequence_path) + " is not a list.");
  seq->kind = TreeNode::Kind::sequence;
  TreeNode item;
  if (!seq->items.empty()) {
    item = seq->items.back();
    if (const QString name = name_of(item); !name.isEmpty())
      scenario::set_entry(item, "name",
                          scenario::scalar_node(scenario::unused_name(doc, str(sequence_path), str(name))));
  } else {
    const schema::Shape* shape = shape_at(sequence_path);
    item = starting_value(shape && shape->element ? shape->element : nullptr);
  }
  seq->items.push_back(item);
  expanded_.insert(sequence_path);
  const QString path = QString("%1[%2]").arg(sequence_path).arg(seq->items.size() - 1);
  propose(std::move(doc), "Add an item to " + readable(sequence_path));
  select(path);
}

void ScenarioEditor::duplicate(const QString& item_path) {
  QString seq_path;
  int index = 0;
  TreeNode doc = document_;
  TreeNode* seq = split_item(item_path, seq_path, index) ? scenario::node_at(doc, str(seq_path)) : nullptr;
  if (!seq || index >= static_cast<int>(seq->items.size()))
    return refuse("Select an item of a list to duplicate it.");
  TreeNode copy = seq->items[static_cast<std::size_t>(index)];
  QString what = readable(item_path);
  if (const QString name = name_of(copy); !name.isEmpty()) {
    const std::string fresh = scenario::unused_name(doc, str(seq_path), str(name));
    scenario::set_entry(copy, "name", scenario::scalar_node(fresh));
    what = name + " as " + qstr(fresh);
  }
  seq->items.insert(seq->items.begin() + index + 1, std::move(copy));
  propose(std::move(doc), "Duplicate " + what);
  select(QString("%1[%2]").arg(seq_path).arg(index + 1));
}

void ScenarioEditor::remove(const QString& path) {
  if (path.isEmpty())
    return refuse("Select what to remove.");
  TreeNode doc = document_;
  const QString what = readable(path);
  static const QRegularExpression group(QStringLiteral("^station_groups\\[(\\d+)\\]$"));
  if (group.match(path).hasMatch()) {
    const TreeNode* item = scenario::node_at(doc, str(path));
    const std::string name = item ? str(name_of(*item)) : std::string();
    if (!name.empty()) {
      const int refs = scenario::remove_station_group(doc, name);
      return propose(std::move(doc),
                     QString("Remove station group %1%2")
                         .arg(qstr(name))
                         .arg(refs > 0 ? QString(" and %1 step(s) at it").arg(refs) : QString()));
    }
  }
  if (!scenario::remove_at(doc, str(path)))
    return refuse("There is no " + what + ".");
  propose(std::move(doc), "Remove " + what);
}

void ScenarioEditor::move(const QString& item_path, int delta) {
  QString seq_path;
  int index = 0;
  TreeNode doc = document_;
  TreeNode* seq = split_item(item_path, seq_path, index) ? scenario::node_at(doc, str(seq_path)) : nullptr;
  const int to = index + delta;
  if (!seq || index >= static_cast<int>(seq->items.size()) || to < 0 ||
      to >= static_cast<int>(seq->items.size()))
    return refuse("Select an item that can move that way.");
  std::swap(seq->items[static_cast<std::size_t>(index)], seq->items[static_cast<std::size_t>(to)]);
  const QString what = readable(item_path);
  propose(std::move(doc), QString("Move %1 %2").arg(what, delta < 0 ? "up" : "down"));
  select(QString("%1[%2]").arg(seq_path).arg(to));
}

void ScenarioEditor::update_buttons() {
  const QString path = selected_path();
  QString seq;
  int index = 0;
  const bool item = split_item(path, seq, index);
  const TreeNode* list = item ? scenario::node_at(document_, str(seq)) : nullptr;
  const bool loaded = document_.kind == TreeNode::Kind::map;
  add_group_->setEnabled(loaded);
  add_step_->setEnabled(loaded && scenario::node_at(document_, "routing.steps") != nullptr);
  add_->setEnabled(loaded);
  duplicate_->setEnabled(item);
  remove_->setEnabled(!path.isEmpty());
  up_->setEnabled(item && index > 0);
  down_->setEnabled(item && list && index + 1 < static_cast<int>(list->items.size()));
}

void ScenarioEditor::fill_add_menu() {
  QMenu* menu = add_->menu();
  menu->clear();
  // Where to add: the selected map, the selected list, or the map holding the selected value.
  QString at = selected_path();
  const TreeNode* node = at.isEmpty() ? &document_ : scenario::node_at(document_, str(at));
  if (node && node->kind == TreeNode::Kind::sequence) {
    const QString seq = at;
    menu->addAction("an item to " + readable(seq), this, [this, seq] { add_item(seq); });
    return;
  }
  if (node && node->kind == TreeNode::Kind::scalar) {
    QString up, key;
    at = split_key(at, up, key) ? up : QString();
  }
  const QStringList keys = missing_keys(at);
  if (keys.isEmpty()) {
    menu->addAction("(every key the schema allows here is there)")->setEnabled(false);
    return;
  }
  for (const QString& key : keys) {
    const schema::Shape* shape = shape_at(join(at, key));
    menu->addAction(key + (shape ? " — " + qstr(shape->what) : QString()), this,
                    [this, at, key] { add_key(at, key); });
  }
}

} // namespace gigatwin::gui
