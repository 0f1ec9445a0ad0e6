#include "ExperimentDesign.hpp"

#include <QRegularExpression>
#include <QSet>

#include <algorithm>

namespace gigatwin::gui {

namespace {
/// A YAML single-quoted scalar: the value exactly as typed.
QString quoted(const QString& s) {
  return "'" + QString(s).replace("'", "''") + "'";
}
} // namespace

QStringList ExperimentDesign::split_values(const QString& text) {
  static const QRegularExpression separators(QStringLiteral("[,;\\s]+"));
  return text.split(separators, Qt::SkipEmptyParts);
}

int ExperimentDesign::points() const {
  if (parameters.isEmpty())
    return 1;
  if (zip) {
    const auto n = parameters.front().values.size();
    for (const auto& p : parameters)
      if (p.values.size() != n)
        return 0;
    return static_cast<int>(n);
  }
  qint64 n = 1;
  for (const auto& p : parameters)
    n = std::min<qint64>(n * p.values.size(), 1'000'000);
  return static_cast<int>(n);
}

QStringList ExperimentDesign::problems() const {
  QStringList out;
  if (scenario.isEmpty())
    out << "Open a scenario first.";
  QSet<QString> keys;
  for (const auto& p : parameters) {
    if (p.key.trimmed().isEmpty())
      out << "A parameter has no key (e.g. station_groups[2].machines).";
    else if (keys.contains(p.key))
      out << "The key " + p.key + " is varied twice.";
    keys.insert(p.key);
    if (p.values.isEmpty())
      out << "The key " + p.key + " has no values (e.g. 1, 2, 3).";
  }
  if (zip && points() == 0)
    out << "Side by side (zip), every parameter needs as many values.";
  if (points() > 100'000)
    out << "More than 100,000 points.";
  if (replications < 1)
    out << "At least one replication.";
  if (baseline >= points())
    out << QString("The baseline must be one of the points 0 to %1.").arg(points() - 1);
  return out;
}

QString ExperimentDesign::sweep_yaml() const {
  QString y = "# Written by gigatwin-gui's experiment manager.\nsweep: 1\n";
  y += "scenario: " + quoted(scenario) + "\n";
  y += QString("replications: %1\n").arg(replications);
  y += QString("mode: %1\n").arg(zip ? "zip" : "grid");
  if (baseline >= 0)
    y += QString("baseline: %1\n").arg(baseline);
  if (!parameters.isEmpty()) {
    y += "parameters:\n";
    for (const auto& p : parameters) {
      QStringList values;
      for (const auto& v : p.values)
        values << quoted(v);
      y += "  - {key: " + quoted(p.key) + ", values: [" + values.join(", ") + "]}\n";
    }
  }
  return y;
}

} // namespace gigatwin::gui
