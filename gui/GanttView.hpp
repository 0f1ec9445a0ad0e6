#pragma once
// GanttView: a Gantt chart of machine states — one row per machine of a station group, a bar
// per span in the colour of its state (the floor's colours), over a window of simulated time
// with round ticks in hours or days, and a legend. Drawn with QPainter from MachineStates.

#include "MachineStates.hpp"

#include <QWidget>

#include <optional>

namespace gigatwin::gui {

class GanttView : public QWidget {
  Q_OBJECT
public:
  explicit GanttView(QWidget* parent = nullptr);
  /// Shows `states` (nullopt: `note` instead, e.g. why there is nothing to show).
  void set_states(std::optional<MachineStates> states, const QString& note = {});
  const std::optional<MachineStates>& states() const { return states_; }
  void draw(QPainter& painter, const QRectF& rect) const;
  QSize sizeHint() const override { return {800, 420}; }

protected:
  void paintEvent(QPaintEvent* event) override;

private:
  std::optional<MachineStates> states_;
  QString note_;
};

} // namespace gigatwin::gui
