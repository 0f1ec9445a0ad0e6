#include "RunController.hpp"

#include <QCoreApplication>
#include <QDir>
#include <QFileInfo>
#include <QJsonDocument>
#include <QJsonObject>

namespace gigatwin::gui {

RunController::RunController(QString cli, QObject* parent) : QObject(parent), cli_(std::move(cli)) {
  connect(&process_, &QProcess::readyReadStandardOutput, this, &RunController::read_lines);
  connect(&process_, &QProcess::readyReadStandardError, this,
          [this] { errors_ += QString::fromUtf8(process_.readAllStandardError()); });
  connect(&process_, &QProcess::finished, this, &RunController::on_finished);
  connect(&process_, &QProcess::errorOccurred, this, [this](QProcess::ProcessError e) {
    if (e == QProcess::FailedToStart)
      emit finished("crashed", -1, {}, "cannot start " + cli_ + ": " + process_.errorString());
  });
}

RunController::~RunController() {
  if (running()) {
    process_.terminate();
    if (!process_.waitForFinished(5000))
      process_.kill();
    process_.waitForFinished(1000);
  }
}

QString RunController::find_cli() {
  const QString env = qEnvironmentVariable("GIGATWIN_CLI");
  if (!env.isEmpty())
    return env;
  const QDir here(QCoreApplication::applicationDirPath());
  for (const QString& candidate : {here.filePath("gigatwin"), here.filePath("../cli/gigatwin")})
    if (QFileInfo(candidate).isExecutable())
      return QFileInfo(candidate).canonicalFilePath();
  return "gigatwin"; // from PATH
}

void RunController::start(const QString& scenario, const QStringList& overrides, const QString& out) {
  launch("run", scenario, overrides, out);
}

void RunController::start_batch(const QString& sweep, const QStringList& base_overrides, const QString& out) {
  launch("batch", sweep, base_overrides, out);
}

void RunController::launch(const QString& command, const QString& input, const QStringList& overrides,
                           const QString& out) {
  if (running())
    return;
  pending_.clear();
  errors_.clear();
  done_status_.clear();
  done_results_.clear();
  QStringList args = {command, input, "--out", out, "--force", "--progress", "json"};
  for (const auto& o : overrides)
    args << "--set" << o;
  process_.start(cli_, args);
}

void RunController::cancel() {
  if (running())
    process_.terminate(); // SIGTERM: a clean stop
}

void RunController::stop() {
  if (!running())
    return;
  process_.terminate();
  if (!process_.waitForFinished(10000)) {
    process_.kill();
    process_.waitForFinished(2000);
  }
}

void RunController::read_lines() {
  pending_ += process_.readAllStandardOutput();
  for (qsizetype nl = pending_.indexOf('\n'); nl >= 0; nl = pending_.indexOf('\n')) {
    const QByteArray line = pending_.left(nl);
    pending_.remove(0, nl + 1);
    const QJsonObject o = QJsonDocument::fromJson(line).object();
    const QString type = o.value("type").toString();
    if (type == "sample") {
      if (const auto s = parse_sample(o))
        emit sample(*s);
    } else if (type == "progress") {
      emit progress(o.value("fraction").toDouble(),
                    o.value("eta_s").isNull() ? -1 : o.value("eta_s").toDouble(),
                    o.value("runs_done").toInt(), o.value("runs_total").toInt());
    } else if (type == "start") {
      emit started(o.value("runs").toInt(), o.value("horizon_s").toDouble());
    } else if (type == "done") {
      done_status_ = o.value("status").toString();
      done_results_ = o.value("results").toString();
    }
  }
}

void RunController::on_finished(int exit_code, QProcess::ExitStatus status) {
  read_lines();
  errors_ += QString::fromUtf8(process_.readAllStandardError());
  const QString s =
      status == QProcess::CrashExit || done_status_.isEmpty() ? QString("crashed") : done_status_;
  emit finished(s, exit_code, done_results_, errors_.trimmed());
}

} // namespace gigatwin::gui
