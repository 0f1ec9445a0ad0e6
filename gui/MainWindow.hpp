#pragma once
// MainWindow: the planner's window — the factory floor and the levers side by side, the live
// charts below, the KPIs of the last run (and of a pinned baseline, with differences) beside
// them. Opening a scenario (menu, drag and drop, recent files) builds the levers; every lever
// move is validated with the models' loader (messages inline, Run disabled while invalid),
// re-estimates the rough-cut capacity and can be undone. Run starts the CLI in the background
// (RunController): a progress bar with ETA, Cancel, and a window that never freezes.

#include "scenario/ScenarioSpec.hpp"
#include "scenario/YamlTree.hpp"

#include <QMainWindow>
#include <QMessageBox>
#include <QTemporaryDir>
#include <QUndoStack>

#include <functional>
#include <map>
#include <optional>

class QAction;
class QLabel;
class QMenu;
class QProgressBar;
class QSpinBox;
class QTabWidget;
class QTableWidget;

namespace gigatwin::gui {

class ChartsPanel;
class ExperimentDialog;
class PlantDataImport;
class PlantWindow;
struct PlantLinkConfig;
class CompareChart;
class FloorView;
class LeverPanel;
class ResultsWindow;
class RunController;
class ScenarioEditor;
struct LiveSample;

class MainWindow : public QMainWindow {
  Q_OBJECT
public:
  explicit MainWindow(QWidget* parent = nullptr);
  ~MainWindow() override;

  /// Opens a scenario; false (and a message) if it does not load.
  bool open_scenario(const QString& path);
  void run();
  void cancel();
  void pin_baseline();
  /// Opens a results file in a browser window; nullptr (and a message) if it is refused.
  ResultsWindow* open_results(const QString& path);

  // For tests and scripting.
  LeverPanel* levers() const { return levers_; }
  ChartsPanel* charts() const { return charts_; }
  CompareChart* compare() const { return compare_; }
  /// Shows `kpi` of the baseline and the last run as bars.
  void compare_kpi(const QString& kpi);
  FloorView* floor() const { return floor_; }
  ScenarioEditor* editor() const { return editor_; }
  QTabWidget* side_tabs() const { return side_tabs_; }
  /// The scenario as edited (levers, floor plan and editor), and as opened or last saved.
  const scenario::TreeNode& document() const { return document_; }
  RunController* controller() const { return controller_; }
  QUndoStack* undo_stack() { return &undo_; }
  bool can_run() const;
  QString last_results() const { return last_results_; }
  QString status_text() const;
  /// KPI -> (mean, half-width) of the last run.
  const std::map<QString, std::pair<double, double>>& last_kpis() const { return kpis_; }
  const std::map<QString, std::pair<double, double>>& baseline_kpis() const { return baseline_; }

  /// What would be lost if the window closed or another scenario opened now, one sentence each
  /// (empty: nothing): lever changes not saved as a scenario, results only in the session's
  /// temporary folder, a run in progress.
  QStringList unsaved_work() const;
  /// Copies the last run's results file to `path` (replacing a file there); false and a message
  /// if it cannot.
  bool save_results_to(const QString& path);
  /// What was changed since the scenario was opened or saved (levers, floor plan, editor), as
  /// --set key=value over its file: what a run and an experiment are started with.
  QStringList all_overrides() const;
  /// Makes `after` the scenario, undoably, described as `description` (what the editor does).
  void change_document(const scenario::TreeNode& after, const QString& description);
  /// Moves `group` on the floor plan to `centre_m` (m), undoably (what dragging its box does).
  void move_group(const QString& group, QPointF centre_m);
  /// File > Import plant data: `log` fitted to the open scenario in the background, its report
  /// shown; Apply puts the fitted values into the scenario as edited (nullptr and a message
  /// without a scenario).
  PlantDataImport* import_plant_data(const QString& log);
  /// File > New scenario from plant data: `gigatwin discover` drafts a scenario from `log` into
  /// `draft` (in the background, a busy dialog with Cancel), which is then opened. False (and
  /// said) if the draft could not be made.
  bool new_scenario_from_plant_data(const QString& log, const QString& draft);
  /// Applies a fitted scenario (one that extends the open scenario's file) to the scenario as
  /// edited, as one undoable change described with `from`; false and a message if it cannot.
  bool apply_fitted_scenario(const QString& fitted, const QString& from);
  /// File > Connect to plant: a window on the live twin publishing under `config.prefix` at
  /// `config.url`, its floor laid out as the open scenario when their station groups match.
  PlantWindow* connect_to_plant(const PlantLinkConfig& config);
  /// The experiment manager on the open scenario (nullptr and a message without a valid one).
  ExperimentDialog* open_experiment();
  /// Writes the last run's report (PDF) to `path`; false and a message if it cannot.
  bool save_report_to(const QString& path);
  /// Writes the scenario as edited to `path` (over its base when it extends one) and makes it
  /// the open scenario; false and a message if it cannot (nothing is written then).
  bool save_scenario_to(const QString& path);
  /// Answers the "unsaved work" question; the default shows a modal dialog. Tests replace it.
  std::function<QMessageBox::StandardButton(const QStringList& unsaved)> ask_about_unsaved;
  /// Chooses where to save (title, filter); the default shows a file dialog. Tests replace it.
  std::function<QString(const QString& title, const QString& filter)> ask_save_path;

signals:
  void run_finished(const QString& status);

protected:
  void dragEnterEvent(QDragEnterEvent* event) override;
  void dropEvent(QDropEvent* event) override;
  void closeEvent(QCloseEvent* event) override;

private:
  void build_menus();
  void revalidate();
  void set_document(const scenario::TreeNode& document);
  void move_lever(const QString& key, const QString& before, const QString& after);
  /// The YAML that Save writes into folder `dir`, and how (`how`: whole, or over the base).
  std::string scenario_text_for(const QString& dir, QString* how) const;
  void on_sample(const LiveSample& sample);
  void on_finished(const QString& status, int exit_code, const QString& results, const QString& errors);
  void show_kpis();
  /// How the KPI table shows a KPI: label, units (scaled) and the factor from the file's units.
  struct KpiShown {
    QString label;
    QString units;
    double factor;
  };
  KpiShown kpi_shown(const QString& kpi) const;
  /// What to tell the user about a run that did not finish well: the failed runs' errors from
  /// `results` if it exists, else the CLI's messages.
  QString failure_text(const QString& results, const QString& errors) const;
  void save_as();
  void save_results_as();
  /// Asks where to save something made of the last results (none yet: says so) and saves it.
  void save_last_results_as(const QString& title, const QString& filter,
                            const std::function<void(const QString&)>& save);
  /// Asks about unsaved work before it would be lost; true: go ahead (saved or discarded).
  bool settle_unsaved_work();
  void export_charts();
  /// Asks where the twin is (ConnectDialog, last answers remembered), then connects.
  void ask_and_connect_to_plant();
  void remember_recent(const QString& path);
  void rebuild_recent_menu();

  QString scenario_path_;
  std::optional<scenario::ScenarioSpec> spec_; ///< with the levers applied, when valid
  LeverPanel* levers_ = nullptr;
  FloorView* floor_ = nullptr;
  ChartsPanel* charts_ = nullptr;
  QTableWidget* kpi_table_ = nullptr;
  CompareChart* compare_ = nullptr;
  RunController* controller_ = nullptr;
  QProgressBar* progress_ = nullptr;
  QLabel* status_ = nullptr;
  QAction* run_action_ = nullptr;
  QAction* cancel_action_ = nullptr;
  QAction* pin_action_ = nullptr;
  QMenu* recent_menu_ = nullptr;
  QSpinBox* follow_ = nullptr; ///< the replication the live view follows
  QUndoStack undo_;
  QTemporaryDir results_dir_;
  int run_count_ = 0;
  QString last_results_;
  bool results_saved_ = true; ///< the last results are also outside the temporary folder
  std::map<QString, std::pair<double, double>> kpis_;
  std::map<QString, std::pair<double, double>> baseline_;
  QMap<QString, QString> units_;
  QMap<QString, QString> definitions_; ///< KPI -> its meaning, from the results file
  QString lot_noun_;                   ///< what the line makes, when one product (names "lots" in units)
  scenario::TreeNode original_;        ///< the scenario as opened or last saved (bases merged)
  scenario::TreeNode document_;        ///< as edited: runs use the file and the overrides between the two
  ScenarioEditor* editor_ = nullptr;
  QTabWidget* side_tabs_ = nullptr;
  std::pair<QList<int>, QList<int>> lever_sizes_; ///< the splitters' sizes while the levers showed
};

} // namespace gigatwin::gui
