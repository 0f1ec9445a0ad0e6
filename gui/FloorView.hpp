#pragma once
// FloorView: the factory floor — one box per station group, laid out left to right in routing
// order (wrapping into rows), each showing its machines as a bar split by state (busy, setup,
// blocked, starved, down, waiting for an operator, off shift, halted), its input buffer's fill,
// its mode, and a border in the colour of most of its machines' state. A legend explains the
// colours; the wheel zooms, dragging pans; a box's tooltip gives its counts and, after a run,
// its utilisation, blocked, starved and down fractions.

#include "LiveData.hpp"

#include <QColor>
#include <QGraphicsView>
#include <QHash>

class QGraphicsRectItem;
class QGraphicsSimpleTextItem;

namespace gigatwin::gui {

class FloorView : public QGraphicsView {
  Q_OBJECT
public:
  explicit FloorView(QWidget* parent = nullptr);

  /// Lays out the station groups (names in routing order, machines each, buffer capacity or -1).
  void set_layout(const QStringList& groups, const QVector<int>& machines);
  void show_sample(const StationLive& station);
  /// After a run: the station table's fractions for the tooltip.
  void set_summary(const QString& group, const QString& text);

  static QColor state_colour(int state);
  /// The border colour of a group's box now (for tests and the legend).
  QColor border_colour(const QString& group) const;

protected:
  void wheelEvent(QWheelEvent* event) override;

private:
  struct Box {
    QGraphicsRectItem* frame = nullptr;
    std::array<QGraphicsRectItem*, state_count> bars{};
    QGraphicsRectItem* buffer = nullptr;
    QGraphicsSimpleTextItem* caption = nullptr;
    QString live;
    QString summary;
  };
  void add_legend(double y);
  void update_tooltip(Box& box);
  QHash<QString, Box> boxes_;
};

} // namespace gigatwin::gui
