#include "PlantDataImport.hpp"

#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QVBoxLayout>

namespace gigatwin::gui {

PlantDataImport::PlantDataImport(const QString& cli, const QString& scenario, const QString& log,
                                 const QString& work, QWidget* parent)
    : QDialog(parent), fitted_(QDir(work).filePath("fitted.yaml")) {
  setWindowTitle("Import plant data — " + QFileInfo(log).fileName());
  auto* layout = new QVBoxLayout(this);
  status_ = new QLabel("Fitting " + QFileInfo(log).fileName() + " to " + QFileInfo(scenario).fileName() +
                       ": reading the log...");
  status_->setWordWrap(true);
  layout->addWidget(status_);
  busy_ = new QProgressBar;
  busy_->setRange(0, 0); // the CLI says nothing until it is done: a busy bar
  layout->addWidget(busy_);
  report_ = new QPlainTextEdit;
  report_->setReadOnly(true);
  report_->setLineWrapMode(QPlainTextEdit::NoWrap);
  report_->setFont(QFontDatabase::systemFont(QFontDatabase::FixedFont));
  layout->addWidget(report_, 1);
  buttons_ = new QDialogButtonBox(QDialogButtonBox::Apply | QDialogButtonBox::Cancel);
  buttons_->button(QDialogButtonBox::Apply)->setText("Apply to the scenario");
  buttons_->button(QDialogButtonBox::Apply)->setEnabled(false);
  buttons_->button(QDialogButtonBox::Apply)
      ->setToolTip("Every fitted value into the scenario being edited, as one change you can undo");
  layout->addWidget(buttons_);
  connect(buttons_->button(QDialogButtonBox::Apply), &QPushButton::clicked, this, &PlantDataImport::apply);
  connect(buttons_, &QDialogButtonBox::rejected, this, [this] {
    process_.kill();
    reject();
  });
  connect(&process_, &QProcess::finished, this, [this](int code, QProcess::ExitStatus status) {
    busy_->hide();
    ok_ = status == QProcess::NormalExit && code == 0;
    const QString out = QString::fromUtf8(process_.readAllStandardOutput());
    const QString err = QString::fromUtf8(process_.readAllStandardError());
    report_->setPlainText(out + (err.isEmpty() ? QString() : "\n" + err));
    status_->setText(
        ok_ ? "Fitted. Apply puts the fitted values into the scenario (one change: Undo takes it back)."
            : "The fit did not succeed:");
    status_->setStyleSheet(ok_ ? "" : "QLabel { color: #b00020; }");
    buttons_->button(QDialogButtonBox::Apply)->setEnabled(ok_);
    emit finished(ok_);
  });
  connect(&process_, &QProcess::errorOccurred, this, [this, cli](QProcess::ProcessError error) {
    if (error != QProcess::FailedToStart)
      return;
    busy_->hide();
    status_->setText("Cannot start " + cli + " (the gigatwin command): " + process_.errorString());
    status_->setStyleSheet("QLabel { color: #b00020; }");
    emit finished(false);
  });
  process_.start(cli, {"fit", log, "--scenario", scenario, "-o", fitted_, "--force"});
  resize(900, 520);
}

PlantDataImport::~PlantDataImport() {
  if (process_.state() != QProcess::NotRunning) {
    process_.kill();
    process_.waitForFinished(2000);
  }
}

bool PlantDataImport::fitting() const {
  return process_.state() != QProcess::NotRunning;
}

QString PlantDataImport::report() const {
  return report_->toPlainText();
}

void PlantDataImport::apply() {
  if (!ok_)
    return;
  emit apply_requested(fitted_);
  accept();
}

} // namespace gigatwin::gui
