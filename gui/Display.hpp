#pragma once
// Display: how the app writes numbers and units for a planner — round axis ticks, values to a few
// significant digits with thousands separators and never an exponent, big money and energy in
// k / M / bn, times of lots in hours, "lots" named after what the line makes, and a readable
// label for each KPI the app shows. Pure functions of their arguments (tested on their own);
// what a KPI means comes from the results file (its summary's column descriptions).

#include <QString>

namespace gigatwin::gui::display {

/// A round step for about `ticks` intervals over [0, span]: 1, 2, 2.5 or 5 times a power of ten
/// (whole numbers only, at least 1, when `whole` — people, machines, lots).
double nice_step(double span, int ticks = 5, bool whole = false);

/// A value axis from 0: its top, a multiple of its step at or above `max` (1 when max <= 0).
struct Axis {
  double top;
  double step;
};
Axis nice_axis(double max, int ticks = 5, bool whole = false);

/// A value axis over [lo, hi] that need not start at 0 (the means of a sweep): its ends are
/// multiples of its round step around the data.
struct Range {
  double low;
  double high;
  double step;
};
Range nice_range(double lo, double hi, int ticks = 5);

/// The decimals a tick label needs to show multiples of `step` exactly (0 for 5, 1 for 2.5).
int decimals_for(double step);

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

/// The plural a unit takes ("pack" -> "packs", "cell_tray" -> "cell trays").
QString plural(const QString& product);

} // namespace gigatwin::gui::display
