#include "ForecastChart.hpp"

#include "Display.hpp"

#include <QAreaSeries>
#include <QChart>
#include <QChartView>
#include <QDateTimeAxis>
#include <QHBoxLayout>
#include <QLabel>
#include <QLineSeries>
#include <QLocale>
#include <QScatterSeries>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <limits>

namespace gigatwin::gui {

namespace {
const QLocale& english() {
  static const QLocale locale(QLocale::English, QLocale::UnitedStates);
  return locale;
}

/// QDateTimeAxis labels its values in the desktop's time zone; the plant's calendar is UTC, so a
/// time goes in as UTC's wall clock read as local time, and the labels show the plant's clock.
QDateTime on_axis(const QDateTime& utc) {
  return QDateTime(utc.date(), utc.time(), Qt::LocalTime);
}
qreal axis_ms(const QDateTime& utc) {
  return static_cast<qreal>(on_axis(utc).toMSecsSinceEpoch());
}

QString plant_date(const QDateTime& utc) {
  return english().toString(utc, "ddd d MMM yyyy hh:mm") + " UTC";
}

/// A date axis over [low, high] with at most `intervals` ticks apart by a round time (an hour, 6 h, a
/// day...), its ends on ticks.
void set_time_range(QDateTimeAxis* axis, const QDateTime& low, const QDateTime& high, int intervals) {
  static const qint64 steps_s[] = {900,       1800,  3600,      2 * 3600,  3 * 3600,   6 * 3600,
                                   12 * 3600, 86400, 2 * 86400, 7 * 86400, 14 * 86400, 28 * 86400};
  const qint64 from = low.toSecsSinceEpoch(), to = std::max(high.toSecsSinceEpoch(), from + 1);
  qint64 step = steps_s[std::size(steps_s) - 1];
  for (const qint64 s : steps_s)
    if ((to - from + s - 1) / s <= intervals) {
      step = s;
      break;
    }
  const qint64 first = from / step * step, last = (to + step - 1) / step * step;
  axis->setTickCount(static_cast<int>((last - first) / step) + 1);
  axis->setRange(on_axis(QDateTime::fromSecsSinceEpoch(first, Qt::UTC)),
                 on_axis(QDateTime::fromSecsSinceEpoch(last, Qt::UTC)));
  axis->setFormat(step < 86400 ? "d MMM hh:mm" : "ddd d MMM");
}

/// Round ticks over [low, high], whole lots.
void set_value_range(QValueAxis* axis, double low, double high, bool from_zero) {
  if (from_zero) {
    const auto a = display::nice_axis(high, 5, true);
    axis->setRange(0, a.top);
    axis->setTickInterval(a.step);
    axis->setTickAnchor(0);
    axis->setLabelFormat(QString("%.%1f").arg(display::decimals_for(a.step)));
    return;
  }
  if (high - low < 2) { // a flat band still gets an axis a few lots wide (never below 0: output)
    low = std::max(0.0, low - 1);
    high = low + 2;
  }
  const auto r = display::nice_range(low, high, 5);
  const double bottom = std::max(0.0, r.low);
  axis->setRange(bottom, r.high);
  axis->setTickInterval(r.step);
  axis->setTickAnchor(bottom);
  axis->setLabelFormat(QString("%.%1f").arg(display::decimals_for(r.step)));
}

QChart* new_chart(const QString& title) {
  auto* chart = new QChart;
  chart->setTitle(title);
  chart->setMargins(QMargins(4, 4, 4, 4));
  chart->setLocalizeNumbers(true);
  chart->setLocale(english());
  chart->legend()->setAlignment(Qt::AlignBottom);
  return chart;
}

QAreaSeries* new_band(QLineSeries* low, QLineSeries* high, const QString& name) {
  auto* band = new QAreaSeries(high, low);
  // The area only points at its lines: they go with it (the chart owns the area).
  low->setParent(band);
  high->setParent(band);
  band->setName(name);
  band->setColor(QColor(70, 130, 210, 70));
  band->setBorderColor(QColor(70, 130, 210, 140));
  return band;
}

QChartView* new_view(QChart* chart, QWidget* parent) {
  auto* view = new QChartView(chart, parent);
  view->setRenderHint(QPainter::Antialiasing);
  view->setMinimumSize(320, 240);
  return view;
}

void attach(QChart* chart, QAbstractSeries* series, QAbstractAxis* x, QAbstractAxis* y) {
  chart->addSeries(series);
  series->attachAxis(x);
  series->attachAxis(y);
}
} // namespace

ForecastChart::ForecastChart(QWidget* parent) : QWidget(parent) {
  summary_ = new QLabel("No forecast yet: the twin publishes one every --every of plant time (default 1 h).");
  summary_->setWordWrap(true);
  summary_->setTextFormat(Qt::PlainText);

  history_ = new_chart("Forecasts and actuals");
  history_x_ = new QDateTimeAxis;
  history_x_->setTitleText("forecast start (plant date, UTC)");
  history_x_->setTickCount(5);
  history_y_ = new QValueAxis;
  history_y_->setTitleText("good lots over the horizon");
  history_y_->setTickType(QValueAxis::TicksDynamic);
  history_->addAxis(history_x_, Qt::AlignBottom);
  history_->addAxis(history_y_, Qt::AlignLeft);
  band_low_ = new QLineSeries;
  band_high_ = new QLineSeries;
  band_ = new_band(band_low_, band_high_, "90 % interval");
  mean_ = new QLineSeries;
  mean_->setName("forecast");
  mean_->setPen(QPen(QColor(20, 70, 150), 2));
  mean_->setPointsVisible(true);
  naive_ = new QLineSeries;
  naive_->setName("naive");
  naive_->setPen(QPen(QColor(90, 90, 90), 1.6, Qt::DashLine));
  inside_ = new QScatterSeries;
  inside_->setName("actual, inside");
  inside_->setMarkerShape(QScatterSeries::MarkerShapeCircle);
  inside_->setMarkerSize(11);
  inside_->setColor(QColor(40, 160, 70));
  inside_->setBorderColor(Qt::white);
  outside_ = new QScatterSeries;
  outside_->setName("actual, outside");
  outside_->setMarkerShape(QScatterSeries::MarkerShapeRectangle);
  outside_->setMarkerSize(11);
  outside_->setColor(QColor(210, 40, 40));
  outside_->setBorderColor(Qt::white);
  for (QAbstractSeries* s : std::initializer_list<QAbstractSeries*>{band_, naive_, mean_, inside_, outside_})
    attach(history_, s, history_x_, history_y_);

  path_ = new_chart("Latest forecast, by shift and day end");
  path_x_ = new QDateTimeAxis;
  path_x_->setTitleText("plant date, UTC");
  path_x_->setTickCount(5);
  path_y_ = new QValueAxis;
  path_y_->setTitleText("good lots since its start");
  path_y_->setTickType(QValueAxis::TicksDynamic);
  path_->addAxis(path_x_, Qt::AlignBottom);
  path_->addAxis(path_y_, Qt::AlignLeft);
  path_low_ = new QLineSeries;
  path_high_ = new QLineSeries;
  path_band_ = new_band(path_low_, path_high_, "90 % interval");
  path_mean_ = new QLineSeries;
  path_mean_->setName("forecast");
  path_mean_->setPen(QPen(QColor(20, 70, 150), 2));
  path_mean_->setPointsVisible(true);
  attach(path_, path_band_, path_x_, path_y_);
  attach(path_, path_mean_, path_x_, path_y_);

  auto* charts = new QHBoxLayout;
  charts->setContentsMargins(0, 0, 0, 0);
  charts->addWidget(new_view(history_, this), 3);
  charts->addWidget(new_view(path_, this), 2);
  auto* layout = new QVBoxLayout(this);
  layout->setContentsMargins(0, 0, 0, 0);
  layout->addWidget(summary_);
  layout->addLayout(charts, 1);
  redraw_history();
  redraw_path();
}

void ForecastChart::add_forecast(const TwinForecast& f) {
  Entry& e = entries_[f.index];
  e.from = f.from;
  e.horizon_s = f.horizon_s;
  e.mean = f.total().mean;
  e.low = f.total().low;
  e.high = f.total().high;
  e.naive = f.naive;
  if (!latest_ || f.index >= latest_->index) {
    latest_ = f;
    redraw_path();
  }
  redraw_history();
  update_summary();
}

void ForecastChart::add_actual(const TwinActual& a) {
  Entry& e = entries_[a.index];
  e.from = a.from;
  e.horizon_s = a.horizon_s;
  e.mean = a.forecast_mean;
  e.low = a.low;
  e.high = a.high;
  e.naive = a.naive;
  e.has_actual = true;
  e.actual = a.actual;
  e.covered = a.covered;
  if (!latest_actual_ || a.index >= latest_actual_->index)
    latest_actual_ = a;
  redraw_history();
  update_summary();
}

QVector<ForecastChart::BandPoint> ForecastChart::band() const {
  QVector<BandPoint> out;
  for (const auto& [index, e] : entries_)
    out.push_back({e.from, e.low, e.high});
  std::sort(out.begin(), out.end(), [](const BandPoint& a, const BandPoint& b) { return a.from < b.from; });
  return out;
}

int ForecastChart::actual_points(bool covered) const {
  return static_cast<int>((covered ? inside_ : outside_)->count());
}

int ForecastChart::path_points() const {
  return static_cast<int>(path_mean_->count());
}

QString ForecastChart::summary() const {
  return summary_->text();
}

void ForecastChart::redraw_history() {
  std::vector<const Entry*> order;
  for (const auto& [index, e] : entries_)
    order.push_back(&e);
  std::sort(order.begin(), order.end(), [](const Entry* a, const Entry* b) { return a->from < b->from; });
  QList<QPointF> low, high, mean, naive, inside, outside;
  double lo = std::numeric_limits<double>::infinity(), hi = -lo;
  for (const Entry* e : order) {
    const qreal x = axis_ms(e->from);
    low << QPointF(x, e->low);
    high << QPointF(x, e->high);
    mean << QPointF(x, e->mean);
    lo = std::min(lo, e->low);
    hi = std::max(hi, e->high);
    if (std::isfinite(e->naive)) {
      naive << QPointF(x, e->naive);
      lo = std::min(lo, e->naive);
      hi = std::max(hi, e->naive);
    }
    if (e->has_actual) {
      (e->covered ? inside : outside) << QPointF(x, e->actual);
      lo = std::min(lo, e->actual);
      hi = std::max(hi, e->actual);
    }
  }
  if (order.empty()) {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    set_time_range(history_x_, now.addSecs(-12 * 3600), now.addSecs(12 * 3600), 6);
    set_value_range(history_y_, 0, 10, true);
  } else {
    const QDateTime first = order.front()->from, last = order.back()->from;
    // A margin either side, then out to round ticks: a twentieth of the span (at least 30 min), or
    // around a single forecast a quarter of its horizon.
    const qint64 pad = order.size() == 1 ? static_cast<qint64>(order.front()->horizon_s / 4)
                                         : std::max<qint64>(first.secsTo(last) / 20, 1800);
    set_time_range(history_x_, first.addSecs(-pad), last.addSecs(pad), 6);
    set_value_range(history_y_, lo, hi, false);
    if (order.size() == 1) { // one forecast: a band a little wide, so that it shows
      const qreal w = static_cast<qreal>(pad) * 1000 / 4;
      low = {QPointF(low[0].x() - w, low[0].y()), QPointF(low[0].x() + w, low[0].y())};
      high = {QPointF(high[0].x() - w, high[0].y()), QPointF(high[0].x() + w, high[0].y())};
    }
  }
  // No forecast: no dates either (the axis would show today's, which are not the plant's).
  history_x_->setVisible(!order.empty());
  history_y_->setVisible(!order.empty());
  band_low_->replace(low);
  band_high_->replace(high);
  mean_->replace(mean);
  naive_->replace(naive);
  inside_->replace(inside);
  outside_->replace(outside);
  if (!order.empty())
    history_y_->setTitleText(
        "good lots over " +
        (std::all_of(order.begin(), order.end(),
                     [&](const Entry* e) { return e->horizon_s == order.front()->horizon_s; })
             ? "the next " + display::duration(order.front()->horizon_s)
             : QString("the horizon")));
}

void ForecastChart::redraw_path() {
  QList<QPointF> low, high, mean;
  if (latest_) {
    const qreal start = axis_ms(latest_->from);
    low << QPointF(start, 0);
    high << QPointF(start, 0);
    mean << QPointF(start, 0);
    double top = 0;
    for (const auto& p : latest_->output) {
      const qreal x = axis_ms(p.at);
      low << QPointF(x, p.low);
      high << QPointF(x, p.high);
      mean << QPointF(x, p.mean);
      top = std::max(top, p.high);
    }
    set_time_range(path_x_, latest_->from, latest_->output.back().at, 4);
    set_value_range(path_y_, 0, top, true);
    path_->setTitle(QString("Forecast %1, by shift and day end").arg(latest_->index));
  } else {
    const QDateTime now = QDateTime::currentDateTimeUtc();
    set_time_range(path_x_, now, now.addSecs(24 * 3600), 4);
    set_value_range(path_y_, 0, 10, true);
  }
  path_x_->setVisible(latest_.has_value());
  path_y_->setVisible(latest_.has_value());
  path_low_->replace(low);
  path_high_->replace(high);
  path_mean_->replace(mean);
}

void ForecastChart::update_summary() {
  QStringList lines;
  if (latest_) {
    const TwinForecast& f = *latest_;
    QString text =
        QString("Forecast %1 from %2: %3 good lots in the next %4 (90 %: %5 to %6)")
            .arg(f.index)
            .arg(plant_date(f.from), display::number(f.total().mean, 3), display::duration(f.horizon_s),
                 display::number(f.total().low, 3), display::number(f.total().high, 3));
    if (std::isfinite(f.naive))
      text += ", naive " + display::number(f.naive, 3);
    text += ".";
    if (!f.bottleneck.isEmpty())
      text += QString(" Bottleneck: %1 (in %2 % of the runs).")
                  .arg(f.bottleneck, display::number(100 * f.bottleneck_share, 3));
    if (f.target)
      text += QString(" Target %1: %2 % chance of missing it.")
                  .arg(display::number(*f.target, 4), display::number(100 * f.miss_probability, 3));
    lines << text;
  }
  if (latest_actual_) {
    const TwinActual& a = *latest_actual_;
    lines << QString("Last actual: forecast %1 (from %2) came to %3 good lots, %4 its interval (%5 to %6).")
                 .arg(a.index)
                 .arg(plant_date(a.from), display::number(a.actual, 4), a.covered ? "inside" : "outside",
                      display::number(a.low, 3), display::number(a.high, 3));
  }
  if (!lines.isEmpty())
    summary_->setText(lines.join("\n"));
}

} // namespace gigatwin::gui
