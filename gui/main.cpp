// gigatwin-gui: the planner's desktop app. `gigatwin-gui [scenario.yaml] [--run] [--results FILE.h5]`.
#include "MainWindow.hpp"

#include <QApplication>
#include <QCommandLineParser>

int main(int argc, char** argv) {
  QApplication app(argc, argv);
  QApplication::setApplicationName("gigatwin-gui");
  QApplication::setApplicationVersion(GIGATWIN_VERSION);
  QCommandLineParser parser;
  parser.setApplicationDescription("GigaTwin — the planner's window on the battery gigafactory twin");
  parser.addHelpOption();
  parser.addVersionOption();
  parser.addPositionalArgument("scenario", "Scenario file (YAML) to open");
  const QCommandLineOption run_option("run", "Run the scenario as soon as it is open");
  parser.addOption(run_option);
  const QCommandLineOption results_option("results", "Open a results file (HDF5) in the results browser",
                                          "file");
  parser.addOption(results_option);
  parser.process(app);

  gigatwin::gui::MainWindow window;
  window.show();
  const QStringList args = parser.positionalArguments();
  if (!args.isEmpty() && window.open_scenario(args.front()) && parser.isSet(run_option))
    window.run();
  if (parser.isSet(results_option))
    window.open_results(parser.value(results_option));
  return QApplication::exec();
}
