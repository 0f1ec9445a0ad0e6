#pragma once
// DisplayUnits: the one rule for the units a KPI is shown in, shared by `gigatwin run`,
// `gigatwin inspect` and the desktop app, so that a quantity reads the same everywhere: times of
// lots (stored in s) in hours, fractions (stored as 1) in %, years as "years". Files keep their
// own units; only what a person reads changes. Other units are shown as stored.

#include <string>
#include <string_view>

namespace gigatwin::results {

struct DisplayUnit {
  double factor;     ///< shown = stored x factor
  std::string units; ///< what the shown number is in
};

DisplayUnit display_unit(std::string_view stored_units);

/// `v` as a person reads it, with `significant` digits and never an exponent ("785988",
/// "218.3", "0.0001235"; "nan" for NaN). No thousands separators: the CLI's output is also read
/// by scripts.
std::string plain_number(double v, int significant = 6);

} // namespace gigatwin::results
