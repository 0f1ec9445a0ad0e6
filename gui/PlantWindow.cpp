#include "PlantWindow.hpp"

#include "Display.hpp"
#include "FloorView.hpp"
#include "ForecastChart.hpp"
#include "WindowSize.hpp"

#include <QCloseEvent>
#include <QFrame>
#include <QGridLayout>
#include <QHBoxLayout>
#include <QLabel>
#include <QLocale>
#include <QPushButton>
#include <QRegularExpression>
#include <QSet>
#include <QSplitter>
#include <QStackedWidget>
#include <QVBoxLayout>

namespace gigatwin::gui {

namespace {
QString plant_date(const QDateTime& utc) {
  static const QLocale english(QLocale::English, QLocale::UnitedStates);
  return english.toString(utc, "ddd d MMM yyyy hh:mm:ss") + " UTC";
}

QString topic_name(PlantLink::Topic topic) {
  switch (topic) {
  case PlantLink::Topic::floor:
    return "floor";
  case PlantLink::Topic::forecast:
    return "forecast";
  case PlantLink::Topic::actual:
    return "actual";
  case PlantLink::Topic::drift:
    return "drift";
  case PlantLink::Topic::status:
    return "status";
  }
  return "message";
}

/// The station groups some step of the scenario uses: those the twin's floor lists.
QSet<QString> groups_in_use(const scenario::ScenarioSpec& spec) {
  QSet<QString> used;
  for (const auto& step : spec.steps)
    if (step.group_index < spec.station_groups.size())
      used.insert(QString::fromStdString(spec.station_groups[step.group_index].name));
  return used;
}

/// A figure of the header: its caption small above, its value large.
QLabel* add_tile(QHBoxLayout* row, const QString& caption) {
  auto* tile = new QWidget;
  auto* layout = new QVBoxLayout(tile);
  layout->setContentsMargins(0, 0, 24, 0);
  layout->setSpacing(0);
  auto* name = new QLabel(caption);
  name->setStyleSheet("color: #555;");
  auto* value = new QLabel("–");
  QFont font = value->font();
  font.setPointSizeF(font.pointSizeF() * 1.35);
  font.setBold(true);
  value->setFont(font);
  layout->addWidget(name);
  layout->addWidget(value);
  row->addWidget(tile);
  return value;
}
} // namespace

PlantWindow::PlantWindow(std::optional<scenario::ScenarioSpec> scenario, QWidget* parent)
    : QMainWindow(parent), scenario_(std::move(scenario)) {
  setWindowTitle("GigaTwin — live plant");

  banner_ = new QFrame;
  banner_->setObjectName("drift");
  banner_->setStyleSheet(
      "QFrame#drift { background: #fff1cc; border: 2px solid #d98c00; border-radius: 4px; }");
  drift_ = new QLabel;
  drift_->setWordWrap(true);
  drift_->setTextFormat(Qt::RichText);
  auto* dismiss = new QPushButton("Dismiss");
  dismiss->setToolTip("Hide this alert (the next drift shows again)");
  connect(dismiss, &QPushButton::clicked, banner_, &QWidget::hide);
  auto* banner_layout = new QHBoxLayout(banner_);
  banner_layout->addWidget(drift_, 1);
  banner_layout->addWidget(dismiss, 0, Qt::AlignTop);
  banner_->hide();

  auto* header = new QHBoxLayout;
  plant_time_ = add_tile(header, "Plant time");
  lots_in_plant_ = add_tile(header, "Lots in the plant");
  good_out_ = add_tile(header, "Good lots out (since the twin started)");
  throughput_ = add_tile(header, "Throughput (last hour)");
  header->addStretch(1);

  floor_ = new FloorView;
  floor_->setMinimumSize(300, 160);
  // Until the twin's first floor message, a word on what is awaited rather than an empty floor.
  floor_stack_ = new QStackedWidget;
  waiting_ = new QLabel("Waiting for the twin's floor: it publishes one once the plant's events come in.");
  waiting_->setAlignment(Qt::AlignCenter);
  waiting_->setWordWrap(true);
  waiting_->setStyleSheet("color: #666; background: white; border: 1px solid #bbb;");
  floor_stack_->addWidget(waiting_);
  floor_stack_->addWidget(floor_);
  forecasts_ = new ForecastChart;
  auto* split = new QSplitter(Qt::Vertical);
  split->addWidget(floor_stack_);
  split->addWidget(forecasts_);
  split->setStretchFactor(0, 2);
  split->setStretchFactor(1, 3);

  status_ = new QLabel;
  status_->setWordWrap(true);
  status_->setTextFormat(Qt::PlainText);
  status_->setStyleSheet("color: #333;");

  auto* central = new QWidget;
  auto* layout = new QVBoxLayout(central);
  layout->addWidget(banner_);
  layout->addLayout(header);
  layout->addWidget(split, 1);
  layout->addWidget(status_);
  setCentralWidget(central);

  connection_text_ = "Broker: not connected";
  twin_text_ = "Twin: no status yet";
  last_message_text_ = "no message yet";
  update_status();
  resize_to_fit(*this, 1500, 950);
}

PlantWindow::~PlantWindow() {
  // The link goes first, while this window's slots can still take its last signals.
  delete link_.data();
}

void PlantWindow::attach(PlantLink* link) {
  delete link_.data();
  link_ = link;
  link->setParent(this);
  connect(link, &PlantLink::message_arrived, this, &PlantWindow::take);
  connect(link, &PlantLink::state_changed, this, &PlantWindow::show_connection);
  waiting_->setText("Waiting for the twin's floor on " + link->config().prefix +
                    "/floor: the twin publishes it once the plant's events come in.");
  show_connection(link->state(), link->state_text());
  setWindowTitle("GigaTwin — live plant: " + link->config().prefix + " at " + link->config().url);
}

void PlantWindow::closeEvent(QCloseEvent* event) {
  if (link_)
    link_->close();
  event->accept();
}

void PlantWindow::take(PlantLink::Topic topic, const QByteArray& payload) {
  const auto object = twin_json(payload);
  if (!object) {
    count_ignored(topic, payload.size() > max_twin_message_bytes ? "over 64 KiB" : "not one JSON object");
    return;
  }
  switch (topic) {
  case PlantLink::Topic::floor:
    if (const auto floor = parse_floor(*object)) {
      show_floor(*floor);
      break;
    }
    count_ignored(topic, "not a floor message");
    return;
  case PlantLink::Topic::forecast:
    if (const auto forecast = parse_forecast(*object)) {
      forecasts_->add_forecast(*forecast);
      break;
    }
    count_ignored(topic, "not a forecast");
    return;
  case PlantLink::Topic::actual:
    if (const auto actual = parse_actual(*object)) {
      forecasts_->add_actual(*actual);
      break;
    }
    count_ignored(topic, "not an actual");
    return;
  case PlantLink::Topic::drift:
    if (const auto drift = parse_drift(*object)) {
      show_drift(*drift);
      break;
    }
    count_ignored(topic, "not a drift");
    return;
  case PlantLink::Topic::status:
    if (const auto status = parse_status(*object)) {
      show_status(*status);
      break;
    }
    count_ignored(topic, "not a status");
    return;
  }
  last_message_text_ =
      "last message " + QTime::currentTime().toString("hh:mm:ss") + " (" + topic_name(topic) + ")";
  update_status();
}

void PlantWindow::count_ignored(PlantLink::Topic topic, const QString& why) {
  ++ignored_;
  ignored_text_ =
      QString("%1 bad message(s) ignored, the last on %2: %3").arg(ignored_).arg(topic_name(topic), why);
  update_status();
}

void PlantWindow::show_floor(const TwinFloor& floor) {
  QStringList names;
  QVector<int> machines;
  for (const auto& st : floor.sample.stations) {
    names << st.name;
    machines << st.machines;
  }
  if (names != groups_) {
    from_scenario_ = scenario_ && groups_in_use(*scenario_) == QSet<QString>(names.begin(), names.end());
    if (from_scenario_)
      floor_->set_plant(*scenario_);
    else
      floor_->set_layout(names, machines);
    groups_ = names;
  }
  floor_stack_->setCurrentWidget(floor_);
  for (const auto& st : floor.sample.stations)
    floor_->show_sample(st);
  plant_time_->setText(plant_date(floor.at));
  lots_in_plant_->setText(display::number(floor.sample.wip, 6));
  good_out_->setText(display::number(static_cast<double>(floor.completed), 9));
  throughput_->setText(display::number(floor.sample.throughput, 3) + " lots/h");
}

void PlantWindow::show_drift(const TwinDrift& d) {
  // The retained drift comes again after a reconnect: the same message is not news.
  const QString alarm = d.station_group + "/" + d.quantity;
  const QString id = alarm + "/" + d.at.toString(Qt::ISODate) + "/" + QString::number(d.observations);
  if (id == last_drift_)
    return;
  last_drift_ = id;
  // A refinement (the refit made again as the new regime's times double) is no new drift: it
  // updates the alert, and one the user dismissed stays dismissed.
  const bool refinement = d.refined && alarm == drift_alarm_;
  if (!d.refined) {
    drift_alarm_ = alarm;
    drift_scenario_mean_s_ = d.mean_before_s;
  }
  if (!refinement)
    ++drifts_;
  const QString where = QString("Drift at <b>%1</b>: its <b>%2</b>")
                            .arg(d.station_group.toHtmlEscaped(), quantity_words(d.quantity));
  const QString family = d.refit_family.isEmpty() ? QString() : " (" + d.refit_family.toHtmlEscaped() + ")";
  QString text;
  if (!d.refined) {
    text = QString("%1 got %2 — mean <b>%3</b> before, <b>%4</b> now (found %5, from %6 observations). "
                   "Forecasts now use the refit%7.")
               .arg(where, d.up ? "longer" : "shorter", display::duration(d.mean_before_s),
                    display::duration(d.mean_after_s), plant_date(d.at))
               .arg(d.observations)
               .arg(family);
  } else if (refinement) { // the scenario's mean is the drift's "before"
    text = QString("%1 got %2 — mean <b>%3</b> before, <b>%4</b> now (refit refined %5 from %6 observations; "
                   "the first refit said %7). Forecasts now use the refined fit%8.")
               .arg(where, d.mean_after_s > drift_scenario_mean_s_ ? "longer" : "shorter",
                    display::duration(drift_scenario_mean_s_), display::duration(d.mean_after_s),
                    plant_date(d.at))
               .arg(d.observations)
               .arg(display::duration(d.mean_before_s), family);
  } else { // connected after the drift: only the refinement is known
    text = QString("%1 drifted; its refit, refined %2 from %3 observations, has a mean of <b>%4</b> (the "
                   "previous fit's: %5). Forecasts now use the refined fit%6.")
               .arg(where, plant_date(d.at))
               .arg(d.observations)
               .arg(display::duration(d.mean_after_s), display::duration(d.mean_before_s), family);
  }
  drift_->setText("⚠ " + text);
  drift_->setToolTip(QString("%1 drift(s) seen since connecting; this is the latest").arg(drifts_));
  if (!refinement || !banner_->isHidden())
    banner_->show();
}

void PlantWindow::show_status(const TwinStatus& s) {
  QString state = s.state;
  if (s.state == "gone")
    state = "gone (it dropped off without saying done)";
  else if (s.state == "failed" && !s.error.isEmpty())
    state = "failed: " + s.error;
  twin_text_ = QString("Twin: %1 — %2 events applied, %3 dropped, %4 forecast(s)")
                   .arg(state, display::number(static_cast<double>(s.events_applied), 12),
                        display::number(static_cast<double>(s.events_dropped), 12),
                        display::number(static_cast<double>(s.forecasts), 9));
  if (s.drifts > 0)
    twin_text_ += QString(", %1 drift(s)").arg(s.drifts);
  if (groups_.isEmpty() && s.plant_time.isValid()) { // no floor yet: the status's clock
    plant_time_->setText(plant_date(s.plant_time));
    if (s.lots_in_plant >= 0)
      lots_in_plant_->setText(display::number(static_cast<double>(s.lots_in_plant), 9));
  }
  update_status();
}

void PlantWindow::show_connection(PlantLink::State state, const QString& text) {
  connection_text_ = "Broker: " + text;
  status_->setStyleSheet(state == PlantLink::State::connected ? "color: #333;" : "color: #a05000;");
  update_status();
}

void PlantWindow::update_status() {
  QStringList parts = {connection_text_, twin_text_, last_message_text_};
  if (!ignored_text_.isEmpty())
    parts << ignored_text_;
  status_->setText(parts.join("  ·  "));
}

bool PlantWindow::drift_shown() const {
  return !banner_->isHidden();
}

QString PlantWindow::drift_text() const {
  QString plain = drift_->text();
  plain.remove(QRegularExpression("<[^>]*>"));
  return plain;
}

QString PlantWindow::header_text() const {
  return QString("Plant time: %1; lots in the plant: %2; good lots out: %3; throughput: %4")
      .arg(plant_time_->text(), lots_in_plant_->text(), good_out_->text(), throughput_->text());
}

QString PlantWindow::status_text() const {
  return status_->text();
}

} // namespace gigatwin::gui
