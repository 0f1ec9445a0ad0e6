#pragma once
// ScenarioEditor: the whole scenario as a tree the planner edits — station groups (machines,
// process time, setups, failures, power, automation modes, ...), routing steps, products and their
// bills of materials, worker pools, calendars, labour law, outages — every key the schema knows.
// A value is typed as YAML, exactly as after `--set key=`: `16`, `45s`,
// `{dist: gamma, mean: 50s, cv: 0.5}`. Buttons add a station group (with its routing step) or a
// step, add any key the schema allows where it is missing, duplicate, remove and reorder items.
// Renaming a station group or a calendar renames every reference to it.
//
// The editor never changes the scenario itself: it says what the scenario would become
// (`edited`), and the window makes that an undoable change, validates it with the loader the CLI
// uses and shows the result back with the problems at their keys (red, with the message).

#include "scenario/Diagnostic.hpp"
#include "scenario/YamlTree.hpp"

#include <QSet>
#include <QWidget>

#include <vector>

class QLabel;
class QListWidget;
class QPushButton;
class QToolButton;
class QTreeWidget;
class QTreeWidgetItem;

namespace gigatwin::gui {

class ScenarioEditor : public QWidget {
  Q_OBJECT
public:
  explicit ScenarioEditor(QWidget* parent = nullptr);

  /// Shows the scenario as edited and the loader's problems with it (none: valid). Keeps what
  /// was expanded and selected.
  void show_document(const scenario::TreeNode& document, const std::vector<scenario::Diagnostic>& problems);
  const scenario::TreeNode& document() const { return document_; }

  // What the buttons and the value column do; each emits `edited` (or says why not in the
  // message line). Paths are key paths (`station_groups[1].machines`).
  /// Replaces the value at `path` with `yaml` (a scalar, or a flow map or sequence).
  void set_value(const QString& path, const QString& yaml);
  void add_station_group();
  /// A routing step at the end, at the selected station group if one is selected.
  void add_routing_step();
  /// Adds `key` to the map at `map_path` with a starting value that fits the schema.
  void add_key(const QString& map_path, const QString& key);
  /// Adds an item to the sequence at `sequence_path`: a copy of its last item (renamed in a
  /// named list), or an empty one.
  void add_item(const QString& sequence_path);
  void duplicate(const QString& item_path);
  void remove(const QString& path);
  /// Moves a sequence's item `delta` places (-1: up).
  void move(const QString& item_path, int delta);

  // For tests and the window.
  QTreeWidget* tree() const { return tree_; }
  QTreeWidgetItem* item_at(const QString& path) const;
  /// The item at `path`, or at the deepest key above it that the tree shows.
  QTreeWidgetItem* nearest_item(QString path) const;
  void select(const QString& path);
  QString selected_path() const;
  /// The problems as listed above the tree, one per line.
  QStringList problems() const;
  /// The keys `add_key` offers at `map_path`: the schema's keys the map does not have yet.
  QStringList missing_keys(const QString& map_path) const;
  QString message() const;

signals:
  /// What the scenario would become, and the change in words ("winding.machines: 12 → 16").
  void edited(const scenario::TreeNode& document, const QString& description);

private:
  void add_node(QTreeWidgetItem* parent, const QString& label, const scenario::TreeNode& node,
                const QString& path);
  void propose(scenario::TreeNode document, const QString& description);
  void refuse(const QString& why);
  void update_buttons();
  void fill_add_menu();
  /// A path as a person reads it: `winding.process_time` for `station_groups[3].process_time`.
  QString readable(const QString& path) const;

  scenario::TreeNode document_;
  std::vector<scenario::Diagnostic> problems_shown_;
  QTreeWidget* tree_ = nullptr;
  QListWidget* problems_ = nullptr;
  QLabel* message_ = nullptr;
  QPushButton* add_group_ = nullptr;
  QPushButton* add_step_ = nullptr;
  QToolButton* add_ = nullptr;
  QPushButton* duplicate_ = nullptr;
  QPushButton* remove_ = nullptr;
  QPushButton* up_ = nullptr;
  QPushButton* down_ = nullptr;
  QSet<QString> expanded_;
  bool filling_ = false; ///< the tree is being rebuilt: its item changes are not the user's
};

} // namespace gigatwin::gui
