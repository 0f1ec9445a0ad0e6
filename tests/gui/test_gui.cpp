// The planner's window, driven as a user would (QT_QPA_PLATFORM=offscreen): open a scenario,
// move levers (validated inline, undoable), run a small scenario end to end through the CLI and
// see the charts filled and the floor coloured, cancel a long run, refuse a broken scenario.

#include "ChartsPanel.hpp"
#include "CompareChart.hpp"
#include "Display.hpp"
#include "ExperimentDesign.hpp"
#include "ExperimentDialog.hpp"
#include "FloorReplay.hpp"
#include "FloorView.hpp"
#include "GanttView.hpp"
#include "LabourFlowView.hpp"
#include "LabourFlows.hpp"
#include "LeverPanel.hpp"
#include "MachineStates.hpp"
#include "MainWindow.hpp"
#include "PlantDataImport.hpp"
#include "ResultsWindow.hpp"
#include "RunComparison.hpp"
#include "RunController.hpp"
#include "RunReport.hpp"
#include "ScenarioEditor.hpp"

#include "results/ResultsReader.hpp"
#include "scenario/ScenarioEdits.hpp"
#include "scenario/ScenarioLoader.hpp"

#include <QChart>
#include <QFileInfo>
#include <QHeaderView>
#include <QListWidget>
#include <QPainter>
#include <QProcess>
#include <QScrollArea>
#include <QScrollBar>
#include <QTableWidget>
#include <QTreeWidget>
#include <QValueAxis>

#include <QCheckBox>
#include <QLineEdit>
#include <QMessageBox>
#include <QSignalSpy>
#include <QSpinBox>
#include <QTemporaryDir>
#include <QTest>

#include <cmath>
#include <limits>

using gigatwin::gui::FloorView;
using gigatwin::gui::MainWindow;

namespace {
/// The two-station line the CLI tests use too.
QByteArray small_line_text() {
  QFile f(GIGATWIN_SOURCE_DIR "/tests/data/small-line.yaml");
  f.open(QIODevice::ReadOnly);
  return f.readAll();
}

/// The small line with one more line under each group's process_time (press's, weld's).
QByteArray small_line_with(const QByteArray& press, const QByteArray& weld) {
  QByteArray text = small_line_text();
  text.replace("    process_time: {dist: exponential, mean: 60s}",
               "    process_time: {dist: exponential, mean: 60s}\n    " + press);
  text.replace("    process_time: 50s", "    process_time: 50s\n    " + weld);
  return text;
}

QString write(const QTemporaryDir& dir, const QString& name, const QByteArray& text) {
  const QString path = dir.filePath(name);
  QFile f(path);
  f.open(QIODevice::WriteOnly);
  f.write(text);
  return path;
}

/// Runs the gigatwin command (as the app finds it) to its end; true when it exits 0.
bool run_cli(const QStringList& arguments) {
  QProcess cli;
  cli.start(gigatwin::gui::RunController::find_cli(), arguments);
  return cli.waitForFinished(120000) && cli.exitStatus() == QProcess::NormalExit && cli.exitCode() == 0;
}

void type_into(QWidget* w, const QString& text) {
  auto* edit = qobject_cast<QLineEdit*>(w);
  QVERIFY(edit != nullptr);
  edit->setFocus();
  edit->selectAll();
  QTest::keyClicks(edit, text);
  QTest::keyClick(edit, Qt::Key_Return);
}
} // namespace

class GuiTest : public QObject {
  Q_OBJECT
private slots:
  void opening_a_scenario_builds_levers_and_floor() {
    MainWindow w;
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/tandem-line.yaml"));
    QVERIFY(w.levers()->lever("station_groups[0].machines") != nullptr);
    QVERIFY(w.levers()->lever("horizon") != nullptr);
    QVERIFY(w.levers()->overrides().isEmpty());
    QVERIFY(w.can_run());
    QVERIFY(w.levers()->message().contains("bottleneck"));
    // The default plant has workers: headcount, wage and shift pattern per pool, the labour law.
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/gigafactory.yaml"));
    for (const char* key : {"worker_pools[0].headcount", "worker_pools[0].wage", "worker_pools[0].calendar",
                            "station_groups[5].mode", "labour.weekly_cap"})
      QVERIFY2(w.levers()->lever(key) != nullptr, key);
    QVERIFY(w.can_run());
  }

  void levers_are_validated_inline_and_can_be_undone() {
    MainWindow w;
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/tandem-line.yaml"));
    // The tandem line's bottleneck is its slow third station (1.1 min); a second machine there
    // moves the bottleneck elsewhere.
    QVERIFY(w.levers()->message().contains("bottleneck"));
    const QString before = w.levers()->message();
    auto* spin = qobject_cast<QSpinBox*>(w.levers()->lever("station_groups[2].machines"));
    QVERIFY(spin != nullptr);
    spin->setValue(2);
    QCOMPARE(w.levers()->overrides(), QStringList{"station_groups[2].machines=2"});
    QVERIFY(w.levers()->message() != before);

    auto* horizon = qobject_cast<QLineEdit*>(w.levers()->lever("horizon"));
    const QString horizon_text = horizon->text();
    type_into(horizon, "10");
    QVERIFY(w.levers()->message().contains("horizon: expected a duration with a unit"));
    QVERIFY(!w.levers()->message().contains("--set")); // the lever's message, not the loader's plumbing
    QVERIFY(!w.can_run());
    // Undo says what it undoes, in words.
    QCOMPARE(w.undo_stack()->undoText(), QString("horizon: 100d → 10"));
    QCOMPARE(w.undo_stack()->text(0), QString("station3 machines: 1 → 2"));
    w.undo_stack()->undo(); // the horizon back
    QVERIFY(w.can_run());
    QCOMPARE(horizon->text(), horizon_text); // the lever shows its old value again
    w.undo_stack()->undo();                  // the machines back
    QVERIFY(w.levers()->overrides().isEmpty());
    QCOMPARE(spin->value(), 1);
    QCOMPARE(w.levers()->message(), before);
    w.undo_stack()->redo();
    QCOMPARE(spin->value(), 2);
  }

  void robots_and_outages_are_levers() {
    MainWindow w;
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/control-tower-outage.yaml"));
    // Winding (group 5) runs robotic with 2 robots per winder; the scenario has one outage.
    auto* robots = qobject_cast<QSpinBox*>(w.levers()->lever("station_groups[5].modes.robotic.robots"));
    QVERIFY(robots != nullptr);
    QCOMPARE(robots->value(), 2);
    auto* outages = qobject_cast<QCheckBox*>(w.levers()->lever("control_tower.enabled"));
    QVERIFY(outages != nullptr);
    QVERIFY(outages->isChecked());
    robots->setValue(3);
    outages->setChecked(false);
    QCOMPARE(w.levers()->overrides(),
             (QStringList{"station_groups[5].modes.robotic.robots=3", "control_tower.enabled=false"}));
    QVERIFY(w.can_run());
    w.undo_stack()->undo();
    QVERIFY(outages->isChecked());
    QCOMPARE(w.levers()->overrides(), QStringList{"station_groups[5].modes.robotic.robots=3"});
  }

  void the_outage_lever_switches_the_outage_off_in_a_run() {
    // The small line's press depends on the control tower, which is down 6 h on day 1: the run
    // logs one outage from 24 h to 30 h and loses output against its twin without the outage;
    // with the lever off there is no outage and no twin.
    QTemporaryDir dir;
    QByteArray text = small_line_with("control_tower: true", "control_tower: false");
    text.replace("routing:", "control_tower:\n  outages:\n    - {at: 1d, for: 6h}\nrouting:");
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "outage.yaml", text)));
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("ok"));
    {
      const gigatwin::results::ResultsReader file(w.last_results().toStdString());
      const auto outages = file.read_table("/runs/p0000-r0000/outages");
      QCOMPARE(outages.rows.size(), std::size_t{1});
      QCOMPARE(gigatwin::results::number_at(outages, 0, "start"), 86400.0);
      QCOMPARE(gigatwin::results::number_at(outages, 0, "end"), 108000.0);
    }
    QVERIFY(w.last_kpis().at("lost_output").first > 0);
    qobject_cast<QCheckBox*>(w.levers()->lever("control_tower.enabled"))->setChecked(false);
    w.run();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("ok"));
    QVERIFY(
        !gigatwin::results::ResultsReader(w.last_results().toStdString()).has("/runs/p0000-r0000/outages"));
    const auto lost = w.last_kpis().find("lost_output");
    QVERIFY(lost == w.last_kpis().end() || std::isnan(lost->second.first));
  }

  void feeders_branch_into_their_assembly_on_the_routing_layout() {
    // The default plant has no floor plan: its main line (cells, then modules, then packs) runs
    // in rows in routing order, and the housings and enclosures fed into the module and pack
    // assemblies sit in a row below, each right under the assembly it feeds.
    MainWindow w;
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/gigafactory.yaml"));
    FloorView* floor = w.floor();
    QCOMPARE(floor->box_corner("mixing"), QPointF(0, 0));
    QCOMPARE(floor->box_corner("coating_drying") - floor->box_corner("mixing"), QPointF(178, 0));
    const QPointF housing = floor->box_corner("module_housing_supply"),
                  modules = floor->box_corner("module_assembly");
    QCOMPARE(housing.x(), modules.x());
    QVERIFY(housing.y() > modules.y());
    const QPointF enclosure = floor->box_corner("enclosure_supply"),
                  packs = floor->box_corner("pack_assembly");
    QCOMPARE(enclosure.x(), packs.x());
    QVERIFY(enclosure.y() > packs.y());
    // The main line keeps its order: module assembly comes after the last cell step.
    const QPointF last_cells = floor->box_corner("end_of_line_test");
    QVERIFY(modules.y() > last_cells.y() || (modules.y() == last_cells.y() && modules.x() > last_cells.x()));
  }

  void dragging_a_group_on_the_floor_plan_moves_it_undoably() {
    // Dragged 10 m to the right (at the plan's scale), winding's position becomes a scenario
    // override the loader checks, the plan is redrawn with it, and undo puts it back.
    MainWindow w;
    const QString plan = GIGATWIN_SOURCE_DIR "/scenarios/gigafactory-floor-plan.yaml";
    QVERIFY(w.open_scenario(plan));
    const auto spec = gigatwin::scenario::load_scenario_file(plan.toStdString());
    std::size_t winding = 0;
    while (spec.station_groups[winding].name != "winding")
      ++winding;
    const auto& p = *spec.station_groups[winding].position;
    const double ppm = w.floor()->pixels_per_m();
    QVERIFY(ppm > 0);
    w.floor()->drag_group("winding", QPointF(10 * ppm, 0));
    // Only x changed: one override, at the key path of x, in metres.
    QCOMPARE(w.all_overrides(), QStringList{QString("station_groups[%1].position.x=%2")
                                                .arg(winding)
                                                .arg(QString::number(p.x_m + 10, 'g', 10))});
    const auto* x = gigatwin::scenario::node_at(
        w.document(), QString("station_groups[%1].position.x").arg(winding).toStdString());
    QVERIFY(x);
    QCOMPARE(QString::fromStdString(x->scalar).toDouble(), p.x_m + 10);
    QVERIFY(w.can_run()); // the loader took it
    QVERIFY(w.undo_stack()->undoText().startsWith("Move winding on the floor plan"));
    w.undo_stack()->undo();
    QVERIFY(w.all_overrides().isEmpty());
    // On a layout without a plan, groups stay where the routing puts them.
    QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/gigafactory.yaml"));
    const QPointF before = w.floor()->box_corner("winding");
    w.floor()->drag_group("winding", QPointF(100, 0));
    QCOMPARE(w.floor()->box_corner("winding"), before);
    QVERIFY(w.all_overrides().isEmpty());
  }

  void the_floor_follows_the_scenarios_floor_plan() {
    // press at (0, 0) m, weld at (20, 5) m: the smallest scale at which the boxes (150 x 78 px,
    // 28 px apart) do not overlap is min(178 / 20, 106 / 5) = 8.9 px/m.
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(
        write(dir, "plan.yaml", small_line_with("position: {x: 0, y: 0}", "position: {x: 20, y: 5}"))));
    QCOMPARE(w.floor()->pixels_per_m(), 8.9);
    const QPointF step = w.floor()->box_corner("weld") - w.floor()->box_corner("press");
    QCOMPARE(step.x(), 178.0);
    QCOMPARE(step.y(), 44.5);
    // Without positions the groups stand in routing order, one box width and a gap apart.
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    QCOMPARE(w.floor()->pixels_per_m(), 0.0);
    QCOMPARE(w.floor()->box_corner("weld") - w.floor()->box_corner("press"), QPointF(178, 0));
  }

  void charts_wait_for_a_cost_and_export_every_sample() {
    // Ten hourly samples; no lot has left by the first two, so they have no cost per unit. Costs
    // 1000 (the first lot's), then 10, 12, 10, ...: the axis spans twice their median (the 1000
    // runs off the top), while the other charts grow to 1.15 x a value above their top.
    gigatwin::gui::ChartsPanel charts;
    charts.clear(10 * 3600.0);
    charts.set_units("cost_per_unit", "EUR/lot");
    for (int k = 1; k <= 10; ++k) {
      gigatwin::gui::LiveSample s;
      s.time_s = 3600.0 * k;
      s.throughput = k;
      s.cost_per_unit = k <= 2   ? std::numeric_limits<double>::quiet_NaN()
                        : k == 3 ? 1000.0
                                 : (k % 2 == 0 ? 10.0 : 12.0);
      charts.add(s);
    }
    QCOMPARE(charts.points("throughput"), 10);
    QCOMPARE(charts.points("cost_per_unit"), 8);
    // The axis ends on the first round tick at or above the largest value: 10 on ticks of 2.
    QCOMPARE(charts.y_top("throughput"), 10.0);
    QCOMPARE(charts.y_step("throughput"), 2.0);
    // Costs 1000, 10, 12, 10, 12, 10, 12, 10: sorted, the 5th of 8 (the upper median) is 12;
    // twice that, 24, rounded up to the next tick of 5: 25.
    QCOMPARE(charts.y_top("cost_per_unit"), 25.0);
    QCOMPARE(charts.y_step("cost_per_unit"), 5.0);
    QTemporaryDir dir;
    const QString csv = dir.filePath("charts.csv");
    QVERIFY(charts.export_csv(csv));
    // PNGs drawn at the width asked, for slides and reports.
    QVERIFY(charts.export_charts(dir.filePath("big"), "png", 1600));
    QCOMPARE(QImage(dir.filePath("big-throughput.png")).width(), 1600);
    QFile f(csv);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QStringList lines = QString::fromUtf8(f.readAll()).split('\n', Qt::SkipEmptyParts);
    QCOMPARE(lines.size(), 11); // the header and every sample, those without a cost included
    QCOMPARE(lines[0], QString("time_d,throughput_lots_per_h,wip_lots,headcount_workers,layoffs_workers,"
                               "power_kW,cost_per_unit_EUR_per_lot"));
    QVERIFY(lines[1].endsWith(",")); // no cost yet: an empty cell
    QVERIFY(lines[3].endsWith(",1000"));
  }

  void a_run_fills_the_charts_and_colours_the_floor() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    QSignalSpy done(&w, &MainWindow::run_finished);
    QCOMPARE(w.floor()->border_colour("press"), QColor(160, 160, 160)); // not coloured before a run
    w.run();
    QVERIFY(!w.can_run()); // one run at a time
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("ok"));
    // 2 days sampled every hour: 48 points in every chart.
    QCOMPARE(w.charts()->points("throughput"), 48);
    QCOMPARE(w.charts()->points("wip"), 48);
    QCOMPARE(w.charts()->points("cost_per_unit"), 48); // a lot leaves in the first hour already
    QVERIFY(w.floor()->border_colour("press") != QColor(160, 160, 160));
    QVERIFY(w.last_kpis().at("throughput").first > 40); // 50 lots/h offered, 1 % scrap
    {
      // After the run the press's bar shows where its time went over the measured period: the
      // busy segment's share of the bar is the station table's utilisation.
      gigatwin::results::ResultsReader file(w.last_results().toStdString());
      const auto st = file.read_table("/runs/p0000-r0000/stations");
      std::size_t press = 0;
      while (gigatwin::results::text_at(st, press, "name") != "press")
        ++press;
      const auto widths = w.floor()->bar_widths("press");
      double total = 0;
      for (double x : widths)
        total += x;
      QVERIFY(total > 0);
      QVERIFY(std::abs(widths[2] / total - gigatwin::results::number_at(st, press, "utilization")) < 1e-9);
      QVERIFY(std::abs(widths[0] / total - gigatwin::results::number_at(st, press, "starved")) < 1e-9);
    }
    QVERIFY(QFile::exists(w.last_results()));

    // Pin as the baseline, add a press, run again: the window compares the two.
    w.pin_baseline();
    qobject_cast<QSpinBox*>(w.levers()->lever("station_groups[0].machines"))->setValue(2);
    w.run();
    QVERIFY(done.wait(120000));
    // Same random numbers, a second press: the queue in front of it, and the time in system, shrink.
    QVERIFY(w.last_kpis().at("cycle_time_mean").first < w.baseline_kpis().at("cycle_time_mean").first);
    w.compare_kpi("cycle_time_mean");
    QCOMPARE(w.compare()->bars(), 2);
    QVERIFY(w.compare()->title().startsWith("Mean cycle time: -")); // the difference, negative

    // The KPI table says what each row is: a label in words with its units (the good lots out
    // named after the product, times in hours), the identifier, units and definition on hover;
    // numbers without exponents.
    auto* table = w.findChild<QTableWidget*>();
    QVERIFY(table != nullptr);
    QMap<QString, int> rows;
    for (int r = 0; r < table->rowCount(); ++r)
      rows[table->item(r, 0)->data(Qt::UserRole).toString()] = r;
    QVERIFY(rows.contains("throughput"));
    QCOMPARE(table->item(rows["throughput"], 0)->text(), QString("Throughput [trays/h]"));
    QVERIFY(table->item(rows["throughput"], 0)->toolTip().contains("good lots leaving the line per hour"));
    QVERIFY(table->item(rows["throughput"], 0)->toolTip().contains("throughput"));
    QCOMPARE(table->item(rows["cycle_time_mean"], 0)->text(), QString("Mean cycle time [h]"));
    QCOMPARE(table->item(rows["wip_mean"], 0)->text(), QString("Work in process (mean) [lots]"));
    // The small line has no costs, no workers, no robots: none of their rows.
    for (const char* none : {"cost_per_unit", "labour_cost", "headcount_end", "robots", "capital_spent"})
      QVERIFY2(!rows.contains(none), none);
    const double hours = w.last_kpis().at("cycle_time_mean").first / 3600.0;
    QVERIFY(
        table->item(rows["cycle_time_mean"], 1)->text().startsWith(gigatwin::gui::display::number(hours)));
    for (int r = 0; r < table->rowCount(); ++r)
      for (int c = 1; c < table->columnCount(); ++c)
        if (const auto* item = table->item(r, c))
          QVERIFY2(!item->text().contains("e+") && !item->text().contains("e-"), qPrintable(item->text()));
  }

  void display_writes_numbers_as_a_planner_reads_them() {
    namespace display = gigatwin::gui::display;
    // Significant digits, thousands separators, never an exponent.
    QCOMPARE(display::number(3.52222), QString("3.522"));
    QCOMPARE(display::number(2536), QString("2,536"));
    QCOMPARE(display::number(13680000), QString("13,680,000"));
    QCOMPARE(display::number(0.000123456), QString("0.0001235"));
    QCOMPARE(display::number(-0.5), QString("-0.5"));
    QCOMPARE(display::number(218.33), QString("218.3"));
    QCOMPARE(display::number(0.05123, 2), QString("0.051"));
    QCOMPARE(display::number(std::numeric_limits<double>::quiet_NaN()), QString("–"));
    // Round axes: a top at or above the largest value on steps of 1, 2, 2.5 or 5 x 10^k, about
    // five of them; whole steps for counts.
    const auto axis = [](double max, bool whole) {
      const auto a = display::nice_axis(max, 5, whole);
      return QPair<double, double>(a.top, a.step);
    };
    QCOMPARE(axis(8.05, false), (QPair<double, double>(10, 2)));
    QCOMPARE(axis(13680, true), (QPair<double, double>(15000, 5000)));
    QCOMPARE(axis(234.6, true), (QPair<double, double>(250, 50)));
    QCOMPARE(axis(3, true), (QPair<double, double>(3, 1))); // no 0.5 of a worker
    QCOMPARE(axis(1.2, false), (QPair<double, double>(1.25, 0.25)));
    QCOMPARE(axis(0, false), (QPair<double, double>(1, 0.2))); // nothing yet
    // Big power and money in larger units.
    QCOMPARE(display::scaled(10070, "kW", "").units, QString("MW"));
    QCOMPARE(display::scaled(10070, "kW", "").factor, 1e-3);
    QCOMPARE(display::scaled(720000, "KRW/pack", "KRW").units, QString("k KRW/pack"));
    QCOMPARE(display::scaled(2.5e9, "KRW", "KRW").units, QString("bn KRW"));
    QCOMPARE(display::scaled(3.2e6, "kWh", "").units, QString("GWh"));
    QCOMPARE(display::scaled(950, "kW", "").units, QString("kW"));
    // KPIs: readable labels; times in hours; the good lots out named after the product.
    const auto cycle = display::kpi_view("cycle_time_mean", "s", "pack");
    QCOMPARE(cycle.label, QString("Mean cycle time"));
    QCOMPARE(cycle.units, QString("h"));
    QCOMPARE(cycle.factor, 1.0 / 3600.0);
    QCOMPARE(display::kpi_view("throughput", "lots/h", "pack").units, QString("packs/h"));
    QCOMPARE(display::kpi_view("cost_per_unit", "KRW/lot", "cell_tray").units, QString("KRW/cell tray"));
    QCOMPARE(display::kpi_view("wip_mean", "lots", "pack").units, QString("lots")); // every product's
    QCOMPARE(display::kpi_view("first_pass_yield", "1", "pack").units, QString("%"));
    QCOMPARE(display::kpi_view("some_new_kpi", "h", "").label, QString("Some new kpi"));
    QCOMPARE(display::plural("battery"), QString("batteries"));
    QCOMPARE(display::plural("pack"), QString("packs"));
  }

  void the_live_charts_follow_the_replication_chosen() {
    // Samples of replications 0 and 1 interleave (runs in parallel): the charts draw only the
    // one followed, and start again empty when another is chosen.
    gigatwin::gui::ChartsPanel charts;
    charts.clear(86400.0);
    for (int k = 1; k <= 6; ++k) {
      gigatwin::gui::LiveSample s;
      s.time_s = 3600.0 * ((k + 1) / 2);
      s.replication = k % 2;
      s.throughput = 1;
      charts.add(s);
    }
    QCOMPARE(charts.points("throughput"), 3); // replication 0's
    charts.follow(0, 1);
    QCOMPARE(charts.points("throughput"), 0);
    gigatwin::gui::LiveSample s;
    s.time_s = 4 * 3600.0;
    s.replication = 1;
    charts.add(s);
    s.replication = 0;
    charts.add(s);
    QCOMPARE(charts.points("throughput"), 1);
  }

  void the_throughput_has_a_daily_average_and_the_warm_up_is_shaded() {
    // Hourly throughputs 0, 10, 0, 10, ...: after a day the 24-hour average is 5 exactly; in
    // the first hours it is the mean so far (10 after the second sample: (0 + 10) / 2 = 5, after
    // the third (0 + 10 + 0) / 3).
    gigatwin::gui::ChartsPanel charts;
    charts.clear(3 * 86400.0, 6 * 3600.0);
    QCOMPARE(charts.shaded_warmup_days(), 0.25);
    for (int k = 1; k <= 3; ++k) {
      gigatwin::gui::LiveSample s;
      s.time_s = 3600.0 * k;
      s.throughput = k % 2 == 0 ? 10 : 0;
      charts.add(s);
    }
    QCOMPARE(charts.throughput_average(), 10.0 / 3);
    for (int k = 4; k <= 48; ++k) {
      gigatwin::gui::LiveSample s;
      s.time_s = 3600.0 * k;
      s.throughput = k % 2 == 0 ? 10 : 0;
      charts.add(s);
    }
    QCOMPARE(charts.throughput_average(), 5.0);
    // Power past 1,000 kW is drawn in MW: the title says so; y_top stays in kW.
    gigatwin::gui::LiveSample big;
    big.time_s = 49 * 3600.0;
    big.power_kw = 10070;
    charts.add(big);
    QVERIFY(charts.title("power").endsWith("[MW]"));
    // 10.07 MW in about five ticks: a fifth is 2.01 MW, so ticks of 2.5 MW and a top of 12.5 MW.
    QCOMPARE(charts.y_top("power"), 12500.0);
    QCOMPARE(charts.y_step("power"), 2.5);
  }

  void nothing_is_clipped_at_the_common_screen_sizes() {
    // At 1366x768 and 1920x1080, with the default plant open: the lever panel never scrolls
    // sideways and every lever lies within its visible width; the KPI table's columns fit its
    // width.
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
      MainWindow w;
      QVERIFY(w.open_scenario(GIGATWIN_SOURCE_DIR "/scenarios/gigafactory.yaml"));
      w.resize(size);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      QCoreApplication::processEvents();
      auto* scroll = qobject_cast<QScrollArea*>(w.levers()->parentWidget()->parentWidget());
      QVERIFY(scroll != nullptr);
      QVERIFY(!scroll->horizontalScrollBar()->isVisible());
      const int visible = scroll->viewport()->width();
      for (const char* key :
           {"horizon", "station_groups[0].machines", "worker_pools[0].headcount", "labour.weekly_cap"}) {
        QWidget* lever = w.levers()->lever(key);
        QVERIFY2(lever != nullptr, key);
        const QPoint left = lever->mapTo(scroll->viewport(), QPoint(0, 0));
        QVERIFY2(left.x() >= 0 && left.x() + lever->width() <= visible,
                 qPrintable(QString("%1 at %2..%3 of %4 px")
                                .arg(key)
                                .arg(left.x())
                                .arg(left.x() + lever->width())
                                .arg(visible)));
      }
      auto* table = w.findChild<QTableWidget*>();
      int columns = 0;
      for (int c = 0; c < table->columnCount(); ++c)
        columns += table->columnWidth(c);
      QVERIFY2(columns <= table->viewport()->width() + 1,
               qPrintable(QString("%1 px of columns in %2 px").arg(columns).arg(table->viewport()->width())));
    }
  }

  void nothing_is_lost_without_a_question() {
    // Quit (Ctrl+Q), closing the window and opening another scenario ask first when lever changes
    // or a run's results would be lost; Cancel keeps everything, Save writes both, Discard goes on.
    QTemporaryDir dir;
    MainWindow w;
    QStringList asked;
    QMessageBox::StandardButton answer = QMessageBox::Cancel;
    w.ask_about_unsaved = [&](const QStringList& unsaved) {
      asked = unsaved;
      return answer;
    };
    w.ask_save_path = [&](const QString& title, const QString&) {
      return dir.filePath(title.contains("results") ? "kept.h5" : "kept.yaml");
    };
    const QString small = write(dir, "small.yaml", small_line_text());
    QVERIFY(w.open_scenario(small));
    w.show();
    QVERIFY(w.close()); // nothing to lose: no question
    QVERIFY(asked.isEmpty());
    w.show();
    qobject_cast<QSpinBox*>(w.levers()->lever("station_groups[0].machines"))->setValue(2);
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QVERIFY(done.wait(120000));
    QCOMPARE(w.unsaved_work().size(), 2); // the lever change and the results
    answer = QMessageBox::Cancel;
    QVERIFY(!w.close());
    QCOMPARE(asked.size(), 2);
    QVERIFY(!w.open_scenario(small)); // opening another scenario asks too; Cancel keeps the levers
    QCOMPARE(w.levers()->overrides(), QStringList{"station_groups[0].machines=2"});
    answer = QMessageBox::Save;
    QVERIFY(w.close());
    QVERIFY(QFile::exists(dir.filePath("kept.h5")));
    QCOMPARE(w.last_results(), dir.filePath("kept.h5"));
    gigatwin::results::ResultsReader kept(dir.filePath("kept.h5").toStdString()); // a sound copy
    QVERIFY(kept.has("/experiment/summary"));
    QFile yaml(dir.filePath("kept.yaml"));
    QVERIFY(yaml.open(QIODevice::ReadOnly));
    QVERIFY(yaml.readAll().contains("machines: 2"));
    QVERIFY(w.unsaved_work().isEmpty());
    // Discard: another run, then quit without saving.
    w.show();
    w.run();
    QVERIFY(done.wait(120000));
    asked.clear();
    answer = QMessageBox::Discard;
    QVERIFY(w.close());
    QCOMPARE(
        asked,
        QStringList{"The last run's results are only in a temporary folder, deleted when GigaTwin closes."});
  }

  void failed_runs_show_their_errors() {
    // An overloaded line stopped by max_wip: every run fails. The window says why from the file
    // (not the CLI's raw output, not a missing dataset), and the browser opens the file and lists
    // the failed runs with their errors.
    QTemporaryDir dir;
    MainWindow w;
    w.ask_about_unsaved = [](const QStringList&) { return QMessageBox::Discard; };
    QByteArray text = small_line_text();
    text.replace("rate: 50/h", "rate: 500/h");
    text += "max_wip: 50\n";
    QVERIFY(w.open_scenario(write(dir, "over.yaml", text)));
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("failed"));
    QVERIFY(!w.status_text().contains("does not exist"));
    QVERIFY(w.status_text().contains("failed"));
    const auto boxes = w.findChildren<QMessageBox*>();
    QVERIFY(!boxes.isEmpty());
    const QString told = boxes.back()->text();
    QVERIFY2(told.startsWith("1 run(s) failed:\np0000-r0000: "), qPrintable(told));
    QVERIFY2(told.contains("max_wip"), qPrintable(told));
    QVERIFY(!told.contains("does not exist"));
    auto* browser = w.open_results(w.last_results());
    QVERIFY(browser != nullptr);
    QCOMPARE(browser->runs(), QStringList{"p0000-r0000"});
    delete browser;
  }

  void a_long_run_can_be_cancelled() {
    QTemporaryDir dir;
    MainWindow w;
    QByteArray text = small_line_text();
    text.replace("horizon: 2d", "horizon: 20000d");
    text.replace("sample_interval: 1h", "sample_interval: 1d");
    QVERIFY(w.open_scenario(write(dir, "long.yaml", text)));
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QTRY_VERIFY_WITH_TIMEOUT(w.charts()->points("throughput") > 0, 60000);
    auto* table = w.findChild<QTableWidget*>();
    QVERIFY(!table->isEnabled()); // what it shows is not this run's
    w.cancel();
    QVERIFY(done.wait(60000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("interrupted"));
    QVERIFY(w.can_run());
    QVERIFY(table->isEnabled());
    QCOMPARE(table->rowCount(), 0); // no completed run: no figures
  }

  void the_results_browser_shows_runs_and_refuses_a_damaged_file() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QVERIFY(done.wait(120000));
    auto* browser = w.open_results(w.last_results());
    QVERIFY(browser != nullptr);
    QCOMPARE(browser->runs(), QStringList{"p0000-r0000"});
    QCOMPARE(browser->charts()->points("throughput"), 48); // the run's 48 hourly samples
    QCOMPARE(browser->stations()->rowCount(), 2);          // press and weld
    QVERIFY(browser->part_buffers()->isHidden());          // no assembly step
    delete browser;

    // A byte changed in the middle: the checksum refuses it before HDF5 reads it.
    QFile copy(w.last_results());
    QVERIFY(copy.open(QIODevice::ReadOnly));
    QByteArray bytes = copy.readAll();
    bytes[bytes.size() / 2] = static_cast<char>(bytes[bytes.size() / 2] ^ 0x5a);
    QVERIFY(w.open_results(write(dir, "damaged.h5", bytes)) == nullptr);
    QVERIFY(w.status_text().contains("Not a readable GigaTwin results file"));
    QVERIFY(w.open_results(write(dir, "foreign.h5", "not hdf5 at all")) == nullptr);
  }

  void a_sweep_plots_a_kpi_against_its_parameter() {
    // A sweep run by the CLI: machines 1..3 at the press x two seeds' worth of replications.
    QTemporaryDir dir;
    write(dir, "small.yaml", small_line_text());
    const QString sweep = write(dir, "sweep.yaml",
                                "sweep: 1\nscenario: small.yaml\nreplications: 3\nparameters:\n"
                                "  - {key: 'station_groups[0].machines', values: [1, 2, 3]}\n"
                                "  - {key: 'station_groups[1].machines', values: [1, 2]}\n");
    const QString out = dir.filePath("sweep.h5");
    QVERIFY(run_cli({"batch", sweep, "--out", out, "--quiet"}));
    gigatwin::gui::ResultsWindow browser;
    QVERIFY(browser.open(out));
    QCOMPARE(browser.sweep_parameters(),
             (QStringList{"station_groups[0].machines", "station_groups[1].machines"}));
    browser.plot_sweep("cycle_time_mean", "station_groups[0].machines");
    QCOMPARE(browser.sweep_points(), 6); // 3 values x 2 lines (one per value of the other parameter)
    {
      // In the app's units (lead times in hours), on round ticks: both ends whole steps of 1, 2,
      // 2.5 or 5 times a power of ten.
      auto* y = qobject_cast<QValueAxis*>(browser.sweep_chart()->axes(Qt::Vertical).front());
      QVERIFY(y != nullptr);
      QVERIFY(y->titleText().endsWith("[h]"));
      const double step = y->tickInterval();
      QVERIFY(step > 0);
      const double mantissa = step / std::pow(10.0, std::floor(std::log10(step)));
      QVERIFY(std::abs(mantissa - 1) < 1e-9 || std::abs(mantissa - 2) < 1e-9 ||
              std::abs(mantissa - 2.5) < 1e-9 || std::abs(mantissa - 5) < 1e-9);
      for (const double end : {y->min(), y->max()})
        QVERIFY(std::abs(end / step - std::round(end / step)) < 1e-6);
    }
    QCOMPARE(browser.runs().size(), 18);
    // A point's station table as the mean of its three replications, worked out here.
    browser.show_point_mean(4);
    gigatwin::results::ResultsReader file(out.toStdString());
    double sum = 0;
    for (const char* run : {"p0004-r0000", "p0004-r0001", "p0004-r0002"})
      sum += gigatwin::results::number_at(file.read_table(std::string("/runs/") + run + "/stations"), 0,
                                          "utilization");
    int column = -1;
    for (int c = 0; c < browser.stations()->columnCount(); ++c)
      if (browser.stations()->horizontalHeaderItem(c)->text().startsWith("utilization"))
        column = c;
    QVERIFY(column >= 0);
    QCOMPARE(browser.stations()->item(0, column)->text().toDouble(),
             std::stod(QString::number(sum / 3, 'g', 6).toStdString()));

    // Any runs and points side by side: a run's value is its summary row's, a point's mean the
    // mean of its runs (worked out here from the summary), each column titled with its point.
    const auto summary = file.read_table("/experiment/summary");
    const auto throughput_of = [&](const std::string& run) {
      for (std::size_t r = 0; r < summary.rows.size(); ++r)
        if (gigatwin::results::text_at(summary, r, "run") == run)
          return gigatwin::results::number_at(summary, r, "throughput");
      return std::nan("");
    };
    browser.compare({"p0000-r0001", "p0004 mean", "p0005-r0002"});
    auto* comparison = browser.comparison();
    QCOMPARE(comparison->table()->columnCount(), 3);
    QCOMPARE(*comparison->value("throughput", 0), throughput_of("p0000-r0001"));
    const double mean4 =
        (throughput_of("p0004-r0000") + throughput_of("p0004-r0001") + throughput_of("p0004-r0002")) / 3;
    QVERIFY(std::abs(*comparison->value("throughput", 1) - mean4) <= 1e-9 * std::abs(mean4));
    QCOMPARE(*comparison->value("throughput", 2), throughput_of("p0005-r0002"));
    QVERIFY(comparison->table()->horizontalHeaderItem(1)->text().contains("station_groups[0].machines="));
    QVERIFY(comparison->table()->item(0, 1)->text().contains("±")); // a point's mean has its interval
    // Ticking entries in the list does the same; each run is listed with what its point changed.
    auto* list = browser.findChild<QListWidget*>();
    QVERIFY(list != nullptr);
    for (int i = 0; i < list->count(); ++i) {
      const QString id = list->item(i)->data(Qt::UserRole).toString();
      if (id == "p0002-r0000")
        QVERIFY(list->item(i)->text().startsWith("p0002-r0000: station_groups[0].machines="));
      if (id == "p0001 mean" || id == "p0002-r0000")
        list->item(i)->setCheckState(Qt::Checked);
    }
    QCOMPARE(comparison->compared(), (QStringList{"p0002-r0000", "p0001 mean"}));
  }

  void an_experiment_runs_as_a_batch_and_shows_its_points() {
    // Two presses against one, three replications each, compared with the first point: the
    // points table shows each point's throughput and its paired difference, as the file has them.
    using gigatwin::gui::ExperimentDesign;
    QCOMPARE(ExperimentDesign::split_values("1, 2;3  4"), (QStringList{"1", "2", "3", "4"}));
    ExperimentDesign d;
    d.scenario = "x.yaml";
    d.parameters = {{"a", {"1", "2", "3"}}, {"b", {"x", "y"}}};
    QCOMPARE(d.points(), 6); // grid: every combination
    d.zip = true;
    QCOMPARE(d.points(), 0); // side by side needs as many values
    QVERIFY(!d.problems().isEmpty());
    d.parameters[1].values << "z";
    QCOMPARE(d.points(), 3);
    QVERIFY(d.problems().isEmpty());
    d.parameters << ExperimentDesign::Parameter{"a", {"7", "8", "9"}};
    QVERIFY(d.problems().join(" ").contains("varied twice"));

    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    auto* experiment = w.open_experiment();
    QVERIFY(experiment != nullptr);
    QString opened;
    experiment->open_results = [&](const QString& path) { opened = path; };
    experiment->add_parameter("station_groups[0].machines", "1, 2");
    experiment->set_replications(3);
    experiment->set_baseline(0);
    QCOMPARE(experiment->design().points(), 2);
    // The sweep file it writes is one the CLI accepts.
    const QString sweep = dir.filePath("experiment.yaml");
    QVERIFY(experiment->save_sweep(sweep));
    QVERIFY(run_cli({"validate", sweep}));
    QSignalSpy done(experiment, &gigatwin::gui::ExperimentDialog::finished);
    QVERIFY(experiment->run());
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("ok"));
    auto* table = experiment->points_table();
    QCOMPARE(table->rowCount(), 2);
    gigatwin::results::ResultsReader file(experiment->results().toStdString());
    const auto ci = file.read_table("/experiment/confidence");
    for (std::size_t r = 0; r < ci.rows.size(); ++r)
      if (gigatwin::results::text_at(ci, r, "kpi") == "throughput") {
        const int point = static_cast<int>(gigatwin::results::number_at(ci, r, "point"));
        const double mean = gigatwin::results::number_at(ci, r, "mean");
        QVERIFY(table->item(point, 2)->text().startsWith(gigatwin::gui::display::number(mean)));
      }
    QVERIFY(table->item(1, 1)->text().contains("station_groups[0].machines=2"));
    QVERIFY(table->item(1, 3)->text() != "–");         // the paired difference to point 0
    QCOMPARE(table->item(0, 3)->text(), QString("–")); // the baseline against itself: none
  }

  void labour_flows_follow_the_pool_table_by_hand() {
    // The ledger test's roll-out (tests/factory/test_ledger.cpp): 12 winders displaced, 4
    // reassigned to the assemblers, 2 retrained into technicians, 6 laid off. By hand: nothing
    // of the winders stays, the assemblers keep their 4 and get 4, the technicians get 2.
    using gigatwin::results::ColumnType;
    using gigatwin::results::Table;
    Table pools;
    for (const char* c : {"headcount_start", "hires", "layoffs", "attrition", "moved_in", "moved_out",
                          "reassigned_out", "retrained_out", "headcount"})
      pools.columns.push_back({c, ColumnType::int64, "workers", ""});
    pools.columns.insert(pools.columns.begin(), {"name", ColumnType::string, "", ""});
    const auto row = [](const char* name, std::vector<std::int64_t> v) {
      std::vector<gigatwin::results::Cell> cells{std::string(name)};
      for (auto x : v)
        cells.emplace_back(x);
      return cells;
    };
    //                               start hires lay attr in out reass retr end
    pools.rows = {row("assemblers", {4, 0, 0, 0, 4, 0, 0, 0, 8}),
                  row("winders", {12, 0, 6, 0, 0, 6, 4, 2, 0}),
                  row("technicians", {0, 0, 0, 0, 2, 0, 0, 0, 2})};
    Table ledger;
    ledger.columns = {{"time", ColumnType::float64, "s", ""},
                      {"pool", ColumnType::string, "", ""},
                      {"event", ColumnType::string, "", ""},
                      {"count", ColumnType::int64, "workers", ""},
                      {"other_pool", ColumnType::string, "", ""}};
    const auto event = [](double t, const char* pool, const char* e, std::int64_t n, const char* other) {
      return std::vector<gigatwin::results::Cell>{t, std::string(pool), std::string(e), n,
                                                  std::string(other)};
    };
    ledger.rows = {event(10, "winders", "reassign_out", 9, "technicians"), // in the warm-up: not counted
                   event(720000, "winders", "reassign_out", 4, "assemblers"),
                   event(720000, "assemblers", "reassign_in", 4, "winders"),
                   event(748800, "winders", "retrain_out", 2, "technicians"),
                   event(748800, "technicians", "retrain_in", 2, "winders"),
                   event(720000, "winders", "layoff", 6, "")};
    const auto flows = gigatwin::gui::LabourFlows::from_tables(pools, ledger, 3600);
    QVERIFY(flows.has_value());
    QCOMPARE(flows->left, (QVector<QString>{"assemblers", "winders", "technicians", "hired"}));
    QCOMPARE(flows->right, (QVector<QString>{"assemblers", "winders", "technicians", "laid off", "quit"}));
    QCOMPARE(flows->out_of(1), 12.0); // every winder went somewhere
    QCOMPARE(flows->into(0), 8.0);    // the assemblers' headcount at the end
    QCOMPARE(flows->into(2), 2.0);
    QCOMPARE(flows->into(3), 6.0); // laid off
    QCOMPARE(flows->reassigned, 4.0);
    QCOMPARE(flows->retrained, 2.0);
    double winders_to_technicians = 0;
    for (const auto& f : flows->flows)
      if (f.from == 1 && f.to == 2)
        winders_to_technicians += f.workers;
    QCOMPARE(winders_to_technicians, 2.0); // not the 9 of the warm-up's row

    // A pool whose new hires are laid off again within the period: 5 at the start, 3 hired, 4 laid
    // off, 1 quit, 2 moved out (to the first pool), 1 at the end. 5 - 2 - 4 - 1 < 0: 2 of the laid
    // off were hires; 1 hire stays.
    pools.rows = {row("assemblers", {0, 0, 0, 0, 2, 0, 0, 0, 2}),
                  row("winders", {5, 3, 4, 1, 0, 2, 2, 0, 1})};
    ledger.rows = {event(7200, "winders", "reassign_out", 2, "assemblers")};
    const auto hired = gigatwin::gui::LabourFlows::from_tables(pools, ledger, 3600);
    QCOMPARE(hired->out_of(1), 5.0); // the winders at the start
    QCOMPARE(hired->out_of(2), 3.0); // the hires
    QCOMPARE(hired->into(1), 1.0);   // the winders at the end
    QCOMPARE(hired->into(2), 4.0);   // laid off, from both
    QCOMPARE(hired->into(3), 1.0);   // quit

    // A pool that starts empty, hires 3 and passes 2 of them on: every flow out of it comes from
    // its hires (none from its start), and 1 is left at the end.
    pools.rows = {row("assemblers", {0, 0, 0, 0, 2, 0, 0, 0, 2}),
                  row("winders", {0, 3, 0, 0, 0, 2, 2, 0, 1})};
    ledger.rows = {event(7200, "winders", "reassign_out", 2, "assemblers")};
    const auto passed_on = gigatwin::gui::LabourFlows::from_tables(pools, ledger, 3600);
    QCOMPARE(passed_on->out_of(1), 0.0); // the winders at the start: none
    QCOMPARE(passed_on->out_of(2), 3.0); // the hires
    QCOMPARE(passed_on->into(1), 1.0);   // the winders at the end
    QCOMPARE(passed_on->into(0), 2.0);   // the assemblers at the end
  }

  void the_results_browser_draws_a_runs_labour_flows() {
    // The automation roadmap over 100 days: at day 90 the winding goes robotic and its operators
    // are reassigned, retrained or laid off. The diagram's flows add up to the run's own tables.
    QTemporaryDir dir;
    const QString out = dir.filePath("roadmap.h5");
    QVERIFY(run_cli({"run", GIGATWIN_SOURCE_DIR "/scenarios/automation-roadmap.yaml", "--set", "horizon=100d",
                     "-o", out, "-q", "-j", "1"}));
    gigatwin::gui::ResultsWindow browser;
    QVERIFY(browser.open(out));
    browser.show_run("p0000-r0000");
    const auto& flows = browser.labour_flows()->flows();
    QVERIFY(flows.has_value());
    gigatwin::results::ResultsReader file(out.toStdString());
    const auto pools = file.read_table("/runs/p0000-r0000/pools");
    const auto summary = file.read_table("/experiment/summary");
    double layoffs = 0, moved = 0;
    for (std::size_t r = 0; r < pools.rows.size(); ++r) {
      const int i = static_cast<int>(r);
      const auto n = [&](const char* c) { return gigatwin::results::number_at(pools, r, c); };
      QCOMPARE(flows->out_of(i), n("headcount_start"));
      QCOMPARE(flows->into(i), n("headcount"));
      layoffs += n("layoffs");
      moved += n("moved_out");
    }
    QCOMPARE(flows->into(flows->right.size() - 2), layoffs);
    QCOMPARE(flows->layoffs, gigatwin::results::number_at(summary, 0, "layoffs_total"));
    QCOMPARE(flows->reassigned + flows->retrained, moved);
    QVERIFY(moved + layoffs > 0); // the roll-out displaced someone
    QCOMPARE(flows->severance_cost, gigatwin::results::number_at(summary, 0, "severance_cost"));
    browser.compare_labour_with("p0000-r0000");
    QVERIFY(browser.labour_flows_compared()->flows().has_value());
    QImage image(800, 500, QImage::Format_ARGB32);
    image.fill(Qt::white);
    QPainter painter(&image);
    browser.labour_flows()->draw(painter, QRectF(0, 0, 800, 500)); // draws without failing

    // The run report: a PDF of four pages (KPIs, charts, stations, labour flows); a run the file
    // does not have is refused with a message and leaves no file.
    const QString pdf = dir.filePath("report.pdf");
    QString error;
    QVERIFY2(gigatwin::gui::write_run_report({out, "p0000-r0000", pdf, QString()}, &error),
             qPrintable(error));
    QFile report(pdf);
    QVERIFY(report.open(QIODevice::ReadOnly));
    const QByteArray bytes = report.readAll();
    QVERIFY(bytes.startsWith("%PDF-"));
    QCOMPARE(bytes.count("/Type /Page\n") + bytes.count("/Type /Page\r") + bytes.count("/Type /Page "), 4);
    // Two runs' labour flows side by side: still four pages.
    const QString two = dir.filePath("two.pdf");
    QVERIFY2(gigatwin::gui::write_run_report({out, "p0000-r0000", two, "p0000-r0000"}, &error),
             qPrintable(error));
    QVERIFY(QFileInfo(two).size() > 0);
    const QString missing = dir.filePath("missing.pdf");
    QVERIFY(!gigatwin::gui::write_run_report({out, "p0009-r0000", missing, QString()}, &error));
    QVERIFY(error.contains("p0009-r0000"));
    QVERIFY(!QFile::exists(missing));
  }

  void the_results_browser_draws_machine_states_from_the_trace() {
    // The small line, traced: over the measured period (2 h to 2 d) the Gantt chart's busy time
    // of each group, from the trace's state changes, is the station table's utilisation (kept by
    // the state recorder, another path) times the machine time.
    QTemporaryDir dir;
    const QString out = dir.filePath("traced.h5");
    QVERIFY(
        run_cli({"run", write(dir, "small.yaml", small_line_text()), "--trace", "-o", out, "-q", "-j", "1"}));
    gigatwin::gui::ResultsWindow browser;
    QVERIFY(browser.open(out));
    browser.show_run("p0000-r0000");
    gigatwin::results::ResultsReader file(out.toStdString());
    const auto st = file.read_table("/runs/p0000-r0000/stations");
    for (std::size_t r = 0; r < st.rows.size(); ++r) {
      const QString group = QString::fromStdString(gigatwin::results::text_at(st, r, "name"));
      browser.show_machine_states(group, 2 * 3600.0, 2 * 86400.0);
      const auto& states = browser.gantt()->states();
      QVERIFY(states.has_value());
      QCOMPARE(states->machines.size(),
               static_cast<qsizetype>(gigatwin::results::number_at(st, r, "machines")));
      const int busy = static_cast<int>(states->states.indexOf("busy"));
      double busy_s = 0;
      for (int m = 0; m < states->machines.size(); ++m) {
        busy_s += states->time_in(m, busy);
        double covered = 0; // the spans cover the window, without gaps
        for (const auto& s : states->spans[m])
          covered += s.to_s - s.from_s;
        QVERIFY(std::abs(covered - (2 * 86400.0 - 2 * 3600.0)) < 1e-6);
      }
      const double measured = (2 * 86400.0 - 2 * 3600.0) * static_cast<double>(states->machines.size());
      QVERIFY2(std::abs(busy_s / measured - gigatwin::results::number_at(st, r, "utilization")) < 1e-9,
               qPrintable(group));
    }
    // The replay: at any time each group shows, machine by machine, the state the trace has then
    // (read here through the Gantt chart's path), and its buffers never hold fewer than none or
    // more than they can (the weld's holds 3).
    QVERIFY(browser.replay() != nullptr);
    for (const double t : {0.0, 1800.0, 3 * 3600.0 + 17, 86400.0, 2 * 86400.0 - 60}) {
      browser.replay_to(t);
      QCOMPARE(browser.replay_time(), t);
      for (const auto& g : browser.replay()->at(t)) {
        const auto states = gigatwin::gui::MachineStates::read(file, "p0000-r0000", g.name, t, t + 1);
        QVERIFY(states.has_value());
        std::array<int, gigatwin::gui::state_count> counts{};
        for (int m = 0; m < states->machines.size(); ++m) {
          const int state = states->state_at(m, t);
          QVERIFY(state >= 0 && state < gigatwin::gui::state_count); // the whole trace: every state known
          ++counts[static_cast<std::size_t>(state)];
        }
        QVERIFY2(counts == g.states, qPrintable(QString("%1 at %2 s").arg(g.name).arg(t)));
        QVERIFY(g.buffer >= 0);
        if (g.name == "weld")
          QVERIFY(g.buffer <= 3);
      }
    }
    QVERIFY(browser.replay()->complete());
    // Over the measured period the replayed buffers hold, on average, what the station table says
    // they held (the model's own time-average, another path).
    for (std::size_t r = 0; r < st.rows.size(); ++r) {
      const int g = static_cast<int>(browser.replay()->groups().indexOf(
          QString::fromStdString(gigatwin::results::text_at(st, r, "name"))));
      QVERIFY(g >= 0);
      const double replayed = browser.replay()->buffer_mean(g, 2 * 3600.0, 2 * 86400.0);
      const double kept = gigatwin::results::number_at(st, r, "buffer_mean");
      QVERIFY2(std::abs(replayed - kept) <= 1e-9 * std::max(1.0, kept),
               qPrintable(QString("%1: replayed %2, table %3").arg(g).arg(replayed).arg(kept)));
    }
    QVERIFY(browser.replay()->buffer_mean(0, 2 * 3600.0, 2 * 86400.0) > 0); // the press's queue is seen

    // A window the wrong way round says so; an untraced run says how to get a trace.
    browser.show_machine_states("press", 86400.0, 3600.0);
    QVERIFY(!browser.gantt()->states().has_value());
    const QString plain = dir.filePath("plain.h5");
    QVERIFY(run_cli({"run", write(dir, "small2.yaml", small_line_text()), "-o", plain, "-q", "-j", "1"}));
    QVERIFY(browser.open(plain));
    browser.show_run("p0000-r0000");
    QVERIFY(!browser.gantt()->states().has_value());
    QVERIFY(browser.replay() == nullptr);
  }

  void the_results_browser_shows_an_assemblys_part_buffers() {
    // Cells and housings from saturated sources, a module of 2 cells and 1 housing: one row per
    // part buffer, with its time-average content.
    QTemporaryDir dir;
    const QString scenario = write(dir, "modules.yaml",
                                   "schema: 1\nname: modules\nhorizon: 10h\nsource: {saturated: true}\n"
                                   "station_groups:\n  - {name: cells, process_time: 1min}\n"
                                   "  - {name: housings, process_time: 2min}\n"
                                   "  - {name: assemble, process_time: 30s}\n"
                                   "routing:\n  product: cell\n  steps: [{station_group: cells}]\n"
                                   "products:\n  - name: housing\n    source: {saturated: true}\n"
                                   "    steps: [{station_group: housings}]\n"
                                   "  - name: module\n    parts: {cell: 2, housing: 1}\n"
                                   "    steps: [{station_group: assemble}]\n");
    const QString out = dir.filePath("modules.h5");
    QVERIFY(run_cli({"run", scenario, "--out", out, "--quiet"}));
    gigatwin::gui::ResultsWindow browser;
    QVERIFY(browser.open(out));
    browser.show_run("p0000-r0000");
    QVERIFY(!browser.part_buffers()->isHidden());
    QCOMPARE(browser.part_buffers()->rowCount(), 2);
    QCOMPARE(browser.part_buffers()->item(0, 1)->text(), QString("cell"));
    QCOMPARE(browser.part_buffers()->item(1, 1)->text(), QString("housing"));
  }

  void the_plant_editor_edits_validates_and_runs_the_plant() {
    // Every edit goes through the loader the CLI uses; the levers follow; undo walks back; a run
    // simulates the plant as edited.
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    auto* editor = w.editor();
    QCOMPARE(editor->tree()->topLevelItemCount(), 9); // schema, name, ..., routing

    editor->set_value("station_groups[1].machines", "3");
    QCOMPARE(w.all_overrides(), QStringList{"station_groups[1].machines=3"});
    QCOMPARE(w.undo_stack()->undoText(), QString("weld.machines: (default) → 3"));
    QCOMPARE(qobject_cast<QSpinBox*>(w.levers()->lever("station_groups[1].machines"))->value(), 3);
    QVERIFY(w.can_run());

    // A new group comes with its step at the end of the line; renamed, its step follows.
    editor->add_station_group();
    QCOMPARE(w.undo_stack()->undoText(),
             QString("Add station group new_group and its routing step at the end of the line"));
    QVERIFY(w.can_run());
    editor->set_value("station_groups[2].name", "dry");
    QCOMPARE(QString::fromStdString(
                 gigatwin::scenario::node_at(w.document(), "routing.steps[2].station_group")->scalar),
             QString("dry"));
    QVERIFY(w.can_run());
    QVERIFY(w.levers()->lever("station_groups[2].machines") != nullptr); // a lever for the new group

    // A value the loader refuses: shown at its key, the run disabled, the lever panel says so.
    editor->set_value("station_groups[0].process_time", "fast");
    QVERIFY(!w.can_run());
    QCOMPARE(editor->problems().size(), 1);
    QVERIFY(editor->problems().front().startsWith("press.process_time: expected"));
    QVERIFY(editor->problems().front().contains("'fast'"));
    auto* bad = editor->item_at("station_groups[0].process_time");
    QVERIFY(bad != nullptr);
    QCOMPARE(bad->foreground(1).color(), QColor(0xb0, 0x00, 0x20));
    QVERIFY(w.levers()->message().contains("fast"));
    w.undo_stack()->undo();
    QVERIFY(w.can_run());
    QVERIFY(editor->problems().isEmpty());

    // Not YAML at all: refused before it reaches the scenario.
    const auto before = w.undo_stack()->count();
    editor->set_value("station_groups[0].machines", "[1,");
    QCOMPARE(w.undo_stack()->count(), before);
    QVERIFY(editor->message().contains("not a YAML value"));

    // The run simulates three groups, dry the last, with weld's three machines.
    QSignalSpy done(&w, &MainWindow::run_finished);
    w.run();
    QVERIFY(done.wait(120000));
    QCOMPARE(done.takeFirst().at(0).toString(), QString("ok"));
    {
      const gigatwin::results::ResultsReader file(w.last_results().toStdString());
      const auto stations = file.read_table("/runs/p0000-r0000/stations");
      QCOMPARE(stations.rows.size(), std::size_t{3});
      QCOMPARE(gigatwin::results::text_at(stations, 2, "name"), std::string("dry"));
      QCOMPARE(gigatwin::results::number_at(stations, 1, "machines"), 3.0);
    }

    // Removing a group takes its steps along; undo brings both back.
    editor->remove("station_groups[2]");
    QCOMPARE(w.undo_stack()->undoText(), QString("Remove station group dry and 1 step(s) at it"));
    QVERIFY(w.can_run());
    QCOMPARE(gigatwin::scenario::node_at(w.document(), "routing.steps")->items.size(), std::size_t{2});
    w.undo_stack()->undo();
    QCOMPARE(gigatwin::scenario::node_at(w.document(), "routing.steps")->items.size(), std::size_t{3});

    // Reordering steps: the loader's own verdict decides (weld before press is a valid line).
    editor->move("routing.steps[1]", -1);
    QCOMPARE(QString::fromStdString(
                 gigatwin::scenario::node_at(w.document(), "routing.steps[0].station_group")->scalar),
             QString("weld"));
    QVERIFY(w.can_run());
  }

  void the_plant_editor_offers_the_keys_the_schema_allows() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(w.open_scenario(write(dir, "small.yaml", small_line_text())));
    auto* editor = w.editor();
    const QStringList keys = editor->missing_keys("station_groups[1]");
    QVERIFY(keys.contains("setup"));
    QVERIFY(keys.contains("failures"));
    QVERIFY(keys.contains("machines")); // weld does not write it: 1 by default
    QVERIFY(!keys.contains("name"));
    QVERIFY(!keys.contains("process_time"));
    editor->add_key("station_groups[1]", "failures");
    // An empty failures map is not a valid one: the loader says what it needs.
    QVERIFY(!w.can_run());
    QVERIFY(editor->problems().join("\n").contains("weld.failures"));
    editor->set_value("station_groups[1].failures", "{time_to_failure: 10h, time_to_repair: 30min}");
    QVERIFY2(w.can_run(), qPrintable(editor->problems().join("\n")));
    editor->add_key("station_groups[1]", "nonsense");
    QVERIFY(editor->message().contains("cannot be added"));
  }

  void saving_an_extending_scenario_writes_its_changes_over_the_base() {
    QTemporaryDir dir;
    write(dir, "base.yaml", small_line_text());
    const QString ext = write(dir, "ext.yaml", "extends: base.yaml\nname: Longer line\nhorizon: 3d\n");
    MainWindow w;
    QVERIFY(w.open_scenario(ext));
    w.editor()->set_value("station_groups[1].machines", "2");
    w.editor()->add_station_group();
    QVERIFY(w.can_run());
    const QString saved = dir.filePath("ext2.yaml");
    QVERIFY(w.save_scenario_to(saved));
    QVERIFY(w.undo_stack()->isClean());
    QVERIFY(w.all_overrides().isEmpty()); // the saved file is now the scenario
    QFile f(saved);
    QVERIFY(f.open(QIODevice::ReadOnly));
    const QString text = f.readAll();
    QVERIFY(text.startsWith("extends: base.yaml"));
    QVERIFY(!text.contains("60s")); // press is unchanged: it stays in the base
    QVERIFY(text.contains("new_group"));
    QVERIFY(text.contains("remove") == false);
    // Loaded by the CLI's loader, it is the scenario the window had.
    const auto spec = gigatwin::scenario::load_scenario_file(saved.toStdString());
    QCOMPARE(spec.station_groups.size(), std::size_t{3});
    QCOMPARE(spec.station_groups[1].machines, std::int64_t{2});
    QCOMPARE(spec.horizon_s, 3 * 86400.0);

    // A change an overlay cannot say (the base's groups in another order) is saved whole.
    w.editor()->move("station_groups[1]", -1);
    QVERIFY(w.can_run());
    const QString whole = dir.filePath("ext3.yaml");
    QVERIFY(w.save_scenario_to(whole));
    QVERIFY(w.status_text().contains("whole"));
    QFile g(whole);
    QVERIFY(g.open(QIODevice::ReadOnly));
    QVERIFY(!QString(g.readAll()).contains("extends"));
    QCOMPARE(gigatwin::scenario::load_scenario_file(whole.toStdString()).station_groups[0].name,
             std::string("weld"));
  }

  void the_replay_shows_lots_on_agvs() {
    // The small line with two AGVs (2 trays each) carrying lots from the press to the weld: at
    // any time the replay's lots in transit to the weld are the trays that left on a carrier and
    // have not arrived yet, counted here from the trace's rows.
    QTemporaryDir dir;
    QByteArray text = small_line_text();
    text.replace("      buffer: 3\n",
                 "      buffer: 3\n      transport: {type: agv, count: 2, capacity: 2, travel_time: 5min, "
                 "return_time: 5min, max_wait: 1min}\n");
    const QString out = dir.filePath("agv.h5");
    QVERIFY(run_cli({"run", write(dir, "agv.yaml", text), "--trace", "-o", out, "-q", "-j", "1"}));
    gigatwin::gui::ResultsWindow browser;
    QVERIFY(browser.open(out));
    browser.show_run("p0000-r0000");
    QVERIFY(browser.replay() != nullptr);
    QVERIFY(browser.replay()->complete());
    gigatwin::results::ResultsReader file(out.toStdString());
    const auto kinds = file.read_table("/runs/p0000-r0000/trace/kinds");
    std::int64_t departed = -1, arrived = -1;
    for (std::size_t r = 0; r < kinds.rows.size(); ++r) {
      const auto name = gigatwin::results::text_at(kinds, r, "name");
      if (name == "carrier_departed")
        departed = static_cast<std::int64_t>(gigatwin::results::number_at(kinds, r, "index"));
      if (name == "carrier_arrived")
        arrived = static_cast<std::int64_t>(gigatwin::results::number_at(kinds, r, "index"));
    }
    const auto events = file.read_table("/runs/p0000-r0000/trace/events");
    int seen_moving = 0;
    for (double t = 3600; t < 2 * 86400.0; t += 997) {
      int on_board = 0, carriers = 0;
      for (std::size_t r = 0; r < events.rows.size(); ++r) {
        if (gigatwin::results::number_at(events, r, "time") > t)
          break;
        const auto kind = static_cast<std::int64_t>(gigatwin::results::number_at(events, r, "kind"));
        const int sign = kind == departed ? 1 : kind == arrived ? -1 : 0;
        on_board += sign * static_cast<int>(gigatwin::results::number_at(events, r, "count"));
        carriers += sign;
      }
      QVERIFY(carriers >= 0 && carriers <= 2 && on_board <= 2 * carriers);
      gigatwin::gui::StationLive weld;
      for (const auto& g : browser.replay()->at(t))
        if (g.name == "weld")
          weld = g;
      QCOMPARE(weld.in_transit, on_board);
      QCOMPARE(weld.carriers, carriers);
      QCOMPARE(weld.transport, QString("agv"));
      browser.replay_to(t);
      QCOMPARE(browser.replay_floor()->transit_tag("weld"),
               on_board > 0 ? QString::number(on_board) : QString());
      seen_moving += on_board > 0;
    }
    QVERIFY(seen_moving > 0); // 50 trays/h on 5 min trips: some are always under way
    for (const auto& g : browser.replay()->at(86400.0))
      if (g.name == "press")
        QCOMPARE(g.in_transit, -1); // nothing carries lots to the press
  }

  void a_scenario_is_drafted_from_plant_data_and_opened() {
    // The small line's log: File > New scenario from plant data drafts its two groups and route
    // and opens the draft, which is then a scenario like any (it validates, it can run).
    QTemporaryDir dir;
    const QString scen = write(dir, "small.yaml", small_line_text());
    const QString log = dir.filePath("plant.csv");
    QVERIFY(run_cli({"emulate", scen, "-o", log, "--set", "horizon=5d", "-q"}));
    MainWindow w;
    const QString draft = dir.filePath("draft.yaml");
    QVERIFY(w.new_scenario_from_plant_data(log, draft));
    QVERIFY(QFileInfo::exists(draft));
    QVERIFY(w.can_run());
    const auto spec = gigatwin::scenario::load_scenario_file(draft.toStdString());
    QCOMPARE(spec.station_groups.size(), std::size_t{2});
    QCOMPARE(QString::fromStdString(spec.steps[0].station_group), QString("press"));
    QCOMPARE(QString::fromStdString(spec.steps[1].station_group), QString("weld"));
    // A log no route can be drafted from: said, nothing opened.
    const QString empty = write(dir, "empty.csv", "time,kind\n0,machine_state\n");
    MainWindow other;
    QVERIFY(!other.new_scenario_from_plant_data(empty, dir.filePath("nothing.yaml")));
    QVERIFY(!QFileInfo::exists(dir.filePath("nothing.yaml")));
  }

  void plant_data_is_fitted_and_applied_undoably() {
    // An emulated plant whose press is twice as slow as the scenario says: the import's report
    // shows the fit, Apply puts it into the scenario as edited (the lever move made before
    // stays), and undo takes it back.
    QTemporaryDir dir;
    const QString scen = write(dir, "small.yaml", small_line_text());
    const QString log = dir.filePath("plant.csv");
    QVERIFY(run_cli({"emulate", scen, "-o", log, "--set",
                     "station_groups[0].process_time={dist: exponential, mean: 120s}", "--set",
                     "source.rate=20/h", "--set", "horizon=20d", "-q"}));
    MainWindow w;
    QVERIFY(w.open_scenario(scen));
    w.editor()->set_value("station_groups[1].machines", "2");
    auto* import = w.import_plant_data(log);
    QVERIFY(import != nullptr);
    QSignalSpy done(import, &gigatwin::gui::PlantDataImport::finished);
    QVERIFY(done.wait(120000));
    QVERIFY2(import->succeeded(), qPrintable(import->report()));
    QVERIFY(import->report().contains("press process time: n = "));
    // The report's plots, one a fitted quantity, drawn from their SVG.
    QVERIFY(import->plots().contains("press-process-time.svg"));
    import->show_plot(static_cast<int>(import->plots().indexOf("press-process-time.svg")));
    QVERIFY(!import->shown_plot().isNull());
    QVERIFY(import->shown_plot().width() > 400);
    const auto before = w.undo_stack()->count();
    import->apply();
    QCOMPARE(w.undo_stack()->count(), before + 1);
    QVERIFY(w.undo_stack()->undoText().startsWith("Apply the plant data fit from plant.csv"));
    QVERIFY(w.can_run());
    // The press's fitted mean is about 120 s (n ~ 9,600: SE ~1.2 s; 10 % is far outside chance).
    std::vector<std::string> overrides;
    for (const auto& o : w.all_overrides())
      overrides.push_back(o.toStdString());
    const auto spec = gigatwin::scenario::load_scenario_file(scen.toStdString(), overrides);
    const auto& press = spec.station_groups[0].initial().process_time;
    using gigatwin::core::DistributionKind;
    const double mean = press.kind == DistributionKind::gamma     ? press.a * press.b
                        : press.kind == DistributionKind::weibull ? press.b * std::tgamma(1 + 1 / press.a)
                                                                  : press.a; // exponential, lognormal, normal
    QVERIFY2(std::abs(mean - 120) < 12, qPrintable(QString::number(mean)));
    QCOMPARE(spec.station_groups[1].machines, std::int64_t{2}); // the edit made before the import stays
    w.undo_stack()->undo();
    QCOMPARE(w.all_overrides(), QStringList{"station_groups[1].machines=2"});
  }

  void a_broken_scenario_is_refused() {
    QTemporaryDir dir;
    MainWindow w;
    QVERIFY(!w.open_scenario(write(dir, "bad.yaml", "schema: 1\nname: x\nhorizon: [\n")));
    QVERIFY(!w.can_run());
    QVERIFY(w.status_text().contains("Cannot open"));
  }
};

QTEST_MAIN(GuiTest)
#include "test_gui.moc"
