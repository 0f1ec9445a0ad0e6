#include "ExperimentDialog.hpp"

#include "Display.hpp"
#include "TraceTables.hpp"
#include "RunController.hpp"

#include "results/ResultsError.hpp"
#include "results/ResultsReader.hpp"

#include <QComboBox>
#include <QDir>
#include <QFileInfo>
#include <QFileDialog>
#include <QFormLayout>
#include <QHBoxLayout>
#include <QHeaderView>
#include <QLabel>
#include <QLineEdit>
#include <QMap>
#include <QMessageBox>
#include <QProgressBar>
#include <QPushButton>
#include <QSaveFile>
#include <QSpinBox>
#include <QTableWidget>
#include <QVBoxLayout>

#include <cmath>

namespace gigatwin::gui {

namespace {
// The KPIs the points table shows, when the results have them.
const QStringList point_kpis = {"throughput", "cycle_time_mean", "cost_per_unit", "headcount_end", "layoffs_total"};
} // namespace

ExperimentDialog::ExperimentDialog(const QString& scenario, const QStringList& keys, const QStringList& base_overrides,
                                   const QString& work, QWidget* parent)
    : QDialog(parent), scenario_(scenario), work_(work), keys_(keys), base_overrides_(base_overrides) {
  setWindowTitle("Experiment — " + QFileInfo(scenario).fileName());
  auto* layout = new QVBoxLayout(this);
  layout->addWidget(new QLabel("<b>Parameters</b> — a lever or any key path, and the values to try"));
  parameters_ = new QTableWidget(0, 2);
  parameters_->setHorizontalHeaderLabels({"key", "values (comma-separated, with units: 8h, 9860 KRW/h)"});
  parameters_->horizontalHeader()->setSectionResizeMode(QHeaderView::Stretch);
  parameters_->verticalHeader()->hide();
  layout->addWidget(parameters_);
  auto* rows = new QHBoxLayout;
  auto* add = new QPushButton("Add parameter");
  auto* remove = new QPushButton("Remove parameter");
  rows->addWidget(add);
  rows->addWidget(remove);
  rows->addStretch();
  layout->addLayout(rows);
  connect(add, &QPushButton::clicked, this, [this] { add_parameter(keys_.value(0), QString()); });
  connect(remove, &QPushButton::clicked, this, [this] {
    parameters_->removeRow(parameters_->currentRow() >= 0 ? parameters_->currentRow() : parameters_->rowCount() - 1);
    update_summary();
  });

  auto* form = new QFormLayout;
  mode_ = new QComboBox;
  mode_->addItems({"every combination (grid)", "values side by side (zip)"});
  replications_ = new QSpinBox;
  replications_->setRange(1, 1000);
  baseline_ = new QSpinBox;
  baseline_->setRange(-1, 99999);
  baseline_->setSpecialValueText("none");
  baseline_->setValue(0);
  form->addRow("design", mode_);
  form->addRow("replications per point", replications_);
  form->addRow("baseline point (paired differences)", baseline_);
  layout->addLayout(form);
  summary_ = new QLabel;
  summary_->setWordWrap(true);
  layout->addWidget(summary_);
  connect(mode_, &QComboBox::currentIndexChanged, this, [this] { update_summary(); });
  connect(replications_, &QSpinBox::valueChanged, this, [this] { update_summary(); });
  connect(baseline_, &QSpinBox::valueChanged, this, [this] { update_summary(); });

  auto* buttons = new QHBoxLayout;
  auto* save = new QPushButton("Save sweep file...");
  run_ = new QPushButton("Run");
  cancel_ = new QPushButton("Cancel run");
  browse_ = new QPushButton("Open in results browser");
  cancel_->setEnabled(false);
  browse_->setEnabled(false);
  progress_ = new QProgressBar;
  progress_->setRange(0, 1000);
  for (auto* b : {save, run_, cancel_, browse_})
    buttons->addWidget(b);
  buttons->addWidget(progress_, 1);
  layout->addLayout(buttons);
  points_ = new QTableWidget;
  points_->setEditTriggers(QAbstractItemView::NoEditTriggers);
  points_->verticalHeader()->hide();
  layout->addWidget(points_, 1);

  controller_ = new RunController(RunController::find_cli(), this);
  connect(save, &QPushButton::clicked, this, [this] {
    const QString path = QFileDialog::getSaveFileName(this, "Save sweep file", "experiment.yaml", "Sweep (*.yaml)");
    if (!path.isEmpty())
      save_sweep(path);
  });
  connect(run_, &QPushButton::clicked, this, [this] { run(); });
  connect(cancel_, &QPushButton::clicked, controller_, &RunController::cancel);
  connect(browse_, &QPushButton::clicked, this, [this] {
    if (!results_.isEmpty() && open_results)
      open_results(results_);
  });
  connect(controller_, &RunController::progress, this, [this](double f, double eta, int done, int total) {
    progress_->setValue(static_cast<int>(f * 1000));
    summary_->setText(QString("Running: %1 of %2 runs done%3")
                          .arg(done)
                          .arg(total)
                          .arg(eta >= 0 ? QString(", about %1 s left").arg(std::ceil(eta)) : QString()));
  });
  connect(controller_, &RunController::finished, this,
          [this](const QString& status, int, const QString& results, const QString& errors) {
            run_->setEnabled(true);
            cancel_->setEnabled(false);
            results_ = results;
            browse_->setEnabled(!results_.isEmpty());
            if (status == "ok")
              progress_->setValue(1000);
            summary_->setText(status == "ok" ? "Finished: " + results
                                             : QString("The batch %1%2").arg(status, errors.isEmpty() ? QString() : ": " + errors.trimmed()));
            show_points();
            emit finished(status);
          });
  update_summary();
  resize(900, 640);
}

void ExperimentDialog::add_parameter(const QString& key, const QString& values) {
  const int row = parameters_->rowCount();
  parameters_->insertRow(row);
  auto* box = new QComboBox;
  box->setEditable(true); // any key path, not only the levers
  box->addItems(keys_);
  box->setCurrentText(key);
  auto* edit = new QLineEdit(values);
  edit->setPlaceholderText("e.g. 1, 2, 3");
  parameters_->setCellWidget(row, 0, box);
  parameters_->setCellWidget(row, 1, edit);
  connect(box, &QComboBox::currentTextChanged, this, [this] { update_summary(); });
  connect(edit, &QLineEdit::textChanged, this, [this] { update_summary(); });
  update_summary();
}

void ExperimentDialog::set_replications(int n) {
  replications_->setValue(n);
}

void ExperimentDialog::set_zip(bool zip) {
  mode_->setCurrentIndex(zip ? 1 : 0);
}

void ExperimentDialog::set_baseline(int point) {
  baseline_->setValue(point);
}

ExperimentDesign ExperimentDialog::design() const {
  ExperimentDesign d;
  d.scenario = scenario_;
  d.zip = mode_->currentIndex() == 1;
  d.replications = replications_->value();
  d.baseline = baseline_->value();
  for (int r = 0; r < parameters_->rowCount(); ++r) {
    const auto* box = qobject_cast<QComboBox*>(parameters_->cellWidget(r, 0));
    const auto* edit = qobject_cast<QLineEdit*>(parameters_->cellWidget(r, 1));
    if (box && edit)
      d.parameters.push_back({box->currentText().trimmed(), ExperimentDesign::split_values(edit->text())});
  }
  return d;
}

void ExperimentDialog::update_summary() {
  const ExperimentDesign d = design();
  const QStringList problems = d.problems();
  if (!problems.isEmpty()) {
    summary_->setStyleSheet("QLabel { color: #b00020; }");
    summary_->setText(problems.join(" "));
  } else {
    summary_->setStyleSheet(QString());
    summary_->setText(QString("%1 point(s) × %2 replication(s) = %3 runs")
                          .arg(display::number(d.points()), display::number(d.replications),
                               display::number(static_cast<double>(d.points()) * d.replications)));
  }
  run_->setEnabled(problems.isEmpty() && !controller_->running());
}

bool ExperimentDialog::save_sweep(const QString& path) {
  const ExperimentDesign d = design();
  if (!d.problems().isEmpty()) {
    QMessageBox::warning(this, "Sweep file", d.problems().join("\n"));
    return false;
  }
  QSaveFile file(path);
  if (!file.open(QIODevice::WriteOnly) || file.write(d.sweep_yaml().toUtf8()) < 0 || !file.commit()) {
    QMessageBox::warning(this, "Sweep file", "Cannot write " + path + ": " + file.errorString());
    return false;
  }
  return true;
}

bool ExperimentDialog::run() {
  if (controller_->running() || !design().problems().isEmpty())
    return false;
  const QString sweep = QDir(work_).filePath(QString("experiment-%1.yaml").arg(++run_count_));
  if (!save_sweep(sweep))
    return false;
  // The main window's lever moves apply under every point, except those the experiment varies.
  QStringList base;
  QStringList varied;
  for (const auto& p : design().parameters)
    varied << p.key;
  for (const auto& o : base_overrides_)
    if (!varied.contains(o.section('=', 0, 0)))
      base << o;
  results_.clear();
  points_->setRowCount(0);
  progress_->setValue(0);
  run_->setEnabled(false);
  cancel_->setEnabled(true);
  browse_->setEnabled(false);
  controller_->start_batch(sweep, base, QDir(work_).filePath(QString("experiment-%1.h5").arg(run_count_)));
  return true;
}

bool ExperimentDialog::running() const {
  return controller_->running();
}

void ExperimentDialog::show_points() {
  points_->clear();
  points_->setRowCount(0);
  if (results_.isEmpty())
    return;
  try {
    const results::ResultsReader file(results_.toStdString());
    if (!file.has("/experiment/confidence"))
      return;
    const results::Table ci = file.read_table("/experiment/confidence");
    const results::Table points = file.has("/experiment/points") ? file.read_table("/experiment/points") : results::Table{};
    const results::Table diff =
        file.has("/experiment/differences") ? file.read_table("/experiment/differences") : results::Table{};
    // (point, kpi) -> mean, half-width; and the differences to the baseline.
    QMap<QPair<int, QString>, QPair<double, double>> value, delta;
    QMap<QString, QString> units;
    int last = -1;
    for (std::size_t r = 0; r < ci.rows.size(); ++r) {
      const int p = checked_index(ci, r, "point", 100000, results_.toStdString());
      const QString k = QString::fromStdString(results::text_at(ci, r, "kpi"));
      value[{p, k}] = {results::number_at(ci, r, "mean"), results::number_at(ci, r, "half_width")};
      units[k] = QString::fromStdString(results::text_at(ci, r, "units"));
      last = std::max(last, p);
    }
    for (std::size_t r = 0; r < diff.rows.size(); ++r)
      delta[{checked_index(diff, r, "point", 100000, results_.toStdString()), QString::fromStdString(results::text_at(diff, r, "kpi"))}] =
          {results::number_at(diff, r, "mean_difference"), results::number_at(diff, r, "half_width")};
    QStringList kpis;
    for (const auto& k : point_kpis)
      if (value.contains({0, k}) && !std::isnan(value[{0, k}].first))
        kpis << k;
    QStringList headers = {"point", "parameters"};
    for (const auto& k : kpis) {
      const display::KpiView v = display::kpi_view(k, units[k], QString());
      headers << v.label + (v.units.isEmpty() ? QString() : " [" + v.units + "]");
      if (!delta.isEmpty())
        headers << "vs baseline";
    }
    points_->setColumnCount(static_cast<int>(headers.size()));
    points_->setHorizontalHeaderLabels(headers);
    points_->setRowCount(last + 1);
    for (int p = 0; p <= last; ++p) {
      points_->setItem(p, 0, new QTableWidgetItem(QString::number(p)));
      QString parameters;
      for (std::size_t r = 0; r < points.rows.size(); ++r)
        if (checked_index(points, r, "point", 100000, results_.toStdString()) == p)
          parameters = QString::fromStdString(results::text_at(points, r, "parameters"));
      points_->setItem(p, 1, new QTableWidgetItem(parameters));
      int c = 2;
      for (const auto& k : kpis) {
        const display::KpiView v = display::kpi_view(k, units[k], QString());
        const auto [mean, hw] = value.value({p, k}, {std::nan(""), std::nan("")});
        points_->setItem(p, c++, new QTableWidgetItem(display::number(mean * v.factor) +
                                                      (std::isnan(hw) ? QString() : " ± " + display::number(hw * v.factor, 2))));
        if (!delta.isEmpty()) {
          const auto d = delta.value({p, k}, {std::nan(""), std::nan("")});
          points_->setItem(p, c++, new QTableWidgetItem(std::isnan(d.first) ? QString("–")
                                                                            : (d.first > 0 ? "+" : "") + display::number(d.first * v.factor, 3) +
                                                                                  (std::isnan(d.second) ? QString() : " ± " + display::number(d.second * v.factor, 2))));
        }
      }
    }
    points_->resizeColumnsToContents();
  } catch (const results::ResultsError& e) {
    summary_->setText("Cannot read the results: " + QString::fromStdString(e.what()));
  }
}

} // namespace gigatwin::gui
