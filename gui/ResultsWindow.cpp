#include "ResultsWindow.hpp"

#include "Display.hpp"

#include "ChartsPanel.hpp"
#include "FloorReplay.hpp"
#include "FloorView.hpp"
#include "GanttView.hpp"
#include "LabourFlowView.hpp"
#include "LiveData.hpp"
#include "MachineStates.hpp"
#include "RunComparison.hpp"
#include "RunReport.hpp"
#include "TraceTables.hpp"
#include "WindowSize.hpp"

#include "results/DisplayUnits.hpp"
#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <QCategoryAxis>
#include <QChart>
#include <QChartView>
#include <QComboBox>
#include <QDoubleSpinBox>
#include <QFileDialog>
#include <QFileInfo>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLegend>
#include <QLegendMarker>
#include <QLineSeries>
#include <QListWidget>
#include <QMessageBox>
#include <QPushButton>
#include <QSignalBlocker>
#include <QSlider>
#include <QSplitter>
#include <QTabWidget>
#include <QTableWidget>
#include <QTimer>
#include <QVBoxLayout>
#include <QValueAxis>

#include <algorithm>
#include <cmath>
#include <map>
#include <variant>

namespace gigatwin::gui {

namespace {
QString cell_text(const results::Table& t, std::size_t row, std::size_t column) {
  const auto& cell = t.rows[row][column];
  if (const auto* s = std::get_if<std::string>(&cell))
    return QString::fromStdString(*s);
  if (const auto* i = std::get_if<std::int64_t>(&cell))
    return QString::number(*i);
  if (const auto* u = std::get_if<std::uint64_t>(&cell))
    return QString::number(*u);
  return QString::number(std::get<double>(cell), 'g', 6);
}

double cell_number(const results::Table& t, std::size_t row, const char* column) {
  return results::number_at(t, row, column);
}

/// One turn of a trace read that goes on between event-loop turns (the replay's, the Gantt
/// chart's): reads a slice and reports how far it got; once done hands over the result, or on a
/// damaged trace the message. The timer that drives it and the loader stop either way.
template <class Loader, class Progress, class Finish, class Fail>
void read_slice(std::unique_ptr<Loader>& loader, QTimer* timer, Progress progress, Finish finish, Fail fail) {
  if (!loader) {
    timer->stop();
    return;
  }
  try {
    loader->step();
    if (!loader->done()) {
      progress(loader->fraction());
      return;
    }
    timer->stop();
    auto result = loader->result();
    loader.reset();
    finish(std::move(result));
  } catch (const results::ResultsError& e) {
    timer->stop();
    loader.reset();
    fail("Cannot read the event trace: " + QString::fromStdString(e.what()));
  }
}

const QStringList fixed_point_columns = {"point", "parameters", "scenario_name", "scenario_hash",
                                         "overrides"};
} // namespace

ResultsWindow::ResultsWindow(QWidget* parent) : QWidget(parent) {
  setWindowTitle("GigaTwin results");
  auto* layout = new QVBoxLayout(this);
  header_ = new QLabel("No file open");
  header_->setWordWrap(true);
  layout->addWidget(header_);
  problem_ = new QLabel;
  problem_->setWordWrap(true);
  problem_->setStyleSheet("QLabel { color: #b00020; }");
  problem_->hide();
  layout->addWidget(problem_);
  auto* tabs = tabs_ = new QTabWidget;
  layout->addWidget(tabs, 1);

  auto* run_page = new QSplitter(Qt::Horizontal);
  runs_ = new QListWidget;
  runs_->setMaximumWidth(260);
  auto* right = new QSplitter(Qt::Vertical);
  charts_ = new ChartsPanel;
  stations_ = new QTableWidget;
  stations_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  stations_->verticalHeader()->hide();
  part_buffers_ = new QTableWidget;
  part_buffers_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  part_buffers_->verticalHeader()->hide();
  part_buffers_->hide();
  right->addWidget(charts_);
  right->addWidget(stations_);
  right->addWidget(part_buffers_);
  run_page->addWidget(runs_);
  run_page->addWidget(right);
  tabs->addTab(run_page, "Runs");
  comparison_ = new RunComparison;
  tabs->addTab(comparison_, "Compare");
  // Each entry's id is its data (its text also says what its point changed); ticking entries
  // puts them side by side in the Compare tab.
  connect(runs_, &QListWidget::currentItemChanged, this, [this](QListWidgetItem* item) {
    const QString id = item ? item->data(Qt::UserRole).toString() : QString();
    if (id.endsWith(" mean"))
      show_point_mean(id.mid(1, 4).toInt());
    else if (!id.isEmpty())
      show_run(id);
  });
  connect(runs_, &QListWidget::itemChanged, this, [this] {
    QStringList ids;
    for (int i = 0; i < runs_->count(); ++i)
      if (runs_->item(i)->checkState() == Qt::Checked)
        ids << runs_->item(i)->data(Qt::UserRole).toString();
    compare(ids);
  });

  auto* labour_page = new QWidget;
  auto* labour_layout = new QVBoxLayout(labour_page);
  auto* labour_controls = new QHBoxLayout;
  labour_with_ = new QComboBox;
  labour_controls->addWidget(new QLabel("Beside the run shown, the run"));
  labour_controls->addWidget(labour_with_, 1);
  auto* report = new QPushButton("Save run report (PDF)...");
  report->setToolTip("The shown run's KPIs, charts, stations and labour flows (beside the run chosen here)");
  labour_controls->addWidget(report);
  connect(report, &QPushButton::clicked, this, [this] {
    if (!file_ || shown_run_.isEmpty())
      return;
    const QString pdf =
        QFileDialog::getSaveFileName(this, "Save run report", "gigatwin-report.pdf", "PDF (*.pdf)");
    if (pdf.isEmpty())
      return;
    const QString other = labour_with_->currentText() == "(none)" ? QString() : labour_with_->currentText();
    QString error;
    if (!write_run_report({QString::fromStdString(file_->path()), shown_run_, pdf, other}, &error))
      QMessageBox::warning(this, "Run report", error);
  });
  labour_layout->addLayout(labour_controls);
  auto* labour_views = new QHBoxLayout;
  labour_flows_ = new LabourFlowView;
  labour_compared_ = new LabourFlowView;
  labour_compared_->hide();
  labour_views->addWidget(labour_flows_, 1);
  labour_views->addWidget(labour_compared_, 1);
  labour_layout->addLayout(labour_views, 1);
  tabs->addTab(labour_page, "Labour flows");
  connect(labour_with_, &QComboBox::currentTextChanged, this, [this](const QString& text) {
    compare_labour_with(text == "(none)" ? QString() : text.section(' ', 0, 0));
  });

  auto* gantt_page = new QWidget;
  auto* gantt_layout = new QVBoxLayout(gantt_page);
  auto* gantt_controls = new QHBoxLayout;
  gantt_group_ = new QComboBox;
  gantt_from_ = new QDoubleSpinBox;
  gantt_to_ = new QDoubleSpinBox;
  for (auto* box : {gantt_from_, gantt_to_}) {
    box->setDecimals(3);
    box->setRange(0, 1e6);
    box->setSuffix(" d");
  }
  gantt_controls->addWidget(new QLabel("Station group"));
  gantt_controls->addWidget(gantt_group_, 1);
  gantt_controls->addWidget(new QLabel("from"));
  gantt_controls->addWidget(gantt_from_);
  gantt_controls->addWidget(new QLabel("to"));
  gantt_controls->addWidget(gantt_to_);
  gantt_layout->addLayout(gantt_controls);
  gantt_ = new GanttView;
  gantt_layout->addWidget(gantt_, 1);
  tabs->addTab(gantt_page, "Machine states");
  const auto redraw = [this] {
    if (!gantt_group_->currentText().isEmpty())
      start_machine_states(gantt_group_->currentText(), gantt_from_->value() * 86400.0,
                           gantt_to_->value() * 86400.0);
  };
  connect(gantt_group_, &QComboBox::currentTextChanged, this, redraw);
  connect(gantt_from_, &QDoubleSpinBox::editingFinished, this, redraw);
  connect(gantt_to_, &QDoubleSpinBox::editingFinished, this, redraw);

  auto* replay_page = new QWidget;
  auto* replay_layout = new QVBoxLayout(replay_page);
  auto* replay_controls = new QHBoxLayout;
  replay_play_ = new QPushButton("Play");
  replay_slider_ = new QSlider(Qt::Horizontal);
  replay_slider_->setRange(0, 1000);
  replay_clock_ = new QLabel("day 0, 00:00");
  replay_speed_ = new QComboBox;
  replay_speed_->addItems({"1 h a second", "6 h a second", "1 d a second", "1 week a second"});
  replay_speed_->setCurrentIndex(1);
  replay_controls->addWidget(replay_play_);
  replay_controls->addWidget(replay_slider_, 1);
  replay_controls->addWidget(replay_clock_);
  replay_controls->addWidget(replay_speed_);
  replay_layout->addLayout(replay_controls);
  replay_floor_ = new FloorView;
  replay_layout->addWidget(replay_floor_, 1);
  tabs->addTab(replay_page, "Replay");
  gantt_reader_ = new QTimer(this);
  gantt_reader_->setInterval(0);
  connect(gantt_reader_, &QTimer::timeout, this, [this] { read_gantt_slice(); });
  replay_reader_ = new QTimer(this);
  replay_reader_->setInterval(0);
  connect(replay_reader_, &QTimer::timeout, this, [this] { read_replay_slice(); });
  connect(tabs, &QTabWidget::currentChanged, this, [this] { show_current_tab(); });
  replay_timer_ = new QTimer(this);
  replay_timer_->setInterval(100); // redraw ten times a second, whatever the speed
  connect(replay_timer_, &QTimer::timeout, this, [this] {
    static const double per_second[] = {3600.0, 6 * 3600.0, 86400.0, 7 * 86400.0};
    const double next = replay_t_s_ + per_second[std::clamp(replay_speed_->currentIndex(), 0, 3)] / 10;
    replay_to(next);
    if (!replay_ || next >= replay_->horizon_s()) {
      replay_timer_->stop();
      replay_play_->setText("Play");
    }
  });
  connect(replay_play_, &QPushButton::clicked, this, [this] {
    if (replay_timer_->isActive()) {
      replay_timer_->stop();
      replay_play_->setText("Play");
    } else if (replay_) {
      if (replay_t_s_ >= replay_->horizon_s())
        replay_to(0);
      replay_timer_->start();
      replay_play_->setText("Pause");
    }
  });
  connect(replay_slider_, &QSlider::sliderMoved, this, [this](int v) {
    if (replay_)
      replay_to(replay_->horizon_s() * v / 1000.0);
  });

  auto* sweep_page = new QWidget;
  auto* sweep_layout = new QVBoxLayout(sweep_page);
  auto* controls = new QHBoxLayout;
  kpi_ = new QComboBox;
  parameter_ = new QComboBox;
  controls->addWidget(new QLabel("KPI"));
  controls->addWidget(kpi_, 1);
  controls->addWidget(new QLabel("against"));
  controls->addWidget(parameter_, 1);
  sweep_layout->addLayout(controls);
  sweep_view_ = new QChartView(new QChart);
  sweep_view_->setRenderHint(QPainter::Antialiasing);
  sweep_layout->addWidget(sweep_view_, 1);
  tabs->addTab(sweep_page, "Sweep");
  auto replot = [this] { plot_sweep(kpi_->currentText(), parameter_->currentText()); };
  connect(kpi_, &QComboBox::currentTextChanged, this, replot);
  connect(parameter_, &QComboBox::currentTextChanged, this, replot);
  resize_to_fit(*this, 1300, 850);
}

ResultsWindow::~ResultsWindow() = default;

bool ResultsWindow::open(const QString& path) {
  // Reads under way are of the file about to go: they stop first (they hold the reader).
  gantt_reader_->stop();
  gantt_loader_.reset();
  forget_replay();
  try {
    // The reader refuses what GigaTwin did not write; a file whose runs all failed has no
    // summary, and is still worth opening for the errors.
    file_ = std::make_unique<results::ResultsReader>(path.toStdString());
  } catch (const results::ResultsError& e) {
    error_ = QString::fromStdString(e.what());
    return false;
  }
  error_.clear();
  setWindowTitle("GigaTwin results — " + QFileInfo(path).fileName());
  runs_->clear();
  parameters_of_point_.clear();
  if (file_->has("/experiment/points")) {
    const results::Table points = file_->read_table("/experiment/points");
    for (std::size_t r = 0; r < points.rows.size(); ++r)
      parameters_of_point_[checked_index(points, r, "point", 100000, file_->path())] =
          QString::fromStdString(results::text_at(points, r, "parameters"));
  }
  labour_with_->blockSignals(true);
  labour_with_->clear();
  labour_with_->addItem("(none)");
  const auto ids = file_->has("/runs") ? file_->list("/runs") : std::vector<std::string>{};
  int failed = 0;
  for (const auto& id : ids) {
    const std::string group = "/runs/" + id;
    const bool ok =
        !file_->has_attribute(group, "status") || file_->attribute_string(group, "status") == "ok";
    QString label = run_title(QString::fromStdString(id)).mid(4); // without "Run "
    if (!ok) {
      ++failed;
      label += " (failed: " + QString::fromStdString(file_->attribute_string(group, "error")) + ")";
    }
    auto* item = new QListWidgetItem(label, runs_);
    item->setData(Qt::UserRole, QString::fromStdString(id));
    item->setToolTip(label);
    if (ok) {
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(Qt::Unchecked);
    }
    if (ok)
      labour_with_->addItem(QString::fromStdString(id));
  }
  labour_with_->blockSignals(false);
  // Each point with several completed runs: its stations averaged over them.
  QMap<QString, int> per_point;
  for (const auto& id : ids)
    if (!file_->has_attribute("/runs/" + id, "status") ||
        file_->attribute_string("/runs/" + id, "status") == "ok")
      ++per_point[QString::fromStdString(id).left(5)];
  for (auto it = per_point.begin(); it != per_point.end(); ++it)
    if (it.value() > 1) {
      const QString parameters = point_parameters(it.key().mid(1).toInt());
      auto* item = new QListWidgetItem(
          it.key() + " mean" + (parameters.isEmpty() ? QString() : ": " + parameters), runs_);
      item->setData(Qt::UserRole, it.key() + " mean");
      item->setToolTip(item->text());
      item->setFlags(item->flags() | Qt::ItemIsUserCheckable);
      item->setCheckState(Qt::Unchecked);
    }
  comparison_->clear();
  labour_compared_->hide();
  header_->setText(QString("%1 — scenario '%2', %3 run(s)%4, created %5")
                       .arg(path)
                       .arg(QString::fromStdString(file_->attribute_string("/scenario", "name")))
                       .arg(ids.size())
                       .arg(failed ? QString(", %1 failed").arg(failed) : QString())
                       .arg(QString::fromStdString(file_->attribute_string("/", "created"))));
  kpi_->blockSignals(true);
  parameter_->blockSignals(true);
  kpi_->clear();
  parameter_->clear();
  const results::Table ci =
      file_->has("/experiment/confidence") ? file_->read_table("/experiment/confidence") : results::Table{};
  const auto kpi_col = ci.find_column("kpi");
  for (std::size_t r = 0; kpi_col && r < ci.rows.size(); ++r)
    if (cell_number(ci, r, "point") == 0)
      kpi_->addItem(cell_text(ci, r, *kpi_col));
  parameter_->addItems(sweep_parameters());
  kpi_->blockSignals(false);
  parameter_->blockSignals(false);
  if (!ids.empty())
    runs_->setCurrentRow(0);
  if (parameter_->count() > 0) { // a sweep: its plot is what the file is for
    kpi_->setCurrentText("throughput");
    plot_sweep(kpi_->currentText(), parameter_->currentText());
    tabs_->setCurrentIndex(1);
  }
  return true;
}

QString ResultsWindow::problem() const {
  return problem_->isVisible() || !problem_->isHidden() ? problem_->text() : QString();
}

QChart* ResultsWindow::sweep_chart() const {
  return sweep_view_->chart();
}

QStringList ResultsWindow::runs() const {
  QStringList out;
  for (int i = 0; i < runs_->count(); ++i)
    if (const QString id = runs_->item(i)->data(Qt::UserRole).toString();
        !id.endsWith(" mean")) // means are no runs
      out << id;
  return out;
}

void ResultsWindow::compare(const QStringList& ids) {
  if (!file_)
    return;
  guarded([&] { comparison_->compare(*file_, ids); });
}

QStringList ResultsWindow::sweep_parameters() const {
  QStringList out;
  if (!file_ || !file_->has("/experiment/points"))
    return out;
  for (const auto& c : file_->read_table("/experiment/points").columns)
    if (!fixed_point_columns.contains(QString::fromStdString(c.name)))
      out << QString::fromStdString(c.name);
  return out;
}

void ResultsWindow::show_point_mean(int point) {
  guarded([&] { show_point_mean_unguarded(point); });
}

void ResultsWindow::show_run(const QString& id) {
  guarded([&] { show_run_unguarded(id); });
}

void ResultsWindow::guarded(const std::function<void()>& show) {
  // A file that opens may still hold a damaged run: say so where the run would be, and go on.
  try {
    show();
    problem_->hide();
  } catch (const results::ResultsError& e) {
    problem_->setText("This part of the file cannot be read: " + QString::fromStdString(e.what()));
    problem_->show();
  }
}

void ResultsWindow::show_point_mean_unguarded(int point) {
  if (!file_)
    return;
  const QString prefix = QString("p%1-").arg(point, 4, 10, QChar('0'));
  std::vector<results::Table> tables;
  QString first;
  for (const auto& id : file_->list("/runs")) {
    const QString run = QString::fromStdString(id);
    const std::string group = "/runs/" + id;
    if (!run.startsWith(prefix) || !file_->has(group + "/stations") ||
        (file_->has_attribute(group, "status") && file_->attribute_string(group, "status") != "ok"))
      continue;
    if (first.isEmpty())
      first = run;
    tables.push_back(file_->read_table(group + "/stations"));
  }
  if (tables.empty())
    return;
  show_run_unguarded(first); // its charts; the station table is replaced by the mean
  results::Table mean = tables.front();
  for (std::size_t r = 0; r < mean.rows.size(); ++r)
    for (std::size_t c = 0; c < mean.columns.size(); ++c) {
      if (mean.columns[c].type == results::ColumnType::string)
        continue;
      double sum = 0;
      std::size_t n = 0;
      for (const auto& t : tables)
        if (r < t.rows.size() && c < t.columns.size() && t.columns[c].name == mean.columns[c].name) {
          sum += results::number_at(t, r, mean.columns[c].name);
          ++n;
        }
      mean.columns[c].type = results::ColumnType::float64;
      mean.rows[r][c] = n > 0 ? sum / static_cast<double>(n) : std::numeric_limits<double>::quiet_NaN();
    }
  fill(stations_, mean);
  stations_->setToolTip(
      QString("Means over the %1 completed runs of point %2").arg(tables.size()).arg(point));
}

void ResultsWindow::show_run_unguarded(const QString& id) {
  stations_->setToolTip(QString());
  if (!file_)
    return;
  const std::string group = "/runs/" + id.toStdString();
  stations_->clear();
  stations_->setRowCount(0);
  part_buffers_->clear();
  part_buffers_->setRowCount(0);
  part_buffers_->hide();
  if (!file_->has(group + "/timeseries/time")) {
    charts_->clear(86400);
    return;
  }
  charts_->show_run(*file_, group, QString::fromStdString(results::lot_noun(*file_, group)));
  fill(stations_, file_->read_table(group + "/stations"));
  labour_flows_->set_flows(labour_flows_of(id), run_title(id));
  // Machine states: a traced run's groups; the first day after the warm-up to begin with.
  shown_run_ = id;
  // The replay and the Gantt chart read the event trace, which can be long: only when their tab
  // is shown, the replay a slice at a time while the window keeps drawing.
  forget_replay();
  const QSignalBlocker block(gantt_group_);
  gantt_group_->clear();
  try {
    gantt_group_->addItems(MachineStates::traced_groups(*file_, id));
  } catch (const results::ResultsError& e) {
    gantt_->set_states(std::nullopt, "Cannot read the event trace: " + QString::fromStdString(e.what()));
  }
  const double horizon_d = file_->attribute_double(group, "horizon_s") / 86400.0;
  const double warmup_d =
      file_->has_attribute(group, "warmup_s") ? file_->attribute_double(group, "warmup_s") / 86400.0 : 0.0;
  gantt_from_->setValue(warmup_d);
  gantt_to_->setValue(std::min(horizon_d, warmup_d + 1));
  if (gantt_group_->count() == 0)
    gantt_->set_states(std::nullopt,
                       "This run has no event trace: run it with --trace (or trace: in the scenario) "
                       "to see its machines' states over time");
  else
    gantt_->set_states(std::nullopt, "Reading the trace when this tab is shown...");
  gantt_stale_ = gantt_group_->count() > 0;
  show_current_tab();
  if (file_->has(group + "/part_buffers")) {
    fill(part_buffers_, file_->read_table(group + "/part_buffers"));
    part_buffers_->show();
  }
}

std::optional<LabourFlows> ResultsWindow::labour_flows_of(const QString& id) const {
  return file_ ? LabourFlows::of_run(*file_, id) : std::nullopt;
}

void ResultsWindow::forget_replay() {
  replay_timer_->stop();
  replay_reader_->stop();
  replay_play_->setText("Play");
  replay_.reset();
  replay_loader_.reset();
  replay_run_.clear();
  replay_play_->setEnabled(false);
  replay_slider_->setEnabled(false);
}

void ResultsWindow::show_current_tab() {
  if (!file_ || shown_run_.isEmpty())
    return;
  QWidget* page = tabs_->currentWidget();
  if (page == replay_floor_->parentWidget() && replay_run_ != shown_run_)
    start_replay();
  if (page == gantt_->parentWidget() && gantt_stale_) {
    gantt_stale_ = false;
    start_machine_states(gantt_group_->currentText(), gantt_from_->value() * 86400.0,
                         gantt_to_->value() * 86400.0);
  }
}

void ResultsWindow::start_replay() {
  forget_replay();
  replay_run_ = shown_run_;
  try {
    replay_loader_ = std::make_unique<FloorReplay::Loader>(*file_, shown_run_);
  } catch (const results::ResultsError& e) {
    replay_clock_->setText("Cannot read the event trace: " + QString::fromStdString(e.what()));
    return;
  }
  replay_reader_->start(); // a slice per tick; the window draws in between
}

void ResultsWindow::read_replay_slice() {
  read_slice(
      replay_loader_, replay_reader_,
      [this](double read) {
        replay_clock_->setText(QString("Reading the trace: %1 %").arg(static_cast<int>(100 * read)));
      },
      [this](std::optional<FloorReplay> result) {
        if (result)
          replay_ = std::make_unique<FloorReplay>(std::move(*result));
        replay_clock_->clear();
        show_replay();
      },
      [this](const QString& message) { replay_clock_->setText(message); });
}

const FloorReplay* ResultsWindow::replay() {
  // For tests and scripts: whatever is still to read is read now.
  if (file_ && !shown_run_.isEmpty() && replay_run_ != shown_run_)
    start_replay();
  while (replay_loader_)
    read_replay_slice();
  return replay_.get();
}

void ResultsWindow::show_replay() {
  replay_play_->setEnabled(replay_ != nullptr);
  replay_slider_->setEnabled(replay_ != nullptr);
  if (!replay_) {
    replay_floor_->set_layout({}, {});
    if (!replay_clock_->text().startsWith("Cannot"))
      replay_clock_->setText("No event trace: run with --trace to replay");
    return;
  }
  // The plant as the run's scenario draws it (its floor plan, when it has one).
  bool laid_out = false;
  try {
    if (file_->has("/scenario")) {
      const auto spec =
          scenario::load_scenario_text(file_->read_text("/scenario"), "the results file's scenario");
      replay_floor_->set_plant(spec);
      laid_out = true;
    }
  } catch (const std::exception&) { // an older or edited scenario: the routing order will do
  }
  if (!laid_out) {
    QVector<int> machines;
    for (const auto& g : replay_->at(0))
      machines << g.machines;
    replay_floor_->set_layout(replay_->groups(), machines);
  }
  replay_to(0);
}

void ResultsWindow::replay_to(double t_s) {
  if (!replay_ && !replay())
    return;
  replay_t_s_ = std::clamp(t_s, 0.0, replay_->horizon_s());
  for (const StationLive& g : replay_->at(replay_t_s_))
    replay_floor_->show_sample(g);
  const auto day = static_cast<long long>(std::floor(replay_t_s_ / 86400.0));
  const double in_day = replay_t_s_ - static_cast<double>(day) * 86400.0;
  replay_clock_->setText(QString("day %1, %2:%3%4")
                             .arg(day)
                             .arg(static_cast<int>(in_day / 3600), 2, 10, QChar('0'))
                             .arg(static_cast<int>(std::fmod(in_day, 3600.0) / 60), 2, 10, QChar('0'))
                             .arg(replay_->complete() ? QString() : QString(" (partial trace)")));
  const QSignalBlocker block(replay_slider_);
  replay_slider_->setValue(
      static_cast<int>(std::lround(1000 * replay_t_s_ / std::max(1.0, replay_->horizon_s()))));
}

bool ResultsWindow::begin_machine_states(double from_s, double to_s) {
  gantt_reader_->stop(); // the new window answers; a read under way is dropped
  gantt_loader_.reset();
  if (!file_ || shown_run_.isEmpty())
    return false;
  if (!(to_s > from_s)) {
    gantt_->set_states(std::nullopt, "The window is empty: 'to' must be after 'from'");
    return false;
  }
  return true;
}

void ResultsWindow::show_machine_states(const QString& group, double from_s, double to_s) {
  if (!begin_machine_states(from_s, to_s))
    return;
  try {
    auto states = MachineStates::read(*file_, shown_run_, group, from_s, to_s);
    gantt_->set_states(std::move(states), "The trace of this run has no machine states of " + group);
  } catch (const results::ResultsError& e) {
    gantt_->set_states(std::nullopt, "Cannot read the event trace: " + QString::fromStdString(e.what()));
  }
}

void ResultsWindow::start_machine_states(const QString& group, double from_s, double to_s) {
  if (!begin_machine_states(from_s, to_s))
    return;
  try {
    gantt_loader_ = std::make_unique<MachineStates::Loader>(*file_, shown_run_, group, from_s, to_s);
  } catch (const results::ResultsError& e) {
    gantt_->set_states(std::nullopt, "Cannot read the event trace: " + QString::fromStdString(e.what()));
    return;
  }
  gantt_group_read_ = group;
  gantt_reader_->start(); // a slice per tick; the window draws in between
}

void ResultsWindow::read_gantt_slice() {
  read_slice(
      gantt_loader_, gantt_reader_,
      [this](double read) {
        gantt_->set_states(std::nullopt,
                           QString("Reading the trace: %1 %").arg(static_cast<int>(100 * read)));
      },
      [this](std::optional<MachineStates> states) {
        gantt_->set_states(std::move(states),
                           "The trace of this run has no machine states of " + gantt_group_read_);
      },
      [this](const QString& message) { gantt_->set_states(std::nullopt, message); });
}

QString ResultsWindow::run_title(const QString& id) const {
  // "Run p0004-r0000: automation=25%; ..." — a sweep's runs say what their point changed.
  const QString parameters = point_parameters(id.mid(1, 4).toInt());
  return "Run " + id + (parameters.isEmpty() ? QString() : ": " + parameters);
}

QString ResultsWindow::point_parameters(int point) const {
  return parameters_of_point_.value(point);
}

void ResultsWindow::compare_labour_with(const QString& id) {
  if (id.isEmpty()) {
    labour_compared_->hide();
    return;
  }
  guarded([&] {
    labour_compared_->set_flows(labour_flows_of(id), run_title(id));
    labour_compared_->show();
  });
}

void ResultsWindow::fill(QTableWidget* view, const results::Table& t) {
  view->setColumnCount(static_cast<int>(t.columns.size()));
  QStringList headers;
  for (const auto& c : t.columns)
    headers << QString::fromStdString(c.name) + (c.units.empty() || c.units == "1"
                                                     ? QString()
                                                     : " [" + QString::fromStdString(c.units) + "]");
  view->setHorizontalHeaderLabels(headers);
  view->setRowCount(static_cast<int>(t.rows.size()));
  for (std::size_t r = 0; r < t.rows.size(); ++r)
    for (std::size_t c = 0; c < t.columns.size(); ++c)
      view->setItem(static_cast<int>(r), static_cast<int>(c), new QTableWidgetItem(cell_text(t, r, c)));
  view->resizeColumnsToContents();
}

void ResultsWindow::plot_sweep(const QString& kpi, const QString& parameter) {
  auto* chart = new QChart;
  // The view takes the new chart and releases the old one, which is ours to delete.
  QChart* old = sweep_view_->chart();
  sweep_view_->setChart(chart);
  delete old;
  sweep_points_ = 0;
  if (!file_ || kpi.isEmpty() || parameter.isEmpty() || !file_->has("/experiment/points") ||
      !file_->has("/experiment/confidence"))
    return;
  const results::Table points = file_->read_table("/experiment/points");
  const results::Table ci = file_->read_table("/experiment/confidence");
  const auto p_col = points.find_column(parameter.toStdString());
  if (!p_col)
    return;
  // x: the parameter's values in order of first appearance; a line per combination of the others.
  QStringList values;
  std::map<QString, QLineSeries*> lines;
  QString units;
  std::map<std::int64_t, std::pair<double, double>> by_point;
  for (std::size_t r = 0; r < ci.rows.size(); ++r)
    if (cell_text(ci, r, *ci.find_column("kpi")) == kpi) {
      by_point[static_cast<std::int64_t>(cell_number(ci, r, "point"))] = {cell_number(ci, r, "mean"),
                                                                          cell_number(ci, r, "half_width")};
      units = cell_text(ci, r, *ci.find_column("units"));
    }
  // In the units the app shows the KPI in (hours, %, packs/h), as the rest of the browser.
  const display::KpiView view =
      display::kpi_view(kpi, units, QString::fromStdString(results::lot_noun(*file_)));
  for (auto& [point, value] : by_point)
    value = {value.first * view.factor, value.second * view.factor};
  auto* x_axis = new QCategoryAxis;
  auto* y_axis = new QValueAxis;
  chart->addAxis(x_axis, Qt::AlignBottom);
  chart->addAxis(y_axis, Qt::AlignLeft);
  double lo = INFINITY, hi = -INFINITY;
  for (std::size_t r = 0; r < points.rows.size(); ++r) {
    const QString v = cell_text(points, r, *p_col);
    if (!values.contains(v))
      values << v;
    QString others;
    for (std::size_t c = 0; c < points.columns.size(); ++c) {
      const QString name = QString::fromStdString(points.columns[c].name);
      if (c != *p_col && !fixed_point_columns.contains(name))
        others += (others.isEmpty() ? "" : ", ") + name + "=" + cell_text(points, r, c);
    }
    const auto it = by_point.find(static_cast<std::int64_t>(cell_number(points, r, "point")));
    if (it == by_point.end() || std::isnan(it->second.first))
      continue;
    QLineSeries*& line = lines[others];
    if (line == nullptr) {
      line = new QLineSeries;
      line->setName(others.isEmpty() ? kpi : others);
      line->setPointsVisible(true);
      chart->addSeries(line);
      line->attachAxis(x_axis);
      line->attachAxis(y_axis);
    }
    const double x = static_cast<double>(values.indexOf(v));
    const auto [mean, hw] = it->second;
    line->append(x, mean);
    ++sweep_points_;
    const double h = std::isnan(hw) ? 0.0 : hw;
    lo = std::min(lo, mean - h);
    hi = std::max(hi, mean + h);
    if (h > 0) { // the interval as a whisker with caps, in the line's colour
      auto* whisker = new QLineSeries;
      whisker->append({{x, mean - h}, {x, mean + h}});
      auto* caps = new QLineSeries;
      caps->append({{x - 0.06, mean - h}, {x + 0.06, mean - h}});
      auto* top = new QLineSeries;
      top->append({{x - 0.06, mean + h}, {x + 0.06, mean + h}});
      for (auto* s : {whisker, caps, top}) {
        chart->addSeries(s);
        s->attachAxis(x_axis);
        s->attachAxis(y_axis);
        s->setColor(line->color());
      }
    }
  }
  for (qsizetype i = 0; i < values.size(); ++i)
    x_axis->append(values[i], static_cast<double>(i));
  x_axis->setStartValue(-0.5);
  x_axis->setRange(-0.5, static_cast<double>(values.size()) - 0.5);
  x_axis->setLabelsPosition(QCategoryAxis::AxisLabelsPositionOnValue);
  x_axis->setTitleText(parameter);
  if (lo <= hi) {
    // Round ticks around the means and their intervals (a sweep's differences are its point:
    // the axis does not start at 0).
    const display::Range r = display::nice_range(lo, hi);
    y_axis->setRange(r.low, r.high);
    y_axis->setTickType(QValueAxis::TicksDynamic);
    y_axis->setTickAnchor(r.low);
    y_axis->setTickInterval(r.step);
    y_axis->setLabelFormat(QString("%.%1f").arg(display::decimals_for(r.step)));
  }
  y_axis->setTitleText(view.label + (view.units.isEmpty() ? QString() : " [" + view.units + "]"));
  chart->setTitle(view.label + " against " + parameter + " (mean, 95 % interval over replications)");
  // Only the mean lines in the legend.
  for (auto* marker : chart->legend()->markers())
    marker->setVisible(!marker->series()->name().isEmpty());
}

} // namespace gigatwin::gui
