// gigatwin-gui: the planner's desktop app. `gigatwin-gui [scenario.yaml] [--run] [--results FILE.h5]
// [--connect URL [--twin-topic PREFIX] [--mqtt-user NAME --mqtt-password-file FILE] [--mqtt-ca FILE]]`.
#include "ConnectDialog.hpp"
#include "MainWindow.hpp"

#include <QApplication>
#include <QCommandLineParser>

#include <iostream>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("gigatwin-gui");
  QApplication::setApplicationVersion(GIGATWIN_VERSION);
  QCommandLineParser parser;
  parser.setApplicationDescription(
      "GigaTwin — the planner's window on the battery gigafactory twin\n\n"
      "With --connect, a window on a live twin (`gigatwin twin --mqtt URL`) opens at once, as File > "
      "Connect to plant does: its floor, forecasts, drift alerts and status. The password (with "
      "--mqtt-user) comes from --mqtt-password-file (its first line) or the environment variable "
      "GIGATWIN_MQTT_PASSWORD, never the command line.");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("scenario", "Scenario file (YAML) to open");
  const QCommandLineOption run_option("run", "Run the scenario as soon as it is open");
  parser.addOption(run_option);
  const QCommandLineOption results_option("results", "Open a results file (HDF5) in the results browser",
                                          "file");
  parser.addOption(results_option);
  const QCommandLineOption connect_option(
      "connect", "Follow the live twin at this MQTT broker: mqtt://host:port or mqtts://host:port", "url");
  const QCommandLineOption topic_option(
      "twin-topic", "The twin's topic prefix (gigatwin twin --topic; default gigatwin/twin)", "prefix",
      "gigatwin/twin");
  const QCommandLineOption user_option("mqtt-user", "The broker's user (default: anonymous)", "name");
  const QCommandLineOption password_option(
      "mqtt-password-file", "The user's password: this file's first line (else GIGATWIN_MQTT_PASSWORD)",
      "file");
  const QCommandLineOption ca_option("mqtt-ca", "mqtts: the authority (PEM) to check the broker against",
                                     "file");
  parser.addOptions({connect_option, topic_option, user_option, password_option, ca_option});
  parser.process(app);

  std::optional<gigatwin::gui::PlantLinkConfig> plant;
  if (parser.isSet(connect_option)) {
    gigatwin::gui::ConnectSettings asked;
    asked.url = parser.value(connect_option);
    asked.prefix = parser.value(topic_option);
    asked.user = parser.value(user_option);
    asked.ca_file = parser.value(ca_option);
    using Password = gigatwin::gui::ConnectSettings::Password;
    asked.password = parser.isSet(password_option) ? Password::file
                     : !asked.user.isEmpty() && qEnvironmentVariableIsSet("GIGATWIN_MQTT_PASSWORD")
                         ? Password::environment
                         : Password::none;
    asked.password_file = parser.value(password_option);
    QString why;
    plant = gigatwin::gui::link_config(asked, &why);
    if (!plant) {
      std::cerr << "gigatwin-gui: --connect: " << why.toStdString() << "\n";
      return 2;
    }
  }

  gigatwin::gui::MainWindow window;
  window.show();
  const QStringList args = parser.positionalArguments();
  if (!args.isEmpty() && window.open_scenario(args.front()) && parser.isSet(run_option))
    window.run();
  if (parser.isSet(results_option))
    window.open_results(parser.value(results_option));
  if (plant)
    window.connect_to_plant(*plant);
  return QApplication::exec();
}
