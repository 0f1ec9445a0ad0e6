#pragma once
// PlantWindow: the plant as the live twin follows it (File > Connect to plant). A banner when the
// twin finds a drift (the station group, the quantity in words, which way, its mean before and
// after in h / min, and that forecasts now use the refit); the plant's date and time, the lots in
// the plant, the good lots out and the throughput of the last hour; the live floor (a FloorView
// fed by <prefix>/floor, laid out as the scenario open in the main window when its station groups
// are the floor's, else from the floor message's own); the forecasts and actuals (ForecastChart);
// and a status line — the connection, the twin's state and counts, the last message's time and
// the bad messages ignored. Every payload is parsed before anything changes (TwinMessages): one
// that does not parse is counted and changes nothing. It shows what the twin says and nothing
// else: no simulation of its own.

#include "PlantLink.hpp"
#include "TwinMessages.hpp"

#include "scenario/ScenarioSpec.hpp"

#include <QMainWindow>
#include <QPointer>

#include <optional>

class QLabel;
class QFrame;
class QStackedWidget;

namespace gigatwin::gui {

class FloorView;
class ForecastChart;

class PlantWindow : public QMainWindow {
  Q_OBJECT
public:
  /// `scenario`: the one open in the main window, if any (its layout for the floor).
  explicit PlantWindow(std::optional<scenario::ScenarioSpec> scenario = std::nullopt,
                       QWidget* parent = nullptr);
  ~PlantWindow() override;

  /// Follows `link` from now on and owns it; closing the window disconnects it.
  void attach(PlantLink* link);
  PlantLink* link() const { return link_; }
  /// One message of the twin's as the link hands it over.
  void take(PlantLink::Topic topic, const QByteArray& payload);

  // For tests.
  FloorView* floor() const { return floor_; }
  ForecastChart* forecasts() const { return forecasts_; }
  /// Messages that did not parse (or were too large), ignored.
  int ignored_messages() const { return ignored_; }
  bool laid_out_from_scenario() const { return from_scenario_; }
  /// The floor's station groups in the order laid out.
  QStringList groups() const { return groups_; }
  bool drift_shown() const;
  QString drift_text() const;
  /// The header: plant time, lots in the plant, good lots out, throughput.
  QString header_text() const;
  /// The status line: connection, twin, last message, ignored messages.
  QString status_text() const;

protected:
  void closeEvent(QCloseEvent* event) override;

private:
  void show_floor(const TwinFloor& floor);
  void show_drift(const TwinDrift& drift);
  void show_status(const TwinStatus& status);
  void show_connection(PlantLink::State state, const QString& text);
  void count_ignored(PlantLink::Topic topic, const QString& why);

  std::optional<scenario::ScenarioSpec> scenario_;
  QPointer<PlantLink> link_;
  QStringList groups_;
  bool from_scenario_ = false;
  int ignored_ = 0;
  int drifts_ = 0;
  QString last_drift_;  ///< the drift message shown: group, quantity, time, observations
  QString drift_alarm_; ///< the last drift's group and quantity (its refinements follow)
  double drift_scenario_mean_s_ = 0;
  QFrame* banner_ = nullptr;
  QLabel* drift_ = nullptr;
  QLabel* plant_time_ = nullptr;
  QLabel* lots_in_plant_ = nullptr;
  QLabel* good_out_ = nullptr;
  QLabel* throughput_ = nullptr;
  FloorView* floor_ = nullptr;
  QStackedWidget* floor_stack_ = nullptr; ///< a word while no floor came, then the floor
  QLabel* waiting_ = nullptr;
  ForecastChart* forecasts_ = nullptr;
  /// The status line's parts, joined into one label that wraps rather than clips.
  QString connection_text_, twin_text_, last_message_text_, ignored_text_;
  QLabel* status_ = nullptr;
  void update_status();
};

} // namespace gigatwin::gui
