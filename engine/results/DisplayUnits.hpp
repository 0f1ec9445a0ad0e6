#pragma once
// DisplayUnits: the one rule for the units a KPI is shown in, shared by `gigatwin run`,
// `gigatwin inspect` and the desktop app, so that a quantity reads the same everywhere: times of
// lots (stored in s) in hours, fractions (stored as 1) in %, years as "years". Files keep their
// own units; only what a person reads changes. Other units are shown as stored.

#include "results/Table.hpp"

#include <string>
#include <string_view>

namespace gigatwin::results {

class ResultsReader;

struct DisplayUnit {
  double factor;     ///< shown = stored x factor
  std::string units; ///< what the shown number is in
};

DisplayUnit display_unit(std::string_view stored_units);
/// A KPI's: as above, and for the KPIs of the good lots out (throughput, output, cost and energy
/// per unit, lost output) "lots" named after what the line makes ("packs/h", "KRW/pack"); WIP,
/// scrap and rework count lots of every product and keep "lots". `lot_noun` empty: "lots".
DisplayUnit display_unit(std::string_view kpi, std::string_view stored_units, std::string_view lot_noun);

/// The plural a unit takes ("pack" -> "packs", "cell_tray" -> "cell trays", "battery" -> "batteries").
std::string plural(std::string_view product);
/// What the line makes, from a run's products table (`/runs/<id>/products`): the one product
/// with good lots out; empty when several (or none) have them.
std::string lot_noun(const Table& products);
/// The same from run group `run_group` ("/runs/p0000-r0000") of `file`; empty without a table.
std::string lot_noun(const ResultsReader& file, const std::string& run_group);
/// The same for a whole file: its first run with a products table says.
std::string lot_noun(const ResultsReader& file);

/// "lots" and "lot" in `units` named after `lot_noun` ("lots/h" -> "packs/h"); unchanged when empty.
std::string name_lots(std::string_view units, std::string_view lot_noun);

/// `v` as a person reads it, with `significant` digits and never an exponent ("785988",
/// "218.3", "0.0001235"; "nan" for NaN). No thousands separators: the CLI's output is also read
/// by scripts.
std::string plain_number(double v, int significant = 6);

} // namespace gigatwin::results
