#pragma once
// ExperimentDialog: the experiment manager — choose parameters (any lever or key path) and their
// values, a grid or values side by side, replications and a baseline; save it as a sweep file or
// run it as `gigatwin batch` in the background (progress, cancel); then read the points table:
// each point's parameters, KPIs with 95 % intervals and the paired differences to the baseline,
// and open the results in the browser to compare any runs.

#include "ExperimentDesign.hpp"

#include <QDialog>

#include <functional>

class QComboBox;
class QLabel;
class QProgressBar;
class QPushButton;
class QSpinBox;
class QTableWidget;

namespace gigatwin::gui {

class RunController;

class ExperimentDialog : public QDialog {
  Q_OBJECT
public:
  /// `scenario`: the base scenario; `keys`: the levers offered as parameters (any key path can be
  /// typed); `base_overrides`: the main window's lever moves, applied under every point; `work`:
  /// a folder for the sweep file and the results.
  ExperimentDialog(const QString& scenario, const QStringList& keys, const QStringList& base_overrides,
                   const QString& work, QWidget* parent = nullptr);

  ExperimentDesign design() const;
  /// Adds a parameter row (for the user: the Add button; for tests and scripts).
  void add_parameter(const QString& key, const QString& values);
  void set_replications(int n);
  void set_zip(bool zip);
  void set_baseline(int point); ///< -1: none
  /// Writes the sweep file; false and a message if the design cannot run or the file not be written.
  bool save_sweep(const QString& path);
  /// Runs the design (the sweep file goes to the work folder); false if it cannot start.
  bool run();
  bool running() const;
  QString results() const { return results_; }
  QTableWidget* points_table() const { return points_; }
  /// Opens the results in the browser (the default); tests replace it.
  std::function<void(const QString&)> open_results;

signals:
  void finished(const QString& status);

private:
  void update_summary();
  void show_points();

  QString scenario_, work_;
  QStringList keys_, base_overrides_;
  QTableWidget* parameters_ = nullptr;
  QComboBox* mode_ = nullptr;
  QSpinBox* replications_ = nullptr;
  QSpinBox* baseline_ = nullptr;
  QLabel* summary_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QPushButton* run_ = nullptr;
  QPushButton* cancel_ = nullptr;
  QPushButton* browse_ = nullptr;
  QTableWidget* points_ = nullptr;
  RunController* controller_ = nullptr;
  QString results_;
  int run_count_ = 0;
};

} // namespace gigatwin::gui
