#include "MainWindow.hpp"

#include "ChartsPanel.hpp"
#include "CompareChart.hpp"
#include "ConnectDialog.hpp"
#include "Display.hpp"
#include "ExperimentDialog.hpp"
#include "FloorView.hpp"
#include "LeverPanel.hpp"
#include "PlantDataImport.hpp"
#include "PlantLink.hpp"
#include "PlantWindow.hpp"
#include "ResultsWindow.hpp"
#include "RunController.hpp"
#include "RunReport.hpp"
#include "ScenarioEditor.hpp"
#include "WindowSize.hpp"

#include "scenario/CapacityEstimate.hpp"
#include "scenario/ScenarioEdits.hpp"
#include "scenario/ScenarioLoader.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <QApplication>
#include <QCloseEvent>
#include <QDir>
#include <QDragEnterEvent>
#include <QDropEvent>
#include <QEventLoop>
#include <QFile>
#include <QFileDialog>
#include <QFileInfo>
#include <QHeaderView>
#include <QLabel>
#include <QMenuBar>
#include <QMessageBox>
#include <QMimeData>
#include <QProcess>
#include <QProgressBar>
#include <QProgressDialog>
#include <QRegularExpression>
#include <QSaveFile>
#include <QScrollArea>
#include <QSettings>
#include <QSpinBox>
#include <QSplitter>
#include <QStatusBar>
#include <QTabWidget>
#include <QTableWidget>
#include <QToolBar>
#include <QUndoCommand>

#include <algorithm>
#include <cmath>
#include <filesystem>
#include <variant>

namespace gigatwin::gui {

namespace {
/// One change of the scenario — a lever, a group moved on the floor plan, an edit in the
/// editor — undoable: the scenario's tree before and after (a few kilobytes), so that undo and
/// redo never depend on what changed since.
class DocumentCommand : public QUndoCommand {
public:
  DocumentCommand(std::function<void(const scenario::TreeNode&)> apply, scenario::TreeNode before,
                  scenario::TreeNode after, const QString& text)
      : apply_(std::move(apply)), before_(std::move(before)), after_(std::move(after)) {
    setText(text);
  }
  void undo() override { apply_(before_); }
  void redo() override { apply_(after_); }

private:
  std::function<void(const scenario::TreeNode&)> apply_;
  scenario::TreeNode before_, after_;
};

/// A message box that does not block the event loop (runs and tests go on behind it).
void notify(QWidget* parent, const QString& title, const QString& text) {
  auto* box = new QMessageBox(QMessageBox::Warning, title, text, QMessageBox::Ok, parent);
  box->setAttribute(Qt::WA_DeleteOnClose);
  box->open();
}

/// A scenario's YAML as a tree (text the loader emitted: it parses).
scenario::TreeNode tree_of(const std::string& yaml) {
  scenario::DiagnosticLog log("scenario");
  auto tree = scenario::parse_yaml_tree(yaml, log);
  return tree ? *tree : scenario::TreeNode{};
}

/// What leaves the line, in one word, when it is one product (else "": lots of several kinds).
QString lot_noun(const scenario::ScenarioSpec& spec) {
  QString noun;
  int finals = 0;
  for (const auto& p : spec.products)
    if (!p.consumer) {
      ++finals;
      noun = QString::fromStdString(p.name);
    }
  if (spec.products.empty())
    return QString::fromStdString(spec.product);
  return finals == 1 ? noun : QString();
}

double cell_number(const results::Table& t, std::size_t row, const char* column) {
  return results::number_at(t, row, column);
}

QString cell_text(const results::Table& t, std::size_t row, const char* column) {
  return QString::fromStdString(results::text_at(t, row, column));
}

// The KPIs the compare table shows, in order.
const QStringList compare_kpis = {"throughput",    "output",        "cycle_time_mean", "lead_time_p50",
                                  "lead_time_p90", "lead_time_p99", "wip_mean",        "cost_per_unit",
                                  "labour_cost",   "energy_kwh",    "energy_per_kwh",  "headcount_end",
                                  "layoffs_total", "robots",        "capital_spent"};
} // namespace

MainWindow::MainWindow(QWidget* parent) : QMainWindow(parent) {
  setWindowTitle("GigaTwin");
  setAcceptDrops(true);
  ask_about_unsaved = [this](const QStringList& unsaved) {
    return QMessageBox::warning(this, "Unsaved work", unsaved.join("\n") + "\n\nSave before going on?",
                                QMessageBox::Save | QMessageBox::Discard | QMessageBox::Cancel,
                                QMessageBox::Save);
  };
  ask_save_path = [this](const QString& title, const QString& filter) {
    return QFileDialog::getSaveFileName(this, title, QString(), filter);
  };
  levers_ = new LeverPanel;
  floor_ = new FloorView;
  charts_ = new ChartsPanel;
  kpi_table_ = new QTableWidget(0, 4);
  kpi_table_->setHorizontalHeaderLabels({"KPI", "this run (± 95 %)", "baseline", "difference"});
  // The label column takes what is left; numbers keep their width; nothing scrolls sideways.
  kpi_table_->horizontalHeader()->setSectionResizeMode(QHeaderView::ResizeToContents);
  kpi_table_->horizontalHeader()->setSectionResizeMode(0, QHeaderView::Stretch);
  kpi_table_->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  kpi_table_->setWordWrap(false);
  kpi_table_->setTextElideMode(Qt::ElideRight);
  kpi_table_->verticalHeader()->hide();
  kpi_table_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  compare_ = new CompareChart;
  controller_ = new RunController(RunController::find_cli(), this);
  connect(kpi_table_, &QTableWidget::currentCellChanged, this, [this](int row) {
    if (row >= 0 && kpi_table_->item(row, 0) != nullptr)
      compare_kpi(kpi_table_->item(row, 0)->data(Qt::UserRole).toString());
  });

  auto* scroll = new QScrollArea;
  scroll->setWidget(levers_);
  scroll->setWidgetResizable(true);
  scroll->setMinimumWidth(330);
  // The levers fit the width they are given (long rows wrap): no arrow or label hides sideways.
  scroll->setHorizontalScrollBarPolicy(Qt::ScrollBarAlwaysOff);
  editor_ = new ScenarioEditor;
  side_tabs_ = new QTabWidget;
  side_tabs_->addTab(scroll, "Levers");
  side_tabs_->addTab(editor_, "Edit plant");
  auto* top = new QSplitter(Qt::Horizontal);
  top->addWidget(floor_);
  top->addWidget(side_tabs_);
  top->setStretchFactor(0, 3);
  top->setStretchFactor(1, 1);
  auto* bottom = new QSplitter(Qt::Horizontal);
  bottom->addWidget(charts_);
  auto* results_side = new QSplitter(Qt::Vertical);
  results_side->addWidget(kpi_table_);
  results_side->addWidget(compare_);
  bottom->addWidget(results_side);
  bottom->setStretchFactor(0, 4);
  bottom->setStretchFactor(1, 1);
  auto* main = new QSplitter(Qt::Vertical);
  main->addWidget(top);
  main->addWidget(bottom);
  top->setSizes({1050, 400});
  bottom->setSizes({1050, 400});
  main->setSizes({420, 500});
  setCentralWidget(main);
  // Editing the plant wants room: the editor's tab widens the side and heightens the top; the
  // levers' tab gives back the sizes they had.
  connect(side_tabs_, &QTabWidget::currentChanged, this, [this, main, top](int tab) {
    if (tab == 1) {
      lever_sizes_ = {main->sizes(), top->sizes()};
      const int h = main->height(), wd = top->width();
      main->setSizes({h * 62 / 100, h - h * 62 / 100});
      top->setSizes({wd * 55 / 100, wd - wd * 55 / 100});
    } else if (!lever_sizes_.first.isEmpty()) {
      main->setSizes(lever_sizes_.first);
      top->setSizes(lever_sizes_.second);
    }
  });

  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  progress_->setMaximumWidth(260);
  status_ = new QLabel("Open a scenario (File > Open, or drop a .yaml file here)");
  statusBar()->addWidget(status_, 1);
  statusBar()->addPermanentWidget(progress_);
  build_menus();

  connect(levers_, &LeverPanel::lever_changed, this,
          [this](const QString& key, const QString& before, const QString& after) {
            move_lever(key, before, after);
          });
  connect(editor_, &ScenarioEditor::edited, this,
          [this](const scenario::TreeNode& document, const QString& description) {
            change_document(document, description);
          });
  connect(controller_, &RunController::started, this, [this](int runs, double horizon_s) {
    charts_->clear(horizon_s, spec_ && !spec_->warmup_mser5 ? spec_->warmup_s : 0.0);
    status_->setText(QString("Running %1 replication(s)...").arg(runs));
  });
  connect(controller_, &RunController::progress, this, [this](double f, double eta, int done, int total) {
    progress_->setValue(static_cast<int>(f * 1000));
    status_->setText(QString("Running: %1 of %2 run(s) done%3")
                         .arg(done)
                         .arg(total)
                         .arg(eta >= 0 ? QString(", about %1 s left").arg(std::ceil(eta)) : QString()));
  });
  connect(controller_, &RunController::sample, this, &MainWindow::on_sample);
  // On a floor plan, dragging a group moves it: a position override, undoable like a lever.
  floor_->set_movable(true);
  connect(floor_, &FloorView::group_moved, this,
          [this](const QString& group, QPointF centre_m) { move_group(group, centre_m); });
  connect(controller_, &RunController::finished, this, &MainWindow::on_finished);
  resize_to_fit(*this, 1500, 950);
}

MainWindow::~MainWindow() = default;

void MainWindow::build_menus() {
  QMenu* file = menuBar()->addMenu("&File");
  file->addAction("&Open scenario...", QKeySequence::Open, this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, "Open scenario", QString(), "Scenarios (*.yaml *.yml)");
    if (!path.isEmpty())
      open_scenario(path);
  });
  file->addAction("Open res&ults...", this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, "Open results", QString(), "GigaTwin results (*.h5)");
    if (!path.isEmpty())
      open_results(path);
  });
  recent_menu_ = file->addMenu("Open &recent");
  rebuild_recent_menu();
  file->addAction("&Save scenario", QKeySequence::Save, this, [this] {
    if (scenario_path_.isEmpty())
      notify(this, "Save scenario", "Open a scenario first.");
    else
      save_scenario_to(scenario_path_);
  });
  file->addAction("Save scenario &as...", QKeySequence::SaveAs, this, &MainWindow::save_as);
  file->addAction("Save res&ults as...", QKeySequence(Qt::CTRL | Qt::SHIFT | Qt::Key_E), this,
                  &MainWindow::save_results_as);
  file->addAction("&Export charts...", this, &MainWindow::export_charts);
  static const QString log_filter =
      "Plant event logs (*.csv *.jsonl *.ndjson *.h5);;All files (*)"; // a results file's trace reads too
  file->addAction("&Import plant data...", this, [this] {
    const QString path =
        QFileDialog::getOpenFileName(this, "Import plant data (an event log)", QString(), log_filter);
    if (!path.isEmpty())
      import_plant_data(path);
  });
  file->addAction("New scenario from plant &data...", this, [this] {
    const QString log = QFileDialog::getOpenFileName(this, "New scenario from plant data (an event log)",
                                                     QString(), log_filter);
    if (log.isEmpty())
      return;
    const QFileInfo info(log);
    const QString draft = QFileDialog::getSaveFileName(
        this, "Save the drafted scenario as", info.dir().filePath(info.completeBaseName() + "-draft.yaml"),
        "Scenarios (*.yaml)");
    if (!draft.isEmpty())
      new_scenario_from_plant_data(log, draft);
  });
  file->addAction("Connect to p&lant...", this, &MainWindow::ask_and_connect_to_plant);
  file->addAction("Save run re&port (PDF)...", QKeySequence(Qt::CTRL | Qt::Key_P), this, [this] {
    save_last_results_as("Save run report", "PDF (*.pdf)",
                         [this](const QString& path) { save_report_to(path); });
  });
  file->addSeparator();
  file->addAction("&Quit", QKeySequence::Quit, this, &QWidget::close);

  QMenu* edit = menuBar()->addMenu("&Edit");
  QAction* undo = undo_.createUndoAction(this, "&Undo");
  undo->setShortcut(QKeySequence::Undo);
  QAction* redo = undo_.createRedoAction(this, "&Redo");
  redo->setShortcut(QKeySequence::Redo);
  edit->addAction(undo);
  edit->addAction(redo);

  QMenu* sim = menuBar()->addMenu("&Simulation");
  run_action_ = sim->addAction("&Run", QKeySequence(Qt::CTRL | Qt::Key_R), this, &MainWindow::run);
  cancel_action_ = sim->addAction("&Cancel", QKeySequence(Qt::Key_Escape), this, &MainWindow::cancel);
  pin_action_ = sim->addAction("&Pin results as baseline", this, &MainWindow::pin_baseline);
  sim->addAction("&Experiment...", QKeySequence(Qt::CTRL | Qt::Key_E), this, [this] { open_experiment(); });
  sim->addAction("Browse the last &results", this, [this] {
    if (!last_results_.isEmpty())
      open_results(last_results_);
  });
  run_action_->setEnabled(false);
  cancel_action_->setEnabled(false);
  pin_action_->setEnabled(false);

  QToolBar* bar = addToolBar("Simulation");
  bar->addAction(run_action_);
  bar->addAction(cancel_action_);
  bar->addAction(pin_action_);
  bar->addSeparator();
  bar->addAction(undo);
  bar->addAction(redo);
  bar->addSeparator();
  // Which replication the live charts and floor follow (the KPIs cover them all).
  bar->addWidget(new QLabel(" Live view: replication "));
  follow_ = new QSpinBox;
  follow_->setRange(0, 0);
  follow_->setToolTip("The replication whose samples the charts and the floor show while a run goes "
                      "(they start again empty when you change it)");
  bar->addWidget(follow_);
  connect(follow_, &QSpinBox::valueChanged, this, [this](int r) { charts_->follow(0, r); });
}

bool MainWindow::open_scenario(const QString& path) {
  if (!settle_unsaved_work())
    return false;
  // What was there is saved or given up: the run in progress belongs to the old scenario.
  controller_->stop();
  results_saved_ = true;
  scenario::ScenarioSpec spec;
  try {
    spec = scenario::load_scenario_file(path.toStdString());
  } catch (const scenario::ScenarioError& e) {
    notify(this, "Cannot open scenario", QString::fromStdString(e.what()));
    status_->setText("Cannot open " + path);
    return false;
  }
  scenario_path_ = path;
  undo_.clear();
  undo_.setClean();
  original_ = document_ = tree_of(spec.resolved_yaml);
  levers_->build(spec);
  floor_->set_plant(spec);
  lot_noun_ = lot_noun(spec);
  charts_->set_units("throughput", display::name_lots("lots/h", lot_noun_));
  charts_->set_units("cost_per_unit",
                     display::name_lots(QString::fromStdString(spec.currency) + "/lot", lot_noun_));
  setWindowTitle("GigaTwin — " + QFileInfo(path).fileName());
  remember_recent(path);
  revalidate();
  status_->setText("Opened " + QFileInfo(path).fileName() + ": " + QString::fromStdString(spec.name));
  return true;
}

void MainWindow::revalidate() {
  if (scenario_path_.isEmpty())
    return;
  std::vector<scenario::Diagnostic> problems;
  const auto overrides = scenario::overrides_between(original_, document_);
  if (!overrides) {
    spec_.reset();
    scenario::Diagnostic d;
    d.expected = "every top-level key of " + QFileInfo(scenario_path_).fileName().toStdString() +
                 " (a run reads the file with the changes; save the scenario as a new file to drop a key)";
    d.found = "a top-level key removed";
    problems.push_back(d);
    levers_->set_message(QString::fromStdString(d.found + ": expected " + d.expected), true);
  } else {
    try {
      spec_ = scenario::load_scenario_file(scenario_path_.toStdString(), *overrides);
      const auto est = scenario::estimate_capacity(*spec_);
      levers_->refresh(*spec_);
      levers_->set_message(QString("Rough cut (no simulation): bottleneck %1, at most %2 %3.")
                               .arg(QString::fromStdString(est.steps[est.bottleneck].station_group))
                               .arg(display::number(est.max_throughput_per_h, 3))
                               .arg(display::name_lots("good lots/h", lot_noun_)),
                           false);
    } catch (const scenario::ScenarioError& e) {
      spec_.reset();
      problems = e.diagnostics();
      // The loader's lines name the key path; a change's line starts "--set:1:9: " (where in the
      // override it went wrong), which says nothing to someone who moved a lever.
      static const QRegularExpression set_prefix(QStringLiteral("(^|\n)--set:\\d+:\\d+: (error: )?"));
      levers_->set_message(QString::fromStdString(e.what()).replace(set_prefix, "\\1"), true);
    }
  }
  editor_->show_document(document_, problems);
  run_action_->setEnabled(can_run());
}

void MainWindow::set_document(const scenario::TreeNode& document) {
  document_ = document;
  revalidate();
  if (spec_)
    floor_->set_plant(*spec_);
}

void MainWindow::change_document(const scenario::TreeNode& after, const QString& description) {
  if (scenario_path_.isEmpty() || scenario::same_tree(after, document_))
    return;
  undo_.push(new DocumentCommand([this](const scenario::TreeNode& d) { set_document(d); }, document_, after,
                                 description));
}

void MainWindow::move_lever(const QString& key, const QString& before, const QString& after) {
  scenario::TreeNode doc = document_;
  const std::string path = key.toStdString();
  // Back to the scenario's own value (or emptied): the file's text for it, not a restatement.
  if (after.isEmpty() || after == levers_->base_value(key)) {
    const scenario::TreeNode* was = scenario::node_at(original_, path);
    if (scenario::TreeNode* now = scenario::node_at(doc, path); now && was)
      *now = *was;
    else if (!was) // the key was not in the file: out again (its map stays, maybe empty)
      scenario::remove_at(doc, path);
  } else {
    std::string problem;
    auto moved = scenario::with_overrides(doc, {(key + "=" + after).toStdString()}, &problem);
    if (!moved) {
      // A value that is not YAML: shown like any problem, and the lever goes back.
      levers_->set_value(key, before);
      levers_->set_message(QString::fromStdString(problem), true);
      return;
    }
    doc = std::move(*moved);
  }
  const QString label = levers_->label(key);
  change_document(doc, (label.isEmpty() ? key : label) + ": " +
                           (before.isEmpty() ? QString("(none)") : before) + " → " +
                           (after.isEmpty() ? QString("(none)") : after));
}

bool MainWindow::can_run() const {
  return spec_.has_value() && !controller_->running();
}

void MainWindow::run() {
  if (!can_run())
    return;
  // A new run supersedes the last one's results, as the user asked by starting it.
  last_results_.clear();
  results_saved_ = true;
  const QString out = results_dir_.filePath(QString("run-%1.h5").arg(++run_count_));
  follow_->setRange(0, static_cast<int>(std::max<std::int64_t>(spec_->replications, 1)) - 1);
  // The KPIs shown are the last run's, not this one's: greyed out until it finishes.
  kpi_table_->setEnabled(false);
  kpi_table_->setToolTip("The previous run's KPIs: this run has not finished yet");
  charts_->clear(spec_->horizon_s, spec_->warmup_mser5 ? 0.0 : spec_->warmup_s);
  progress_->setValue(0);
  run_action_->setEnabled(false);
  cancel_action_->setEnabled(true);
  controller_->start(scenario_path_, all_overrides(), out);
}

void MainWindow::cancel() {
  controller_->cancel();
  status_->setText("Cancelling...");
}

void MainWindow::on_sample(const LiveSample& s) {
  charts_->add(s);
  if (s.replication == charts_->followed_replication() && s.point == 0)
    for (const auto& st : s.stations)
      floor_->show_sample(st);
}

void MainWindow::on_finished(const QString& status, int exit_code, const QString& results,
                             const QString& errors) {
  cancel_action_->setEnabled(false);
  run_action_->setEnabled(can_run());
  last_results_ = results;
  results_saved_ = results.isEmpty();
  if (status == "ok")
    progress_->setValue(1000);
  QString text = status == "ok" ? "Run finished: " + results
                 : status == "interrupted"
                     ? "Run cancelled" + (results.isEmpty() ? QString() : "; completed runs in " + results)
                     : QString("Run %1 (exit code %2)").arg(status).arg(exit_code);
  status_->setText(text);
  if (status != "ok" && status != "interrupted") {
    const QString why = failure_text(results, errors);
    if (!why.isEmpty())
      notify(this, status == "refused" ? "Run refused" : "Run failed", why);
  }
  kpi_table_->setEnabled(true);
  kpi_table_->setToolTip(QString());
  kpis_.clear();
  kpi_table_->setRowCount(0); // a cancelled or failed run leaves no stale figures behind
  if (!results.isEmpty())
    show_kpis();
  emit run_finished(status);
}

QString MainWindow::failure_text(const QString& results, const QString& errors) const {
  // The failed runs' own errors from the file, when there is one; else the CLI's messages, which
  // are one line per problem, without the program's name in front.
  QStringList lines;
  if (!results.isEmpty()) {
    try {
      const results::ResultsReader file(results.toStdString());
      if (file.has("/runs"))
        for (const auto& id : file.list("/runs")) {
          const std::string group = "/runs/" + id;
          if (file.has_attribute(group, "status") && file.attribute_string(group, "status") != "ok")
            lines << QString::fromStdString(id) + ": " +
                         QString::fromStdString(file.has_attribute(group, "error")
                                                    ? file.attribute_string(group, "error")
                                                    : std::string("failed"))
                             .trimmed();
        }
    } catch (const results::ResultsError&) {
    }
  }
  if (!lines.isEmpty())
    return QString("%1 run(s) failed:\n%2").arg(lines.size()).arg(lines.mid(0, 10).join("\n")).left(4000);
  QStringList messages;
  for (QString line : errors.split('\n', Qt::SkipEmptyParts)) {
    if (line.startsWith("gigatwin: "))
      line.remove(0, 10);
    messages << line;
  }
  return messages.join("\n").left(4000);
}

void MainWindow::show_kpis() {
  kpis_.clear();
  try {
    const results::ResultsReader file(last_results_.toStdString());
    if (!file.has("/experiment/confidence")) {
      status_->setText("No run completed: every run failed (File > Open results lists their errors)");
      return;
    }
    const results::Table ci = file.read_table("/experiment/confidence");
    for (std::size_t r = 0; r < ci.rows.size(); ++r)
      if (cell_number(ci, r, "point") == 0) {
        kpis_[cell_text(ci, r, "kpi")] = {cell_number(ci, r, "mean"), cell_number(ci, r, "half_width")};
        units_[cell_text(ci, r, "kpi")] = cell_text(ci, r, "units");
      }
    // What each KPI means: the summary's column descriptions (its header only is read).
    const results::Table summary = file.read_table_rows("/experiment/summary", 0, 0);
    for (const auto& column : summary.columns)
      definitions_[QString::fromStdString(column.name)] = QString::fromStdString(column.description);
    const results::Table st = file.has("/runs/p0000-r0000/stations")
                                  ? file.read_table("/runs/p0000-r0000/stations")
                                  : results::Table{};
    for (std::size_t r = 0; r < st.rows.size(); ++r) {
      // The bars: where the machines' time went over the measured period, not the last instant.
      std::array<double, state_count> fractions{};
      const char* columns[state_count] = {"starved",          "setup",     "utilization", "blocked", "down",
                                          "waiting_operator", "off_shift", "halted"};
      for (std::size_t k = 0; k < fractions.size(); ++k)
        fractions[k] = cell_number(st, r, columns[k]);
      floor_->show_fractions(cell_text(st, r, "name"), fractions);
      floor_->set_summary(cell_text(st, r, "name"),
                          QString("utilisation %1, blocked %2, starved %3, down %4; wait %5 h, at the step "
                                  "%6 h (p90 %7 h), P(wait) %8")
                              .arg(cell_number(st, r, "utilization"), 0, 'f', 3)
                              .arg(cell_number(st, r, "blocked"), 0, 'f', 3)
                              .arg(cell_number(st, r, "starved"), 0, 'f', 3)
                              .arg(cell_number(st, r, "down"), 0, 'f', 3)
                              .arg(cell_number(st, r, "wait_mean") / 3600.0, 0, 'g', 3)
                              .arg(cell_number(st, r, "time_at_step_mean") / 3600.0, 0, 'g', 3)
                              .arg(cell_number(st, r, "time_at_step_p90") / 3600.0, 0, 'g', 3)
                              .arg(cell_number(st, r, "waiting_probability"), 0, 'f', 3));
    }
  } catch (const results::ResultsError& e) {
    status_->setText("Cannot read the results: " + QString::fromStdString(e.what()));
    return;
  }
  pin_action_->setEnabled(true);
  kpi_table_->setRowCount(0);
  for (const auto& kpi : compare_kpis) {
    const auto it = kpis_.find(kpi);
    if (it == kpis_.end())
      continue;
    const auto [mean, hw] = it->second;
    const auto b = baseline_.find(kpi);
    // What does not apply to this scenario (no costs, no workers, no robots) stays out, unless
    // the baseline has it: "0 USD/pack" would be a claim.
    const bool core = kpi == "throughput" || kpi == "output" || kpi.startsWith("cycle_time") ||
                      kpi.startsWith("lead_time") || kpi == "wip_mean";
    const auto applies = [](double m, double h) { return !std::isnan(m) && (m != 0.0 || h > 0.0); };
    if (!core && !applies(mean, hw) && (b == baseline_.end() || !applies(b->second.first, b->second.second)))
      continue;
    const KpiShown shown = kpi_shown(kpi);
    const int row = kpi_table_->rowCount();
    kpi_table_->insertRow(row);
    auto* name =
        new QTableWidgetItem(shown.label + (shown.units.isEmpty() ? QString() : " [" + shown.units + "]"));
    name->setData(Qt::UserRole, kpi);
    name->setToolTip(
        QString("<b>%1</b> (%2%3)<br>%4")
            .arg(kpi, units_.value(kpi).isEmpty() ? QString("no unit") : "in the file: " + units_.value(kpi),
                 shown.factor != 1.0 ? ", shown in " + shown.units : QString(),
                 definitions_.value(kpi, "no definition in the results file").toHtmlEscaped()));
    kpi_table_->setItem(row, 0, name);
    kpi_table_->setItem(
        row, 1,
        new QTableWidgetItem(display::number(mean * shown.factor) +
                             (std::isnan(hw) ? QString() : " ± " + display::number(hw * shown.factor, 2))));
    if (b != baseline_.end()) {
      const double base = b->second.first;
      kpi_table_->setItem(row, 2, new QTableWidgetItem(display::number(base * shown.factor)));
      const double diff = (mean - base) * shown.factor;
      QString text = (diff > 0 ? "+" : "") + display::number(diff, 3);
      if (base != 0 && !std::isnan(diff))
        text += QString(" (%1%2 %)")
                    .arg(diff > 0 ? "+" : "")
                    .arg(display::number(100 * (mean - base) / std::abs(base), 2));
      kpi_table_->setItem(row, 3, new QTableWidgetItem(text));
    }
    for (int c = 1; c < 4; ++c)
      if (auto* item = kpi_table_->item(row, c))
        item->setTextAlignment(Qt::AlignRight | Qt::AlignVCenter);
  }
  // Without a baseline its two columns are empty: the labels get their width.
  kpi_table_->setColumnHidden(2, baseline_.empty());
  kpi_table_->setColumnHidden(3, baseline_.empty());
  const int row = kpi_table_->currentRow();
  compare_kpi(row >= 0 && kpi_table_->item(row, 0) ? kpi_table_->item(row, 0)->data(Qt::UserRole).toString()
                                                   : QString("throughput"));
}

MainWindow::KpiShown MainWindow::kpi_shown(const QString& kpi) const {
  const display::KpiView view = display::kpi_view(kpi, units_.value(kpi), lot_noun_);
  // Money and energy in k, M, bn: scaled for the larger of this run and the baseline.
  double largest = 0;
  for (const auto* m : {&kpis_, &baseline_})
    if (const auto it = m->find(kpi); it != m->end() && !std::isnan(it->second.first))
      largest = std::max(largest, std::abs(it->second.first * view.factor));
  const QString currency = spec_ ? QString::fromStdString(spec_->currency) : QString();
  const display::Scaled s = display::scaled(largest, view.units, currency);
  return {view.label, s.units, view.factor * s.factor};
}

ResultsWindow* MainWindow::open_results(const QString& path) {
  auto* window = new ResultsWindow;
  window->setAttribute(Qt::WA_DeleteOnClose);
  if (!window->open(path)) {
    const QString error = window->error();
    delete window;
    status_->setText("Not a readable GigaTwin results file: " + path);
    notify(this, "Cannot open results", error);
    return nullptr;
  }
  window->show();
  return window;
}

void MainWindow::compare_kpi(const QString& kpi) {
  // In the units and scale the KPI table shows.
  const KpiShown shown = kpi_shown(kpi);
  const auto find = [&](const std::map<QString, std::pair<double, double>>& m) {
    const auto it = m.find(kpi);
    return it == m.end()
               ? std::optional<std::pair<double, double>>()
               : std::pair<double, double>{it->second.first * shown.factor, it->second.second * shown.factor};
  };
  compare_->show(shown.label, shown.units, find(baseline_), find(kpis_));
}

void MainWindow::pin_baseline() {
  baseline_ = kpis_;
  show_kpis();
  status_->setText("Pinned the last run as the baseline: change a lever and run again to compare");
}

QString MainWindow::status_text() const {
  return status_->text();
}

void MainWindow::save_as() {
  if (!spec_) {
    notify(this, "Save scenario", "The levers do not make a valid scenario yet.");
    return;
  }
  const QString path = ask_save_path("Save scenario as", "Scenarios (*.yaml)");
  if (!path.isEmpty())
    save_scenario_to(path);
}

bool MainWindow::save_scenario_to(const QString& path) {
  if (!spec_) {
    notify(this, "Save scenario", "The scenario as edited is not valid yet: fix the problems shown first.");
    return false;
  }
  const QString dir = QFileInfo(path).absolutePath();
  QString how;
  const std::string text = scenario_text_for(dir, &how);
  // Loaded back from where it goes before anything is written: a file that would not load
  // (a CSV path relative to another folder, a base it cannot find) is never saved.
  try {
    const auto again = scenario::load_scenario_text(text, path.toStdString(), {}, dir.toStdString());
    if (!scenario::same_tree(tree_of(again.resolved_yaml), tree_of(spec_->resolved_yaml)))
      throw std::runtime_error("it would load as another scenario");
  } catch (const std::exception& e) {
    notify(this, "Save scenario",
           "Not saved: the scenario would not load back from " + dir +
               " (files it names are relative to its folder; save it beside " +
               QFileInfo(scenario_path_).fileName() + "):\n" + QString::fromStdString(e.what()));
    return false;
  }
  // QSaveFile writes a temporary file and renames it over `path` on commit: a failed save leaves
  // the file that was there untouched.
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly | QIODevice::Text) || file.write(QByteArray::fromStdString(text)) < 0 ||
      !file.commit()) {
    notify(this, "Save scenario", "Cannot write " + path + ": " + file.errorString());
    return false;
  }
  // The saved file is now the scenario: runs read it, changes are counted from it.
  scenario_path_ = QFileInfo(path).absoluteFilePath();
  original_ = document_;
  undo_.setClean();
  setWindowTitle("GigaTwin — " + QFileInfo(path).fileName());
  remember_recent(scenario_path_);
  revalidate();
  status_->setText("Saved " + path + " (" + how + ")");
  return true;
}

std::string MainWindow::scenario_text_for(const QString& dir, QString* how) const {
  // A scenario that extends a base is saved as what differs from the base, when the rules of
  // `extends` can say it; otherwise, and for any other scenario, whole.
  QFile own(scenario_path_);
  scenario::TreeNode raw;
  if (own.open(QIODevice::ReadOnly))
    raw = tree_of(own.readAll().toStdString());
  const scenario::TreeNode* extends =
      raw.kind == scenario::TreeNode::Kind::map ? raw.find("extends") : nullptr;
  if (extends && extends->kind == scenario::TreeNode::Kind::scalar) {
    const QString base_path =
        QFileInfo(QFileInfo(scenario_path_).absoluteDir(), QString::fromStdString(extends->scalar))
            .absoluteFilePath();
    std::string why;
    try {
      const auto base = scenario::load_scenario_file(base_path.toStdString());
      if (auto overlay = scenario::overlay_over_base(tree_of(base.resolved_yaml), document_, &why)) {
        scenario::TreeNode file;
        file.kind = scenario::TreeNode::Kind::map;
        const QString relative = QDir(dir).relativeFilePath(base_path);
        scenario::set_entry(file, "extends", scenario::scalar_node(relative.toStdString()));
        for (auto& e : overlay->entries)
          scenario::set_entry(file, e.key, std::move(e.value));
        *how = "the changes over " + relative;
        return scenario::emit_yaml(file);
      }
    } catch (const scenario::ScenarioError& e) {
      why = e.what();
    }
    *how = "whole, not over " + QString::fromStdString(extends->scalar) + ": " + QString::fromStdString(why);
    return scenario::emit_yaml(document_);
  }
  *how = "the whole scenario";
  return scenario::emit_yaml(document_);
}

QStringList MainWindow::all_overrides() const {
  QStringList out;
  if (const auto overrides = scenario::overrides_between(original_, document_))
    for (const auto& o : *overrides)
      out << QString::fromStdString(o);
  return out;
}

void MainWindow::move_group(const QString& group, QPointF centre_m) {
  if (!spec_)
    return;
  std::size_t index = spec_->station_groups.size();
  for (std::size_t i = 0; i < spec_->station_groups.size(); ++i)
    if (QString::fromStdString(spec_->station_groups[i].name) == group)
      index = i;
  if (index == spec_->station_groups.size() || !spec_->station_groups[index].position)
    return;
  const auto& p = *spec_->station_groups[index].position;
  const auto text = [](double x, double y) {
    return QString("{x: %1, y: %2}").arg(QString::number(x, 'g', 10), QString::number(y, 'g', 10));
  };
  const QString before = text(p.x_m, p.y_m), after = text(centre_m.x(), centre_m.y());
  if (before == after)
    return;
  if (const auto doc = scenario::with_overrides(
          document_, {QString("station_groups[%1].position=%2").arg(index).arg(after).toStdString()}))
    change_document(*doc, "Move " + group + " on the floor plan: " + before + " → " + after);
}

PlantDataImport* MainWindow::import_plant_data(const QString& log) {
  if (scenario_path_.isEmpty()) {
    notify(this, "Import plant data", "Open the scenario the plant data is to be fitted to first.");
    return nullptr;
  }
  auto* dialog =
      new PlantDataImport(RunController::find_cli(), scenario_path_, log, results_dir_.path(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  connect(dialog, &PlantDataImport::apply_requested, this,
          [this, log](const QString& fitted) { apply_fitted_scenario(fitted, QFileInfo(log).fileName()); });
  dialog->show();
  return dialog;
}

bool MainWindow::new_scenario_from_plant_data(const QString& log, const QString& draft) {
  QProcess discover;
  QProgressDialog busy("Drafting a scenario from " + QFileInfo(log).fileName() + "...", "Cancel", 0, 0, this);
  busy.setWindowTitle("New scenario from plant data");
  busy.setMinimumDuration(500);
  busy.setWindowModality(Qt::WindowModal);
  QEventLoop wait;
  connect(&discover, &QProcess::finished, &wait, &QEventLoop::quit);
  connect(&discover, &QProcess::errorOccurred, &wait, &QEventLoop::quit);
  connect(&busy, &QProgressDialog::canceled, &wait, [&] {
    discover.kill();
    wait.quit();
  });
  // The file dialog asked before replacing a file: --force.
  discover.start(RunController::find_cli(), {"discover", log, "-o", draft, "--force", "-q"});
  const bool started = discover.waitForStarted(30000);
  if (started) // its end comes through the event loop, so none is missed
    wait.exec();
  busy.reset();
  if (busy.wasCanceled()) {
    discover.waitForFinished(2000);
    return false;
  }
  if (!started || discover.exitStatus() != QProcess::NormalExit || discover.exitCode() != 0) {
    const QString why = !started || discover.error() == QProcess::FailedToStart
                            ? "cannot start " + RunController::find_cli() + ": " + discover.errorString()
                            : QString::fromUtf8(discover.readAllStandardError()).trimmed();
    notify(this, "New scenario from plant data", "No scenario could be drafted from " + log + ":\n" + why);
    return false;
  }
  if (!open_scenario(draft))
    return false;
  status_->setText("Drafted from " + QFileInfo(log).fileName() +
                   ": check it, then File > Import plant data to fit its distributions");
  return true;
}

bool MainWindow::apply_fitted_scenario(const QString& fitted, const QString& from) {
  // The fit extends the scenario's file: what it changed there, as overrides, goes onto the
  // scenario as edited (the edits made since stay, unless the fit changed the same values).
  std::optional<std::vector<std::string>> changes;
  try {
    changes = scenario::overrides_between(
        original_, tree_of(scenario::load_scenario_file(fitted.toStdString()).resolved_yaml));
  } catch (const scenario::ScenarioError& e) {
    notify(this, "Import plant data",
           "The fitted scenario does not load: " + QString::fromStdString(e.what()));
    return false;
  }
  const auto doc = changes ? scenario::with_overrides(document_, *changes) : std::nullopt;
  if (!doc) {
    notify(
        this, "Import plant data",
        "The fit cannot be applied to the scenario as edited (its groups were added, removed or reordered): "
        "save the scenario, then import again.");
    return false;
  }
  change_document(*doc,
                  QString("Apply the plant data fit from %1 (%2 change(s))").arg(from).arg(changes->size()));
  return true;
}

void MainWindow::ask_and_connect_to_plant() {
  // What was asked last time (never the password: only where it comes from).
  QSettings settings("GigaTwin", "gigatwin-gui");
  ConnectSettings asked;
  asked.url = settings.value("plant/url", asked.url).toString();
  asked.prefix = settings.value("plant/prefix", asked.prefix).toString();
  asked.user = settings.value("plant/user").toString();
  asked.password =
      static_cast<ConnectSettings::Password>(std::clamp(settings.value("plant/password", 0).toInt(), 0, 2));
  asked.password_file = settings.value("plant/password_file").toString();
  asked.ca_file = settings.value("plant/ca_file").toString();
  ConnectDialog dialog(asked, this);
  if (dialog.exec() != QDialog::Accepted)
    return;
  asked = dialog.settings();
  settings.setValue("plant/url", asked.url);
  settings.setValue("plant/prefix", asked.prefix);
  settings.setValue("plant/user", asked.user);
  settings.setValue("plant/password", static_cast<int>(asked.password));
  settings.setValue("plant/password_file", asked.password_file);
  settings.setValue("plant/ca_file", asked.ca_file);
  QString why;
  if (const auto config = link_config(asked, &why))
    connect_to_plant(*config);
  else
    notify(this, "Connect to plant", why);
}

PlantWindow* MainWindow::connect_to_plant(const PlantLinkConfig& config) {
  // A window of its own that closes with this one (its parent).
  auto* window = new PlantWindow(spec_, this);
  window->setAttribute(Qt::WA_DeleteOnClose);
  window->attach(new PlantLink(config));
  window->show();
  window->link()->open();
  status_->setText("The plant's twin at " + config.url + " (" + config.prefix +
                   "/) is in a window of its own");
  return window;
}

ExperimentDialog* MainWindow::open_experiment() {
  if (!spec_) {
    notify(this, "Experiment", "Open a scenario whose levers make a valid scenario first.");
    return nullptr;
  }
  auto* dialog =
      new ExperimentDialog(scenario_path_, levers_->keys(), all_overrides(), results_dir_.path(), this);
  dialog->setAttribute(Qt::WA_DeleteOnClose);
  dialog->open_results = [this](const QString& path) { open_results(path); };
  dialog->show();
  return dialog;
}

bool MainWindow::save_report_to(const QString& path) {
  QString error;
  if (last_results_.isEmpty() || !write_run_report({last_results_, "p0000-r0000", path, QString()}, &error)) {
    notify(this, "Run report",
           error.isEmpty() ? QString("There are no results yet: run the scenario first.") : error);
    return false;
  }
  status_->setText("Run report written to " + path);
  return true;
}

void MainWindow::save_results_as() {
  save_last_results_as("Save results as", "GigaTwin results (*.h5)",
                       [this](const QString& path) { save_results_to(path); });
}

void MainWindow::save_last_results_as(const QString& title, const QString& filter,
                                      const std::function<void(const QString&)>& save) {
  if (last_results_.isEmpty()) {
    notify(this, title, "There are no results yet: run the scenario first.");
    return;
  }
  const QString path = ask_save_path(title, filter);
  if (!path.isEmpty())
    save(path);
}

bool MainWindow::save_results_to(const QString& path) {
  if (last_results_.isEmpty()) {
    notify(this, "Save results", "There are no results to save yet: the run has not finished.");
    return false;
  }
  if (QFileInfo(path).absoluteFilePath() == QFileInfo(last_results_).absoluteFilePath())
    return true;
  // Copied under a temporary name first, so a failed copy never leaves half a file (or removes
  // the one the user chose to replace).
  const QString partial = path + ".partial";
  QFile::remove(partial);
  if (!QFile::copy(last_results_, partial)) {
    QFile::remove(partial);
    notify(this, "Save results", "Cannot write " + path + " (the folder is missing, read-only or full).");
    return false;
  }
  // rename(2) replaces the old file in one step: it is there, whole, until the new one is.
  std::error_code error;
  std::filesystem::rename(partial.toStdString(), path.toStdString(), error);
  if (error) {
    QFile::remove(partial);
    notify(this, "Save results", "Cannot write " + path + ": " + QString::fromStdString(error.message()));
    return false;
  }
  results_saved_ = true;
  last_results_ = path;
  status_->setText("Saved the results as " + path);
  return true;
}

QStringList MainWindow::unsaved_work() const {
  QStringList lost;
  if (controller_->running())
    lost << "A run is in progress; it will be cancelled.";
  if (!undo_.isClean())
    lost << "The changes to the scenario are not saved.";
  if (!results_saved_)
    lost << "The last run's results are only in a temporary folder, deleted when GigaTwin closes.";
  return lost;
}

bool MainWindow::settle_unsaved_work() {
  const QStringList lost = unsaved_work();
  if (lost.isEmpty())
    return true;
  switch (ask_about_unsaved(lost)) {
  case QMessageBox::Discard:
    return true;
  case QMessageBox::Save: {
    if (!results_saved_) {
      const QString path = ask_save_path("Save results as", "GigaTwin results (*.h5)");
      if (path.isEmpty() || !save_results_to(path))
        return false;
    }
    if (!undo_.isClean()) {
      const QString path = ask_save_path("Save scenario as", "Scenarios (*.yaml)");
      if (path.isEmpty() || !save_scenario_to(path))
        return false;
    }
    return true;
  }
  default:
    return false;
  }
}

void MainWindow::closeEvent(QCloseEvent* event) {
  if (!settle_unsaved_work()) {
    event->ignore();
    return;
  }
  if (controller_->running())
    controller_->cancel();
  event->accept();
}

void MainWindow::export_charts() {
  const QString stem =
      QFileDialog::getSaveFileName(this, "Export charts (file name stem)", "gigatwin-charts");
  if (stem.isEmpty())
    return;
  // PNGs 1600 px wide (drawn at that size, for slides and reports), SVGs to any size.
  const bool ok = charts_->export_charts(stem, "png", 1600) && charts_->export_charts(stem, "svg") &&
                  charts_->export_csv(stem + ".csv");
  status_->setText(ok ? "Charts exported as " + stem + "-*.png (1600 px wide), -*.svg and " + stem + ".csv"
                      : "Could not export the charts to " + stem);
}

void MainWindow::remember_recent(const QString& path) {
  QSettings settings("GigaTwin", "gigatwin-gui");
  QStringList recent = settings.value("recent").toStringList();
  recent.removeAll(QFileInfo(path).absoluteFilePath());
  recent.prepend(QFileInfo(path).absoluteFilePath());
  settings.setValue("recent", recent.mid(0, 8));
  rebuild_recent_menu();
}

void MainWindow::rebuild_recent_menu() {
  recent_menu_->clear();
  const QStringList recent = QSettings("GigaTwin", "gigatwin-gui").value("recent").toStringList();
  for (const auto& path : recent)
    recent_menu_->addAction(path, this, [this, path] { open_scenario(path); });
  recent_menu_->setEnabled(!recent.isEmpty());
}

void MainWindow::dragEnterEvent(QDragEnterEvent* event) {
  if (event->mimeData()->hasUrls())
    event->acceptProposedAction();
}

void MainWindow::dropEvent(QDropEvent* event) {
  const auto urls = event->mimeData()->urls();
  if (urls.isEmpty() || !urls.front().isLocalFile())
    return;
  const QString path = urls.front().toLocalFile();
  if (path.endsWith(".h5"))
    open_results(path);
  else
    open_scenario(path);
}

} // namespace gigatwin::gui
