#include "ChartsPanel.hpp"

#include "Display.hpp"

#include "results/ResultsReader.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QFile>
#include <QGridLayout>
#include <QLineSeries>
#include <QLocale>
#include <QPainter>
#include <QSvgGenerator>
#include <QTextStream>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigatwin::gui {

namespace {
constexpr double day_s = 86400.0;
constexpr double average_window_s = 86400.0; // the throughput's moving average: a day

/// Decimals a tick label needs to show a multiple of `step` exactly (2.5 -> 1, 0.25 -> 2).
QList<QPointF> scaled_points(const QList<QPointF>& points, double factor) {
  QList<QPointF> out;
  out.reserve(points.size());
  for (const QPointF& p : points)
    out.append(QPointF(p.x(), p.y() * factor));
  return out;
}
} // namespace

ChartsPanel::ChartsPanel(QWidget* parent) : QWidget(parent) {
  auto* grid = new QGridLayout(this);
  grid->setContentsMargins(0, 0, 0, 0);
  struct Spec {
    const char* name;
    const char* title;
    const char* units;
    bool whole;
  };
  const Spec specs[] = {{"throughput", "Throughput", "lots/h", false},
                        {"wip", "Work in process", "lots", true},
                        {"headcount", "Headcount", "workers", true},
                        {"layoffs", "Cumulative layoffs", "workers", true},
                        {"power", "Electric power", "kW", false},
                        {"cost_per_unit", "Cost per unit so far", "per lot", false}};
  int i = 0;
  for (const Spec& spec : specs) {
    Chart c;
    c.name = spec.name;
    c.title = spec.title;
    c.units = c.shown_units = spec.units;
    c.whole = spec.whole;
    c.money = c.name == "cost_per_unit";
    c.robust_scale = c.name == "cost_per_unit";
    c.chart = new QChart;
    c.chart->legend()->hide();
    c.chart->setMargins(QMargins(4, 4, 4, 4));
    // Thousands separators on the axes, the same whatever the desktop's language.
    c.chart->setLocalizeNumbers(true);
    c.chart->setLocale(QLocale(QLocale::English, QLocale::UnitedStates));
    c.x = new QValueAxis;
    c.x->setTitleText("simulated time [d]");
    c.x->setLabelFormat("%.0f");
    c.x->setTickType(QValueAxis::TicksDynamic);
    c.y = new QValueAxis;
    c.y->setTickType(QValueAxis::TicksDynamic);
    c.y->setTickAnchor(0);
    c.chart->addAxis(c.x, Qt::AlignBottom);
    c.chart->addAxis(c.y, Qt::AlignLeft);
    // The warm-up: a grey band under everything else.
    auto* upper = new QLineSeries;
    c.warmup = new QAreaSeries(upper);
    upper->setParent(c.warmup);
    c.warmup->setColor(QColor(0, 0, 0, 22));
    c.warmup->setBorderColor(Qt::transparent);
    c.warmup->setName("warm-up");
    c.chart->addSeries(c.warmup);
    c.series = new QLineSeries;
    QPen line(QColor(31, 100, 180));
    line.setWidthF(1.6);
    c.series->setPen(line);
    c.chart->addSeries(c.series);
    if (c.name == "throughput") { // the hourly figures jump: the day's average is the trend
      c.series->setPen(QPen(QColor(150, 190, 230), 1.0));
      c.average = new QLineSeries;
      QPen pen(QColor(20, 70, 150));
      pen.setWidthF(2.2);
      c.average->setPen(pen);
      c.chart->addSeries(c.average);
    }
    for (auto* s : c.chart->series()) {
      s->attachAxis(c.x);
      s->attachAxis(c.y);
    }
    c.view = new QChartView(c.chart, this);
    c.view->setRenderHint(QPainter::Antialiasing);
    c.view->setMinimumSize(220, 160);
    grid->addWidget(c.view, i / 3, i % 3);
    charts_.push_back(c);
    ++i;
  }
  for (auto& c : charts_)
    set_units(c.name, c.units);
  clear(day_s);
}

void ChartsPanel::follow(int point, int replication) {
  follow_point_ = point;
  follow_replication_ = replication;
  clear(horizon_s_, warmup_days_ * day_s);
}

void ChartsPanel::clear(double horizon_s, double warmup_s) {
  rows_.clear();
  horizon_s_ = horizon_s;
  warmup_days_ = std::max(0.0, warmup_s) / day_s;
  for (auto& c : charts_) {
    c.series->clear();
    if (c.average)
      c.average->clear();
    c.received.clear();
    c.received_average.clear();
    c.window.clear();
    const double days = horizon_s / day_s;
    c.x->setRange(0, days);
    c.x->setTickAnchor(0);
    const double step = days < 1 ? days / 4 : display::nice_step(days, 6, true);
    c.x->setTickInterval(step);
    c.x->setLabelFormat(QString("%.%1f").arg(display::decimals_for(step)));
    c.data_top = 0;
    c.factor = 1.0;
    c.shown_units = c.units;
    fit_axis(c);
  }
}

void ChartsPanel::fit_axis(Chart& c) {
  const QString currency = c.money ? c.units.section('/', 0, 0).trimmed() : QString();
  const display::Scaled s = display::scaled(c.data_top, c.units, currency);
  if (s.factor != c.factor || s.units != c.shown_units) {
    c.factor = s.factor;
    c.shown_units = s.units;
    c.series->replace(scaled_points(c.received, c.factor));
    if (c.average)
      c.average->replace(scaled_points(c.received_average, c.factor));
    c.chart->setTitle(c.title + " [" + c.shown_units + "]");
  }
  const display::Axis a = display::nice_axis(c.data_top * c.factor, 5, c.whole && c.factor == 1.0);
  c.y->setRange(0, a.top);
  c.y->setTickInterval(a.step);
  c.y->setLabelFormat(QString("%.%1f").arg(display::decimals_for(a.step)));
  c.warmup->upperSeries()->replace(QList<QPointF>{{0.0, a.top}, {warmup_days_, a.top}});
}

void ChartsPanel::add(const LiveSample& s) {
  if (s.replication != follow_replication_ || s.point != follow_point_) // one replication reads best live
    return;
  const double values[] = {s.throughput, s.wip, s.headcount, s.layoffs, s.power_kw, s.cost_per_unit};
  const double day = s.time_s / day_s;
  rows_.push_back({day, values[0], values[1], values[2], values[3], values[4], values[5]});
  for (std::size_t i = 0; i < charts_.size(); ++i) {
    Chart& c = charts_[i];
    const double v = values[i];
    if (std::isnan(v)) // nothing to say yet (no good lot for a cost per unit)
      continue;
    c.received.append(QPointF(day, v));
    c.series->append(day, v * c.factor);
    if (c.average) {
      c.window.emplace_back(s.time_s, v);
      while (c.window.front().first <= s.time_s - average_window_s)
        c.window.pop_front();
      double sum = 0;
      for (const auto& [t, x] : c.window)
        sum += x;
      const double mean = sum / static_cast<double>(c.window.size());
      c.received_average.append(QPointF(day, mean));
      c.average->append(day, mean * c.factor);
    }
    if (c.robust_scale) {
      rescale_robustly(c);
    } else if (v > c.data_top) {
      c.data_top = v;
      fit_axis(c);
    }
  }
}

void ChartsPanel::show_run(const results::ResultsReader& file, const std::string& group,
                           const QString& lot_noun) {
  const auto series = [&](const char* name) {
    const std::string path = group + "/timeseries/" + name;
    return file.has(path) ? file.read_series(path) : std::vector<double>{};
  };
  const auto time = series("time"), throughput = series("throughput"), wip = series("wip"),
             headcount = series("headcount"), layoffs = series("layoffs"), power = series("power"),
             cost = series("cost_per_unit");
  clear(file.attribute_double(group, "horizon_s"),
        file.has_attribute(group, "warmup_s") ? file.attribute_double(group, "warmup_s") : 0.0);
  set_units("throughput", display::name_lots("lots/h", lot_noun));
  if (const std::string cost_path = group + "/timeseries/cost_per_unit";
      file.has(cost_path) && file.has_attribute(cost_path, "units"))
    set_units(
        "cost_per_unit",
        display::name_lots(QString::fromStdString(file.attribute_string(cost_path, "units")), lot_noun));
  for (std::size_t k = 0; k < time.size(); ++k) {
    LiveSample s;
    s.time_s = time[k];
    const auto at = [k](const std::vector<double>& v) { return k < v.size() ? v[k] : 0.0; };
    s.throughput = at(throughput);
    s.wip = at(wip);
    s.headcount = at(headcount);
    s.layoffs = at(layoffs);
    s.power_kw = at(power);
    s.cost_per_unit = k < cost.size() ? cost[k] : std::numeric_limits<double>::quiet_NaN();
    s.replication = follow_replication_; // drawn whatever replication the live view follows
    s.point = follow_point_;
    add(s);
  }
}

void ChartsPanel::rescale_robustly(Chart& c) {
  // A ratio to a count that starts at one (cost per lot) begins with a spike that would flatten
  // the rest: the axis spans twice the median so far, and the spike runs off the top. Recounted
  // at powers of two and every 64 points, so that a long run stays linear in its points.
  const qsizetype n = c.received.size();
  if (n > 64 && n % 64 != 0 && (n & (n - 1)) != 0)
    return;
  std::vector<double> ys;
  ys.reserve(static_cast<std::size_t>(n));
  for (const QPointF& p : c.received)
    ys.push_back(p.y());
  const auto mid = ys.begin() + static_cast<std::ptrdiff_t>(ys.size() / 2);
  std::nth_element(ys.begin(), mid, ys.end());
  c.data_top = *mid > 0 ? 2 * *mid : 1;
  fit_axis(c);
}

const ChartsPanel::Chart* ChartsPanel::find(const QString& series) const {
  const auto it =
      std::find_if(charts_.begin(), charts_.end(), [&](const Chart& c) { return c.name == series; });
  return it == charts_.end() ? nullptr : &*it;
}

void ChartsPanel::set_units(const QString& series, const QString& units) {
  if (auto* c = const_cast<Chart*>(find(series))) {
    c->units = units;
    c->factor = 0; // forces fit_axis to redraw at the scale the new units need
    fit_axis(*c);
  }
}

int ChartsPanel::points(const QString& series) const {
  const Chart* c = find(series);
  return c ? static_cast<int>(c->series->count()) : -1;
}

double ChartsPanel::y_top(const QString& series) const {
  const Chart* c = find(series);
  return c ? c->y->max() / c->factor : -1;
}

double ChartsPanel::y_step(const QString& series) const {
  const Chart* c = find(series);
  return c ? c->y->tickInterval() : -1;
}

QString ChartsPanel::title(const QString& series) const {
  const Chart* c = find(series);
  return c ? c->chart->title() : QString();
}

double ChartsPanel::throughput_average() const {
  const Chart* c = find("throughput");
  return c && !c->received_average.isEmpty() ? c->received_average.back().y()
                                             : std::numeric_limits<double>::quiet_NaN();
}

bool ChartsPanel::export_charts(const QString& stem, const QString& format, int width) const {
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
    } else if (width > 0) {
      // Drawn again at the size asked (not a blown-up screenshot): text and lines stay sharp.
      const QSize on_screen = c.view->size().isEmpty() ? QSize(480, 320) : c.view->size();
      const int height = width * on_screen.height() / std::max(1, on_screen.width());
      QImage image(width, height, QImage::Format_ARGB32);
      image.fill(Qt::white);
      QPainter painter(&image);
      painter.setRenderHint(QPainter::Antialiasing);
      const double zoom = static_cast<double>(width) / on_screen.width();
      painter.scale(zoom, zoom);
      c.view->render(&painter, QRectF(QPointF(0, 0), QSizeF(on_screen)), QRect(QPoint(0, 0), on_screen));
      painter.end();
      if (!image.save(path, "PNG"))
        return false;
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
