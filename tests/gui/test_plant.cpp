// File > Connect to plant, offscreen: the plant window fed the live twin's payloads directly (the
// floor's groups and counts, a forecast's band, actuals inside and outside their interval, the
// drift banner in words and readable units, bad messages counted and changing nothing), the
// connect dialog's checks, the window at the common screen sizes, and the whole path through a
// Mosquitto of the test's own (127.0.0.1, a free port, stopped at the end): retained messages
// arrive at once, live ones as published, a broker gone and back is followed.

#include "ConnectDialog.hpp"
#include "FloorView.hpp"
#include "ForecastChart.hpp"
#include "MainWindow.hpp"
#include "PlantLink.hpp"
#include "PlantWindow.hpp"

#include "scenario/ScenarioLoader.hpp"

#include <QAction>
#include <QLabel>
#include <QLineEdit>
#include <QMenuBar>
#include <QPointer>
#include <QProcess>
#include <QPushButton>
#include <QSignalSpy>
#include <QTemporaryDir>
#include <QTest>

#include <arpa/inet.h>
#include <netinet/in.h>
#include <pwd.h>
#include <sys/socket.h>
#include <unistd.h>

using gigatwin::gui::ConnectDialog;
using gigatwin::gui::ConnectSettings;
using gigatwin::gui::PlantLink;
using gigatwin::gui::PlantWindow;
using Topic = gigatwin::gui::PlantLink::Topic;

namespace {
// Monday 5 January 2026, 12:00:12 UTC: press busy (1 machine, 9 lots waiting, no limit), weld's
// two machines one busy and one down (3 lots waiting of 3).
const QByteArray floor_message =
    R"({"type":"sample","time_s":43212,"at":"2026-01-05T12:00:12Z","wip":17,"completed":412,"throughput":48.5,)"
    R"("stations":[{"name":"press","mode":"manual","machines":1,"buffer":9,"buffer_capacity":null,)"
    R"("states":{"idle":0,"setup":0,"busy":1,"blocked":0,"down":0,"waiting_operator":0,"off_shift":0,"halted":0}},)"
    R"({"name":"weld","mode":"manual","machines":2,"buffer":3,"buffer_capacity":3,)"
    R"("states":{"idle":0,"setup":0,"busy":1,"blocked":0,"down":1,"waiting_operator":0,"off_shift":0,"halted":0}}]})";

/// Forecast `index` from `from`, 12 h: 30 lots (27 to 33) by the shift's end at 8 h, 45.5 (41 to 50)
/// by the horizon's end; naive 44.
QByteArray forecast_message(int index, const QString& from, const QString& shift_end, const QString& end) {
  return QString(
             R"({"forecast":%1,"from":"%2","from_s":86400,"horizon_s":43200,"replications":6,"interval":0.9,)"
             R"("output":[{"at":"%3","at_s":115200,"mean":30,"low":27,"high":33},)"
             R"({"at":"%4","at_s":129600,"mean":45.5,"low":41,"high":50}],)"
             R"("naive":44,"bottleneck":"press","bottleneck_share":0.8,"wall_s":1.2})")
      .arg(index)
      .arg(from, shift_end, end)
      .toUtf8();
}
const QByteArray forecast_1 =
    forecast_message(1, "2026-01-06T00:00:00Z", "2026-01-06T08:00:00Z", "2026-01-06T12:00:00Z");
const QByteArray forecast_2 =
    forecast_message(2, "2026-01-06T12:00:00Z", "2026-01-06T16:00:00Z", "2026-01-07T00:00:00Z");

QByteArray actual_message(int index, const QString& from, double actual, bool covered) {
  return QString(R"({"forecast":%1,"from":"%2","horizon_s":43200,"actual":%3,"forecast_mean":45.5,"low":41,)"
                 R"("high":50,"covered":%4,"naive":44})")
      .arg(index)
      .arg(from)
      .arg(actual)
      .arg(covered ? "true" : "false")
      .toUtf8();
}

// The winders failing four times as often: a mean time to failure of 7,200 s (2 h) before, 1,800 s
// (30 min) after.
const QByteArray drift_message =
    R"({"station_group":"weld","quantity":"time_to_failure","at":"2026-01-06T14:00:00Z","at_s":136800,)"
    R"("direction":"down","mean_before_s":7200,"mean_after_s":1800,"refit_family":"exponential","observations":33})";

const QByteArray status_message =
    R"({"state":"following","events_received":1250,"events_applied":1247,"events_dropped":3,"forecasts":2,)"
    R"("drifts":1,"plant_time":"2026-01-05T12:00:12Z","lots_in_plant":17})";

/// The width of a group's bar (all states), in scene pixels.
double bar_total(const gigatwin::gui::FloorView& floor, const QString& group) {
  double total = 0;
  for (double w : floor.bar_widths(group))
    total += w;
  return total;
}

/// A port no one listens on now, on 127.0.0.1 (the kernel's pick for port 0).
int free_port() {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = 0;
  socklen_t length = sizeof address;
  int port = -1;
  if (::bind(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0 &&
      ::getsockname(s, reinterpret_cast<sockaddr*>(&address), &length) == 0)
    port = ntohs(address.sin_port);
  ::close(s);
  return port;
}

bool accepts(int port) {
  const int s = ::socket(AF_INET, SOCK_STREAM, 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  address.sin_port = htons(static_cast<uint16_t>(port));
  const bool ok = ::connect(s, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0;
  ::close(s);
  return ok;
}

/// A Mosquitto of the test's own on 127.0.0.1, stopped when it goes out of scope (whatever failed).
class Broker {
public:
  /// `access`: the configuration's access lines (anyone, by default).
  explicit Broker(const QString& dir, QByteArray access = "allow_anonymous true\n")
      : conf_(dir + "/mosquitto.conf"), access_(std::move(access)) {}
  ~Broker() { stop(); }
  Broker(const Broker&) = delete;
  Broker& operator=(const Broker&) = delete;

  static QString program() { return "/usr/sbin/mosquitto"; }
  bool start() {
    if (port_ < 0)
      port_ = free_port();
    QFile conf(conf_);
    if (!conf.open(QIODevice::WriteOnly))
      return false;
    QByteArray text = QString("listener %1 127.0.0.1\n").arg(port_).toUtf8() + access_;
    // Started as root, Mosquitto would turn into the `mosquitto` user: stay who we are.
    if (::geteuid() == 0)
      text += QByteArray("user ") + ::getpwuid(::geteuid())->pw_name + "\n";
    conf.write(text);
    conf.close();
    process_.start(program(), {"-c", conf_});
    if (!process_.waitForStarted(5000))
      return false;
    for (int i = 0; i < 100; ++i, QTest::qWait(50))
      if (accepts(port_))
        return true;
    return false;
  }
  void stop() {
    if (process_.state() == QProcess::NotRunning)
      return;
    process_.terminate();
    if (!process_.waitForFinished(5000)) {
      process_.kill();
      process_.waitForFinished(2000);
    }
  }
  /// mosquitto_pub -q 1 (-r when retained); true when it exits 0.
  bool publish(const QString& topic, const QByteArray& payload, bool retained) const {
    QStringList args = {"-h", "127.0.0.1", "-p", QString::number(port_),    "-q", "1",
                        "-t", topic,       "-m", QString::fromUtf8(payload)};
    if (retained)
      args << "-r";
    return QProcess::execute("mosquitto_pub", args) == 0;
  }
  QString url() const { return QString("mqtt://127.0.0.1:%1").arg(port_); }

private:
  QString conf_;
  QByteArray access_;
  int port_ = -1;
  QProcess process_;
};
} // namespace

class PlantTest : public QObject {
  Q_OBJECT
private slots:
  void a_floor_message_shows_its_groups_and_counts() {
    PlantWindow w;
    QVERIFY(w.groups().isEmpty());
    w.take(Topic::floor, floor_message);
    QCOMPARE(w.ignored_messages(), 0);
    QCOMPARE(w.groups(), QStringList({"press", "weld"}));
    QVERIFY(!w.laid_out_from_scenario()); // no scenario: the message's own groups
    // A box each, press first (left of weld); none for a group the message does not list.
    QVERIFY(w.floor()->box_corner("weld").x() > w.floor()->box_corner("press").x());
    QCOMPARE(bar_total(*w.floor(), "paint"), 0.0);
    // The bars split by state: press all busy; weld half busy (1 of 2), half down.
    const auto press = w.floor()->bar_widths("press");
    const auto weld = w.floor()->bar_widths("weld");
    const double full = bar_total(*w.floor(), "press");
    QVERIFY(full > 0);
    QCOMPARE(press[2], full); // busy
    QCOMPARE(weld[2], full / 2);
    QCOMPARE(weld[4], full / 2); // down
    QCOMPARE(weld[0], 0.0);      // none idle
    // 2026-01-05 is a Monday.
    const QString header = w.header_text();
    QVERIFY2(header.contains("Mon 5 Jan 2026 12:00:12 UTC"), qPrintable(header));
    QVERIFY2(header.contains("lots in the plant: 17;"), qPrintable(header));
    QVERIFY2(header.contains("good lots out: 412;"), qPrintable(header));
    QVERIFY2(header.contains("throughput: 48.5 lots/h"), qPrintable(header));

    // The status names the twin's state and counts.
    w.take(Topic::status, status_message);
    QVERIFY2(w.status_text().contains("Twin: following — 1,247 events applied, 3 dropped, 2 forecast(s)"),
             qPrintable(w.status_text()));
  }

  void the_floor_is_laid_out_as_the_scenario_when_their_groups_match() {
    const auto spec =
        gigatwin::scenario::load_scenario_file(GIGATWIN_SOURCE_DIR "/tests/data/small-line.yaml");
    PlantWindow same(spec);
    same.take(Topic::floor, floor_message);
    QVERIFY(same.laid_out_from_scenario());
    QCOMPARE(same.floor()->bar_widths("weld")[4], bar_total(*same.floor(), "weld") / 2);
    // Another plant's floor (a group the scenario lacks): laid out from the message.
    PlantWindow other(spec);
    QByteArray paint = floor_message;
    paint.replace("\"weld\"", "\"paint\"");
    other.take(Topic::floor, paint);
    QVERIFY(!other.laid_out_from_scenario());
    QCOMPARE(other.groups(), QStringList({"press", "paint"}));
    QVERIFY(bar_total(*other.floor(), "paint") > 0);
    QCOMPARE(bar_total(*other.floor(), "weld"), 0.0);
  }

  void a_forecast_adds_a_band_point_and_its_path() {
    PlantWindow w;
    auto* chart = w.forecasts();
    QVERIFY(chart->band().isEmpty());
    QCOMPARE(chart->path_points(), 0);
    w.take(Topic::forecast, forecast_1);
    QCOMPARE(w.ignored_messages(), 0);
    QCOMPARE(chart->band().size(), 1);
    // The band holds the horizon's output (the last point's interval) at the forecast's start.
    QCOMPARE(chart->band()[0].from, QDateTime(QDate(2026, 1, 6), QTime(0, 0), Qt::UTC));
    QCOMPARE(chart->band()[0].low, 41.0);
    QCOMPARE(chart->band()[0].high, 50.0);
    // Its path: the start (0 lots), the shift's end, the horizon's end.
    QCOMPARE(chart->path_points(), 3);
    QVERIFY2(chart->summary().contains("45.5 good lots in the next 12 h (90 %: 41 to 50), naive 44."),
             qPrintable(chart->summary()));
    QVERIFY2(chart->summary().contains("Bottleneck: press (in 80 % of the runs)"),
             qPrintable(chart->summary()));
    // The next forecast adds a point; the same one delivered again (retained) does not.
    w.take(Topic::forecast, forecast_2);
    w.take(Topic::forecast, forecast_1);
    QCOMPARE(chart->band().size(), 2);
    QCOMPARE(chart->band()[1].from, QDateTime(QDate(2026, 1, 6), QTime(12, 0), Qt::UTC));
    QVERIFY(chart->summary().startsWith("Forecast 2 from Tue 6 Jan 2026 12:00 UTC"));
  }

  void actuals_are_marked_covered_or_not_as_the_twin_says() {
    PlantWindow w;
    auto* chart = w.forecasts();
    w.take(Topic::forecast, forecast_1);
    w.take(Topic::forecast, forecast_2);
    QCOMPARE(chart->actual_points(true), 0);
    QCOMPARE(chart->actual_points(false), 0);
    // 44 lots, inside 41 to 50.
    w.take(Topic::actual, actual_message(1, "2026-01-06T00:00:00Z", 44, true));
    QCOMPARE(chart->actual_points(true), 1);
    QCOMPARE(chart->actual_points(false), 0);
    // 30 lots, below 41: outside.
    w.take(Topic::actual, actual_message(2, "2026-01-06T12:00:00Z", 30, false));
    QCOMPARE(chart->actual_points(true), 1);
    QCOMPARE(chart->actual_points(false), 1);
    QVERIFY2(chart->summary().contains("came to 30 good lots, outside its interval (41 to 50)"),
             qPrintable(chart->summary()));
    // An actual whose forecast came before the app connected brings its interval into the band.
    w.take(Topic::actual, actual_message(0, "2026-01-05T12:00:00Z", 46, true));
    QCOMPARE(chart->band().size(), 3);
    QCOMPARE(chart->band()[0].from, QDateTime(QDate(2026, 1, 5), QTime(12, 0), Qt::UTC));
    QCOMPARE(chart->actual_points(true), 2);
    QCOMPARE(w.ignored_messages(), 0);
  }

  void the_drift_banner_says_what_drifted_in_words_and_readable_units() {
    PlantWindow w;
    w.show();
    QVERIFY(QTest::qWaitForWindowExposed(&w));
    QVERIFY(!w.drift_shown());
    w.take(Topic::drift, drift_message);
    QVERIFY(w.drift_shown());
    const QString text = w.drift_text();
    QVERIFY2(text.contains("Drift at weld"), qPrintable(text));
    QVERIFY2(text.contains("time to failure got shorter"), qPrintable(text));
    // 7,200 s is 2 h; 1,800 s is 30 min.
    QVERIFY2(text.contains("mean 2 h before, 30 min now"), qPrintable(text));
    QVERIFY2(text.contains("Forecasts now use the refit (exponential)"), qPrintable(text));
    QVERIFY2(!text.contains("7200") && !text.contains("1800") && !text.contains("time_to_failure"),
             qPrintable(text));
    // Dismissed, it stays hidden when the same (retained) drift comes again after a reconnect...
    QPushButton* dismiss = nullptr;
    for (auto* b : w.findChildren<QPushButton*>())
      if (b->text() == "Dismiss")
        dismiss = b;
    QVERIFY(dismiss != nullptr);
    QTest::mouseClick(dismiss, Qt::LeftButton);
    QVERIFY(!w.drift_shown());
    w.take(Topic::drift, drift_message);
    QVERIFY(!w.drift_shown());
    // ... and a new one shows: press's process times up from 95 s (1.58 min) to 150 s (2.5 min).
    w.take(
        Topic::drift,
        R"({"station_group":"press","quantity":"process_time","at":"2026-01-07T02:00:00Z","direction":"up",)"
        R"("mean_before_s":95,"mean_after_s":150,"refit_family":"lognormal","observations":25})");
    QVERIFY(w.drift_shown());
    QVERIFY2(w.drift_text().contains("Drift at press: its process time got longer — mean 1.58 min before, "
                                     "2.5 min now"),
             qPrintable(w.drift_text()));
    // Refined (the refit made again with 50 of the new times: 160 s, 2.67 min): the same drift,
    // still against the scenario's mean, the first refit's said.
    const QByteArray refined =
        R"({"station_group":"press","quantity":"process_time","at":"2026-01-07T06:00:00Z","direction":"up",)"
        R"("mean_before_s":150,"mean_after_s":160,"refit_family":"lognormal","observations":50,"refined":true})";
    w.take(Topic::drift, refined);
    QVERIFY(w.drift_shown());
    QVERIFY2(w.drift_text().contains("Drift at press: its process time got longer — mean 1.58 min before, "
                                     "2.67 min now (refit refined Wed 7 Jan 2026 06:00:00 UTC from 50 "
                                     "observations; the first refit said 2.5 min). Forecasts now use the "
                                     "refined fit (lognormal)."),
             qPrintable(w.drift_text()));
    // A refinement is no new drift: dismissed, the alert stays so, its text kept up to date.
    QTest::mouseClick(dismiss, Qt::LeftButton);
    w.take(Topic::drift, QByteArray(refined).replace(R"("observations":50)", R"("observations":100)"));
    QVERIFY(!w.drift_shown());
    QVERIFY(w.drift_text().contains("from 100 observations"));
    QCOMPARE(w.ignored_messages(), 0);
    // Connected after the drift, a window knows only the refinement: said as such.
    PlantWindow later;
    later.show();
    QVERIFY(QTest::qWaitForWindowExposed(&later));
    later.take(Topic::drift, refined);
    QVERIFY(later.drift_shown());
    QVERIFY2(
        later.drift_text().contains("Drift at press: its process time drifted; its refit, refined Wed 7 Jan "
                                    "2026 06:00:00 UTC from 50 observations, has a mean of 2.67 min (the "
                                    "previous fit's: 2.5 min)."),
        qPrintable(later.drift_text()));
  }

  void a_malformed_payload_is_counted_and_changes_nothing() {
    PlantWindow w;
    w.take(Topic::floor, floor_message);
    w.take(Topic::forecast, forecast_1);
    w.take(Topic::actual, actual_message(1, "2026-01-06T00:00:00Z", 44, true));
    w.take(Topic::drift, drift_message);
    QCOMPARE(w.ignored_messages(), 0);
    const QString header = w.header_text(), drift = w.drift_text(), summary = w.forecasts()->summary();
    const auto weld = w.floor()->bar_widths("weld");
    const auto band = w.forecasts()->band();
    // A floor message padded with spaces past 64 KiB: valid JSON, still refused unparsed.
    QByteArray huge = floor_message;
    huge.insert(1, QByteArray(70 * 1024, ' '));
    QByteArray more_states = floor_message; // 3 machines in states, 2 in the group
    more_states.replace(R"("busy":1,"blocked":0,"down":1)", R"("busy":2,"blocked":0,"down":1)");
    QByteArray negative = floor_message;
    negative.replace(R"("wip":17)", R"("wip":-3)");
    QByteArray twice = floor_message; // two groups of one name
    twice.replace("\"press\"", "\"weld\"");
    QByteArray backwards = forecast_1; // 41 to 50 becomes 51 to 50
    backwards.replace(R"("low":41)", R"("low":51)");
    QByteArray no_covered = actual_message(2, "2026-01-06T12:00:00Z", 30, false);
    no_covered.replace(R"("covered":false,)", "");
    QByteArray colour = drift_message;
    colour.replace("time_to_failure", "colour");
    QByteArray refined_yes = drift_message; // "refined" is true or false
    refined_yes.replace(R"("observations":33)", R"("observations":33,"refined":"yes")");
    QByteArray bad_date = drift_message;
    bad_date.replace("2026-01-06T14:00:00Z", "yesterday");
    const QList<QPair<Topic, QByteArray>> bad = {
        {Topic::floor, "not json"},
        {Topic::floor, "[1,2,3]"},
        {Topic::floor, floor_message.left(floor_message.size() / 2)}, // cut short
        {Topic::floor, huge},
        {Topic::floor, more_states},
        {Topic::floor, negative},
        {Topic::floor, twice},
        {Topic::floor, R"({"type":"sample","time_s":"soon","stations":[]})"},
        {Topic::forecast, backwards},
        {Topic::forecast, R"({"forecast":3,"from":"2026-01-07T00:00:00Z","horizon_s":43200,"output":[]})"},
        {Topic::forecast, QByteArray(forecast_2).replace(R"("mean":45.5)", R"("mean":"NaN")")},
        {Topic::actual, no_covered},
        {Topic::drift, colour},
        {Topic::drift, bad_date},
        {Topic::drift, refined_yes},
        {Topic::status, R"({"state":"following","events_applied":"many"})"},
        {Topic::status, "{}"},
    };
    for (const auto& [topic, payload] : bad)
      w.take(topic, payload);
    QCOMPARE(w.ignored_messages(), static_cast<int>(bad.size()));
    QCOMPARE(w.header_text(), header);
    QCOMPARE(w.drift_text(), drift);
    QCOMPARE(w.forecasts()->summary(), summary);
    QCOMPARE(w.floor()->bar_widths("weld"), weld);
    QCOMPARE(w.forecasts()->band().size(), band.size());
    QCOMPARE(w.forecasts()->band()[0].low, band[0].low);
    QCOMPARE(w.forecasts()->actual_points(false), 0);
    QCOMPARE(w.groups(), QStringList({"press", "weld"}));
    QVERIFY2(
        w.status_text().contains(QString("%1 bad message(s) ignored, the last on status").arg(bad.size())),
        qPrintable(w.status_text()));
    // What comes after them still counts.
    w.take(Topic::forecast, forecast_2);
    QCOMPARE(w.forecasts()->band().size(), 2);
    QCOMPARE(w.ignored_messages(), static_cast<int>(bad.size()));
  }

  void the_connect_dialog_says_what_is_wrong_before_connecting() {
    QString why;
    QCOMPARE(PlantLink::broker_uri("mqtt://127.0.0.1:1883", &why), QString("tcp://127.0.0.1:1883"));
    QCOMPARE(PlantLink::broker_uri("mqtts://broker.plant:8883", &why), QString("ssl://broker.plant:8883"));
    QVERIFY(PlantLink::broker_uri("http://broker:80", &why).isEmpty());
    QVERIFY(why.contains("mqtt://host:port"));

    ConnectDialog dialog;
    QVERIFY2(dialog.problem().isEmpty(), qPrintable(dialog.problem())); // the defaults connect
    QVERIFY(dialog.connect_button()->isEnabled());
    QCOMPARE(dialog.settings().url, QString("mqtt://127.0.0.1:1883"));
    QCOMPARE(dialog.settings().prefix, QString("gigatwin/twin"));
    dialog.url_edit()->setText("http://127.0.0.1:1883");
    QVERIFY2(dialog.problem().contains("mqtt://host:port or mqtts://host:port"),
             qPrintable(dialog.problem()));
    QVERIFY(!dialog.connect_button()->isEnabled());
    dialog.url_edit()->setText("mqtt://127.0.0.1"); // no port
    QVERIFY(!dialog.connect_button()->isEnabled());
    dialog.url_edit()->setText("mqtt://127.0.0.1:1883");
    QVERIFY(dialog.connect_button()->isEnabled());
    for (const char* wild : {"gigatwin/#", "gigatwin/+/twin"}) {
      dialog.prefix_edit()->setText(wild);
      QVERIFY2(dialog.problem().contains("wildcard"), qPrintable(dialog.problem()));
      QVERIFY(!dialog.connect_button()->isEnabled());
    }
    dialog.prefix_edit()->setText("gigatwin/twin/");
    QVERIFY2(dialog.problem().contains("ends with '/'"), qPrintable(dialog.problem()));
    dialog.prefix_edit()->setText("plant-7/twin");
    QVERIFY(dialog.connect_button()->isEnabled());

    QTemporaryDir dir;
    ConnectSettings s;
    s.user = "viewer";
    s.password = ConnectSettings::Password::file;
    s.password_file = dir.filePath("missing");
    QVERIFY(gigatwin::gui::settings_problem(s).contains("does not exist"));
    s.password_file = dir.path();
    QVERIFY(gigatwin::gui::settings_problem(s).contains("is not a file"));
    QFile secret(dir.filePath("secret"));
    QVERIFY(secret.open(QIODevice::WriteOnly));
    secret.write("s3cret\nnot this line\n");
    secret.close();
    s.password_file = secret.fileName();
    const auto config = gigatwin::gui::link_config(s, &why);
    QVERIFY2(config.has_value(), qPrintable(why));
    QCOMPARE(config->password, QString("s3cret"));
    QCOMPARE(config->user, QString("viewer"));
    s.user.clear(); // a password without a user
    QVERIFY(gigatwin::gui::settings_problem(s).contains("fill in the user"));
    s.user = "viewer";
    s.password = ConnectSettings::Password::environment;
    qunsetenv("GIGATWIN_MQTT_PASSWORD");
    QVERIFY(gigatwin::gui::settings_problem(s).contains("GIGATWIN_MQTT_PASSWORD is not set"));
    qputenv("GIGATWIN_MQTT_PASSWORD", "from-env");
    QCOMPARE(gigatwin::gui::link_config(s, &why)->password, QString("from-env"));
    qunsetenv("GIGATWIN_MQTT_PASSWORD");
    s.password = ConnectSettings::Password::none;
    s.ca_file = secret.fileName(); // a CA file with plain TCP
    QVERIFY(gigatwin::gui::settings_problem(s).contains("mqtts://"));
    s.url = "mqtts://127.0.0.1:8883";
    QVERIFY(gigatwin::gui::settings_problem(s).isEmpty());
    s.ca_file = dir.filePath("no-ca.pem");
    QVERIFY(gigatwin::gui::settings_problem(s).contains("CA file"));
  }

  void nothing_is_clipped_at_the_common_screen_sizes() {
    for (const QSize size : {QSize(1366, 768), QSize(1920, 1080)}) {
      const auto spec =
          gigatwin::scenario::load_scenario_file(GIGATWIN_SOURCE_DIR "/tests/data/small-line.yaml");
      PlantWindow w(spec);
      w.take(Topic::floor, floor_message);
      w.take(Topic::status, status_message);
      w.take(Topic::forecast, forecast_1);
      w.take(Topic::actual, actual_message(1, "2026-01-06T00:00:00Z", 44, true));
      w.take(Topic::drift, drift_message);
      w.take(Topic::floor, "bad"); // the status line's longest form
      w.resize(size);
      w.show();
      QVERIFY(QTest::qWaitForWindowExposed(&w));
      QCoreApplication::processEvents();
      QVERIFY(w.width() <= size.width() && w.height() <= size.height());
      for (QLabel* label : w.findChildren<QLabel*>()) {
        if (!label->isVisible() || label->text().isEmpty())
          continue;
        const bool fits = label->wordWrap() ? label->height() >= label->heightForWidth(label->width())
                                            : label->width() >= label->sizeHint().width();
        QVERIFY2(fits, qPrintable(QString("at %1x%2: '%3' in %4x%5, needs %6x%7")
                                      .arg(size.width())
                                      .arg(size.height())
                                      .arg(label->text().left(60))
                                      .arg(label->width())
                                      .arg(label->height())
                                      .arg(label->sizeHint().width())
                                      .arg(label->wordWrap() ? label->heightForWidth(label->width())
                                                             : label->sizeHint().height())));
      }
      // The charts and the floor keep room to be read.
      QVERIFY(w.floor()->height() >= 150);
      QVERIFY(w.forecasts()->height() >= 240);
    }
  }

  void a_link_with_no_broker_is_refused_with_the_reason() {
    const int port = free_port();
    PlantLink link({QString("mqtt://127.0.0.1:%1").arg(port), "gigatwin/twin", {}, {}, {}});
    QSignalSpy states(&link, &PlantLink::state_changed);
    link.open();
    QTRY_COMPARE_WITH_TIMEOUT(link.state(), PlantLink::State::refused, 15000);
    QVERIFY2(link.state_text().contains(QString("cannot connect to mqtt://127.0.0.1:%1").arg(port)),
             qPrintable(link.state_text()));
    QVERIFY(states.size() >= 2); // connecting, refused
    // A bad URL is refused before any connection.
    PlantLink bad({"mqtt://127.0.0.1", "gigatwin/twin", {}, {}, {}});
    bad.open();
    QCOMPARE(bad.state(), PlantLink::State::refused);
    QVERIFY(bad.state_text().contains("mqtt://host:port"));
  }

  void the_plant_view_follows_a_real_broker() {
    if (!QFileInfo::exists(Broker::program()))
      QSKIP("no Mosquitto at /usr/sbin/mosquitto");
    QTemporaryDir dir;
    Broker broker(dir.path());
    QVERIFY(broker.start());
    // Retained before the app connects: the latest floor, forecast, drift and status at once.
    QVERIFY(broker.publish("gigatwin/twin/floor", floor_message, true));
    QVERIFY(broker.publish("gigatwin/twin/forecast", forecast_1, true));
    QVERIFY(broker.publish("gigatwin/twin/drift", drift_message, true));
    QVERIFY(broker.publish("gigatwin/twin/status", status_message, true));
    // Another twin's prefix: not this window's.
    QVERIFY(broker.publish("other/twin/floor", QByteArray(floor_message).replace("press", "paint"), true));

    // Through the main window, the small line open: its layout for the floor.
    gigatwin::gui::MainWindow planner;
    QVERIFY(planner.open_scenario(GIGATWIN_SOURCE_DIR "/tests/data/small-line.yaml"));
    bool has_action = false;
    for (QAction* a : planner.menuBar()->actions().front()->menu()->actions())
      has_action = has_action || a->text() == "Connect to p&lant...";
    QVERIFY(has_action);
    PlantWindow* w = planner.connect_to_plant({broker.url(), "gigatwin/twin", {}, {}, {}});
    QVERIFY(w != nullptr && w->link() != nullptr);
    QTRY_COMPARE_WITH_TIMEOUT(w->link()->state(), PlantLink::State::connected, 10000);
    QTRY_COMPARE_WITH_TIMEOUT(w->groups(), QStringList({"press", "weld"}), 10000);
    QVERIFY(w->laid_out_from_scenario());
    QCOMPARE(w->floor()->bar_widths("weld")[4], bar_total(*w->floor(), "weld") / 2);
    QTRY_COMPARE_WITH_TIMEOUT(w->forecasts()->band().size(), 1, 10000);
    QTRY_VERIFY_WITH_TIMEOUT(w->drift_shown(), 10000);
    QVERIFY(w->drift_text().contains("time to failure"));
    QTRY_VERIFY_WITH_TIMEOUT(w->status_text().contains("1,247 events applied"), 10000);
    QVERIFY2(w->status_text().contains("Broker: connected to " + broker.url()), qPrintable(w->status_text()));

    // Live: an actual (not retained) and a bad floor message.
    QVERIFY(
        broker.publish("gigatwin/twin/actual", actual_message(1, "2026-01-06T00:00:00Z", 30, false), false));
    QTRY_COMPARE_WITH_TIMEOUT(w->forecasts()->actual_points(false), 1, 10000);
    QCOMPARE(w->forecasts()->actual_points(true), 0);
    QVERIFY(broker.publish("gigatwin/twin/floor", "{\"type\":\"sample\"", false));
    QTRY_COMPARE_WITH_TIMEOUT(w->ignored_messages(), 1, 10000);
    QByteArray huge = floor_message; // valid JSON, 70 KiB
    huge.insert(1, QByteArray(70 * 1024, ' '));
    QVERIFY(broker.publish("gigatwin/twin/floor", huge, false));
    QTRY_COMPARE_WITH_TIMEOUT(w->ignored_messages(), 2, 10000);
    QVERIFY2(w->status_text().contains("over 64 KiB"), qPrintable(w->status_text()));
    QCOMPARE(w->groups(), QStringList({"press", "weld"}));

    // The broker goes and comes back (same port): lost, then connected again, subscribed again.
    broker.stop();
    QTRY_COMPARE_WITH_TIMEOUT(w->link()->state(), PlantLink::State::reconnecting, 10000);
    QVERIFY2(w->status_text().contains("lost"), qPrintable(w->status_text()));
    QVERIFY(broker.start());
    QTRY_COMPARE_WITH_TIMEOUT(w->link()->state(), PlantLink::State::connected, 30000);
    QVERIFY(broker.publish("gigatwin/twin/forecast", forecast_2, true));
    QTRY_COMPARE_WITH_TIMEOUT(w->forecasts()->band().size(), 2, 10000);

    // Closing the window disconnects, and the link goes with it.
    const QPointer<PlantLink> link = w->link();
    w->close();
    QVERIFY(!link.isNull());
    QCOMPARE(link->state(), PlantLink::State::disconnected);
    QTRY_VERIFY_WITH_TIMEOUT(link.isNull(), 5000);
  }

  void a_broker_asking_for_a_password_lets_the_right_one_in() {
    if (!QFileInfo::exists(Broker::program()))
      QSKIP("no Mosquitto at /usr/sbin/mosquitto");
    QTemporaryDir dir;
    const QString passwords = dir.filePath("passwords");
    QCOMPARE(QProcess::execute("mosquitto_passwd", {"-c", "-b", passwords, "viewer", "s3cret"}), 0);
    Broker broker(dir.path(), "allow_anonymous false\npassword_file " + passwords.toUtf8() + "\n");
    QVERIFY(broker.start());
    QVERIFY(broker.publish("gigatwin/twin/status", status_message, true) == false); // anonymous: refused

    // A wrong password: refused with the broker's reason, which never shows the password.
    PlantWindow wrong;
    wrong.attach(new PlantLink({broker.url(), "gigatwin/twin", "viewer", "guessed-wrong", {}}));
    wrong.link()->open();
    QTRY_COMPARE_WITH_TIMEOUT(wrong.link()->state(), PlantLink::State::refused, 15000);
    QVERIFY2(wrong.status_text().contains("refused the connection: bad user name or password") ||
                 wrong.status_text().contains("refused the connection: not authorised"),
             qPrintable(wrong.status_text()));
    QVERIFY(!wrong.status_text().contains("guessed-wrong"));
    QVERIFY(!wrong.windowTitle().contains("guessed-wrong"));

    // The right one, from a file as the dialog reads it.
    QFile file(dir.filePath("password"));
    QVERIFY(file.open(QIODevice::WriteOnly));
    file.write("s3cret\n");
    file.close();
    ConnectSettings asked;
    asked.url = broker.url();
    asked.user = "viewer";
    asked.password = ConnectSettings::Password::file;
    asked.password_file = file.fileName();
    QString why;
    const auto config = gigatwin::gui::link_config(asked, &why);
    QVERIFY2(config.has_value(), qPrintable(why));
    PlantWindow right;
    right.attach(new PlantLink(*config));
    right.link()->open();
    QTRY_COMPARE_WITH_TIMEOUT(right.link()->state(), PlantLink::State::connected, 10000);
    QVERIFY(!right.status_text().contains("s3cret"));
  }
};

QTEST_MAIN(PlantTest)
#include "test_plant.moc"
