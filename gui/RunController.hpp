#pragma once
// RunController: runs a scenario in the background as docs/ARCHITECTURE.md describes — the GUI never
// hosts SimGrid itself: it starts the `gigatwin` CLI as a child process (QProcess) with
// `--progress=json`, turns its JSON lines into signals (progress with ETA, live samples, the end)
// and can cancel (SIGTERM: the CLI stops its runs and keeps a valid file of the completed ones).
// Nothing here blocks the event loop.

#include "LiveData.hpp"

#include <QObject>
#include <QProcess>
#include <QStringList>

namespace gigatwin::gui {

class RunController : public QObject {
  Q_OBJECT
public:
  /// `cli`: the gigatwin executable.
  explicit RunController(QString cli, QObject* parent = nullptr);
  ~RunController() override;

  /// Runs `scenario` with the `key=value` overrides into `out` (replacing it).
  void start(const QString& scenario, const QStringList& overrides, const QString& out);
  /// Runs the sweep file `sweep` (gigatwin batch) into `out`, `base_overrides` applied to the
  /// base scenario under every point.
  void start_batch(const QString& sweep, const QStringList& base_overrides, const QString& out);
  void cancel();
  /// Cancels and waits until the CLI has stopped (it keeps the runs it completed), killing it
  /// after 10 s; `finished` is emitted before this returns.
  void stop();
  bool running() const { return process_.state() != QProcess::NotRunning; }
  const QString& cli() const { return cli_; }

  /// The gigatwin CLI for this GUI: $GIGATWIN_CLI, else next to the GUI's executable (installed),
  /// else ../cli/gigatwin (the build tree).
  static QString find_cli();

signals:
  void started(int runs, double horizon_s);
  /// `eta_s` < 0: not known yet.
  void progress(double fraction, double eta_s, int runs_done, int runs_total);
  void sample(const gigatwin::gui::LiveSample& sample);
  /// status: ok, failed, interrupted, refused, or crashed (the CLI died); `errors`: its stderr.
  void finished(const QString& status, int exit_code, const QString& results, const QString& errors);

private:
  void launch(const QString& command, const QString& input, const QStringList& overrides, const QString& out);
  void read_lines();
  void on_finished(int exit_code, QProcess::ExitStatus status);

  QString cli_;
  QProcess process_;
  QByteArray pending_;
  QString errors_;
  QString done_status_;
  QString done_results_;
};

} // namespace gigatwin::gui
