#include "Display.hpp"

#include "results/DisplayUnits.hpp"

#include <QLocale>
#include <QMap>

#include <array>
#include <cmath>

namespace gigatwin::gui::display {

namespace {
// Thousands separators and a decimal point whatever the desktop's language: the numbers must
// read the same as the CLI's and the files'.
const QLocale& locale() {
  static const QLocale english(QLocale::English, QLocale::UnitedStates);
  return english;
}
} // namespace

QString number(double v, int significant) {
  if (std::isnan(v))
    return QStringLiteral("–");
  if (std::isinf(v))
    return v > 0 ? QStringLiteral("∞") : QStringLiteral("−∞");
  if (v == 0)
    return QStringLiteral("0");
  const double magnitude = std::floor(std::log10(std::abs(v)));
  const int decimals = std::clamp(significant - 1 - static_cast<int>(magnitude), 0, 12);
  QString text = locale().toString(v, 'f', decimals);
  if (decimals > 0) { // 3.500 reads as 3.5
    while (text.endsWith('0'))
      text.chop(1);
    if (text.endsWith('.'))
      text.chop(1);
  }
  if (text == "-0")
    text = "0";
  return text;
}

Scaled scaled(double max_abs, const QString& units, const QString& currency) {
  const double m = std::abs(max_abs);
  if (units == "kWh") {
    if (m >= 1e6)
      return {1e-6, "GWh"};
    if (m >= 1e3)
      return {1e-3, "MWh"};
  } else if (units == "kW") {
    if (m >= 1e3)
      return {1e-3, "MW"};
  } else if (!currency.isEmpty() && units.startsWith(currency)) {
    if (m >= 1e9)
      return {1e-9, "bn " + units};
    if (m >= 1e6)
      return {1e-6, "M " + units};
    if (m >= 1e4)
      return {1e-3, "k " + units};
  }
  return {1.0, units};
}

QString duration(double s) {
  if (!(s >= 0) || std::isinf(s))
    return QStringLiteral("–");
  if (s < 60)
    return number(s, 3) + " s";
  if (s < 3600)
    return number(s / 60, 3) + " min";
  if (s < 2 * 86400)
    return number(s / 3600, 3) + " h";
  return number(s / 86400, 3) + " days";
}

QString plural(const QString& product) {
  return QString::fromStdString(results::plural(product.toStdString()));
}

QString name_lots(const QString& units, const QString& lot_noun) {
  return QString::fromStdString(results::name_lots(units.toStdString(), lot_noun.toStdString()));
}

KpiView kpi_view(const QString& kpi, const QString& file_units, const QString& lot_noun) {
  static const QMap<QString, QString> labels = {
      {"throughput", "Throughput"},
      {"output", "Output"},
      {"cycle_time_mean", "Mean cycle time"},
      {"lead_time_p50", "Lead time, median"},
      {"lead_time_p90", "Lead time, 90th percentile"},
      {"lead_time_p95", "Lead time, 95th percentile"},
      {"lead_time_p99", "Lead time, 99th percentile"},
      {"wip_mean", "Work in process (mean)"},
      {"scrap", "Scrap"},
      {"rejected", "Turned away at the entry"},
      {"cost_per_unit", "Cost per unit"},
      {"total_cost", "Total cost"},
      {"labour_cost", "Labour cost"},
      {"labour_hours", "Paid labour hours"},
      {"labour_share", "Labour share of cost"},
      {"energy_kwh", "Energy used"},
      {"energy_cost", "Energy cost"},
      {"kwh_per_unit", "Energy per unit"},
      {"energy_per_kwh", "Energy per kWh of battery made"},
      {"output_kwh", "Battery made"},
      {"headcount_end", "Headcount at the end"},
      {"layoffs_total", "Layoffs"},
      {"robots", "Robots"},
      {"capital_spent", "Capital spent"},
      {"first_pass_yield", "First-pass yield"},
      {"rework", "Lots reworked"},
      {"escaped_dpm", "Defects escaped"},
      {"inspection_cost", "Inspection cost"},
      {"lost_output", "Output lost to outages"},
      {"time_to_recover_mean", "Time to recover (mean)"},
      {"payback_years", "Payback period"},
  };
  KpiView view;
  view.label = labels.value(kpi);
  if (view.label.isEmpty()) { // any other KPI: its identifier in words
    view.label = QString(kpi).replace('_', ' ');
    if (!view.label.isEmpty())
      view.label[0] = view.label[0].toUpper();
  }
  // The units every command shows (times of lots in hours, fractions in %, the good lots out
  // named after the product): one rule, shared with `run` and `inspect`.
  const results::DisplayUnit shown =
      results::display_unit(kpi.toStdString(), file_units.toStdString(), lot_noun.toStdString());
  view.units = QString::fromStdString(shown.units);
  view.factor = shown.factor;
  return view;
}

} // namespace gigatwin::gui::display
