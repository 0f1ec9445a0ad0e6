#pragma once
// LeverPanel: the planner's levers, generated from the scenario — per station group its machines,
// (with several modes) its automation mode (inspection included: manual or robotic/AI vision)
// and the robots per machine of each automated mode; the control tower's outages on or off; per
// worker pool its headcount, wage and shift pattern (one of the scenario's calendars), the
// minimum wage and weekly hour cap; the horizon, seed and replications. Each lever is a scenario key path;
// the panel hands out the levers moved away from the scenario as `--set`-style overrides, and shows one
// message (the validation diagnostics or the rough-cut capacity) above them.

#include "scenario/ScenarioSpec.hpp"

#include <QMap>
#include <QStringList>
#include <QWidget>

#include <vector>

class QFormLayout;
class QLabel;
class QVBoxLayout;

namespace gigatwin::gui {

class LeverPanel : public QWidget {
  Q_OBJECT
public:
  explicit LeverPanel(QWidget* parent = nullptr);

  /// Rebuilds the levers from the scenario as loaded (its values are the baseline).
  void build(const scenario::ScenarioSpec& spec);
  /// Shows the scenario as edited: the levers' values follow it; rows are rebuilt only when
  /// groups or pools came, went or were renamed. The baseline stays the scenario as loaded.
  void refresh(const scenario::ScenarioSpec& spec);
  /// The value a lever had in the scenario as loaded (empty for a lever it did not have).
  QString base_value(const QString& key) const { return base_.value(key); }
  /// `key=value` for every lever not at the scenario's value, in panel order.
  QStringList overrides() const;
  QStringList keys() const { return order_; }
  QString value(const QString& key) const;
  /// The label a lever is shown with ("winding machines"); empty for an unknown key.
  QString label(const QString& key) const;
  /// Moves a lever without recording it as the user's change (undo/redo); emits nothing.
  void set_value(const QString& key, const QString& value);
  QWidget* lever(const QString& key) const { return widgets_.value(key); }
  void set_message(const QString& text, bool error);
  QString message() const;

signals:
  /// The user moved a lever.
  void lever_changed(const QString& key, const QString& old_value, const QString& new_value);

private:
  /// One row of the panel, as the scenario gives it.
  struct Lever {
    enum class Kind { section, spin, choice, check, text };
    Kind kind;
    QString key, label, value, hint;
    QStringList choices;
    int min = 0, max = 0;
  };
  static std::vector<Lever> levers_of(const scenario::ScenarioSpec& spec);
  void build_from(const std::vector<Lever>& levers);
  void add_section(const QString& title);
  void add_spin(const QString& key, const QString& label, int value, int min, int max);
  void add_choice(const QString& key, const QString& label, const QStringList& choices, const QString& value);
  void add_check(const QString& key, const QString& label, bool value, const QString& text);
  void add_text(const QString& key, const QString& label, const QString& value, const QString& hint);
  void user_changed(const QString& key, const QString& value);

  QVBoxLayout* outer_ = nullptr;
  QLabel* message_ = nullptr;
  QWidget* form_host_ = nullptr;
  QFormLayout* form_ = nullptr;
  QStringList order_;
  QMap<QString, QWidget*> widgets_;
  QMap<QString, QString> base_;
  QMap<QString, QString> current_;
  std::vector<Lever> shown_;
};

} // namespace gigatwin::gui
