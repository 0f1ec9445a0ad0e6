#include "CompareChart.hpp"

#include "Display.hpp"

#include <QAreaSeries>
#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QLegend>
#include <QLineSeries>
#include <QLocale>
#include <QVBoxLayout>
#include <QValueAxis>

#include <cmath>

namespace gigatwin::gui {

CompareChart::CompareChart(QWidget* parent) : QWidget(parent) {
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  view_ = new QChartView(new QChart);
  view_->setRenderHint(QPainter::Antialiasing);
  view_->setMinimumHeight(200);
  layout->addWidget(view_);
}

QString CompareChart::title() const {
  return view_->chart()->title();
}

void CompareChart::show(const QString& kpi, const QString& units,
                        std::optional<std::pair<double, double>> baseline,
                        std::optional<std::pair<double, double>> variant) {
  auto* chart = new QChart;
  // The view takes the new chart and releases the old one, which is ours to delete.
  QChart* old = view_->chart();
  view_->setChart(chart);
  delete old;
  chart->legend()->hide();
  chart->setLocalizeNumbers(true);
  chart->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
  bars_ = 0;
  auto* x = new QCategoryAxis;
  auto* y = new QValueAxis;
  chart->addAxis(x, Qt::AlignBottom);
  chart->addAxis(y, Qt::AlignLeft);
  double top = 0, bottom = 0;
  const std::pair<QString, std::optional<std::pair<double, double>>> bars[] = {{"baseline", baseline},
                                                                               {"this run", variant}};
  const QColor colours[] = {QColor(150, 150, 150), QColor(40, 110, 190)};
  for (int i = 0; i < 2; ++i) {
    x->append(bars[i].first, i);
    if (!bars[i].second || std::isnan(bars[i].second->first))
      continue;
    const auto [mean, hw] = *bars[i].second;
    auto* upper = new QLineSeries;
    upper->append({{i - 0.3, mean}, {i + 0.3, mean}});
    auto* lower = new QLineSeries;
    lower->append({{i - 0.3, 0.0}, {i + 0.3, 0.0}});
    auto* bar = new QAreaSeries(upper, lower);
    upper->setParent(bar); // an area series does not own its boundary lines
    lower->setParent(bar);
    bar->setColor(colours[i]);
    bar->setBorderColor(colours[i].darker());
    chart->addSeries(bar);
    bar->attachAxis(x);
    bar->attachAxis(y);
    ++bars_;
    const double h = std::isnan(hw) ? 0.0 : hw;
    top = std::max(top, mean + h);
    bottom = std::min(bottom, mean - h);
    if (h > 0) {
      for (const QList<QPointF>& points : {QList<QPointF>{{double(i), mean - h}, {double(i), mean + h}},
                                           QList<QPointF>{{i - 0.1, mean - h}, {i + 0.1, mean - h}},
                                           QList<QPointF>{{i - 0.1, mean + h}, {i + 0.1, mean + h}}}) {
        auto* whisker = new QLineSeries;
        whisker->append(points);
        whisker->setColor(Qt::black);
        chart->addSeries(whisker);
        whisker->attachAxis(x);
        whisker->attachAxis(y);
      }
    }
  }
  x->setStartValue(-0.5);
  x->setRange(-0.5, 1.5);
  x->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  // From 0 (bars compared by their length), to round ticks; below 0 only for negative values.
  const display::Axis up = display::nice_axis(top, 4);
  const display::Axis down = display::nice_axis(-bottom, 4);
  const double step = bottom < 0 ? std::max(up.step, down.step) : up.step;
  y->setRange(bottom < 0 ? -std::ceil(-bottom / step) * step : 0.0,
              top > 0 ? std::ceil(top / step) * step : step);
  y->setTickType(QValueAxis::TicksDynamic);
  y->setTickAnchor(0);
  y->setTickInterval(step);
  y->setLabelFormat(QString("%.%1f").arg(display::decimals_for(step)));
  y->setTitleText(units); // the KPI is the chart's title
  QString text = kpi;
  if (baseline && variant) {
    const double d = variant->first - baseline->first;
    text += QString(": %1%2").arg(d > 0 ? "+" : "").arg(display::number(d, 3));
    if (baseline->first != 0)
      text += QString(" (%1%2 %)")
                  .arg(d > 0 ? "+" : "")
                  .arg(display::number(100 * d / std::abs(baseline->first), 2));
  }
  chart->setTitle(text);
  x->setTitleText("whiskers: 95 % intervals"); // under the bars: the title stays short enough to fit
}

} // namespace gigatwin::gui
