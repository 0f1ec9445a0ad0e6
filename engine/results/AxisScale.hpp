#pragma once
// AxisScale: round numbers for a chart's axis — steps of 1, 2, 2.5 or 5 times a power of ten, ends
// on multiples of the step, and the decimals a tick label needs. One rule for the desktop app's
// charts and the plots the CLI writes (the fit report's P-P and Q-Q plots), so their ticks read
// alike. Pure functions; no units (see DisplayUnits).

namespace gigatwin::results {

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

} // namespace gigatwin::results
