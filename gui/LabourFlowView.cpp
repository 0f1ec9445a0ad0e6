#include "LabourFlowView.hpp"

#include "Display.hpp"

#include <QPainter>
#include <QPainterPath>

#include <algorithm>
#include <cmath>

namespace gigatwin::gui {

namespace {
QColor colour(LabourFlows::Kind kind) {
  switch (kind) {
  case LabourFlows::Kind::stayed: return {150, 165, 185};
  case LabourFlows::Kind::reassigned: return {60, 160, 90};
  case LabourFlows::Kind::retrained: return {130, 80, 180};
  case LabourFlows::Kind::hired: return {40, 150, 170};
  case LabourFlows::Kind::laid_off: return {200, 50, 50};
  case LabourFlows::Kind::quit: return {230, 140, 40};
  case LabourFlows::Kind::moved: return {120, 120, 120};
  }
  return Qt::gray;
}

QString workers(double n) {
  return display::number(n, 4);
}

/// "1.04 bn KRW": money in k, M, bn.
QString money(double amount, const QString& currency) {
  const display::Scaled s = display::scaled(amount, currency, currency);
  return display::number(amount * s.factor, 3) + " " + s.units;
}
} // namespace

LabourFlowView::LabourFlowView(QWidget* parent) : QWidget(parent) {
  setMinimumSize(360, 260);
}

void LabourFlowView::set_flows(std::optional<LabourFlows> flows, const QString& title) {
  flows_ = std::move(flows);
  title_ = title;
  update();
}

void LabourFlowView::paintEvent(QPaintEvent*) {
  QPainter painter(this);
  painter.fillRect(rect(), Qt::white);
  draw(painter, QRectF(rect()));
}

void LabourFlowView::draw(QPainter& painter, const QRectF& area) const {
  painter.save();
  painter.setRenderHint(QPainter::Antialiasing);
  const QFontMetricsF fm(painter.font());
  const double line = fm.height();
  painter.setPen(Qt::black);
  painter.drawText(QRectF(area.left(), area.top(), area.width(), line * 1.4), Qt::AlignHCenter | Qt::AlignVCenter,
                   title_);
  if (!flows_) {
    painter.drawText(area, Qt::AlignCenter, "No worker pools in this run");
    painter.restore();
    return;
  }
  const LabourFlows& f = *flows_;
  // Columns: labels outside the node bars; the legend at the bottom.
  const double label_w = std::min(area.width() * 0.28, 190.0);
  const double bar_w = 12;
  const double top = area.top() + line * 1.8, bottom = area.bottom() - line * 3.2;
  const double x_left = area.left() + label_w, x_right = area.right() - label_w - bar_w;
  double left_total = 0, right_total = 0;
  for (int i = 0; i < f.left.size(); ++i)
    left_total += f.out_of(i);
  for (int j = 0; j < f.right.size(); ++j)
    right_total += std::max(f.into(j), j < f.end.size() ? f.end[j] : 0.0);
  const double gap = line * 0.6;
  const int nodes = static_cast<int>(std::max(f.left.size(), f.right.size()));
  const double scale = (bottom - top - gap * (nodes - 1)) / std::max({left_total, right_total, 1.0});

  // Node positions: stacked from the top, each at least 2 px so an empty pool still shows.
  const auto place = [&](int count, auto size_of) {
    QVector<QRectF> rects;
    double y = top;
    for (int k = 0; k < count; ++k) {
      const double h = std::max(2.0, size_of(k) * scale);
      rects << QRectF(0, y, bar_w, h);
      y += h + gap;
    }
    return rects;
  };
  QVector<QRectF> left = place(static_cast<int>(f.left.size()), [&](int i) { return f.out_of(i); });
  QVector<QRectF> right = place(static_cast<int>(f.right.size()), [&](int j) { return f.into(j); });
  for (auto& r : left)
    r.moveLeft(x_left);
  for (auto& r : right)
    r.moveLeft(x_right);

  // Bands, stacked within their nodes in the order of the flows.
  QVector<double> out_y(left.size()), in_y(right.size());
  for (int i = 0; i < left.size(); ++i)
    out_y[i] = left[i].top();
  for (int j = 0; j < right.size(); ++j)
    in_y[j] = right[j].top();
  for (const auto& flow : f.flows) {
    const double h = flow.workers * scale;
    const double y0 = out_y[flow.from], y1 = in_y[flow.to];
    out_y[flow.from] += h;
    in_y[flow.to] += h;
    const double xa = x_left + bar_w, xb = x_right, mid = (xa + xb) / 2;
    QPainterPath band(QPointF(xa, y0));
    band.cubicTo(mid, y0, mid, y1, xb, y1);
    band.lineTo(xb, y1 + h);
    band.cubicTo(mid, y1 + h, mid, y0 + h, xa, y0 + h);
    band.closeSubpath();
    QColor c = colour(flow.kind);
    c.setAlpha(150);
    painter.fillPath(band, c);
  }
  // Nodes and their labels.
  painter.setPen(Qt::NoPen);
  for (int i = 0; i < left.size(); ++i) {
    painter.fillRect(left[i], QColor(60, 60, 60));
    const QString text = f.left[i] + "  " + workers(f.out_of(i)) + (i < f.start.size() ? "" : "");
    painter.setPen(Qt::black);
    painter.drawText(QRectF(area.left(), left[i].center().y() - line / 2, label_w - 6, line),
                     Qt::AlignRight | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideMiddle, label_w - 6));
    painter.setPen(Qt::NoPen);
  }
  for (int j = 0; j < right.size(); ++j) {
    painter.fillRect(right[j], QColor(60, 60, 60));
    const QString text = f.right[j] + "  " + workers(f.into(j));
    painter.setPen(Qt::black);
    painter.drawText(QRectF(x_right + bar_w + 6, right[j].center().y() - line / 2, label_w - 6, line),
                     Qt::AlignLeft | Qt::AlignVCenter, fm.elidedText(text, Qt::ElideRight, label_w - 6));
    painter.setPen(Qt::NoPen);
  }
  // Legend: what each colour carries, with the totals and the training cost.
  struct Key {
    LabourFlows::Kind kind;
    QString text;
  };
  const QVector<Key> keys = {
      {LabourFlows::Kind::stayed, "stayed"},
      {LabourFlows::Kind::reassigned, "reassigned " + workers(f.reassigned)},
      {LabourFlows::Kind::retrained,
       "retrained " + workers(f.retrained) +
           (f.training_cost > 0 ? " (training " + money(f.training_cost, f.currency) + ")" : QString())},
      {LabourFlows::Kind::hired, "hired " + workers(f.hires)},
      {LabourFlows::Kind::laid_off,
       "laid off " + workers(f.layoffs) +
           (f.severance_cost > 0 ? " (severance " + money(f.severance_cost, f.currency) + ")" : QString())},
      {LabourFlows::Kind::quit, "quit " + workers(f.attrition)},
  };
  double x = area.left() + 8, y = bottom + line * 0.8;
  for (const Key& k : keys) {
    const double w = fm.horizontalAdvance(k.text) + 30;
    if (x + w > area.right()) {
      x = area.left() + 8;
      y += line * 1.2;
    }
    painter.fillRect(QRectF(x, y + line * 0.25, 14, line * 0.5), colour(k.kind));
    painter.setPen(Qt::black);
    painter.drawText(QPointF(x + 18, y + fm.ascent()), k.text);
    painter.setPen(Qt::NoPen);
    x += w;
  }
  painter.restore();
}

} // namespace gigatwin::gui
