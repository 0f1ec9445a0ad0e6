#pragma once
// Display: how the app writes numbers and units for a planner — round axis ticks, values to a few
// significant digits with thousands separators and never an exponent, big money and energy in
// k / M / bn, times of lots in hours, "lots" named after what the line makes, and a readable
// label for each KPI the app shows. Pure functions of their arguments (tested on their own);
// what a KPI means comes from the results file (its summary's column descriptions).

#include "results/AxisScale.hpp"

#include <QString>

namespace gigatwin::gui::display {

// Round axis ticks: the one rule, shared with the CLI's plots (results/AxisScale.hpp).
using results::Axis;
using results::decimals_for;
using results::nice_axis;
using results::nice_range;
using results::nice_step;
using results::Range;

/// `v` to `significant` digits (whole numbers in full), with thousands separators and no
/// exponent: 3.522, 2,536, 0.000123, 13,680,000. "–" for NaN.
QString number(double v, int significant = 4);

/// A unit scaled for values up to `max_abs`: "kWh" becomes "MWh" or "GWh", "kW" "MW", money
/// ("KRW", "USD/pack") "k KRW", "M KRW", "bn KRW"; other units stay. `factor` multiplies values.
struct Scaled {
  double factor;
  QString units;
};
Scaled scaled(double max_abs, const QString& units, const QString& currency);

/// A KPI as the app shows it: a readable label, the units it is shown in (times of lots in
/// hours, fractions in %, the good lots out named after `lot_noun`) and the factor from the
/// file's units.
struct KpiView {
  QString label;
  QString units;
  double factor = 1.0;
};
KpiView kpi_view(const QString& kpi, const QString& file_units, const QString& lot_noun);

/// "lots" in a unit named after what the line makes ("packs/h", "kWh/pack"); unchanged when
/// `lot_noun` is empty (several products leave the line).
QString name_lots(const QString& units, const QString& lot_noun);

/// A duration of `s` seconds as a planner reads it: "45 s", "16.5 min", "2 h", "3.5 days" (3
/// significant digits; under a minute in s, under an hour in min, under two days in h). "–" for
/// NaN or a negative time.
QString duration(double s);

/// The plural a unit takes ("pack" -> "packs", "cell_tray" -> "cell trays").
QString plural(const QString& product);

} // namespace gigatwin::gui::display
