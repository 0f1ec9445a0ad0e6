#include "ChartsPanel.hpp"

#include <QChart>
#include <QChartView>
#include <QFile>
#include <QGridLayout>
#include <QLineSeries>
#include <QPainter>
#include <QSvgGenerator>
#include <QTextStream>
#include <QValueAxis>

#include <algorithm>
#include <cmath>

namespace gigatwin::gui {

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  const std::vector<std::pair<QString, QString>> specs = {
      {"throughput", "lots/h"}, {"wip", "lots"}, {"headcount", "workers"},
      {"layoffs", "workers"},   {"power", "kW"}, {"cost_per_unit", "per lot"}};
  const QStringList titles = {"Throughput",         "Work in process", "Headcount",
                              "Cumulative layoffs", "Electric power",  "Cost per unit so far"};
  for (std::size_t i = 0; i < specs.size(); ++i) {
    Chart c;
    c.name = specs[i].first;
    c.units = specs[i].second;
    c.chart = new QChart;
    c.title = titles[static_cast<qsizetype>(i)];
    c.chart->setTitle(c.title + " [" + c.units + "]");
    c.chart->legend()->hide();
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    c.robust_scale = c.name == "cost_per_unit";
    c.series = new QLineSeries;
    c.chart->addSeries(c.series);
    c.x = new QValueAxis;
    c.x->setTitleText("simulated time [d]");
    c.x->setLabelFormat("%.0f");
    c.x->setTickType(QValueAxis::TicksDynamic);
    c.y = new QValueAxis;
    c.y->setLabelFormat("%.4g");
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    c.series->attachAxis(c.x);
    c.series->attachAxis(c.y);
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(220, 160);
    grid->addWidget(c.view, static_cast<int>(i) / 3, static_cast<int>(i) % 3);
    charts_.push_back(c);
  }
  clear(86400);
}

void ChartsPanel::clear(double horizon_s) {
  rows_.clear();
  for (auto& c : charts_) {
    c.series->clear();
    const double days = horizon_s / 86400.0;
    c.x->setRange(0, days);
    // Round ticks: every 1, 2, 5, 10, ... days, about 6 of them.
    double step = 1;
    while (days / step > 8)
      step *= (QString::number(step).startsWith('2') ? 2.5 : 2);
    c.x->setTickAnchor(0);
    c.x->setTickInterval(days < 1 ? days / 4 : step);
    c.y_max = 1;
    c.y->setRange(0, 1);
  }
}

void ChartsPanel::add(const LiveSample& s) {
  if (s.replication != 0 || s.point != 0) // one replication reads best live
    return;
  const double values[] = {s.throughput, s.wip, s.headcount, s.layoffs, s.power_kw, s.cost_per_unit};
  rows_.push_back({s.time_s / 86400.0, values[0], values[1], values[2], values[3], values[4], values[5]});
  for (std::size_t i = 0; i < charts_.size(); ++i) {
    Chart& c = charts_[i];
    if (std::isnan(values[i])) // nothing to say yet (no good lot for a cost per unit)
      continue;
    c.series->append(s.time_s / 86400.0, values[i]);
    if (c.robust_scale) {
      rescale_robustly(c);
    } else if (values[i] > c.y_max) {
      c.y_max = values[i] * 1.15;
      c.y->setRange(0, c.y_max);
    }
  }
}

void ChartsPanel::rescale_robustly(Chart& c) {
  // A ratio to a count that starts at one (cost per lot) begins with a spike that would flatten
  // the rest: the axis spans twice the median so far, and the spike runs off the top. Recounted
  // at powers of two and every 64 points, so that a long run stays linear in its points.
  const qsizetype n = c.series->count();
  if (n > 64 && n % 64 != 0 && (n & (n - 1)) != 0)
    return;
  std::vector<double> ys;
  ys.reserve(static_cast<std::size_t>(n));
  for (const QPointF& p : c.series->points())
    ys.push_back(p.y());
  const auto mid = ys.begin() + static_cast<std::ptrdiff_t>(ys.size() / 2);
  std::nth_element(ys.begin(), mid, ys.end());
  c.y_max = *mid > 0 ? 2 * *mid : 1;
  c.y->setRange(0, c.y_max);
}

const ChartsPanel::Chart* ChartsPanel::find(const QString& series) const {
  const auto it =
      std::find_if(charts_.begin(), charts_.end(), [&](const Chart& c) { return c.name == series; });
  return it == charts_.end() ? nullptr : &*it;
}

void ChartsPanel::set_units(const QString& series, const QString& units) {
  if (auto* c = const_cast<Chart*>(find(series))) {
    c->units = units;
    c->chart->setTitle(c->title + " [" + c->units + "]");
  }
}

int ChartsPanel::points(const QString& series) const {
  const Chart* c = find(series);
  return c ? static_cast<int>(c->series->count()) : -1;
}

double ChartsPanel::y_top(const QString& series) const {
  const Chart* c = find(series);
  return c ? c->y_max : -1;
}

bool ChartsPanel::export_charts(const QString& stem, const QString& format) const {
  for (const auto& c : charts_) {
    const QString path = stem + "-" + c.name + "." + format;
    if (format == "svg") {
      QSvgGenerator svg;
      svg.setFileName(path);
      svg.setSize(c.view->size());
      svg.setViewBox(QRect(QPoint(0, 0), c.view->size()));
      svg.setTitle(c.chart->title());
      QPainter painter(&svg);
      c.view->render(&painter);
    } else if (!c.view->grab().save(path, "PNG")) {
      return false;
    }
  }
  return true;
}

bool ChartsPanel::export_csv(const QString& path) const {
  QFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text))
    return false;
  QTextStream out(&file);
  out << "time_d";
  for (const auto& c : charts_)
    out << "," << c.name << "_" << QString(c.units).replace('/', "_per_").replace(' ', '_');
  out << "\n";
  for (const auto& row : rows_) { // a value not known yet (NaN) is an empty cell
    out << QString::number(row.front(), 'g', 10);
    for (std::size_t i = 1; i < row.size(); ++i)
      out << "," << (std::isnan(row[i]) ? QString() : QString::number(row[i], 'g', 10));
    out << "\n";
  }
  return true;
}

} // namespace gigatwin::gui
