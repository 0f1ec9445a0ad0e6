#include "FloorView.hpp"

#include <QBrush>
#include <QGraphicsRectItem>
#include <QGraphicsScene>
#include <QGraphicsSimpleTextItem>
#include <QPen>
#include <QSet>
#include <QMouseEvent>
#include <QWheelEvent>

#include <QLineF>

#include <algorithm>
#include <functional>
#include <cmath>

namespace gigatwin::gui {

namespace {
constexpr double box_w = 150, box_h = 78, gap = 28, bar_h = 16;
constexpr int per_row = 7;

QColor transit_colour(const QString& transport) {
  if (transport == "agv")
    return QColor(255, 190, 60);
  if (transport == "conveyor")
    return QColor(90, 200, 190);
  return QColor(220, 220, 220);
}
const char* const state_labels[state_count] = {
    "starved", "setup", "busy", "blocked", "down", "waiting for operator", "off shift", "halted"};
} // namespace

QColor FloorView::state_colour(int state) {
  static const QColor colours[state_count] = {
      QColor(200, 200, 200), // idle = starved: grey
      QColor(120, 170, 240), // setup: light blue
      QColor(60, 170, 75),   // busy: green
      QColor(240, 150, 40),  // blocked: orange
      QColor(210, 50, 45),   // down: red
      QColor(235, 210, 60),  // waiting for an operator: yellow
      QColor(110, 90, 160),  // off shift: purple
      QColor(40, 40, 40),    // halted by the control tower: black
  };
  return colours[std::clamp(state, 0, state_count - 1)];
}

FloorView::FloorView(QWidget* parent) : QGraphicsView(parent) {
  setScene(new QGraphicsScene(this));
  setDragMode(QGraphicsView::ScrollHandDrag);
  setRenderHint(QPainter::Antialiasing);
  setTransformationAnchor(QGraphicsView::AnchorUnderMouse);
  setMinimumSize(400, 250);
}

void FloorView::add_box(const QString& name, int machines, double x, double y) {
  Box box;
  box.frame = scene()->addRect(x, y, box_w, box_h, QPen(QColor(160, 160, 160), 3), QBrush(Qt::white));
  box.caption = scene()->addSimpleText(name + "\n" + QString::number(machines) + " machine(s)");
  box.caption->setPos(x + 6, y + 4);
  box.caption->setParentItem(box.frame);
  for (int k = 0; k < state_count; ++k) {
    box.bars[static_cast<std::size_t>(k)] =
        scene()->addRect(x + 6, y + 40, 0, bar_h, Qt::NoPen, QBrush(state_colour(k)));
    box.bars[static_cast<std::size_t>(k)]->setParentItem(box.frame);
  }
  box.buffer = scene()->addRect(x + 6, y + 62, 0, 8, Qt::NoPen, QBrush(QColor(70, 110, 200)));
  box.buffer->setParentItem(box.frame);
  box.transit = scene()->addRect(x - gap + 2, y + box_h / 2 - 9, gap - 4, 18, QPen(QColor(90, 90, 90)), QBrush(transit_colour("")));
  box.transit->setParentItem(box.frame);
  box.transit->setZValue(2); // over the routing's line it sits on
  box.transit->hide();
  box.transit_text = scene()->addSimpleText("");
  box.transit_text->setParentItem(box.transit);
  box.live = name;
  boxes_.insert(name, box);
  update_tooltip(boxes_[name]);
}

void FloorView::finish_layout(double legend_y) {
  add_legend(legend_y);
  setSceneRect(scene()->itemsBoundingRect().adjusted(-10, -10, 10, 10));
  zoomed_ = false;
  fitInView(sceneRect(), Qt::KeepAspectRatio);
}

void FloorView::set_layout(const QStringList& groups, const QVector<int>& machines) {
  scene()->clear();
  boxes_.clear();
  pixels_per_m_ = 0;
  for (qsizetype i = 0; i < groups.size(); ++i) {
    const double x = static_cast<double>(i % per_row) * (box_w + gap);
    const double y = static_cast<double>(i / per_row) * (box_h + gap);
    add_box(groups[i], machines.value(i), x, y);
    if (i + 1 < groups.size() && (i + 1) % per_row != 0) // the flow to the next step
      scene()->addLine(x + box_w, y + box_h / 2, x + box_w + gap, y + box_h / 2, QPen(Qt::darkGray, 2));
  }
  const qsizetype rows = (groups.size() + per_row - 1) / per_row;
  finish_layout(static_cast<double>(rows) * (box_h + gap));
}

void FloorView::set_routing_layout(const QStringList& groups, const QVector<int>& machines,
                                   const QVector<QPair<int, int>>& flows) {
  const int n = static_cast<int>(groups.size());
  QVector<QVector<int>> next(n), previous(n);
  for (const auto& [from, to] : flows)
    if (from >= 0 && to >= 0 && from < n && to < n && from != to) {
      next[from] << to;
      previous[to] << from;
    }
  // Groups on the longest chain from each group to the end (the routing has no cycles; a guard
  // against one all the same).
  QVector<int> longest(n, 0);
  QVector<char> visiting(n, 0);
  std::function<int(int)> chain = [&](int v) {
    if (longest[v] > 0 || visiting[v])
      return std::max(longest[v], 1);
    visiting[v] = 1;
    int best = 0;
    for (int w : next[v])
      best = std::max(best, chain(w));
    visiting[v] = 0;
    return longest[v] = best + 1;
  };
  int start = -1;
  for (int v = 0; v < n; ++v)
    if (previous[v].isEmpty() && (start < 0 || chain(v) > chain(start)))
      start = v;
  if (start < 0) { // no flows to follow
    set_layout(groups, machines);
    return;
  }
  QVector<int> main_line;
  QVector<int> column(n, -1), row(n, -1);
  for (int v = start; v >= 0 && column[v] < 0;) {
    column[v] = static_cast<int>(main_line.size() % per_row);
    row[v] = static_cast<int>(main_line.size() / per_row);
    main_line << v;
    int after = -1;
    for (int w : next[v])
      if (after < 0 || chain(w) > chain(after))
        after = w;
    v = after;
  }
  const int main_rows = static_cast<int>((main_line.size() + per_row - 1) / per_row);
  // Feeders: each in a row below the main line, ending under the group it feeds and running back
  // to the left; a row already taken there pushes it further down.
  QSet<QPair<int, int>> taken;
  for (int v : main_line)
    taken.insert({row[v], column[v]});
  const std::function<void(int, int, int)> place = [&](int v, int r, int c) {
    while (c < 0 || taken.contains({r, c})) {
      if (c < 0)
        c = 0;
      else
        ++r;
    }
    row[v] = r;
    column[v] = c;
    taken.insert({r, c});
    for (int u : previous[v])
      if (row[u] < 0)
        place(u, r, c - 1);
  };
  for (int v : main_line)
    for (int u : previous[v])
      if (row[u] < 0)
        place(u, main_rows, column[v]);
  for (int v = 0; v < n; ++v) // anything the flows do not reach: a row of its own at the bottom
    if (row[v] < 0)
      place(v, main_rows, 0);

  scene()->clear();
  boxes_.clear();
  pixels_per_m_ = 0;
  const auto corner = [&](int v) {
    return QPointF(column[v] * (box_w + gap), row[v] * (box_h + gap));
  };
  for (int v = 0; v < n; ++v)
    add_box(groups[v], machines.value(v), corner(v).x(), corner(v).y());
  for (qsizetype k = 0; k + 1 < main_line.size(); ++k) // the main line: left to right, row by row
    if (row[main_line[k]] == row[main_line[k + 1]]) {
      const QPointF a = corner(main_line[k]);
      scene()->addLine(a.x() + box_w, a.y() + box_h / 2, a.x() + box_w + gap, a.y() + box_h / 2, QPen(Qt::darkGray, 2));
    }
  for (int v = 0; v < n; ++v) // feeders: arrows into what they feed
    if (!main_line.contains(v))
      for (int w : next[v])
        add_arrow(corner(v) + QPointF(box_w / 2, box_h / 2), corner(w) + QPointF(box_w / 2, box_h / 2));
  finish_layout(scene()->itemsBoundingRect().bottom() + gap);
}

void FloorView::set_floor_plan(const QStringList& groups, const QVector<int>& machines,
                               const QVector<QPointF>& positions_m, const QVector<QPair<int, int>>& flows) {
  scene()->clear();
  boxes_.clear();
  // The smallest scale at which no two boxes overlap: a pair needs its x distance to clear a box's
  // width plus a gap, or its y distance a box's height plus a gap. Groups less than a metre
  // apart are left to overlap rather than shrink the rest of the plan out of sight.
  double scale = 0;
  for (qsizetype i = 0; i < positions_m.size(); ++i)
    for (qsizetype j = i + 1; j < positions_m.size(); ++j) {
      const double dx = std::abs(positions_m[i].x() - positions_m[j].x());
      const double dy = std::abs(positions_m[i].y() - positions_m[j].y());
      if (dx == 0 && dy == 0)
        continue;
      const double need =
          std::min(dx > 0 ? (box_w + gap) / dx : HUGE_VAL, dy > 0 ? (box_h + gap) / dy : HUGE_VAL);
      scale = std::max(scale, need);
    }
  pixels_per_m_ = scale > 0 ? std::min(scale, box_w + gap) : 1.0;
  QVector<QPointF> centres;
  for (qsizetype i = 0; i < groups.size(); ++i) {
    const QPointF c = positions_m.value(i) * pixels_per_m_;
    centres << c;
    add_box(groups[i], machines.value(i), c.x() - box_w / 2, c.y() - box_h / 2);
  }
  for (const auto& [from, to] : flows) {
    if (from == to || from < 0 || to < 0 || from >= centres.size() || to >= centres.size())
      continue;
    add_arrow(centres[from], centres[to]);
  }
  const QRectF boxes = scene()->itemsBoundingRect();
  set_movable(movable_);
  add_scale_bar(boxes.left(), boxes.bottom() + 16);
  finish_layout(boxes.bottom() + 44);
}

void FloorView::add_arrow(QPointF from, QPointF to) {
  // From edge to edge of the two boxes, along the line between their centres.
  const QLineF centre_line(from, to);
  const auto clip = [&](QPointF c, double towards) {
    const QPointF d = centre_line.p2() - centre_line.p1();
    const double tx = d.x() != 0 ? (box_w / 2) / std::abs(d.x()) : HUGE_VAL;
    const double ty = d.y() != 0 ? (box_h / 2) / std::abs(d.y()) : HUGE_VAL;
    return c + d * (towards * std::min(tx, ty));
  };
  const QPointF a = clip(from, 1), b = clip(to, -1);
  if (QLineF(from, a).length() + QLineF(b, to).length() >= centre_line.length())
    return; // the boxes touch: no room for an arrow
  const QPen pen(Qt::darkGray, 2);
  const QLineF line(a, b);
  auto* item = scene()->addLine(line, pen);
  item->setZValue(-1);
  for (const double turn : {25.0, -25.0}) // the head: two 10 px strokes back from the tip
    scene()->addLine(QLineF::fromPolar(10, line.angle() + 180 + turn).translated(b), pen)->setZValue(-1);
}

void FloorView::add_scale_bar(double x, double y) {
  // A round length (1, 2 or 5 x 10^k m) about 120 px long.
  const double target_m = 120 / pixels_per_m_;
  const double decade_m = std::pow(10.0, std::floor(std::log10(target_m)));
  double length_m = decade_m;
  for (double f : {2.0, 5.0})
    if (decade_m * f <= target_m)
      length_m = decade_m * f;
  const double px = length_m * pixels_per_m_;
  const QPen pen(Qt::black, 2);
  scene()->addLine(x, y, x + px, y, pen);
  scene()->addLine(x, y - 4, x, y + 4, pen);
  scene()->addLine(x + px, y - 4, x + px, y + 4, pen);
  scene()->addSimpleText(QString("%1 m").arg(length_m))->setPos(x + px + 8, y - 8);
}

void FloorView::set_movable(bool movable) {
  movable_ = movable;
  for (auto& box : boxes_)
    box.frame->setFlag(QGraphicsItem::ItemIsMovable, movable_ && pixels_per_m_ > 0);
}

void FloorView::mouseReleaseEvent(QMouseEvent* event) {
  QGraphicsView::mouseReleaseEvent(event);
  report_moves();
}

void FloorView::drag_group(const QString& group, QPointF delta) {
  const auto it = boxes_.find(group);
  if (it == boxes_.end() || !(it->frame->flags() & QGraphicsItem::ItemIsMovable))
    return;
  it->frame->moveBy(delta.x(), delta.y());
  report_moves();
}

void FloorView::report_moves() {
  if (pixels_per_m_ <= 0)
    return;
  // Collected first and the boxes put back: whoever hears of a move redraws the plan from the
  // scenario with it (which clears the boxes), or refuses it (and the box stays where it was).
  QVector<QPair<QString, QPointF>> moves;
  const auto metres = [&](double px) { return std::round(px / pixels_per_m_ * 10.0) / 10.0; };
  for (auto it = boxes_.begin(); it != boxes_.end(); ++it) {
    QGraphicsRectItem* frame = it->frame;
    if (frame->pos().isNull())
      continue;
    const QPointF centre = frame->rect().center() + frame->pos();
    moves.push_back({it.key(), QPointF(metres(centre.x()), metres(centre.y()))});
    frame->setPos(0, 0);
  }
  for (const auto& [group, centre] : moves)
    emit group_moved(group, centre);
}

QPointF FloorView::box_corner(const QString& group) const {
  const auto it = boxes_.find(group);
  return it == boxes_.end() ? QPointF() : it->frame->rect().topLeft();
}

void FloorView::add_legend(double y) {
  double x = 0;
  for (int k = 0; k < state_count; ++k) {
    scene()->addRect(x, y, 14, 14, Qt::NoPen, QBrush(state_colour(k)));
    auto* t = scene()->addSimpleText(state_labels[k]);
    t->setPos(x + 18, y - 1);
    x += 36 + t->boundingRect().width();
  }
  scene()->addRect(x, y + 3, 22, 8, Qt::NoPen, QBrush(QColor(70, 110, 200)));
  auto* buffer = scene()->addSimpleText("buffer fill");
  buffer->setPos(x + 26, y - 1);
  x += 40 + buffer->boundingRect().width();
  for (const char* type : {"agv", "conveyor"}) {
    scene()->addRect(x, y, 20, 14, QPen(QColor(90, 90, 90)), QBrush(transit_colour(type)));
    auto* t = scene()->addSimpleText(std::string_view(type) == "agv" ? "lots on AGVs" : "lots on conveyors");
    t->setPos(x + 24, y - 1);
    x += 36 + t->boundingRect().width();
  }
}

QString FloorView::transit_tag(const QString& group) const {
  const auto it = boxes_.find(group);
  return it == boxes_.end() || !it->transit->isVisible() ? QString() : it->transit_text->text();
}

void FloorView::show_sample(const StationLive& st) {
  auto it = boxes_.find(st.name);
  if (it == boxes_.end())
    return;
  Box& box = *it;
  const QRectF r = box.frame->rect();
  const double width = r.width() - 12;
  double x = r.x() + 6;
  int dominant = 0;
  for (int k = 0; k < state_count; ++k) {
    const int n = st.states[static_cast<std::size_t>(k)];
    const double w = st.machines > 0 ? width * n / st.machines : 0;
    box.bars[static_cast<std::size_t>(k)]->setRect(x, r.y() + 40, w, bar_h);
    x += w;
    if (n > st.states[static_cast<std::size_t>(dominant)])
      dominant = k;
  }
  box.frame->setPen(QPen(state_colour(dominant), 3));
  // An unlimited buffer's bar fills against 5 lots per machine, a bounded one against its size.
  const double full = st.buffer_capacity > 0 ? st.buffer_capacity : std::max(1, 5 * st.machines);
  box.buffer->setRect(r.x() + 6, r.y() + 62, width * std::min(1.0, st.buffer / full), 8);
  // A replay knows no modes: the caption then keeps to the machines.
  box.caption->setText(st.name + "\n" + QString::number(st.machines) + " machine(s)" +
                       (st.mode.isEmpty() ? QString() : ", " + st.mode));
  QString text = st.name + (st.mode.isEmpty() ? QString() : " (" + st.mode + ")") + "\n";
  for (int k = 0; k < state_count; ++k)
    text += QString("%1: %2\n").arg(state_labels[k]).arg(st.states[static_cast<std::size_t>(k)]);
  text += QString("buffer: %1 lot(s)%2")
              .arg(st.buffer)
              .arg(st.buffer_capacity >= 0 ? QString(" of %1").arg(st.buffer_capacity) : QString());
  // Lots on their way in: a tag in the gap on the box's incoming side, coloured by transport.
  if (st.in_transit > 0) {
    const QRectF tag = box.transit->rect();
    box.transit->setBrush(transit_colour(st.transport));
    box.transit_text->setText(QString::number(st.in_transit));
    const QRectF tr = box.transit_text->boundingRect();
    box.transit_text->setPos(tag.center() - QPointF(tr.width() / 2, tr.height() / 2));
    box.transit->show();
  } else {
    box.transit->hide();
  }
  if (st.in_transit >= 0) {
    const QString by = st.transport == "agv" ? "AGV" : st.transport == "conveyor" ? "conveyor" : "carrier";
    text += QString("\nin transit to it: %1 lot(s) on %2 %3(s)").arg(st.in_transit).arg(st.carriers).arg(by);
  }
  box.live = text;
  update_tooltip(box);
}

namespace {
/// The moves of lots between station groups (indices): each product's step to its next, and a
/// part's last step to the step that assembles it.
QVector<QPair<int, int>> routing_flows(const scenario::ScenarioSpec& spec) {
  QVector<QPair<int, int>> flows;
  const auto add = [&](std::size_t from_step, std::size_t to_step) {
    const QPair<int, int> f(static_cast<int>(spec.steps[from_step].group_index),
                            static_cast<int>(spec.steps[to_step].group_index));
    if (f.first != f.second && !flows.contains(f))
      flows << f;
  };
  for (const auto& p : spec.products) {
    for (std::size_t k = 1; k < p.step_count; ++k)
      add(p.first_step + k - 1, p.first_step + k);
    for (const auto& part : p.parts) {
      const auto& from = spec.products[part.product_index];
      if (from.step_count > 0 && p.step_count > 0)
        add(from.first_step + from.step_count - 1, p.first_step);
    }
  }
  return flows;
}
} // namespace

void FloorView::set_plant(const scenario::ScenarioSpec& spec) {
  QStringList names;
  QVector<int> machines;
  QVector<QPointF> positions;
  for (const auto& g : spec.station_groups) {
    names << QString::fromStdString(g.name);
    machines << static_cast<int>(g.machines);
    if (g.position)
      positions << QPointF(g.position->x_m, g.position->y_m);
  }
  if (positions.size() == names.size()) // the loader lets every group have one, or none
    set_floor_plan(names, machines, positions, routing_flows(spec));
  else
    set_routing_layout(names, machines, routing_flows(spec));
}

void FloorView::show_fractions(const QString& group, const std::array<double, state_count>& fractions) {
  auto it = boxes_.find(group);
  if (it == boxes_.end())
    return;
  Box& box = *it;
  const QRectF r = box.frame->rect();
  const double width = r.width() - 12;
  double total = 0;
  for (double f : fractions)
    total += std::isnan(f) ? 0.0 : f;
  double x = r.x() + 6;
  std::size_t dominant = 0;
  for (std::size_t k = 0; k < fractions.size(); ++k) {
    const double f = std::isnan(fractions[k]) || total <= 0 ? 0.0 : fractions[k] / total;
    box.bars[k]->setRect(x, r.y() + 40, width * f, bar_h);
    x += width * f;
    if (fractions[k] > fractions[dominant])
      dominant = k;
  }
  box.frame->setPen(QPen(state_colour(static_cast<int>(dominant)), 3));
}

std::array<double, state_count> FloorView::bar_widths(const QString& group) const {
  std::array<double, state_count> widths{};
  if (const auto it = boxes_.find(group); it != boxes_.end())
    for (std::size_t k = 0; k < widths.size(); ++k)
      widths[k] = it->bars[k]->rect().width();
  return widths;
}

void FloorView::set_summary(const QString& group, const QString& text) {
  auto it = boxes_.find(group);
  if (it == boxes_.end())
    return;
  it->summary = text;
  update_tooltip(*it);
}

void FloorView::update_tooltip(Box& box) {
  box.frame->setToolTip(box.summary.isEmpty() ? box.live : box.live + "\n\nlast run:\n" + box.summary);
}

QColor FloorView::border_colour(const QString& group) const {
  const auto it = boxes_.find(group);
  return it == boxes_.end() ? QColor() : it->frame->pen().color();
}

void FloorView::wheelEvent(QWheelEvent* event) {
  const double factor = event->angleDelta().y() > 0 ? 1.15 : 1 / 1.15;
  scale(factor, factor);
  zoomed_ = true;
}

void FloorView::resizeEvent(QResizeEvent* event) {
  QGraphicsView::resizeEvent(event);
  // The whole floor fills the view as it grows or shrinks, until the user zooms in on a part.
  if (!zoomed_ && !sceneRect().isEmpty())
    fitInView(sceneRect(), Qt::KeepAspectRatio);
}

} // namespace gigatwin::gui
