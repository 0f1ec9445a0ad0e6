#include "PlantDataImport.hpp"

#include <QComboBox>
#include <QDialogButtonBox>
#include <QDir>
#include <QFileInfo>
#include <QFontDatabase>
#include <QLabel>
#include <QPainter>
#include <QPlainTextEdit>
#include <QProgressBar>
#include <QPushButton>
#include <QResizeEvent>
#include <QScrollArea>
#include <QSvgRenderer>
#include <QTabWidget>
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
  auto* tabs = new QTabWidget;
  tabs->addTab(report_, "Report");
  auto* plots_page = new QWidget;
  auto* plots_layout = new QVBoxLayout(plots_page);
  plot_choice_ = new QComboBox;
  plot_choice_->setToolTip("Each fitted quantity's chosen family: P-P and Q-Q against the log's durations");
  plots_layout->addWidget(plot_choice_);
  plot_ = new QLabel("The plots come when the fit is done.");
  plot_->setAlignment(Qt::AlignCenter);
  plot_area_ = new QScrollArea;
  plot_area_->setWidget(plot_);
  plot_area_->setWidgetResizable(true);
  plots_layout->addWidget(plot_area_, 1);
  tabs->addTab(plots_page, "P-P / Q-Q plots");
  layout->addWidget(tabs, 1);
  connect(plot_choice_, &QComboBox::currentIndexChanged, this, &PlantDataImport::show_plot);
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
    plot_choice_->clear();
    for (const QString& name : plots())
      plot_choice_->addItem(QFileInfo(name).completeBaseName().replace('-', ' '), name);
    if (plot_choice_->count() == 0)
      plot_->setText(ok_ ? "Nothing was fitted: no plot." : "The fit did not succeed: no plot.");
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

QStringList PlantDataImport::plots() const {
  if (!ok_)
    return {};
  const QFileInfo fitted(fitted_);
  QDir report(fitted.dir().filePath(fitted.completeBaseName() + ".report"));
  return report.entryList({"*.svg"}, QDir::Files, QDir::Name);
}

void PlantDataImport::show_plot(int index) {
  const QStringList names = plots();
  if (index < 0 || index >= names.size())
    return;
  const QFileInfo fitted(fitted_);
  QSvgRenderer svg(fitted.dir().filePath(fitted.completeBaseName() + ".report/" + names[index]));
  if (!svg.isValid()) {
    plot_->setText("Cannot read the plot " + names[index] + ".");
    return;
  }
  // Fitted to the room the tab has (both panels and their labels in view, never below half
  // size: then it scrolls), times the screen's ratio: crisp text on a high-density screen.
  QSize size = svg.defaultSize();
  const QSize room = plot_area_->viewport()->size() - QSize(8, 8);
  if (room.width() > 0 && room.height() > 0)
    size = size.scaled(room, Qt::KeepAspectRatio).expandedTo(svg.defaultSize() / 2);
  const qreal ratio = devicePixelRatioF();
  QPixmap image(size * ratio);
  image.setDevicePixelRatio(ratio);
  image.fill(Qt::white);
  QPainter painter(&image);
  svg.render(&painter, QRectF(QPointF(0, 0), size));
  painter.end();
  plot_->setPixmap(image);
}

void PlantDataImport::resizeEvent(QResizeEvent* event) {
  QDialog::resizeEvent(event);
  if (plot_choice_ && plot_choice_->count() > 0) // the plot follows the window's size
    show_plot(plot_choice_->currentIndex());
}

QPixmap PlantDataImport::shown_plot() const {
  return plot_->pixmap();
}

void PlantDataImport::apply() {
  if (!ok_)
    return;
  emit apply_requested(fitted_);
  accept();
}

} // namespace gigatwin::gui
