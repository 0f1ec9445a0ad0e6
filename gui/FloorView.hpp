#pragma once
// FloorView: the factory floor — one box per station group, laid out left to right in routing
// order (wrapping into rows), or where the scenario's floor plan puts it (positions in m, drawn
// to a scale at which no two boxes overlap, with arrows along the routing and a scale bar), each
// showing its machines as a bar split by state (busy, setup,
// blocked, starved, down, waiting for an operator, off shift, halted), its input buffer's fill,
// its mode, the lots on AGVs or conveyors on their way to it (a tag at its left edge), and a
// border in the colour of most of its machines' state. A legend explains the
// colours; the wheel zooms, dragging pans; a box's tooltip gives its counts and, after a run,
// its utilisation, blocked, starved and down fractions.

#include "LiveData.hpp"

#include "scenario/ScenarioSpec.hpp"

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

  /// The scenario's station groups: on its floor plan when it has one, else in routing order.
  void set_plant(const scenario::ScenarioSpec& spec);
  /// Lays out the station groups (names in routing order, machines each) in rows.
  void set_layout(const QStringList& groups, const QVector<int>& machines);
  /// Lays out the main line — the longest chain of `flows` (indices into `groups`, from -> to) —
  /// in rows in its order, and every feeder (a part's steps into an assembly) in rows below,
  /// ending under the assembly it feeds, with an arrow into it.
  void set_routing_layout(const QStringList& groups, const QVector<int>& machines,
                          const QVector<QPair<int, int>>& flows);
  /// Lays them out at `positions_m` (the boxes' centres on the floor plan, in m) with an arrow
  /// for each flow (indices into `groups`, from -> to).
  void set_floor_plan(const QStringList& groups, const QVector<int>& machines,
                      const QVector<QPointF>& positions_m, const QVector<QPair<int, int>>& flows);
  /// A group's box's top-left corner in scene pixels (for tests), or a null point.
  QPointF box_corner(const QString& group) const;
  /// Scene pixels per metre of the floor plan; 0 when laid out in routing order.
  double pixels_per_m() const { return pixels_per_m_; }
  void show_sample(const StationLive& station);
  /// After a run: the station table's fractions for the tooltip.
  void set_summary(const QString& group, const QString& text);
  /// After a run: the bar shows the fractions of machine time in each state over the measured
  /// period (state_names() order), the border the state most of that time was spent in.
  void show_fractions(const QString& group, const std::array<double, state_count>& fractions);
  /// A group's bar segment widths now, in state_names() order (for tests).
  std::array<double, state_count> bar_widths(const QString& group) const;

  /// On a floor plan, lets the user drag groups to new places (signal group_moved on release).
  void set_movable(bool movable);
  /// Drags `group` by `delta` scene pixels as a mouse would, ending the drag (for tests).
  void drag_group(const QString& group, QPointF delta);

  static QColor state_colour(int state);
  /// The lots in transit to a group as its tag shows them (empty: no tag), for tests.
  QString transit_tag(const QString& group) const;
  /// The border colour of a group's box now (for tests and the legend).
  QColor border_colour(const QString& group) const;

signals:
  /// A group was dragged on the floor plan: its box's centre is now at `centre_m` (m, rounded to
  /// 0.1 m).
  void group_moved(const QString& group, QPointF centre_m);

protected:
  void wheelEvent(QWheelEvent* event) override;
  void mouseReleaseEvent(QMouseEvent* event) override;
  void resizeEvent(QResizeEvent* event) override;

private:
  struct Box {
    QGraphicsRectItem* frame = nullptr;
    std::array<QGraphicsRectItem*, state_count> bars{};
    QGraphicsRectItem* buffer = nullptr;
    QGraphicsSimpleTextItem* caption = nullptr;
    QGraphicsRectItem* transit = nullptr; ///< lots on their way in, in the gap before the box
    QGraphicsSimpleTextItem* transit_text = nullptr;
    QString live;
    QString summary;
  };
  void add_legend(double y);
  /// One group's box with its corner at (x, y).
  void add_box(const QString& name, int machines, double x, double y);
  void finish_layout(double legend_y);
  void add_arrow(QPointF from, QPointF to);
  void add_scale_bar(double x, double y);
  double pixels_per_m_ = 0;
  bool movable_ = false;
  bool zoomed_ = false; ///< the user zoomed: a resize keeps the view
  /// Reports every box moved since the layout (its frame's offset), once.
  void report_moves();
  void update_tooltip(Box& box);
  QHash<QString, Box> boxes_;
};

} // namespace gigatwin::gui
