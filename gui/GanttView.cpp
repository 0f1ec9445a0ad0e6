#include "GanttView.hpp"

#include "Display.hpp"
#include "FloorView.hpp"

#include <QPainter>

#include <algorithm>
#include <cmath>

namespace gigatwin::gui {

GanttView::GanttView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(400, 240);
}

void GanttView::set_states(std::optional<MachineStates> states, const QString& note) {
  states_ = std::move(states);
  note_ = note;
  update();
}

void GanttView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  draw(painter, QRectF(rect()));
}

void GanttView::draw(QPainter& painter, const QRectF& area) const {
  painter.save();
  const QFontMetricsF fm(painter.font());
  const double line = fm.height();
  if (!states_ || states_->machines.isEmpty()) {
    painter.drawText(area, Qt::AlignCenter | Qt::TextWordWrap,
                     note_.isEmpty() ? QString("No machine states to show") : note_);
    painter.restore();
    return;
  }
  const MachineStates& m = *states_;
  const double span_s = std::max(m.to_s - m.from_s, 1e-9);
  // Hours for windows under three days, days beyond.
  const bool days = span_s > 3 * 86400.0;
  const double unit = days ? 86400.0 : 3600.0;
  const double label_w = std::min(area.width() * 0.2, fm.horizontalAdvance(m.machines.value(0)) + 16);
  const QRectF plot(area.left() + label_w, area.top() + 4, area.width() - label_w - 10,
                    area.height() - 4 - line * 3.6);
  const double row_h = plot.height() / m.machines.size();
  const auto x_of = [&](double t) { return plot.left() + (t - m.from_s) / span_s * plot.width(); };
  // Rows: labels every row when they fit, else every k-th.
  const int label_every = std::max(1, static_cast<int>(std::ceil(line / std::max(row_h, 1e-9))));
  for (int r = 0; r < m.machines.size(); ++r) {
    const double y = plot.top() + r * row_h;
    for (const auto& s : m.spans[r]) {
      const QRectF bar(x_of(s.from_s), y + row_h * 0.1, std::max(0.5, x_of(s.to_s) - x_of(s.from_s)), row_h * 0.8);
      painter.fillRect(bar, s.state == MachineStates::unknown ? QBrush(Qt::lightGray, Qt::BDiagPattern)
                                                               : QBrush(FloorView::state_colour(s.state)));
    }
    if (r % label_every == 0) {
      painter.setPen(Qt::black);
      painter.drawText(QRectF(area.left(), y + row_h / 2 - line / 2, label_w - 6, line), Qt::AlignRight | Qt::AlignVCenter,
                       m.machines[r]);
    }
  }
  // The time axis, on round ticks.
  painter.setPen(Qt::black);
  painter.drawLine(QPointF(plot.left(), plot.bottom()), QPointF(plot.right(), plot.bottom()));
  const double from_u = m.from_s / unit, to_u = m.to_s / unit;
  const double step = display::nice_step(to_u - from_u, 8);
  for (double t = std::ceil(from_u / step - 1e-9) * step; t <= to_u + 1e-9; t += step) {
    const double x = x_of(t * unit);
    painter.drawLine(QPointF(x, plot.bottom()), QPointF(x, plot.bottom() + 4));
    painter.drawText(QRectF(x - 40, plot.bottom() + 4, 80, line), Qt::AlignHCenter | Qt::AlignTop, display::number(t, 4));
  }
  painter.drawText(QRectF(plot.left(), plot.bottom() + line + 4, plot.width(), line), Qt::AlignHCenter,
                   days ? "simulated time [d]" : "simulated time [h]");
  // Legend.
  double x = area.left() + 6;
  const double y = area.bottom() - line * 1.1;
  for (int s = 0; s < m.states.size(); ++s) {
    painter.fillRect(QRectF(x, y + line * 0.25, 14, line * 0.5), FloorView::state_colour(s));
    painter.drawText(QPointF(x + 18, y + fm.ascent()), QString(m.states[s]).replace('_', ' '));
    x += fm.horizontalAdvance(m.states[s]) + 34;
  }
  painter.restore();
}

} // namespace gigatwin::gui
