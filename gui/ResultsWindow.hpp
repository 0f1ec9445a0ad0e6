#pragma once
// ResultsWindow: a results browser for any GigaTwin HDF5 file. It refuses a foreign or damaged
// file with the reader's message (the file's checksum is verified before HDF5 parses it), lists
// the runs (failed ones with their error), shows a run's time series as charts and its station
// table, and for a sweep plots a KPI against a swept parameter — the mean at each value with its
// 95 % interval as whiskers, one line per combination of the other parameters. Its "Labour
// flows" tab draws what happened to the people of a run (LabourFlowView), beside any other run;
// its "Machine states" tab, for a traced run, a Gantt chart of a station group's machines; its
// "Replay" tab plays a traced run back on the floor (a time slider, play/pause, speed).

#include <QMap>
#include <QString>
#include <QStringList>
#include <QWidget>

#include "FloorReplay.hpp"
#include "MachineStates.hpp"

#include <functional>
#include <memory>
#include <optional>

class QChart;
class QChartView;
class QComboBox;
class QTimer;
class QPushButton;
class QSlider;
class QDoubleSpinBox;
class QLabel;
class QListWidget;
class QTabWidget;
class QTableWidget;

namespace gigatwin::results {
class ResultsReader;
struct Table;
} // namespace gigatwin::results

namespace gigatwin::gui {

class ChartsPanel;
class FloorView;
class GanttView;
class LabourFlowView;
class RunComparison;
struct LabourFlows;

class ResultsWindow : public QWidget {
  Q_OBJECT
public:
  explicit ResultsWindow(QWidget* parent = nullptr);
  ~ResultsWindow() override;

  /// Opens a results file; false with error() set if it is not a sound GigaTwin file.
  bool open(const QString& path);
  const QString& error() const { return error_; }
  QStringList runs() const;
  void show_run(const QString& id);
  /// The station table averaged over the completed runs of sweep point `point` (the charts show
  /// its first run). Numbers are means over the runs; the runs are listed as "pNNNN mean".
  void show_point_mean(int point);
  /// Plots `kpi` against sweep parameter `parameter` (a column of /experiment/points).
  void plot_sweep(const QString& kpi, const QString& parameter);
  /// Puts runs ("p0001-r0002") and points' means ("p0001 mean") side by side in the Compare tab
  /// (what ticking them in the list does).
  void compare(const QStringList& ids);
  RunComparison* comparison() const { return comparison_; }

  ChartsPanel* charts() const { return charts_; }
  QTableWidget* stations() const { return stations_; }
  /// The run's assembly part buffers (hidden when it has none).
  QTableWidget* part_buffers() const { return part_buffers_; }
  /// The labour flows of the run shown, and of the run it is compared with.
  LabourFlowView* labour_flows() const { return labour_flows_; }
  LabourFlowView* labour_flows_compared() const { return labour_compared_; }
  /// Shows run `id`'s labour flows beside the shown run's ("" : none).
  void compare_labour_with(const QString& id);
  /// The Gantt chart of the shown run's machine states (from its event trace).
  GanttView* gantt() const { return gantt_; }
  /// Shows `group`'s machines over [from_s, to_s] of the shown run.
  void show_machine_states(const QString& group, double from_s, double to_s);
  /// The replay of the shown run (nullptr without a trace), its floor, and a move to time `t_s`.
  /// (Reads the trace now if the Replay tab has not yet.)
  const FloorReplay* replay();
  FloorView* replay_floor() const { return replay_floor_; }
  void replay_to(double t_s);
  double replay_time() const { return replay_t_s_; }
  /// The sweep plot's chart (for tests).
  QChart* sweep_chart() const;
  /// Points drawn in the sweep plot (means), 0 without a sweep.
  int sweep_points() const { return sweep_points_; }
  QStringList sweep_parameters() const;

  /// The message shown when part of the file cannot be read (hidden when all is well).
  QString problem() const;

private:
  void show_run_unguarded(const QString& id);
  void show_point_mean_unguarded(int point);
  /// Runs `show`; a ResultsError becomes a message above the tabs instead of an abort.
  void guarded(const std::function<void()>& show);
  /// Shows `t` in `view`, a column per table column with its units.
  static void fill(QTableWidget* view, const results::Table& t);
  std::unique_ptr<results::ResultsReader> file_;
  QString error_;
  QLabel* header_ = nullptr;
  QLabel* problem_ = nullptr;
  QListWidget* runs_ = nullptr;
  ChartsPanel* charts_ = nullptr;
  QTableWidget* stations_ = nullptr;
  QTableWidget* part_buffers_ = nullptr;
  QComboBox* kpi_ = nullptr;
  QComboBox* parameter_ = nullptr;
  QChartView* sweep_view_ = nullptr;
  QTabWidget* tabs_ = nullptr;
  LabourFlowView* labour_flows_ = nullptr;
  GanttView* gantt_ = nullptr;
  QComboBox* gantt_group_ = nullptr;
  QDoubleSpinBox* gantt_from_ = nullptr;
  QDoubleSpinBox* gantt_to_ = nullptr;
  QString shown_run_;
  std::unique_ptr<FloorReplay> replay_;
  FloorView* replay_floor_ = nullptr;
  QSlider* replay_slider_ = nullptr;
  QLabel* replay_clock_ = nullptr;
  QPushButton* replay_play_ = nullptr;
  QComboBox* replay_speed_ = nullptr;
  QTimer* replay_timer_ = nullptr;
  double replay_t_s_ = 0;
  void forget_replay();
  void start_replay();
  void read_replay_slice();
  void show_replay();
  void show_current_tab();
  std::unique_ptr<FloorReplay::Loader> replay_loader_;
  QString replay_run_; ///< the run replay_ (or the loader) is of
  QTimer* replay_reader_ = nullptr;
  bool gantt_stale_ = false;
  /// Drops a read under way; false (and the chart says why) when there is nothing to read.
  bool begin_machine_states(double from_s, double to_s);
  /// The Gantt chart's window read a slice per tick (the UI's path; show_machine_states reads at once).
  void start_machine_states(const QString& group, double from_s, double to_s);
  void read_gantt_slice();
  std::unique_ptr<MachineStates::Loader> gantt_loader_;
  QTimer* gantt_reader_ = nullptr;
  QString gantt_group_read_;
  LabourFlowView* labour_compared_ = nullptr;
  QComboBox* labour_with_ = nullptr;
  /// A run's labour flows with its severance and training cost (nullopt: no worker pools).
  std::optional<LabourFlows> labour_flows_of(const QString& id) const;
  /// "Run <id>", with its sweep point's parameters when it has some.
  QString run_title(const QString& id) const;
  /// What sweep point `point` changed ("machines=4; wage=12"), empty when nothing.
  QString point_parameters(int point) const;
  int sweep_points_ = 0;
  RunComparison* comparison_ = nullptr;
  QMap<int, QString> parameters_of_point_; ///< what each sweep point changed, read once
};

} // namespace gigatwin::gui
